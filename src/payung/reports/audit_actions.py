"""The audit actions of reports (see payung/audit/catalogue.py). Reading a report on its page
writes nothing; a file leaves Payung, so it is recorded (ADR 0046). None records a figure of the
report or a person in it: only what was asked for, its size and who read it."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

REPORT_FILE = "reports.ReportFile"

register(
    "report.download",
    label=_("Report downloaded"),
    object_type="programmes.Programme",
    before="Nothing.",
    after="The report (village, programme, district, claims or reconciliation), the format "
    "(xlsx or pdf), the year, the region it covers and the file's size; never a figure or a "
    "name.",
)
register(
    "report_file.request",
    label=_("Report requested for building in the background"),
    object_type=REPORT_FILE,
    before="Nothing.",
    after="The kind of report, the programme's id and the parameters (region code, year or month).",
)
register(
    "report_file.build",
    label=_("Report built in the background"),
    object_type=REPORT_FILE,
    before="Nothing.",
    after="The sizes of the XLSX and the PDF in bytes.",
)
register(
    "report_file.download",
    label=_("Kept report downloaded"),
    object_type=REPORT_FILE,
    before="Nothing.",
    after="The format (XLSX or PDF) and its size in bytes.",
)

"""The audit actions of complaints (see payung/audit/catalogue.py). None of them records the
complaint's text, the complainant's name or contact, or the answer."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

COMPLAINT = "complaints.Complaint"

register(
    "complaint.file",
    label=_("Complaint filed"),
    object_type=COMPLAINT,
    before="Nothing.",
    after="The status (received), the category, public form or village, the programme's id and "
    "the two due dates; never the text, the name or the contact.",
)
register(
    "complaint.acknowledge",
    label=_("Complaint taken up"),
    object_type=COMPLAINT,
    before="The status before (received).",
    after="The status (in progress) and whether the response was late.",
)
register(
    "complaint.answer",
    label=_("Complaint answered"),
    object_type=COMPLAINT,
    before="The status before (in progress).",
    after="The status (answered), the answer's length in characters and whether it was late; "
    "never the answer.",
)
register(
    "complaint.reopen",
    label=_("Complaint reopened"),
    object_type=COMPLAINT,
    before="The status before (answered).",
    after="The status (in progress).",
)
register(
    "complaint.close",
    label=_("Complaint closed"),
    object_type=COMPLAINT,
    before="The status before (answered).",
    after="The status (closed) and whether the complainant had been told.",
)
register(
    "complaint.tell",
    label=_("Complainant told the answer"),
    object_type=COMPLAINT,
    before="Nothing.",
    after="The status the complaint had when the village told the complainant.",
)

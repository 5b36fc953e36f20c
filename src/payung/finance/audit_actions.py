"""The audit actions of bills, payments, reconciliation and arrears (see
payung/audit/catalogue.py)."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

ENROLMENT = "enrolment.Enrolment"

register(
    "payment.record",
    label=_("Payment recorded for a bill"),
    object_type="finance.Payment",
    before="Nothing.",
    after="The bill, its month, the amount, the date paid and the payment reference.",
)
register(
    "enrolment.inactive",
    label=_("Worker inactive for unpaid contributions"),
    object_type=ENROLMENT,
    before="The month the worker was inactive from before (none).",
    after="The month the worker is inactive from, the month checked and the unpaid months.",
)
register(
    "enrolment.active",
    label=_("Worker active again (contributions paid)"),
    object_type=ENROLMENT,
    before="The month the worker was inactive from before.",
    after="No inactive month any more, the month checked and the months still unpaid (none).",
)
register(
    "arrears.update",
    label=_("Arrears checked"),
    object_type="programmes.Programme",
    before="Nothing.",
    after="The month checked and how many workers were checked, flagged inactive and resumed.",
)
register(
    "invoice.import",
    label=_("BPJS invoice imported"),
    object_type="finance.Invoice",
    before="Nothing.",
    after="The file's name and SHA-256 and its lines read, invalid and total amount.",
)
register(
    "bill.issue",
    label=_("Bill issued"),
    object_type="finance.BillMonth",
    before="Nothing.",
    after="The contribution month, the payer's region and the bill's total.",
)
register(
    "bill.adjust",
    label=_("Bill corrected"),
    object_type="finance.AdjustmentLine",
    before="Nothing.",
    after="The month corrected and the amounts billed, due and the difference charged.",
)

"""The audit actions of claims (see payung/audit/catalogue.py)."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

CLAIM = "claims.Claim"
DOCUMENT = "claims.ClaimDocument"
CHILD = "claims.ClaimChild"

register(
    "claim.report",
    label=_("Claim reported"),
    object_type=CLAIM,
    before="Nothing.",
    after="The kind, the event's date and time, on the way to work or not, the reporter's name "
    "and phone (masked); never the place, the cause or the chronology.",
)
register(
    "claim.coverage_check",
    label=_("Claim coverage checked"),
    object_type=CLAIM,
    before="The status before (reported).",
    after="Covered or not on the event date, the programme's id, the KPJ masked and the "
    "reasons' codes.",
)
register(
    "claim_document.upload",
    label=_("Claim document uploaded"),
    object_type=DOCUMENT,
    before="Nothing.",
    after="The document's kind code, file type, size and SHA-256; never its name or content.",
)
register(
    "claim_document.open",
    label=_("Claim document opened"),
    object_type=DOCUMENT,
    before="Nothing.",
    after="The document's kind code and file type.",
)
register(
    "claim.packet",
    label=_("Claim packet made"),
    object_type=CLAIM,
    before="Nothing.",
    after="The packet's language, how many documents it lists and its size in bytes; never the "
    "place, the cause or the chronology it shows.",
)

UNCLAIMED = "claims.UnclaimedDeath"

register(
    "unclaimed_death.open",
    label=_("Possible unclaimed death benefit found"),
    object_type=UNCLAIMED,
    before="Nothing.",
    after="The death date, whether it is exact or at the latest, the programme's id and the "
    "match's reasons' codes.",
)
register(
    "unclaimed_death.claim",
    label=_("Possible unclaimed death benefit reported as a claim"),
    object_type=UNCLAIMED,
    before="The status before (open).",
    after="The status (claimed), the claim's id and kind.",
)
register(
    "unclaimed_death.close",
    label=_("Possible unclaimed death benefit closed"),
    object_type=UNCLAIMED,
    before="The status before (open).",
    after="The status (closed); the reason as the event's reason.",
)
register(
    "claim.export",
    label=_("Claims list downloaded"),
    object_type="region",
    before="Nothing.",
    after="The number of claims in the file.",
)
register(
    "claim.complete",
    label=_("Claim documents declared complete"),
    object_type=CLAIM,
    before="The status before (coverage checked or returned).",
    after="The status, the date the documents were complete, the received documents' kind codes "
    "and the claiming heir's id.",
)
register(
    "claim.submit",
    label=_("Claim submitted to BPJS"),
    object_type=CLAIM,
    before="The status before (documents complete).",
    after="The status, BPJS's claim (receipt) number, the submission date and the claiming "
    "heir's id.",
)
register(
    "claim.pay",
    label=_("Claim paid by BPJS"),
    object_type=CLAIM,
    before="The status before (submitted).",
    after="The status, the amount paid per benefit component, the total, the payment date and "
    "its reference.",
)
register(
    "claim.reject",
    label=_("Claim rejected"),
    object_type=CLAIM,
    before="The status before (coverage checked or submitted).",
    after="The status and the reason.",
)
register(
    "claim.return",
    label=_("Claim returned for documents"),
    object_type=CLAIM,
    before="The status before (submitted).",
    after="The status and what is missing.",
)
register(
    "claim.hand_over",
    label=_("Claim benefit handed over"),
    object_type=CLAIM,
    before="The status before (paid).",
    after="The status, the hand-over date and who handed it over.",
)
register(
    "claim.details",
    label=_("Claim's benefit details recorded"),
    object_type=CLAIM,
    before="Days unable to work, total disability or not, the number of partial-disability rows, "
    "the transport mode and amount, as they were.",
    after="The same, as recorded; the injuries by number only, never named.",
)
register(
    "claim_child.add",
    label=_("Child recorded for the education benefit"),
    object_type=CHILD,
    before="Nothing.",
    after="The claim, the birth year, the school level and grade, the end date if any; never "
    "the name.",
)
register(
    "claim_child.remove",
    label=_("Child removed from a claim"),
    object_type=CHILD,
    before="The claim, the school level and grade.",
    after="Nothing.",
)

"""The audit actions of BPJS registration and coverage (see payung/audit/catalogue.py)."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

BATCH = "enrolment.RegistrationBatch"
CANDIDATE = "registry.Candidate"
COVERAGE = "enrolment.Coverage"

register(
    "registration_batch.create",
    label=_("BPJS registration batch created"),
    object_type=BATCH,
    before="Nothing.",
    after="The batch's number, its first month of coverage and its number of lines.",
)
register(
    "registration.send",
    label=_("Worker sent for BPJS registration"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="The batch's number and its first month of coverage.",
)
register(
    "registration_batch.export",
    label=_("BPJS registration batch exported"),
    object_type=BATCH,
    before="Nothing.",
    after="The file format and the number of lines.",
)
register(
    "registration_batch.answer",
    label=_("BPJS answer imported"),
    object_type=BATCH,
    before="Nothing.",
    after="The answer file's name and SHA-256 and how many lines were registered, refused, "
    "unchanged and invalid.",
)
register(
    "registration.refuse",
    label=_("Registration refused by BPJS"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="The batch's number and BPJS's reason.",
)
register(
    "enrolment.create",
    label=_("Worker enrolled with BPJS"),
    object_type="enrolment.Enrolment",
    before="Nothing.",
    after="The KPJ, batch and programme, the first month covered and the number of months.",
)
register(
    "coverage.create",
    label=_("Coverage period started"),
    object_type=COVERAGE,
    before="Nothing.",
    after="The first month, the number of months and the last month covered.",
)
register(
    "coverage.end",
    label=_("Coverage ended early"),
    object_type=COVERAGE,
    before="The last month covered before, and no end date.",
    after="The last month covered after, the end date and the end reason.",
)
register(
    "candidate.renew",
    label=_("Candidacy renewed in the next programme"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="The programme renewed from and the new programme.",
)

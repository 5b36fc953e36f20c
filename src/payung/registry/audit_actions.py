"""The audit actions of the worker registry (see payung/audit/catalogue.py).

``person.create`` and ``candidate.create`` are also written by the import's commit (set-based,
``audit_bulk_select``), holding what ``snapshot`` would; ``candidate.merge`` also by the workflow
when a merge sets a candidacy aside.
"""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

PERSON = "registry.Person"
CANDIDATE = "registry.Candidate"

register(
    "person.create",
    label=_("Worker registered"),
    object_type=PERSON,
    before="Nothing.",
    after="The new record's fields, the NIK and KK masked.",
)
register(
    "person.update",
    label=_("Worker data corrected"),
    object_type=PERSON,
    before="The corrected fields' values before the correction.",
    after="The corrected fields' new values (and the heirs, when they were replaced).",
)
register(
    "person.merge",
    label=_("Worker record merged into another"),
    object_type=PERSON,
    before="`merged_into` before (none).",
    after="The id of the record kept (`merged_into`) and how many heirs moved to it.",
)
register(
    "person.merge_into",
    label=_("Worker record kept in a merge"),
    object_type=PERSON,
    before="Nothing.",
    after="The id of the record merged into this one and how many candidacies and heirs moved.",
)
register(
    "person.reveal_nik",
    label=_("Full NIK shown"),
    object_type=PERSON,
    before="Nothing.",
    after="Nothing: the reading itself is what is recorded (UU 27/2022).",
)
register(
    "candidate.create",
    label=_("Candidacy created"),
    object_type=CANDIDATE,
    before="Nothing.",
    after="The new candidacy's fields (person, programme, village, status, source batch).",
)
register(
    "candidate.merge",
    label=_("Candidacy moved by a merge"),
    object_type=CANDIDATE,
    before="Its person and status before the merge (or only its status, when it was set aside).",
    after="Its person (the record kept) and status after, or the status `merged` when the kept "
    "record already had a candidacy in that programme.",
)

"""The audit actions of list imports (see payung/audit/catalogue.py). The rows an import commits
are audited as ``person.create`` and ``candidate.create``, declared by the registry."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

BATCH = "imports.ImportBatch"

register(
    "import.upload",
    label=_("List uploaded for import"),
    object_type=BATCH,
    before="Nothing.",
    after="The file's name, SHA-256 and size in bytes.",
)
register(
    "import.refuse",
    label=_("Import refused"),
    object_type=BATCH,
    before="Nothing.",
    after="The error code that refused the file (`code`).",
)
register(
    "import.needs_mapping",
    label=_("Import needs its columns matched"),
    object_type=BATCH,
    before="Nothing.",
    after="The required columns not found in the file (`missing`).",
)
register(
    "import.validate",
    label=_("Import checked"),
    object_type=BATCH,
    before="Nothing.",
    after="The rows per outcome, the error codes found, the probable duplicates and the notes.",
)
register(
    "import.commit",
    label=_("Import saved to the registry"),
    object_type=BATCH,
    before="Nothing.",
    after="The commit mode and how many rows were committed and left out.",
)

"""The audit actions of duplicate finding, record exchange and external lists (see
payung/audit/catalogue.py). Work over a whole region is about the object type ``region``."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

PAIR = "dedupe.DuplicatePair"
FLAG = "dedupe.PersonFlag"

register(
    "duplicate.found",
    label=_("Possible duplicate found"),
    object_type=PAIR,
    before="Nothing.",
    after="The two records of the pair (`person_a`, `person_b`) and its score.",
)
register(
    "duplicate.decide",
    label=_("Possible duplicate decided"),
    object_type=PAIR,
    before="The pair's status before (open).",
    after="Its status after (same person or different people) and the two records.",
)
register(
    "duplicates.scan",
    label=_("Region compared for duplicates"),
    object_type="region",
    before="Nothing.",
    after="How many people were compared, pairs found and pairs new.",
)
register(
    "exchange.export",
    label=_("Tokens exported for a partner"),
    object_type="region",
    before="Nothing.",
    after="The partner and how many tokens were exported.",
)
register(
    "exchange.match_export",
    label=_("Records exported for a province's matching"),
    object_type="region",
    before="Nothing.",
    after="The partner, the installation's name and how many people were exported (sealed).",
)
register(
    "exchange.match",
    label=_("A partner's tokens matched"),
    object_type="region",
    before="Nothing.",
    after="The partner, how many tokens were received and how many people they overlap.",
)
register(
    "external_list.import",
    label=_("List from another source imported"),
    object_type="dedupe.ExternalList",
    before="Nothing.",
    after="The list's kind, source and date, its rows read and unreadable, and how many flags "
    "were raised, kept and ended.",
)
register(
    "flag.raise",
    label=_("Worker found on another list"),
    object_type=FLAG,
    before="Nothing.",
    after="The flag's kind, source and match (exact NIK or probable).",
)
register(
    "flag.end",
    label=_("Worker no longer on another list"),
    object_type=FLAG,
    before="Nothing.",
    after="The ended flag's kind, source and match; the reason names the newer list.",
)

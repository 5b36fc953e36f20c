"""Who receives a death benefit: the order of heirs of PP 44/2015 Pasal 37(5).

The heirs are taken group by group; the first group with anyone in it is entitled, together:

1. the widow or widower, or the children (``spouse``, ``child``);
2. otherwise the worker's blood relatives in the straight line up and down to the second degree
   (``parent``, ``grandparent``, ``grandchild``);
3. otherwise the siblings (``sibling``);
4. otherwise the parents-in-law (``parent_in_law``);
5. otherwise whoever the worker's will names (``will``).

With no heir at all, only the funeral part is paid, to whoever arranged the funeral
(:attr:`HeirDecision.funeral_only`).

The registry records a relation in the words of BPJS's forms (``payung.domain.worker_row.
HeirRelation``: istri, suami, anak, ayah, ibu, saudara, lainnya); :func:`relation_of` maps them.
"lainnya" (other) falls in no group: such a heir is named but not entitled unless recorded with
a more precise relation.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from payung.domain.errors import DomainError, Issue, note, register

NOT_ENTITLED: Final = register(
    "heirs.not_entitled",
    id="{name} ({relation}) bukan ahli waris yang berhak: yang berhak adalah kelompok '{group}'.",
    en="{name} ({relation}) is not an entitled heir: the entitled group is '{group_en}'.",
)
NO_HEIR_CLAIM: Final = register(
    "heirs.none_entitled",
    id="Tidak ada ahli waris; hanya biaya pemakaman yang dibayar, kepada pihak yang mengurus "
    "pemakaman.",
    en="There is no heir; only the funeral costs are paid, to whoever arranged the funeral.",
)
RELATION_UNKNOWN: Final = register(
    "heirs.relation_unknown",
    id="Hubungan ahli waris '{value}' tidak dikenali.",
    en="Heir relation '{value}' is not recognised.",
)
R_GROUP: Final = register(
    "heirs.group",
    id="Berhak: {group} ({count} orang), sesuai urutan ahli waris PP 44/2015 Pasal 37 ayat (5).",
    en="Entitled: {group_en} ({count} people), by the order of heirs of PP 44/2015 Article 37(5).",
)
R_SKIPPED: Final = register(
    "heirs.skipped_other",
    id="{name} tercatat dengan hubungan 'lainnya' dan tidak termasuk urutan ahli waris.",
    en="{name} is recorded as 'other' and falls in no group of heirs.",
)


class Relation(StrEnum):
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    PARENT_IN_LAW = "parent_in_law"
    WILL = "will"  # named in the worker's will
    OTHER = "other"


class Group(StrEnum):
    SPOUSE_OR_CHILDREN = "spouse_or_children"
    LINE_TO_SECOND_DEGREE = "line_to_second_degree"
    SIBLINGS = "siblings"
    PARENTS_IN_LAW = "parents_in_law"
    WILL = "will"


GROUP_LABELS: Final[Mapping[Group, tuple[str, str]]] = {
    Group.SPOUSE_OR_CHILDREN: ("janda/duda atau anak", "widow/widower or children"),
    Group.LINE_TO_SECOND_DEGREE: (
        "keturunan sedarah garis lurus ke atas dan ke bawah sampai derajat kedua",
        "blood relatives in the straight line up and down to the second degree",
    ),
    Group.SIBLINGS: ("saudara kandung", "siblings"),
    Group.PARENTS_IN_LAW: ("mertua", "parents-in-law"),
    Group.WILL: ("pihak yang ditunjuk dalam wasiat", "whoever the will names"),
}

# The order of PP 44/2015 Pasal 37(5), first group first.
ORDER: Final[tuple[tuple[Group, frozenset[Relation]], ...]] = (
    (Group.SPOUSE_OR_CHILDREN, frozenset({Relation.SPOUSE, Relation.CHILD})),
    (
        Group.LINE_TO_SECOND_DEGREE,
        frozenset({Relation.PARENT, Relation.GRANDPARENT, Relation.GRANDCHILD}),
    ),
    (Group.SIBLINGS, frozenset({Relation.SIBLING})),
    (Group.PARENTS_IN_LAW, frozenset({Relation.PARENT_IN_LAW})),
    (Group.WILL, frozenset({Relation.WILL})),
)

# The registry's words (worker_row.HeirRelation values) and a few common others.
_WORDS: Final[Mapping[str, Relation]] = {
    **dict.fromkeys(("istri", "suami", "spouse", "janda", "duda"), Relation.SPOUSE),
    **dict.fromkeys(("anak", "child"), Relation.CHILD),
    **dict.fromkeys(("ayah", "ibu", "parent", "orang tua"), Relation.PARENT),
    **dict.fromkeys(("kakek", "nenek", "grandparent"), Relation.GRANDPARENT),
    **dict.fromkeys(("cucu", "grandchild"), Relation.GRANDCHILD),
    **dict.fromkeys(("saudara", "sibling"), Relation.SIBLING),
    **dict.fromkeys(("mertua", "parent_in_law"), Relation.PARENT_IN_LAW),
    **dict.fromkeys(("wasiat", "will"), Relation.WILL),
    **dict.fromkeys(("lainnya", "other"), Relation.OTHER),
}


def relation_of(recorded: str) -> Relation:
    """The relation a registry value names (``istri`` → spouse, ``ayah`` → parent, …)."""
    relation = _WORDS.get(recorded.strip().lower())
    if relation is None:
        raise DomainError(RELATION_UNKNOWN, value=recorded)
    return relation


def group_of(relation: Relation) -> Group | None:
    return next((group for group, members in ORDER if relation in members), None)


@dataclass(frozen=True)
class RecordedHeir:
    key: Hashable  # the caller's id of the heir
    name: str
    relation: Relation


@dataclass(frozen=True)
class HeirDecision:
    group: Group | None  # None: no heir
    entitled: tuple[RecordedHeir, ...]
    reasons: tuple[Issue, ...]

    @property
    def funeral_only(self) -> bool:
        """No heir: only the funeral part is paid, to whoever arranged the funeral."""
        return self.group is None


def entitled_heirs(heirs: Iterable[RecordedHeir]) -> HeirDecision:
    """The first group of the order with anyone in it, with the reason in words."""
    recorded = tuple(heirs)
    skipped = tuple(note(R_SKIPPED, name=h.name) for h in recorded if group_of(h.relation) is None)
    for group, members in ORDER:
        found = tuple(h for h in recorded if h.relation in members)
        if found:
            label, label_en = GROUP_LABELS[group]
            reason = note(R_GROUP, group=label, group_en=label_en, count=len(found))
            return HeirDecision(group, found, (reason, *skipped))
    return HeirDecision(None, (), (note(NO_HEIR_CLAIM), *skipped))


def check_claimant(decision: HeirDecision, claimant: RecordedHeir) -> None:
    """Refuse a claiming heir outside the entitled group (``heir.not_entitled``)."""
    if claimant in decision.entitled:
        return
    group, group_en = ("-", "-") if decision.group is None else GROUP_LABELS[decision.group]
    raise DomainError(
        NOT_ENTITLED,
        name=claimant.name,
        relation=claimant.relation.value,
        group=group,
        group_en=group_en,
    )

"""The order of heirs of PP 44/2015 Pasal 37(5) (issue 13 item 4)."""

import pytest

from payung.domain.errors import DomainError
from payung.domain.heirs import (
    GROUP_LABELS,
    Group,
    RecordedHeir,
    Relation,
    check_claimant,
    entitled_heirs,
    group_of,
    relation_of,
)
from payung.domain.worker_row import HeirRelation

R = Relation


def heir(key: int, relation: Relation, name: str = "") -> RecordedHeir:
    return RecordedHeir(key, name or f"H{key}", relation)


def test_spouse_and_children_together_first():
    heirs = [heir(1, R.PARENT), heir(2, R.SPOUSE), heir(3, R.CHILD), heir(4, R.SIBLING)]
    decision = entitled_heirs(heirs)
    assert decision.group is Group.SPOUSE_OR_CHILDREN
    assert [h.key for h in decision.entitled] == [2, 3]
    assert decision.funeral_only is False
    assert [r.message() for r in decision.reasons] == [
        "Berhak: janda/duda atau anak (2 orang), sesuai urutan ahli waris PP 44/2015 Pasal 37 "
        "ayat (5)."
    ]
    assert decision.reasons[0].message("en") == (
        "Entitled: widow/widower or children (2 people), by the order of heirs of PP 44/2015 "
        "Article 37(5)."
    )


@pytest.mark.parametrize(
    ("relations", "group", "keys"),
    [
        ([R.CHILD], Group.SPOUSE_OR_CHILDREN, [0]),
        ([R.SIBLING, R.GRANDCHILD, R.GRANDPARENT], Group.LINE_TO_SECOND_DEGREE, [1, 2]),
        ([R.PARENT_IN_LAW, R.PARENT], Group.LINE_TO_SECOND_DEGREE, [1]),
        ([R.WILL, R.PARENT_IN_LAW, R.SIBLING], Group.SIBLINGS, [2]),
        ([R.WILL, R.PARENT_IN_LAW], Group.PARENTS_IN_LAW, [1]),
        ([R.OTHER, R.WILL], Group.WILL, [1]),
    ],
)
def test_the_first_non_empty_group_is_entitled(relations, group, keys):
    decision = entitled_heirs(heir(i, r) for i, r in enumerate(relations))
    assert decision.group is group
    assert [h.key for h in decision.entitled] == keys


def test_no_heir_only_the_funeral_part_to_whoever_arranged_it():
    decision = entitled_heirs([heir(1, R.OTHER, "Pak RT")])
    assert decision.group is None
    assert decision.entitled == ()
    assert decision.funeral_only is True
    assert [r.code for r in decision.reasons] == ["heirs.none_entitled", "heirs.skipped_other"]
    assert decision.reasons[1].message("en") == (
        "Pak RT is recorded as 'other' and falls in no group of heirs."
    )
    assert entitled_heirs([]).reasons[0].message("en") == (
        "There is no heir; only the funeral costs are paid, to whoever arranged the funeral."
    )


def test_other_is_named_beside_an_entitled_group():
    decision = entitled_heirs([heir(1, R.OTHER, "X"), heir(2, R.SIBLING)])
    assert [r.code for r in decision.reasons] == ["heirs.group", "heirs.skipped_other"]
    assert decision.reasons[0].params == {
        "group": "saudara kandung",
        "group_en": "siblings",
        "count": 1,
    }


def test_the_claimant_must_be_in_the_entitled_group():
    wife, father = heir(1, R.SPOUSE, "Siti"), heir(2, R.PARENT, "Ahmad")
    decision = entitled_heirs([wife, father])
    check_claimant(decision, wife)
    with pytest.raises(DomainError) as refused:
        check_claimant(decision, father)
    assert refused.value.code == "heirs.not_entitled"
    assert refused.value.message("en") == (
        "Ahmad (parent) is not an entitled heir: the entitled group is 'widow/widower or children'."
    )
    assert refused.value.message().endswith("adalah kelompok 'janda/duda atau anak'.")
    with pytest.raises(DomainError) as nobody:
        check_claimant(entitled_heirs([]), father)
    assert nobody.value.params == {
        "name": "Ahmad",
        "relation": "parent",
        "group": "-",
        "group_en": "-",
    }


def test_every_registry_relation_maps():
    assert {v: relation_of(v.value) for v in HeirRelation} == {
        HeirRelation.WIFE: R.SPOUSE,
        HeirRelation.HUSBAND: R.SPOUSE,
        HeirRelation.CHILD: R.CHILD,
        HeirRelation.FATHER: R.PARENT,
        HeirRelation.MOTHER: R.PARENT,
        HeirRelation.SIBLING: R.SIBLING,
        HeirRelation.OTHER: R.OTHER,
    }
    assert relation_of(" Mertua ") is R.PARENT_IN_LAW
    assert relation_of("cucu") is R.GRANDCHILD
    assert relation_of("nenek") is R.GRANDPARENT
    assert relation_of("wasiat") is R.WILL
    with pytest.raises(DomainError) as refused:
        relation_of("tetangga")
    assert refused.value.code == "heirs.relation_unknown"
    assert refused.value.params == {"value": "tetangga"}


def test_groups_and_labels():
    assert group_of(R.OTHER) is None
    assert group_of(R.GRANDCHILD) is Group.LINE_TO_SECOND_DEGREE
    assert set(GROUP_LABELS) == set(Group)
    assert all(len(labels) == 2 and all(labels) for labels in GROUP_LABELS.values())

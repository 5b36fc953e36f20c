"""Small-number suppression: the boundaries, the complementary cell, the tree (ADR 0044)."""

from __future__ import annotations

import pytest

from payung.domain.disclosure import (
    DEFAULT_THRESHOLD,
    EXPLAINED_COMPLEMENTARY,
    EXPLAINED_SMALL,
    SAID_COMPLEMENTARY,
    Mask,
    Node,
    Withheld,
    check_threshold,
    disclose,
    is_small,
    said_small,
)
from payung.domain.errors import message_for

SMALL, COMPLEMENT = Withheld.SMALL, Withheld.COMPLEMENTARY


def _row(total: int, *cells: int) -> Node:
    return Node("total", total, tuple(Node(f"c{i}", n) for i, n in enumerate(cells)))


def test_the_default_threshold_is_five():
    assert DEFAULT_THRESHOLD == 5


@pytest.mark.parametrize(
    ("count", "small"), [(0, False), (1, True), (4, True), (5, False), (6, False)]
)
def test_small_means_one_to_four(count, small):
    assert is_small(count) is small


def test_the_threshold_is_configurable():
    assert is_small(9, 10) is True
    assert is_small(10, 10) is False
    assert is_small(1, 1) is False
    assert disclose(Node("r", 9), threshold=10).withheld("r") is SMALL
    assert disclose(Node("r", 10), threshold=10).shown("r")


def test_a_threshold_below_one_is_refused():
    assert check_threshold(1) == 1
    with pytest.raises(ValueError, match=r"^the disclosure threshold is at least 1$"):
        check_threshold(0)
    with pytest.raises(ValueError, match="at least 1"):
        disclose(Node("r", 3), threshold=0)


def test_exactly_five_is_shown_four_is_withheld_zero_is_shown():
    assert disclose(Node("r", 5)).reasons == {}
    assert disclose(Node("r", 4)).reasons == {"r": SMALL}
    assert disclose(Node("r", 0)).reasons == {}


def test_one_small_cell_beside_a_shown_total_takes_the_smallest_other_with_it():
    mask = disclose(_row(33, 3, 20, 10))
    assert mask.reasons == {"c0": SMALL, "c2": COMPLEMENT}
    assert mask.shown("total")
    assert mask.shown("c1")


def test_the_complement_is_never_a_zero_cell_it_would_reveal_nothing():
    mask = disclose(_row(13, 3, 0, 10))
    assert mask.reasons == {"c0": SMALL, "c2": COMPLEMENT}


def test_ties_for_the_complement_go_to_the_first_key():
    assert disclose(_row(23, 3, 10, 10)).reasons == {"c0": SMALL, "c1": COMPLEMENT}


def test_two_small_cells_that_could_be_pinned_by_their_sum_take_a_complement():
    # 20 - 18 = 2 over two hidden cells of at least 1: both would be 1.
    mask = disclose(_row(20, 1, 1, 18))
    assert mask.reasons == {"c0": SMALL, "c1": SMALL, "c2": COMPLEMENT}


def test_a_small_and_a_complementary_cell_are_enough():
    mask = disclose(_row(35, 2, 6, 27))
    assert mask.reasons == {"c0": SMALL, "c1": COMPLEMENT}
    assert mask.shown("c2")


def test_no_small_cell_no_suppression():
    assert disclose(_row(30, 5, 0, 25)).reasons == {}


def test_a_withheld_total_keeps_its_only_other_cell_shown_when_that_cannot_add_up():
    # The total is small: its non-zero cells are small too, all hidden.
    mask = disclose(_row(4, 1, 3, 0))
    assert mask.reasons == {"total": SMALL, "c0": SMALL, "c1": SMALL}


def test_children_of_a_withheld_parent_may_not_all_be_shown():
    district_a = Node("a", 12, (Node("a1", 6), Node("a2", 6)))
    district_b = Node("b", 3, (Node("b1", 3),))
    district_c = Node("c", 85, (Node("c1", 85),))
    mask = disclose(Node("r", 100, (district_a, district_b, district_c)))
    # b is small; a, the smallest other, hides it; a's villages must not add up to a.
    assert mask.withheld("b") is SMALL
    assert mask.withheld("b1") is SMALL
    assert mask.withheld("a") is COMPLEMENT
    assert mask.withheld("a1") is COMPLEMENT
    assert mask.shown("a2")
    assert mask.shown("c")
    assert mask.shown("c1")
    assert mask.shown("r")


def test_a_total_with_no_cell_left_to_hide_is_withheld_itself():
    # The parent's count is more than its children hold (records without a village): the lone
    # small child can only be protected by withholding the total.
    mask = disclose(Node("r", 50, (Node("x", 2), Node("y", 0))))
    assert mask.reasons == {"x": SMALL, "r": COMPLEMENT}


def test_a_complement_at_village_level_runs_up_to_the_fixed_point():
    # Withholding a district total in its own group makes its regency group need a second cell.
    district = Node("d", 50, (Node("v", 2),))
    other = Node("e", 40, (Node("w", 40),))
    mask = disclose(Node("r", 90, (district, other)))
    assert mask.withheld("v") is SMALL
    assert mask.withheld("d") is COMPLEMENT
    assert mask.withheld("e") is COMPLEMENT
    assert mask.withheld("w") is COMPLEMENT  # e's only village would add up to it
    assert mask.shown("r")


def test_amounts_follow_their_count():
    mask = Mask(5, {"x": SMALL})
    assert mask.value("x", 42_000_000) is None
    assert mask.value("y", 42_000_000) == 42_000_000
    assert mask.withheld("y") is None


def test_how_withheld_cells_are_said():
    assert said_small(5) == "< 5"
    assert said_small(10) == "< 10"
    assert message_for(SAID_COMPLEMENTARY, "id") == "disembunyikan"
    assert message_for(SAID_COMPLEMENTARY, "en") == "withheld"
    assert message_for(EXPLAINED_SMALL, "id", threshold=5).startswith("kurang dari 5:")
    assert message_for(EXPLAINED_SMALL, "en", threshold=5).startswith("fewer than 5:")
    assert "jumlahnya" in message_for(EXPLAINED_COMPLEMENTARY, "id")


def test_walk_visits_the_whole_tree_in_order():
    tree = Node("r", 1, (Node("a", 1, (Node("a1", 1),)), Node("b", 0)))
    assert [n.key for n in tree.walk()] == ["r", "a", "a1", "b"]


def test_the_mask_keeps_the_threshold_it_was_made_with():
    assert disclose(Node("32.01", 12), threshold=3).threshold == 3
    assert disclose(Node("32.01", 12)).threshold == 5

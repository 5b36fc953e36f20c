"""Small-number suppression for published aggregates, so no person can be singled out (ADR 0044).

A published table is a tree of counts: the regency, its districts, their villages. A count is
**small** when it lies between 1 and ``threshold - 1`` (5 unless configured): it is withheld and
said as "< 5". Zero is shown: it says that nobody is counted, which singles out no one.

A small cell hidden alone next to a shown total is recovered by subtraction, so every group of
children (the districts of the regency, the villages of a district) is made safe with its parent:

* parent shown — if exactly one child is withheld, or every withheld child is small (their sum,
  the parent less the shown children, may pin them: two hidden cells adding up to 2 are both 1),
  the smallest shown non-zero child is withheld too (**complementary**); when no such child is
  left the parent is withheld instead;
* parent withheld — the children may not all be shown, or they would add up to it: the smallest
  non-zero child is withheld.

A complementary withholding in one group changes its parent's group, so the rules run to a fixed
point; each pass only adds withheld cells, so it ends. Amounts that follow a count (the rupiah of
the claims paid: Rp42,000,000 is one death) are withheld wherever their count is
(:meth:`Mask.withheld`): they are published through the same mask.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from payung.domain.errors import register

DEFAULT_THRESHOLD: Final = 5

SAID_COMPLEMENTARY = register(
    "disclosure.complementary",
    id="disembunyikan",
    en="withheld",
)
EXPLAINED_SMALL = register(
    "disclosure.small_explained",
    id="kurang dari {threshold}: angka kecil tidak ditampilkan agar tidak ada orang yang dapat "
    "dikenali",
    en="fewer than {threshold}: small numbers are not shown so that no person can be singled out",
)
EXPLAINED_COMPLEMENTARY = register(
    "disclosure.complementary_explained",
    id="disembunyikan agar angka kecil di baris lain tidak dapat dihitung dari jumlahnya",
    en="withheld so that a small number elsewhere cannot be worked out from the total",
)


class Withheld(StrEnum):
    SMALL = "small"  # 1 … threshold - 1
    COMPLEMENTARY = "complementary"  # hidden so that subtraction cannot reveal a small cell


@dataclass(frozen=True)
class Node:
    """One count of the published tree, keyed (a region code), with the counts below it."""

    key: str
    count: int
    children: tuple[Node, ...] = ()

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Mask:
    """Which keys are withheld, and why; a key not in it is shown."""

    threshold: int
    reasons: dict[str, Withheld] = field(default_factory=dict)

    def withheld(self, key: str) -> Withheld | None:
        return self.reasons.get(key)

    def shown(self, key: str) -> bool:
        return key not in self.reasons

    def value(self, key: str, value: int) -> int | None:
        """``value`` (a count or an amount that follows the count of ``key``), or None."""
        return None if key in self.reasons else value


def said_small(threshold: int) -> str:
    """How a small count is said, in every language: "< 5"."""
    return f"< {threshold}"


def check_threshold(threshold: int) -> int:
    if threshold < 1:
        raise ValueError("the disclosure threshold is at least 1")
    return threshold


def is_small(count: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    return 0 < count < threshold


def _complement(children: tuple[Node, ...], reasons: dict[str, Withheld]) -> Node | None:
    shown = [c for c in children if c.key not in reasons and c.count > 0]
    return min(shown, key=lambda c: (c.count, c.key)) if shown else None


def _group_needs_more(parent: Node, reasons: dict[str, Withheld]) -> bool:
    withheld = [reasons[c.key] for c in parent.children if c.key in reasons]
    if parent.key in reasons:
        # (Children all zero: no complement is found and the parent is already withheld.)
        return not withheld
    return len(withheld) == 1 or (bool(withheld) and all(w is Withheld.SMALL for w in withheld))


def _pass(root: Node, reasons: dict[str, Withheld]) -> bool:
    """One walk over the groups, withholding what each needs; whether anything was added."""
    before = len(reasons)
    for node in root.walk():
        if not node.children or not _group_needs_more(node, reasons):
            continue
        extra = _complement(node.children, reasons)
        if extra is not None:
            reasons[extra.key] = Withheld.COMPLEMENTARY
        elif node.key not in reasons:
            reasons[node.key] = Withheld.COMPLEMENTARY
    return len(reasons) > before


def disclose(root: Node, *, threshold: int = DEFAULT_THRESHOLD) -> Mask:
    """The mask of ``root``'s tree: small cells withheld, and the complementary ones that keep
    them from being worked out from a shown total."""
    check_threshold(threshold)
    reasons = {n.key: Withheld.SMALL for n in root.walk() if is_small(n.count, threshold)}
    while _pass(root, reasons):
        pass
    return Mask(threshold, reasons)

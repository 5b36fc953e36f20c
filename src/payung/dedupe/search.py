""" "Maksud Anda": the registered people a search probably meant, by the same matcher as the
duplicate checks (issue 15).

A name typed in another word order ("Suryana Asep"), with another ending ("Asep Suryono") or a
short form ("Wati"), or a NIK with one digit wrong, finds nobody by the registry's exact search
(``registry.selectors.person_list``). Here the words of the name (three letters or more) gather
candidates from the user's own region — never beyond it — and ``matching.name_agreement`` ranks
them; a NIK gathers the people filed under its blocking keys (``dedupe.keys``) and those born on
its date, and the NIKs' difference ranks them (a digit off in the NIK's date part is found by
the name, not by the NIK). Each suggestion keeps its reason in words; a NIK's reason never says
where the digits differ.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Final

from django.db.models import Q
from django.utils import timezone

from payung.access.actor import Actor
from payung.dedupe.blocking import blocking_record, key_hashes
from payung.dedupe.keys import people_by_keys
from payung.domain.errors import DomainError
from payung.domain.matching import (
    HAND_WEIGHTS,
    MatchRecord,
    NameAgreement,
    compare,
    jaro_winkler,
    name_agreement,
    name_key,
    name_tokens,
    nik_read,
    reasons_text,
)
from payung.domain.nik import NIK_LENGTH, parse_nik
from payung.registry.crypto import current_keys
from payung.registry.models import Person
from payung.registry.selectors import person_list

LIMIT: Final = 10
CANDIDATES: Final = 2_000  # the most people one name search scores
SHORTEST_WORD: Final = 3


@dataclass(frozen=True)
class Suggestion:
    person: Person
    score: float
    reason_id: str
    reason_en: str


def suggestions(
    *, user: Actor, query: str, exclude: set[int], limit: int = LIMIT
) -> list[Suggestion]:
    """The people ``query`` probably meant, best first, within ``user``'s region, leaving out
    ``exclude`` (those the exact search found)."""
    text = query.strip()
    if not text:
        return []
    digits = nik_read(text)
    if digits.isdigit() and len(digits) == NIK_LENGTH:
        found = _by_nik(user, digits, exclude)
    elif any(char.isalpha() for char in text):
        found = _by_name(user, text, exclude)
    else:
        return []
    found.sort(key=lambda s: (-s.score, s.person.full_name, s.person.pk))
    return found[:limit]


def _by_nik(user: Actor, nik: str, exclude: set[int]) -> list[Suggestion]:
    # The NIK's own birth date and sex, when it has them, stand in for the person's: so the
    # keys without the district and without the serial both find them.
    born, sex = None, ""
    with contextlib.suppress(DomainError):
        parsed = parse_nik(nik, reference_date=timezone.localdate())
        born, sex = parsed.birth_date, parsed.sex.value
    record = blocking_record(nik, "", born, sex, "", None)
    by_key = people_by_keys(key_hashes(record, current_keys()))
    wanted = Q(pk__in={pk for pks in by_key.values() for pk in pks})
    if born is not None:
        # Born on the NIK's date: a digit off in the district code keeps it (the keys without
        # the district carry the name's initials, which a NIK search does not have)
        wanted |= Q(birth_date=born)
    people = person_list(user=user).filter(wanted).exclude(pk__in=exclude)
    found = []
    for person in people.order_by("pk")[:CANDIDATES]:
        match = compare(record, blocking_record(person.nik, "", None, "", "", None))
        reasons = [r for r in match.reasons if r.level.startswith("nik.") and r.weight > 0]
        if not reasons:
            continue
        found.append(
            Suggestion(
                person,
                reasons[-1].weight,
                reasons_text(reasons[-1:], "id", positions=False),
                reasons_text(reasons[-1:], "en", positions=False),
            )
        )
    return found


def _by_name(user: Actor, text: str, exclude: set[int]) -> list[Suggestion]:
    words = [word for word in name_tokens(text) if len(word) >= SHORTEST_WORD]
    if not words:
        return []
    wanted = reduce(or_, (Q(full_name__icontains=word) for word in words))
    people = person_list(user=user).filter(wanted).exclude(pk__in=exclude)
    key = name_key(text)
    found = []
    for person in people.order_by("pk")[:CANDIDATES]:
        agreement = name_agreement(text, person.full_name)
        if agreement is NameAgreement.DIFFERENT:
            continue
        match = compare(blocking_record("", text, None, "", "", None), _name_only(person))
        similarity = jaro_winkler(key, name_key(person.full_name))
        found.append(
            Suggestion(
                person,
                round(HAND_WEIGHTS[f"name.{agreement.value}"] + similarity, 2),
                reasons_text(match.reasons, "id"),
                reasons_text(match.reasons, "en"),
            )
        )
    return found


def _name_only(person: Person) -> MatchRecord:
    return blocking_record("", person.full_name, None, "", "", None)

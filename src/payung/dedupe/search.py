""" "Maksud Anda": the registered people a search probably meant, by the same matcher as the
duplicate checks (issue 15).

A name typed in another word order ("Suryana Asep"), with another ending ("Asep Suryono") or a
short form ("Wati"), or a NIK with one digit wrong, finds nobody by the registry's exact search
(``registry.selectors.person_list``). Here the words of the name (three letters or more) gather
candidates from the user's own region — never beyond it — and ``matching.compare`` on the
names ranks them; a NIK gathers the people filed under its blocking keys (``dedupe.keys``) and
those born on its date, and the NIKs' difference ranks them (a digit off in the NIK's date part
is found by the name, not by the NIK). Each suggestion keeps its reason in words; a NIK's reason
never says where the digits differ.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Final

from django.db.models import Q
from django.utils import timezone

from payung.access.actor import Actor
from payung.dedupe.blocking import key_hashes
from payung.dedupe.keys import people_by_keys
from payung.domain.errors import DEFAULT_LANGUAGE, DomainError
from payung.domain.matching import (
    MatchRecord,
    compare,
    jaro_winkler,
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
    reason: str  # in the reader's language


def suggestions(
    *, user: Actor, query: str, exclude: set[int], lang: str = DEFAULT_LANGUAGE, limit: int = LIMIT
) -> list[Suggestion]:
    """The people ``query`` probably meant, best first, within ``user``'s region, leaving out
    ``exclude`` (those the exact search found); each reason in ``lang``."""
    text = query.strip()
    if not text:
        return []
    digits = nik_read(text)
    if digits.isdigit() and len(digits) == NIK_LENGTH:
        found = _by_nik(user, digits, exclude, lang)
    elif any(char.isalpha() for char in text):
        found = _by_name(user, text, exclude, lang)
    else:
        return []
    found.sort(key=lambda s: (-s.score, s.person.full_name, s.person.pk))
    return found[:limit]


def _by_nik(user: Actor, nik: str, exclude: set[int], lang: str) -> list[Suggestion]:
    # The NIK's own birth date and sex, when it has them, stand in for the person's: so the
    # keys without the district and without the serial both find them.
    born, sex = None, ""
    with contextlib.suppress(DomainError):
        parsed = parse_nik(nik, reference_date=timezone.localdate())
        born, sex = parsed.birth_date, parsed.sex.value
    query = MatchRecord(key="q", nik=nik, name="", birth_date=born, sex=sex)
    by_key = people_by_keys(key_hashes(query, current_keys()))
    wanted = Q(pk__in={pk for pks in by_key.values() for pk in pks})
    if born is not None:
        # Born on the NIK's date: a digit off in the district code keeps it (the keys without
        # the district carry the name's initials, which a NIK search does not have)
        wanted |= Q(birth_date=born)
    people = person_list(user=user).filter(wanted).exclude(pk__in=exclude)
    found = []
    for person in people.order_by("pk")[:CANDIDATES]:
        match = compare(query, MatchRecord(key=f"p{person.pk}", nik=person.nik, name=""))
        said = [r for r in match.reasons if r.level.startswith("nik.") and r.weight > 0][-1:]
        if said:
            text = reasons_text(said, lang, positions=False)
            found.append(Suggestion(person, said[0].weight, text))
    return found


def _by_name(user: Actor, text: str, exclude: set[int], lang: str) -> list[Suggestion]:
    # The words as typed and as matching reads them (Soekarno is found, and so is Sukarno)
    typed = (word.lower() for word in re.findall(r"[^\W\d_]+", text))
    words = {word for word in (*typed, *name_tokens(text)) if len(word) >= SHORTEST_WORD}
    if not words:
        return []
    wanted = reduce(or_, (Q(full_name__icontains=word) for word in sorted(words)))
    people = person_list(user=user).filter(wanted).exclude(pk__in=exclude)
    query = MatchRecord(key="q", nik="", name=text)
    key = name_key(text)
    found = []
    for person in people.order_by("pk")[:CANDIDATES]:
        match = compare(query, MatchRecord(key=f"p{person.pk}", nik="", name=person.full_name))
        (name,) = match.reasons  # a name alone: its one reason
        if name.level == "name.different":
            continue
        score = round(name.weight + jaro_winkler(key, name_key(person.full_name)), 2)
        found.append(Suggestion(person, score, reasons_text([name], lang)))
    return found

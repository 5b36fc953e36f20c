"""How the same Indonesian given name is written another way: short forms, call names and
keyboard slips (issue 15).

A village knows Rahmawati as Wati and Samsudin as Udin; a list typed from memory writes the name
the village calls the person by. Most short forms keep the last syllables of the name (Wati,
Udin, Minah, Yati, Kirman) or its first ones (Rahma, Samsu, Sukma): :func:`short_form_of` accepts
a word of at least three letters that ends or begins a longer word, or sits inside it from its
second syllable on (Dayat in Hidayatullah). Others change the sound (Opik for Taufik, Ipul for
Syaiful, Epul for Saepudin, Uyat for Ruhiyat): those are listed in ``IRREGULAR`` below.

Call names stand for a child or a young adult rather than for one name: Ujang, Asep, Cecep,
Dede, Aa for a boy (Sundanese), Neng, Eneng, Nyai, Teteh for a girl (Euis and Agus, often taken
for call names, are given names and are not listed); Gus, Cak, Mas, Mbak and Kang
in Javanese and Sundanese address. A record with one of them in place of the given name still
says something when the rest of the name agrees (``CALL_NAMES``).

Where these come from: the rule and the lists are written from everyday naming practice in West
Java and Banten (the regencies Payung was built for), not from a published table; they are data
here so an installation can add its region's forms. The benchmark's labelled population
(``bench/dedupe_world.py``) was written by the same project from the same practice, and several
irregular forms (Opik, Ipul, Epul, Uyat, Oyah, Iyam, Jeje, Mamad, Amad) are in both: the
benchmark's nickname recall is optimistic for those, and ``bench/README.md`` gives it with and
without this table.

Keyboard slips: one letter replaced by a neighbour on a QWERTY keyboard, or one letter doubled,
dropped or added (:func:`one_slip_apart`).
"""

from __future__ import annotations

import functools
from typing import Final

# Short forms that do not keep the letters of the name (lower case, after matching.name_tokens'
# spelling rules). Each maps to the registered names it stands for.
IRREGULAR: Final[dict[str, frozenset[str]]] = {
    "opik": frozenset({"taufik", "taufiq"}),
    "upik": frozenset({"taufik"}),
    "ipul": frozenset({"saiful", "syaiful", "saifullah"}),
    "epul": frozenset({"saepudin", "saipudin", "saepul"}),
    "uyat": frozenset({"ruhiyat", "hidayat"}),
    "oyah": frozenset({"rohayati", "rokayah", "rohaya"}),
    "iyam": frozenset({"maryamah", "mariyam"}),
    "ucup": frozenset({"yusuf"}),
    "ocid": frozenset({"rosyid", "rasyid"}),
    "encep": frozenset({"ahmad"}),
    "emen": frozenset({"sulaeman", "sulaiman"}),
    "entis": frozenset({"sutisna"}),
    "nunung": frozenset({"nurjanah", "nurhasanah", "nuraeni"}),
    "iis": frozenset({"aisyah"}),
    "icih": frozenset({"kurniasih", "sukaesih"}),
    "mamad": frozenset({"muhamad", "mohamad"}),
    "mamat": frozenset({"rahmat", "muhamad"}),
    "moh": frozenset({"muhamad", "mohamad"}),
    "muh": frozenset({"muhamad"}),
    "mhd": frozenset({"muhamad"}),
    "amad": frozenset({"ahmad"}),
    "jeje": frozenset({"jaenudin", "jaenal"}),
}
CALL_NAMES: Final = frozenset(
    {
        "ujang",
        "asep",
        "cecep",
        "dede",
        "aa",
        "neng",
        "eneng",
        "nyai",
        "teteh",
        "gus",
        "cak",
        "mas",
        "mbak",
        "kang",
        "nok",
        "ning",
    }
)
SHORTEST: Final = 3  # a short form has at least this many letters
QWERTY: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@functools.cache
def neighbours() -> dict[str, frozenset[str]]:
    """Each letter's neighbours on a QWERTY keyboard."""
    near: dict[str, frozenset[str]] = {}
    for r, row in enumerate(QWERTY):
        for c, letter in enumerate(row):
            found = set()
            for rr in (r - 1, r, r + 1):
                if 0 <= rr < len(QWERTY):
                    # rows are offset by about half a key: a key touches c-1..c+1 above and below
                    for cc in (c - 1, c, c + 1):
                        if 0 <= cc < len(QWERTY[rr]) and (rr, cc) != (r, c):
                            found.add(QWERTY[rr][cc])
            near[letter] = frozenset(found)
    return near


def short_form_of(short: str, full: str) -> bool:
    """Whether the word ``short`` is a way of writing the word ``full`` for short."""
    if short in IRREGULAR:
        return full in IRREGULAR[short]
    if len(short) < SHORTEST or len(full) <= len(short):
        return False
    if full.endswith(short) or full.startswith(short):
        return True
    # From the second syllable on, not the first letters of another word (Dayat, Hidayatullah)
    return len(short) > SHORTEST and short in full[2:]


def is_call_name(word: str) -> bool:
    return word in CALL_NAMES


def one_slip_apart(a: str, b: str) -> bool:
    """Whether two different words are one keyboard slip apart: one letter replaced by a QWERTY
    neighbour, or one letter added or dropped (a doubled letter included)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(differ) == 1 and b[differ[0]] in neighbours().get(a[differ[0]], frozenset())
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))

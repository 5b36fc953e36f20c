"""Attributes of a person that several domain modules share (NIK parsing, registry rows, claims).

Besides :class:`Sex`, the readers for what village lists write about a person: ``parse_sex``
for the many ways of writing L/P, and ``normalise_name`` for names typed in capitals, with
double spaces or with digits that slipped in from a neighbouring column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from payung.domain.errors import DomainError, register


class Sex(StrEnum):
    """Sex as recorded on the KTP; the NIK encodes it too (40 added to a woman's birth day).

    Only the two values the KTP and the NIK can carry, so a stated sex can be checked against
    the NIK without a mapping table. A ``StrEnum`` (a ``str`` and an ``Enum``), so the value
    stores and serialises as its letter.
    """

    MALE = "M"
    FEMALE = "F"


# --- sex as written in lists -----------------------------------------------------------------

SEX_EMPTY: Final = register(
    "sex.empty",
    id="Jenis kelamin belum diisi. Isi L (laki-laki) atau P (perempuan).",
    en="Sex is empty. Enter L (male) or P (female).",
)
SEX_UNKNOWN: Final = register(
    "sex.unknown",
    id="Jenis kelamin '{value}' tidak dikenali. Isi L (laki-laki) atau P (perempuan).",
    en="Sex '{value}' is not recognised. Enter L (male) or P (female).",
)

# Keys are lower-case with hyphens, dots and inner spaces removed ("Laki-laki" -> "lakilaki").
# "1"/"2" is the coding of BPS surveys and of OpenSID's import format (1 laki-laki, 2 perempuan).
_SEX_WORDS: Final[Mapping[str, Sex]] = {
    **dict.fromkeys(("l", "lk", "laki", "lakilaki", "lelaki", "pria", "m", "male", "1"), Sex.MALE),
    **dict.fromkeys(("p", "pr", "perempuan", "wanita", "f", "female", "2"), Sex.FEMALE),
}
_SEX_NOISE: Final = re.compile(r"[\s.\-_]+")


def parse_sex(raw: object) -> Sex:
    """Read sex from a cell: L/P, LK/PR, Laki-laki, Perempuan, Pria, Wanita, M/F, Male/Female.

    Case and surrounding spaces do not matter. A numeric 1 or 2 (OpenSID and BPS coding) is read
    too; anything else is refused rather than guessed.
    """
    if _is_blank(raw):
        raise DomainError(SEX_EMPTY)
    if isinstance(raw, bool):
        raise DomainError(SEX_UNKNOWN, value=str(raw))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _clean(str(raw))
    sex = _SEX_WORDS.get(_SEX_NOISE.sub("", text.lower()))
    if sex is None:
        raise DomainError(SEX_UNKNOWN, value=text)
    return sex


# --- names -----------------------------------------------------------------------------------

NAME_MAX_LENGTH: Final = 100

NAME_EMPTY: Final = register(
    "name.empty",
    id="Nama belum diisi.",
    en="The name is empty.",
)
NAME_INVALID: Final = register(
    "name.invalid",
    id=(
        "Nama '{value}' tidak wajar: nama harus berisi huruf, tanpa angka. Selain huruf hanya "
        "boleh spasi, titik, koma, tanda hubung dan tanda petik (')."
    ),
    en=(
        "The name '{value}' is not plausible: a name has letters and no digits. Besides letters "
        "only spaces, dots, commas, hyphens and apostrophes (') are allowed."
    ),
)
NAME_TOO_LONG: Final = register(
    "name.too_long",
    id="Nama terlalu panjang ({length} karakter); paling banyak 100 karakter.",
    en="The name is too long ({length} characters); at most 100 characters.",
)

# Words that stay lower case inside a name written in one case ("Siti binti Ahmad").
_LOWER_PARTICLES: Final = frozenset({"bin", "binti"})
_NAME_PUNCTUATION: Final = frozenset(" .,-'")
_TYPOGRAPHIC_APOSTROPHES: Final = str.maketrans({"\u2018": "'", "\u2019": "'", "`": "'"})


def normalise_name(raw: object) -> str:
    """A person's name as it should be stored, or :class:`DomainError`.

    Spaces are trimmed and collapsed and typographic apostrophes become ``'``. The spelling and
    the case the person typed are kept (``McDonald``, ``dr. Ani``), except that a name written
    entirely in capitals or entirely in small letters, as village lists and OpenSID exports do,
    is put in Title Case, with ``bin``/``binti`` kept small: ``SITI AMINAH BINTI ALI`` becomes
    ``Siti Aminah binti Ali``.
    """
    if _is_blank(raw):
        raise DomainError(NAME_EMPTY)
    if not isinstance(raw, str):
        raise DomainError(NAME_INVALID, value=str(raw))
    text = " ".join(_clean(raw).translate(_TYPOGRAPHIC_APOSTROPHES).split())
    if len(text) > NAME_MAX_LENGTH:
        raise DomainError(NAME_TOO_LONG, length=len(text))
    has_letter = any(ch.isalpha() for ch in text)
    if not has_letter or any(not ch.isalpha() and ch not in _NAME_PUNCTUATION for ch in text):
        raise DomainError(NAME_INVALID, value=text)
    letters = [ch for ch in text if ch.isalpha()]
    if all(ch.islower() for ch in letters) or all(ch.isupper() for ch in letters):
        words = title_case(text).split(" ")
        return " ".join(
            word.lower() if position and word.lower() in _LOWER_PARTICLES else word
            for position, word in enumerate(words)
        )
    return text


def title_case(text: str) -> str:
    """Capitalise each word; unlike ``str.title`` a letter after an apostrophe stays small.

    ``NUR'AINI`` becomes ``Nur'aini`` and ``ABD.RAHMAN`` becomes ``Abd.Rahman``: a word starts
    after a space, a hyphen, a dot or a comma, not after an apostrophe.
    """
    result: list[str] = []
    previous = " "
    for ch in text:
        starts_word = not previous.isalpha() and previous != "'"
        result.append(ch.upper() if starts_word else ch.lower())
        previous = ch
    return "".join(result)


# --- shared cell reading ---------------------------------------------------------------------

_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _clean(text: str) -> str:
    """Trim a typed value and drop invisible characters left by copy-paste."""
    return text.translate(_INVISIBLE).replace("\u00a0", " ").strip()


def _is_blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and not _clean(raw)

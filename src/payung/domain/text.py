"""Free text typed about a person (names, addresses, birth places) holds no control characters.

A control character is invisible where it matters: a tab or a line break inside a name is
collapsed or shown as a box, a bell or an escape code prints nothing, and a file that carries
one onwards may break the program that reads it (a carriage return at the start of a cell even
lets a spreadsheet read it as a formula). So free text refuses them, with where they are:

- C0 controls U+0000–U+001F, TAB, line feed and carriage return included: a village list
  writes one person per row, so a line break inside a cell (Alt+Enter in Excel) is refused too;
- DEL U+007F and the C1 controls U+0080–U+009F (NEL among them);
- the Unicode line and paragraph separators U+2028 and U+2029: line breaks by other names.

White space around the text (a tab or a line break before or after it included) is trimmed
when the text is stored, so only characters inside the text are refused, and their position is
counted from the first character kept. The invisible characters copy-paste leaves (zero-width
spaces, the byte-order mark) are not refused either: the cell readers drop them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from payung.domain.errors import DomainError, register

CONTROL_CHARACTER: Final = register(
    "text.control_character",
    id=(
        "{label_id} berisi karakter tersembunyi ({character_id}) pada karakter ke-{position}. "
        "Hapus karakter itu, lalu ketik ulang isiannya dalam satu baris."
    ),
    en=(
        "{label_en} contains a hidden character ({character_en}) at character {position}. "
        "Remove it and type the entry again on one line."
    ),
)

_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAKS: Final = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


@dataclass(frozen=True)
class ControlCharacter:
    """The first control character of a text: its 1-based position and what it is, in words."""

    position: int
    character: str

    @property
    def words(self) -> tuple[str, str]:
        """What the character is, in Indonesian and English, for a person to recognise."""
        if self.character == "\t":
            return "tab", "a tab"
        if self.character in _LINE_BREAKS:
            return "pindah baris", "a line break"
        return "karakter kendali", "a control character"


def find_control_character(text: str) -> ControlCharacter | None:
    """The first control character in ``text``, or None."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    return ControlCharacter(position=match.start() + 1, character=match.group())


def check_free_text(text: str, *, label_id: str, label_en: str) -> None:
    """Raise ``text.control_character`` if ``text`` holds a control character.

    ``label_id``/``label_en`` name the field in the message ("Alamat", "Address"). White space
    around the text is not checked: it is trimmed, never stored.
    """
    found = find_control_character(text.strip())
    if found is not None:
        character_id, character_en = found.words
        raise DomainError(
            CONTROL_CHARACTER,
            label_id=label_id,
            label_en=label_en,
            character_id=character_id,
            character_en=character_en,
            position=found.position,
        )

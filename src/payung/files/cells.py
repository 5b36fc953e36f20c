"""What a cell of a file we hand out may hold: text can never become a formula.

A spreadsheet program evaluates a cell whose text starts with ``=``, ``+``, ``-`` or ``@``
(``-1+2`` is a formula too, and ``@SUM(…)`` the old Lotus spelling), and Excel also after a
leading TAB or carriage return, which it drops. Payung's exports carry what village operators
typed (addresses, birth places), so that text is data and must stay data. The rule is:

- text whose first character is TAB or CR, or whose first character after leading white space
  and invisible characters is ``=``, ``+``, ``-``, ``@`` or their full-width forms
  (``＝＋－＠``, which Japanese/Chinese input methods produce), is *formula-like*;
- in a CSV a formula-like text is written with a leading apostrophe (``'=…``), the marker
  spreadsheet programs read as "this is text"; in an XLSX it is a string cell with Excel's
  quote prefix, so the value stays exactly what was typed and editing the cell keeps it text;
- only text is neutralised: numbers (``int``, ``Decimal``, negative adjustments) stay numbers,
  and digit strings (NIK, KK, KPJ) stay text with every digit, unchanged.

The functions here are pure; ``writers`` applies them.
"""

from __future__ import annotations

import re
from typing import Final

# Characters that start a formula in Excel, LibreOffice Calc or Google Sheets.
FORMULA_STARTS: Final = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Excel drops these before deciding whether a CSV field is a formula, so they start one too.
LEADING_CONTROLS: Final = frozenset("\t\r")
# Skipped before the first visible character: spaces (any Unicode space) and what copy-paste
# leaves without showing it (zero-width characters, the byte-order mark).
_INVISIBLE: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff")
CSV_TEXT_MARKER: Final = "'"

# What XML 1.0 cannot carry: an XLSX cell holding one of these would make the file unreadable.
# (openpyxl's ILLEGAL_CHARACTERS_RE, kept here so the rule has no third-party dependency.)
_ILLEGAL_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT: Final = "\ufffd"
MAX_CELL_CHARS: Final = 32_767  # Excel's limit for one cell


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    if not text:
        return False
    if text[0] in LEADING_CONTROLS:
        return True
    for ch in text:
        if ch.isspace() or ch in _INVISIBLE:
            continue
        return ch in FORMULA_STARTS
    return False


def printable(text: str) -> str:
    """``text`` with the characters a file cannot carry replaced by U+FFFD."""
    return _ILLEGAL_XML.sub(REPLACEMENT, text)


def csv_text(text: str) -> str:
    """A text field as a CSV carries it: formula-like text gets the apostrophe marker."""
    text = printable(text)
    return CSV_TEXT_MARKER + text if is_formula_like(text) else text


def xlsx_text(text: str) -> str:
    """A text value as an XLSX cell carries it (the quote prefix is set by the writer)."""
    text = printable(text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text

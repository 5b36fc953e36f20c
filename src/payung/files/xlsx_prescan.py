"""The streaming pre-scan of a worksheet's XML (and the shared strings) that decides whether
python-calamine may read it: a bounded grid, and the values openpyxl would give (ADR 0015).

The checks work on the bytes with regular expressions anchored on literal tags, because a
Python-level XML parser would cost as much as openpyxl itself.
"""

from __future__ import annotations

import functools
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Final

from openpyxl.xml.constants import SHEET_MAIN_NS

from payung.files.sheets import DENSE_FACTOR, DENSE_FLOOR
from payung.files.table import MIB, Limits
from payung.files.xlsx_parts import STRINGS_PART
from payung.files.xlsx_styles import Styles

_MAIN_NS_BYTES: Final = SHEET_MAIN_NS.encode()
_SCAN_CHUNK: Final = MIB
# A row (or shared string) is scanned whole; one this large is not a worker list.
_MAX_PENDING: Final = 16 * MIB
_XML_WHITESPACE: Final = b" \t\r\n"
_PROLOG_BYTES: Final = 64 * 1024  # the root's start tag, namespaces and all, lies within
_MS_PER_DAY: Final = 86_400_000

_PROLOG: Final = re.compile(
    rb"(?:\xef\xbb\xbf)?(?P<decl><\?xml\s[^>]*\?>)?\s*"
    rb"<(?:(?P<prefix>[A-Za-z_][\w.-]*):)?(?P<root>worksheet|sst)(?P<attrs>(?:\s[^>]*)?)>"
)
_ENCODING: Final = re.compile(rb"""\sencoding\s*=\s*["']([^"']*)["']""")
_ESCAPE: Final = re.compile(rb"_x[0-9A-Fa-f]{4}_")  # calamine decodes it, openpyxl does not
_STRAY_ROW: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_FRACTIONAL_DATE: Final = re.compile(rb"\d{1,6}\.\d+")
_TAG_END: Final = re.compile(rb"\s*(/?)>")


@dataclass(frozen=True)
class Extent:
    """What the pre-scan learnt of the sheet; calamine's grid must fit inside it."""

    last_row: int  # openpyxl reads on to the last <row>, even an empty one
    max_column: int


def _text_pattern(p: str) -> str:
    """Text as both readers give it: one <t>, or rich-text runs whose <t>s are joined.

    Without xml:space="preserve" calamine trims the text, openpyxl does not; so leading and
    trailing whitespace is not plain, nor a character reference there (&#32; is a space).
    """
    named_at_end = "|".join(f"(?<=&{name};)" for name in ("lt", "gt", "amp", "quot", "apos"))
    plain = rf"(?:(?:[^\s<&]|&(?!#))[^<]*(?:(?<![\s;])|{named_at_end}))?"
    text_element = rf'<{p}t(?:/>|>{plain}</{p}t>| xml:space="preserve">[^<]*</{p}t>)'
    run_property = (
        rf"<{p}(?:b|i|strike|condense|extend|outline|shadow|u|vertAlign|sz|color|rFont"
        rf"|family|charset|scheme){_ATTRIBUTES}/>"
    )
    run = rf"<{p}r>(?:<{p}rPr>(?:{run_property})*</{p}rPr>)?{text_element}</{p}r>"
    return rf"(?:{text_element}|(?:{run})+)"


# Attributes other than a namespace declaration, which would change what the names mean.
_ATTRIBUTES: Final = r'(?: (?!xmlns)[\w:.-]+="[^"<]*")*'


@functools.lru_cache(maxsize=16)
def _sheet_patterns(prefix: bytes, max_columns: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The plain shape of rows and cells, for one namespace prefix and column limit.

    Returns the pattern of a row and that of a suspiciously long number. Each row match gives
    the row as written, its number, and the letters of its last cell; a row matches only if
    every cell in it is in the shape below, in which calamine and openpyxl agree:
    - ``r`` first, naming a column within the limit and the row's own number; then ``s`` and
      ``t``, nothing else (no formula, no rich value, no phonetic flag);
    - ``t`` one of s, n, b, inlineStr (not e: calamine turns an error into ""; not str, d);
    - a number openpyxl and calamine parse to the same value *and type*: an integer exactly
      representable as a float (openpyxl makes it int), or a decimal with a non-zero digit
      after the point (a float in both; "5.0" would be float in openpyxl, int here);
    - text as :func:`_text_pattern` allows.
    A formula (<f>) is not in the shape: the sheet goes to openpyxl, which reports it.
    """
    p = re.escape(prefix.decode())
    number = r"-?(?:[1-8]\d{15}|9\d{14}0|\d{1,15}|\d+\.\d*[1-9]\d*)"
    text = _text_pattern(p)
    columns = _columns_up_to(max_columns)
    cell = (
        rf'<{p}c r="(?P<col>{columns})(?P=row)"(?: s="(?:0|[1-9]\d*)")?(?:'
        rf' t="s"(?: ?/>|><{p}v>\d+</{p}v></{p}c>)'
        rf'| t="inlineStr"(?: ?/>|></{p}c>|><{p}is ?/></{p}c>|><{p}is>{text}</{p}is></{p}c>)'
        rf'|(?: t="n")?(?: ?/>|>(?:<{p}v>{number}</{p}v>)?</{p}c>)'
        rf'| t="b"><{p}v>[01]</{p}v></{p}c>)'
    )
    rows = (
        rf'(\s*<{p}row r="(?P<row>[1-9]\d{{0,6}})"{_ATTRIBUTES}\s*'
        rf"(?:/>|>(?:{cell})*</{p}row>))"
    )
    # A number whose text is too long to be sure it is not a whole number in disguise.
    long_number = rf"<{p}v>-?([\d.]{{17,}})</{p}v>"
    return re.compile(rows.encode()), re.compile(long_number.encode())


@functools.lru_cache(maxsize=4)
def _shared_string_pattern(prefix: bytes) -> re.Pattern[bytes]:
    """One <si>: text (never none: calamine skips an empty <si/> and would shift every later
    index), then phonetic guides, which both readers leave out."""
    p = re.escape(prefix.decode())
    phonetic = rf'<{p}rPh sb="\d+" eb="\d+"><{p}t(?: xml:space="preserve")?>[^<]*</{p}t></{p}rPh>'
    entry = (
        rf"(\s*<{p}si>{_text_pattern(p)}(?:{phonetic})*"
        rf"(?:<{p}phoneticPr{_ATTRIBUTES}/>)?</{p}si>)"
    )
    return re.compile(entry.encode())


def _columns_up_to(limit: int) -> str:
    """A regular expression for the letters of columns 1 to ``limit`` (A … Z, AA …)."""
    last = _column_letters(limit)
    # Shortest first: most sheets stay within A to Z.
    alternatives = ["[A-Z]" * length for length in range(1, len(last))]
    for at, letter in enumerate(last):
        head = last[:at]
        if at == len(last) - 1:
            alternatives.append(f"{head}[A-{letter}]")
        elif letter > "A":
            tail = "[A-Z]" * (len(last) - at - 1)
            alternatives.append(f"{head}[A-{chr(ord(letter) - 1)}]{tail}")
    return "(?:" + "|".join(alternatives) + ")"


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def member_chunks(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    # The member's size was bounded by check_zip; it is still read piece by piece.
    with archive.open(name) as member:
        while chunk := member.read(_SCAN_CHUNK):
            yield chunk


def _open_root(chunks: Iterator[bytes], root: bytes) -> tuple[bytes, bytes] | None:
    """Read up to the root element's start tag: (namespace prefix, what follows the tag).

    The part must be UTF-8 (the patterns work on bytes), have no DTD, comment or CDATA (which
    could make the two readers, or the patterns, see different elements), and bind its prefix
    to the SpreadsheetML namespace (openpyxl matches namespaces, calamine only local names).
    """
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= _PROLOG_BYTES:
            break
    match = _PROLOG.match(head)
    if match is None or match["root"] != root:
        return None
    declaration = match["decl"] or b""
    encoding = _ENCODING.search(declaration)
    if encoding and encoding[1].lower() not in (b"utf-8", b"utf8"):
        return None
    prefix = match["prefix"] + b":" if match["prefix"] else b""
    binding = b"xmlns" + (b":" + match["prefix"] if match["prefix"] else b"")
    if not re.search(
        rb"\s" + re.escape(binding) + rb'="' + re.escape(_MAIN_NS_BYTES) + rb'"', match["attrs"]
    ):
        return None
    return prefix, head[match.end() :]


class _RowScan:
    """The findings over the rows of one sheet, fed piece by piece."""

    def __init__(self, prefix: bytes, limits: Limits, styles: Styles) -> None:
        self.rows, self.long_number = _sheet_patterns(prefix, limits.max_columns)
        self.cell_start = b"<" + prefix + b'c r="'
        self.numbers: list[int] = []
        self.last_columns: set[bytes] = set()
        self.cells = 0
        # One pattern per style, starting with the literal s="…": only the cells in that
        # style are looked at, not every cell. In the plain shape s="…" is only on cells, or
        # on a row, where the refused pattern may see it: that only sends the file to openpyxl.
        self.refused = [re.compile(rb' s="%d"[ />]' % index) for index in sorted(styles.refused)]
        value = rb'"(?: t="n")?><' + re.escape(prefix) + rb"v>((?!\d{1,6}</)[^<]*)</"
        self.dates = [re.compile(rb' s="%d' % index + value) for index in sorted(styles.dates)]

    def add(self, piece: bytes) -> bool:
        """Take complete rows; False if they are not in the plain shape."""
        matches = self.rows.findall(piece)
        covered = sum(map(len, map(itemgetter(0), matches)))
        if covered != len(piece.rstrip(_XML_WHITESPACE)):
            return False  # something between or inside the rows is not a plain row
        if b"_x" in piece and _ESCAPE.search(piece):
            return False
        if any(pattern.search(piece) for pattern in self.refused):
            return False
        for pattern in self.dates:
            if not all(map(_date_is_unambiguous, pattern.findall(piece))):
                return False
        if any(float(text).is_integer() for text in self.long_number.findall(piece)):
            return False
        self.numbers.extend(map(int, map(itemgetter(1), matches)))
        self.last_columns.update(map(itemgetter(2), matches))
        self.cells += piece.count(self.cell_start)
        return True

    def extent(self, limits: Limits) -> Extent | None:
        """The sheet's extent, or None if calamine's grid for it would be too large."""
        # calamine puts each cell where its reference says, so rows stored out of order come
        # out in sheet order, as ``xlsx_openpyxl.in_sheet_order`` collects them.
        numbers = sorted(self.numbers)
        if not numbers:
            return Extent(last_row=0, max_column=0)
        if numbers[-1] > limits.max_rows + limits.max_empty_run + 1:
            return None  # openpyxl streams it and stops at the limits as it always did
        steps = list(map(int.__sub__, numbers, [0, *numbers[:-1]]))
        if min(steps) < 1 or max(steps) > limits.max_empty_run:
            return None  # a row number stored twice, or a gap openpyxl would stop reading at
        # Within a row the last cell has the highest column (openpyxl relies on it too).
        max_column = max(map(_column_number, self.last_columns))
        grid = (numbers[-1] - numbers[0] + 1) * max_column
        if grid > max(DENSE_FLOOR, DENSE_FACTOR * self.cells):
            return None
        return Extent(last_row=numbers[-1], max_column=max_column)


def _date_is_unambiguous(text: bytes) -> bool:
    """Whether calamine gives the same date or time as openpyxl for this date-styled number.

    Both round to the millisecond, through different arithmetic: a value within a hair of
    half a millisecond, or of the next midnight, may come out one millisecond (or a day
    boundary) apart. Typed dates and times are nowhere near; computed ones rarely are.
    """
    if not _FRACTIONAL_DATE.fullmatch(text):
        return False  # negative, or beyond 31-12-4637: openpyxl's edge cases, not calamine's
    milliseconds = math.modf(float(text))[0] * _MS_PER_DAY
    return abs(milliseconds % 1 - 0.5) > 0.05 and milliseconds < _MS_PER_DAY - 1


def scan_worksheet(
    archive: zipfile.ZipFile, part: str, *, limits: Limits, styles: Styles
) -> Extent | None:
    """Stream the sheet's XML once and decide whether calamine may read it (None: it may not)."""
    chunks = member_chunks(archive, part)
    opened = _open_root(chunks, b"worksheet")
    if opened is None:
        return None
    prefix, buffer = opened
    # Up to <sheetData>: no row, DTD or comment, and no other element calamine could take for it.
    while (at := buffer.find(b"sheetData")) < 0 or len(buffer) < at + 64:
        chunk = next(chunks, None)
        if chunk is None or len(buffer) > _MAX_PENDING:
            break
        buffer += chunk
    start_tag = b"<" + prefix + b"sheetData"
    if at < 0 or buffer.find(start_tag) + len(start_tag) != at + len(b"sheetData"):
        return None
    head = buffer[:at]
    if b"<!" in head or _STRAY_ROW.search(head):
        return None
    opening = _TAG_END.match(buffer, at + len(b"sheetData"))
    if opening is None:
        return None
    scan = _RowScan(prefix, limits, styles)
    buffer = buffer[opening.end() :]
    if not opening[1]:
        closing, row_start = b"</" + prefix + b"sheetData>", b"<" + prefix + b"row "
        while (end := buffer.find(closing)) < 0:
            cut = buffer.rfind(row_start)
            if cut > 0:
                if not scan.add(buffer[:cut]):
                    return None
                buffer = buffer[cut:]
            chunk = next(chunks, None)
            if chunk is None or len(buffer) > _MAX_PENDING:
                return None  # no end of the rows: truncated, or one giant row
            buffer += chunk
        if not scan.add(buffer[:end]):
            return None
        buffer = buffer[end + len(closing) :]
    # openpyxl would read a row after the sheet data too; calamine stops at its end.
    while True:
        if b"sheetData" in buffer or _STRAY_ROW.search(buffer):
            return None
        chunk = next(chunks, None)
        if chunk is None:
            break
        buffer = buffer[-256:] + chunk
    return scan.extent(limits)


def plain_shared_strings(archive: zipfile.ZipFile) -> bool:
    """Whether every shared string is in a shape calamine reads exactly as openpyxl does."""
    chunks = member_chunks(archive, STRINGS_PART)
    opened = _open_root(chunks, b"sst")
    if opened is None:
        return False
    prefix, buffer = opened
    pattern = _shared_string_pattern(prefix)
    closing, entry_start = b"</" + prefix + b"sst>", b"<" + prefix + b"si>"

    def plain(piece: bytes) -> bool:
        covered = sum(map(len, pattern.findall(piece)))
        if covered != len(piece.rstrip(_XML_WHITESPACE)):
            return False
        # openpyxl deletes "x005F_" from shared strings (a half-decoded escape), calamine not.
        return not (b"x005F_" in piece or (b"_x" in piece and _ESCAPE.search(piece)))

    while (end := buffer.find(closing)) < 0:
        cut = buffer.rfind(entry_start)
        if cut > 0:
            if not plain(buffer[:cut]):
                return False
            buffer = buffer[cut:]
        chunk = next(chunks, None)
        if chunk is None or len(buffer) > _MAX_PENDING:
            return False
        buffer += chunk
    if not plain(buffer[:end]):
        return False
    rest = buffer[end + len(closing) :] + b"".join(chunks)
    return not rest.strip(_XML_WHITESPACE)

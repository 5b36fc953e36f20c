"""A CSV upload: its encoding decided on the whole file (UTF-8, else Windows-1252), its
delimiter sniffed from the first records, its records read with any line break.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from payung.domain.errors import DomainError
from payung.files.errors import CELL_TOO_LONG, ENCODING_UNKNOWN, NOT_SPREADSHEET, corrupt
from payung.files.table import CSV, HEAD_BYTES, MIB, Limits, RowCollector, Table

DELIMITERS: Final = (",", ";", "\t")
SNIFF_RECORDS: Final = 50


def text_encoding(data: bytes, *, final: bool) -> str | None:
    """``"utf-8"`` or ``"cp1252"`` if ``data`` decodes as one of them (UTF-8 first), else None."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return None


def _csv_encoding(path: Path) -> str:
    """Decide the encoding on the whole file: UTF-8 (with or without BOM), else Windows-1252."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok, cp1252_ok = True, True
    with path.open("rb") as fh:
        while chunk := fh.read(MIB):
            if b"\x00" in chunk:
                raise DomainError(NOT_SPREADSHEET, kind="BIN")
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if cp1252_ok:
                try:
                    chunk.decode("cp1252")  # single-byte: chunk boundaries cannot split a char
                except UnicodeDecodeError:
                    cp1252_ok = False
            if not (utf8_ok or cp1252_ok):
                raise DomainError(ENCODING_UNKNOWN)
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    if cp1252_ok:
        return "cp1252"
    raise DomainError(ENCODING_UNKNOWN)


def _sniff_delimiter(sample: str) -> str:
    """The delimiter among ``,`` ``;`` and tab that splits the first records most consistently.

    For each candidate the records of the sample are parsed (quotes respected) and the most
    common field count is taken; the candidate whose common count is shared by the most records
    wins, then the one giving more fields. A title line above the header costs every candidate
    the same. ``csv.Sniffer`` guesses wrongly on short files and on decimal commas.
    """
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end in the middle of a record
    best: tuple[float, int] = (0.0, 1)
    chosen = DELIMITERS[0]
    for delimiter in DELIMITERS:
        counts: dict[int, int] = {}
        records = 0
        try:
            for record in csv.reader(lines, delimiter=delimiter):
                if not any(field.strip() for field in record):
                    continue
                counts[len(record)] = counts.get(len(record), 0) + 1
                records += 1
                if records >= SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        fields, frequency = max(counts.items(), key=lambda item: (item[1], item[0]))
        if fields < 2:
            continue
        score = (frequency / records, fields)
        if score > best:
            best, chosen = score, delimiter
    return chosen


# What str.splitlines takes for a line break besides \r and \n, and the csv module does not:
# vertical tab, form feed, the ASCII file/group/record separators, NEL, U+2028 and U+2029.
_OTHER_LINE_BREAKS: Final = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _csv_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a CSV file, broken also where the other line-break characters are.

    Some exporters end their records with U+2028 or a vertical tab; to the csv module the whole
    file would then be one record (ADR 0028). Each such character becomes a ``\n``: between
    records it ends one, inside a quoted field it stays a line break of that field's text.
    """
    for line in lines:
        if _OTHER_LINE_BREAKS.search(line) is None:
            yield line
            continue
        for part in line.splitlines(keepends=True):
            if _OTHER_LINE_BREAKS.fullmatch(part[-1]):
                part = part[:-1] + "\n"
            yield part


def read_csv(path: Path, *, limits: Limits) -> Table:
    encoding = _csv_encoding(path)
    # "utf-8-sig" reads files with and without a byte-order mark alike.
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    with path.open(encoding=codec, newline="") as fh:
        delimiter = _sniff_delimiter(fh.read(HEAD_BYTES))
    collector = RowCollector(limits)
    # csv's own field limit (131,072) stays in force; longer fields are refused as too long.
    with path.open(encoding=codec, newline="") as fh:
        reader = csv.reader(_csv_lines(fh), delimiter=delimiter)
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                if "field limit" in str(error):
                    raise DomainError(
                        CELL_TOO_LONG, row=start, limit=limits.max_cell_chars
                    ) from error
                raise corrupt(error) from error
            if not collector.add(start, (field or None for field in record)):
                break
    return collector.table(format=CSV, sheet=None, encoding=encoding, delimiter=delimiter)

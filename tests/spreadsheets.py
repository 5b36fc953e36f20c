"""Builders of .xls (BIFF8) and .ods files for the tests, written from the format specifications.

Nothing installed writes BIFF8 (xlwt is not a dependency and LibreOffice is not on the machine),
so :func:`write_xls` writes the few records a worksheet needs ([MS-XLS]: BOF, CODEPAGE, DATEMODE,
XF, BOUNDSHEET8, SST, DIMENSIONS, LABELSST, NUMBER, EOF) inside a version-3 compound file
([MS-CFB]). Text goes to the shared-string table as SIAK's exports do; numbers are NUMBER records
(BIFF8 has no integer type), dates NUMBER records in a date style (built-in format 14).
:func:`write_ods` writes an OpenDocument spreadsheet by hand: a stored ``mimetype``, a manifest
and ``content.xml`` with string, float and date cells.
"""

from __future__ import annotations

import struct
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

_END, _FREE, _FAT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_EPOCH = date(1899, 12, 30)


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _unicode(text: str, length_bytes: int = 2) -> bytes:
    # Always UTF-16LE (high-byte flag set): simple and valid for any text.
    count = struct.pack("<H", len(text)) if length_bytes == 2 else bytes([len(text)])
    return count + b"\x01" + text.encode("utf-16-le")


def _xf(number_format: int) -> bytes:
    """A cell XF record ([MS-XLS] 2.4.353) with font 0 and ``number_format``."""
    return _record(
        0x00E0, struct.pack("<HHHBBBBIIH", 0, number_format, 0, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    )


def biff8_stream(sheets: list[tuple[str, list[list[object]]]], *, encrypted: bool = False) -> bytes:
    """The Workbook stream of a BIFF8 workbook with ``sheets`` (name, rows from A1)."""
    strings: list[str] = []
    index: dict[str, int] = {}
    bodies = []
    for _, rows in sheets:
        cells = b""
        width = max((len(row) for row in rows), default=0)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    if value not in index:
                        index[value] = len(strings)
                        strings.append(value)
                    cells += _record(0x00FD, struct.pack("<HHHI", r, c, 0, index[value]))
                elif isinstance(value, date):
                    day = value.date() if isinstance(value, datetime) else value
                    serial = float((day - _EPOCH).days)
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, 1, serial))
                else:
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))  # type: ignore[arg-type]
        dimensions = _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        bodies.append(
            _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
            + dimensions
            + cells
            + _record(0x000A, b"")
        )
    globals_head = (
        _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
        + (_record(0x002F, bytes(54)) if encrypted else b"")
        + _record(0x0042, struct.pack("<H", 1200))
        + _record(0x0022, struct.pack("<H", 0))
        + _xf(0)
        + _xf(14)
    )
    sst_body = struct.pack("<II", len(strings), len(strings))
    sst_records = b""
    for text in strings:
        piece = _unicode(text)
        if len(sst_body) + len(piece) > 8224:  # a record holds 8224 bytes; CONTINUE the rest
            sst_records += _record(0x00FC if not sst_records else 0x003C, sst_body)
            sst_body = b""
        sst_body += piece
    sst_records += _record(0x00FC if not sst_records else 0x003C, sst_body)
    boundsheet_size = sum(4 + 6 + len(_unicode(name, 1)) for name, _ in sheets)
    offset = len(globals_head) + boundsheet_size + len(sst_records) + 4
    boundsheets = b""
    for (name, _), body in zip(sheets, bodies, strict=True):
        boundsheets += _record(0x0085, struct.pack("<IBB", offset, 0, 0) + _unicode(name, 1))
        offset += len(body)
    return globals_head + boundsheets + sst_records + _record(0x000A, b"") + b"".join(bodies)


def compound_file_with(name: str, data: bytes) -> bytes:
    """A version-3 compound file holding one stream ``name`` (padded to 4096 bytes)."""
    data = data.ljust(4096, b"\0")
    sectors = -(-len(data) // 512)
    fat_count = -(-(sectors + 2) // 127)  # FAT sectors also map themselves
    assert fat_count <= 109
    first_data = fat_count + 1
    fat = [_FAT] * fat_count + [_END]
    fat += [first_data + i + 1 for i in range(sectors - 1)] + [_END]
    fat += [_FREE] * (fat_count * 128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_count, fat_count, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", *range(fat_count), *([_FREE] * (109 - fat_count)))
    )

    def entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (entry_name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _NONE, _NONE, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, _END, 0) + entry(name, 2, _NONE, first_data, len(data))
    directory = directory.ljust(512, b"\0")
    return (
        header + struct.pack(f"<{len(fat)}I", *fat) + directory + data.ljust(sectors * 512, b"\0")
    )


def write_xls(
    path: Path, rows: list[list[object]], *, sheet: str = "Sheet1", encrypted: bool = False
) -> Path:
    path.write_bytes(
        compound_file_with("Workbook", biff8_stream([(sheet, rows)], encrypted=encrypted))
    )
    return path


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, date):
        text = value.isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{text}">'
            f"<text:p>{text}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value!r}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


def write_ods(
    path: Path, rows: list[list[object]], *, sheet: str = "Sheet1", trailing_empty: int = 0
) -> Path:
    """An .ods with ``rows``; ``trailing_empty`` adds LibreOffice's repeated empty row."""
    body = "".join(
        "<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>" for row in rows
    )
    if trailing_empty:
        body += (
            f'<table:table-row table:number-rows-repeated="{trailing_empty}">'
            "<table:table-cell/></table:table-row>"
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path

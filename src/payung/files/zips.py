"""The zip checks of an .xlsx or .ods upload, from the central directory alone, before anything
is decompressed: a zip bomb, a zip-level password, a zip that is not a workbook.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import IO, Final

from payung.domain.errors import DomainError
from payung.files.errors import CORRUPT, NOT_SPREADSHEET, PASSWORD_PROTECTED, ZIP_BOMB, corrupt
from payung.files.table import MIB, ODS, XLSX, Limits

# A member smaller than this cannot be a bomb whatever its ratio; tiny XML parts (an empty
# sheet, shared strings of a few repeated words) legitimately compress more than 100 times.
RATIO_MIN_BYTES: Final = MIB
# A workbook has tens of parts; a central directory of a million tiny entries costs hundreds of
# megabytes in zipfile's bookkeeping alone, so it is refused before zipfile reads it.
MAX_ZIP_MEMBERS: Final = 10_000


def check_zip(path: Path, limits: Limits) -> str:
    """Refuse a zip bomb or a zip that is not a workbook, from the central directory alone.

    Returns ``"xlsx"`` or ``"ods"`` (an OpenDocument spreadsheet with its content part)."""
    with path.open("rb") as fh:
        members = _zip_member_count(fh)
    if members is not None and members > MAX_ZIP_MEMBERS:
        raise DomainError(ZIP_BOMB)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    # A zip-level password (7-Zip, WinRAR) rather than Excel's own encryption.
                    raise DomainError(PASSWORD_PROTECTED)
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise DomainError(CORRUPT, detail=f"compression method {info.compress_type}")
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size >= RATIO_MIN_BYTES and ratio > limits.max_compression_ratio:
                    raise DomainError(ZIP_BOMB)
            if total > limits.max_uncompressed_bytes:
                raise DomainError(ZIP_BOMB)
            names = {info.filename for info in infos}
            if {"[Content_Types].xml", "xl/workbook.xml"} <= names:
                return XLSX
            kind = _zip_kind(archive, names)
            if kind == "ODS" and "content.xml" in names:
                return ODS
            raise DomainError(NOT_SPREADSHEET, kind=kind)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        # OSError: a central directory pointing outside the file makes zipfile seek there.
        raise corrupt(error) from error


def _zip_member_count(fh: IO[bytes]) -> int | None:
    """Entries declared by the end-of-central-directory record (ZIP64 aware), if it is found."""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    tail_size = min(size, 22 + 65_535)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    (entries,) = struct.unpack_from("<H", tail, at + 10)
    if entries != 0xFFFF:
        return int(entries)
    locator = at - 20
    if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
        return None
    (offset,) = struct.unpack_from("<Q", tail, locator + 8)
    fh.seek(offset)
    record = fh.read(56)
    if len(record) < 40 or not record.startswith(b"PK\x06\x06"):
        return None
    (entries64,) = struct.unpack_from("<Q", record, 32)
    return int(entries64)


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return "XLSB"
    if "word/document.xml" in names:
        return "DOCX"
    if "ppt/presentation.xml" in names:
        return "PPTX"
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
        mimetype = archive.read("mimetype")
        if mimetype.endswith(b".spreadsheet"):
            return "ODS"
        return "ODF"
    return "ZIP"

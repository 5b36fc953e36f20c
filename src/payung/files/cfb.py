"""An OLE2 compound file (CFB) upload: a legacy .xls, an encrypted OOXML workbook or another
Office document, told apart from its directory, read defensively.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import IO, Final

from payung.domain.errors import DomainError
from payung.files.errors import CORRUPT, LEGACY_XLS, NOT_SPREADSHEET, PASSWORD_PROTECTED

_ENCRYPTED_STREAMS: Final = frozenset({"encryptioninfo", "encryptedpackage"})
_OTHER_OFFICE_STREAMS: Final = {"worddocument": "DOC", "powerpoint document": "PPT"}
_BIFF8_STREAM: Final = "workbook"  # Excel 97 and later, and SIAK's exports
_BIFF5_STREAM: Final = "book"  # Excel 5.0/95
_END_OF_CHAIN: Final = 0xFFFFFFFE
_MAX_REGULAR_SECTOR: Final = 0xFFFFFFFA


def classify_cfb(fh: IO[bytes], size: int) -> bytes:
    """The BIFF8 workbook stream of an OLE2 upload, or the code saying why it is not read."""
    container = _CompoundFile(fh, size)
    names = set(container.entries)
    if names & _ENCRYPTED_STREAMS:
        raise DomainError(PASSWORD_PROTECTED)
    for stream, kind in _OTHER_OFFICE_STREAMS.items():
        if stream in names:
            raise DomainError(NOT_SPREADSHEET, kind=kind)
    if _BIFF8_STREAM in names:
        workbook = container.read(_BIFF8_STREAM)
        if workbook is not None:
            return workbook
        raise DomainError(CORRUPT, detail="Workbook stream unreadable")
    if _BIFF5_STREAM in names:
        raise DomainError(LEGACY_XLS)
    raise DomainError(CORRUPT, detail="no workbook in the OLE2 container")


class _CompoundFile:
    """The directory and streams of a compound file ([MS-CFB]), read defensively.

    Only the header, the FAT sectors on a chain and the chain's sectors are read; every loop is
    bounded by the number of sectors the file can hold, so a cyclic or dangling chain ends.
    ``entries`` maps lower-case names to (type, first sector, size); an unreadable structure
    gives no entries.
    """

    def __init__(self, fh: IO[bytes], size: int) -> None:
        self.fh = fh
        self.entries: dict[str, tuple[int, int, int]] = {}
        fh.seek(0)
        header = fh.read(512)
        if len(header) < 512:
            return
        (shift,) = struct.unpack_from("<H", header, 30)
        if shift not in (9, 12):
            return
        self.sector_size = 1 << shift
        self.sectors = max(0, -(-size // self.sector_size) - 1)
        self.per_sector = self.sector_size // 4
        fat_count, first_dir = struct.unpack_from("<II", header, 44)
        (self.mini_cutoff,) = struct.unpack_from("<I", header, 56)
        self.first_mini_fat, _ = struct.unpack_from("<II", header, 60)
        first_difat, difat_count = struct.unpack_from("<II", header, 68)
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < self.sectors]
        next_difat, seen = first_difat, 0
        while next_difat <= _MAX_REGULAR_SECTOR and seen < min(difat_count, self.sectors):
            block = self._sector(next_difat)
            if len(block) < self.sector_size:
                break
            entries = struct.unpack(f"<{self.per_sector}I", block)
            fat_sectors.extend(s for s in entries[:-1] if s < self.sectors)
            next_difat, seen = entries[-1], seen + 1
        self.fat_sectors = fat_sectors[:fat_count]
        self.root: tuple[int, int, int] | None = None
        for block in self._chain(first_dir):
            for offset in range(0, len(block) - 127, 128):
                entry = block[offset : offset + 128]
                (name_length,) = struct.unpack_from("<H", entry, 64)
                kind = entry[66]
                if 2 <= name_length <= 64 and kind in (1, 2, 5):
                    name = entry[: name_length - 2].decode("utf-16-le", "replace").lower()
                    start, length = struct.unpack_from("<II", entry, 116)
                    if kind == 5 and self.root is None:
                        self.root = (kind, start, length)
                    self.entries.setdefault(name, (kind, start, length))

    def _sector(self, number: int) -> bytes:
        if number >= self.sectors:
            return b""
        self.fh.seek((number + 1) * self.sector_size)
        return self.fh.read(self.sector_size)

    def _next(self, number: int) -> int:
        index, slot = divmod(number, self.per_sector)
        if index >= len(self.fat_sectors):
            return _END_OF_CHAIN
        block = self._sector(self.fat_sectors[index])
        if len(block) < (slot + 1) * 4:
            return _END_OF_CHAIN
        return int(struct.unpack_from("<I", block, slot * 4)[0])

    def _chain(self, first: int) -> Iterator[bytes]:
        current, visited = first, set[int]()
        while current <= _MAX_REGULAR_SECTOR and current not in visited:
            if len(visited) >= self.sectors:
                return
            visited.add(current)
            yield self._sector(current)
            current = self._next(current)

    def read(self, name: str) -> bytes | None:
        """A stream's bytes, or None when its chain is shorter than its declared size."""
        found = self.entries.get(name)
        if found is None or found[0] != 2:
            return None
        _, start, length = found
        if length < self.mini_cutoff:
            return self._read_mini(start, length)
        data = b"".join(self._chain(start))
        return data[:length] if len(data) >= length else None

    def _read_mini(self, start: int, length: int) -> bytes | None:
        if self.root is None:
            return None
        container = b"".join(self._chain(self.root[1]))
        mini_fat = b"".join(self._chain(self.first_mini_fat))
        pieces, current, visited = [], start, set[int]()
        while current <= _MAX_REGULAR_SECTOR and current not in visited:
            visited.add(current)
            pieces.append(container[current * 64 : current * 64 + 64])
            if (current + 1) * 4 > len(mini_fat):
                break
            current = int(struct.unpack_from("<I", mini_fat, current * 4)[0])
        data = b"".join(pieces)
        return data[:length] if len(data) >= length else None

"""A document uploaded as evidence (a death certificate, a doctor's statement, a KTP): PDF, JPEG or
PNG, judged by its bytes, never by its name or the browser's word for it.

What is refused, each with its code and words a village operator can act on:

- an empty file (``document.empty``), one over the size limit (``document.too_large``), checked
  on the upload's size before a byte of it is read;
- anything that is not a PDF, JPEG or PNG by its first bytes (``document.type``: a web page, a
  program, an archive, an Office file…), whatever its name says;
- a PDF, JPEG or PNG whose name says another type (``document.name_mismatch``: a PDF named
  ``.png``), so the file a reader later opens is the file its name promises;
- a file cut short or damaged (``document.damaged``: no PDF ``%%EOF``, no PNG ``IEND``, no JPEG
  end marker);
- a PDF that carries scripts, launch actions or embedded files (``document.active_content``): a
  scan or a photo of a paper needs none of them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

from payung.domain.errors import DomainError, register

MIB: Final = 1024 * 1024
MAX_BYTES: Final = 10 * MIB  # a phone photo or a scanned page is well under it

EMPTY: Final = register(
    "document.empty",
    id="Berkas dokumen kosong. Pilih berkas hasil pindaian atau foto dokumennya.",
    en="The document file is empty. Choose the scan or the photo of the document.",
)
TOO_LARGE: Final = register(
    "document.too_large",
    id="Berkas dokumen {size_mb} MB terlalu besar; paling besar {limit_mb} MB. Pindai ulang "
    "dengan resolusi lebih rendah atau foto dokumennya.",
    en="The document file of {size_mb} MB is too large; at most {limit_mb} MB. Scan it again at "
    "a lower resolution or take a photo of the document.",
)
NOT_A_DOCUMENT: Final = register(
    "document.type",
    id="Berkas ini {kind_id}, bukan PDF, JPEG atau PNG. Unggah hasil pindaian atau foto "
    "dokumen dalam bentuk PDF, JPEG atau PNG.",
    en="This file is {kind_en}, not a PDF, JPEG or PNG. Upload the scan or the photo of the "
    "document as a PDF, JPEG or PNG.",
)
NAME_MISMATCH: Final = register(
    "document.name_mismatch",
    id="Isi berkas adalah {found}, tetapi namanya berakhiran .{suffix}. Unggah berkas yang "
    "benar, atau beri nama sesuai isinya.",
    en="The file holds a {found}, but its name ends in .{suffix}. Upload the right file, or name "
    "it after what it holds.",
)
DAMAGED: Final = register(
    "document.damaged",
    id="Berkas {found} ini rusak atau terpotong. Simpan atau pindai ulang dokumennya, lalu "
    "unggah lagi.",
    en="This {found} file is damaged or cut short. Save or scan the document again, then upload "
    "it again.",
)
ACTIVE_CONTENT: Final = register(
    "document.active_content",
    id="PDF ini berisi skrip atau berkas tersemat; demi keamanan tidak diterima. Cetak ulang "
    "dokumennya ke PDF atau pindai dokumen kertasnya.",
    en="This PDF carries scripts or embedded files; for safety it is not accepted. Print the "
    "document to PDF again or scan the paper.",
)


@dataclass(frozen=True)
class DocumentType:
    """What an accepted document is: ``pdf``, ``jpeg`` or ``png``, its content type and the
    suffixes its name may end in."""

    kind: str
    label: str
    content_type: str
    suffixes: tuple[str, ...]


PDF: Final = DocumentType("pdf", "PDF", "application/pdf", ("pdf",))
JPEG: Final = DocumentType("jpeg", "JPEG", "image/jpeg", ("jpg", "jpeg", "jpe"))
PNG: Final = DocumentType("png", "PNG", "image/png", ("png",))
TYPES: Final = {t.kind: t for t in (PDF, JPEG, PNG)}

_PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
# What a refused file is, in words, by its first bytes (the rest: "another kind of file").
_OTHERS: Final = (
    (b"PK\x03\x04", "arsip ZIP atau dokumen Office", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0", "dokumen Office lama", "an old Office document"),
    (b"MZ", "program (EXE)", "a program (EXE)"),
    (b"\x7fELF", "program (ELF)", "a program (ELF)"),
    (b"GIF8", "gambar GIF", "a GIF image"),
    (b"RIFF", "gambar WebP atau berkas suara/video", "a WebP image or a sound/video file"),
    (b"{\\rtf", "dokumen RTF", "an RTF document"),
    (b"Rar!", "arsip RAR", "a RAR archive"),
    (b"7z\xbc\xaf", "arsip 7z", "a 7z archive"),
)
_MARKUP: Final = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml")
_ACTIVE: Final = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z])")


def check_size(size: int, *, limit: int = MAX_BYTES) -> None:
    """Refuse an empty upload or one over ``limit`` bytes, before it is read."""
    if size <= 0:
        raise DomainError(EMPTY)
    if size > limit:
        raise DomainError(TOO_LARGE, size_mb=math.ceil(size / MIB), limit_mb=limit // MIB)


def _kind_of(head: bytes) -> DocumentType:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_PNG_MAGIC):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    for magic, kind_id, kind_en in _OTHERS:
        if head.startswith(magic):
            raise DomainError(NOT_A_DOCUMENT, kind_id=kind_id, kind_en=kind_en)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_MARKUP):
        raise DomainError(
            NOT_A_DOCUMENT,
            kind_id="halaman web (HTML/XML/SVG)",
            kind_en="a web page (HTML/XML/SVG)",
        )
    raise DomainError(NOT_A_DOCUMENT, kind_id="jenis berkas lain", kind_en="another kind of file")


def _complete(kind: DocumentType, data: bytes) -> bool:
    tail = data[-2048:]
    if kind is PDF:
        return b"%%EOF" in tail
    if kind is PNG:
        return data[12:16] == b"IHDR" and b"IEND" in data[-16:]
    return b"\xff\xd9" in tail


def check_document(data: bytes, *, name: str, limit: int = MAX_BYTES) -> DocumentType:
    """The type of an uploaded document, or the ``document.*`` refusal saying why not."""
    check_size(len(data), limit=limit)
    kind = _kind_of(data[:64])
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix and suffix not in kind.suffixes:
        raise DomainError(NAME_MISMATCH, found=kind.label, suffix=suffix)
    if not _complete(kind, data):
        raise DomainError(DAMAGED, found=kind.label)
    if kind is PDF and _ACTIVE.search(data):
        raise DomainError(ACTIVE_CONTENT)
    return kind

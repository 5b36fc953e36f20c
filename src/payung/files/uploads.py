"""A file uploaded through a page, handed to a service as a path (lists of workers, lists from
other sources): refused by size before it is written anywhere, kept in a temporary file only
while the service reads it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from payung.domain.errors import DomainError, message_for
from payung.files.table import MIB, Limits

T = TypeVar("T")


class Upload(Protocol):
    """What a page upload offers (Django's ``UploadedFile``): its name, size and chunks.

    A protocol, so that this package needs no web framework."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...


def upload_too_large(upload: Upload, lang: str) -> str | None:
    """The ``file.too_large`` message when the upload is over the reader's limit."""
    limit = Limits().max_bytes
    if (upload.size or 0) <= limit:
        return None
    return message_for(
        "file.too_large", lang, size_mb=(upload.size or 0) // MIB, limit_mb=limit // MIB
    )


@contextmanager
def upload_path(upload: Upload) -> Iterator[Path]:
    """The upload written to a temporary file (same suffix), removed afterwards."""
    with tempfile.NamedTemporaryFile(suffix=Path(upload.name or "").suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        yield Path(handle.name)


def with_upload(
    upload: Upload | None, lang: str, run: Callable[[Path, str], T]
) -> tuple[T | None, str | None]:
    """``run(path, file name)`` on the upload, or the message saying why not (no file, too large,
    a domain refusal in ``lang``)."""
    if upload is None:
        return None, message_for("file.empty", lang)
    if too_large := upload_too_large(upload, lang):
        return None, too_large
    with upload_path(upload) as path:
        try:
            return run(path, upload.name or ""), None
        except DomainError as refusal:
            return None, refusal.message(lang)

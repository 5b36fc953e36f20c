"""The JSON API's own refusals: what is wrong with a request before any other rule reads it.

Every failure under ``/api/`` answers with one of these codes (or a domain rule's own code) and
its message in both languages, never Django's HTML pages (``payung.edge.api``, ADR 0026). The
depth check runs before ``json.loads``: a body of 100,000 ``[`` would otherwise exhaust the
parser's recursion and end as a server error.
"""

from __future__ import annotations

import re
from typing import Final

from payung.domain.errors import DomainError, register

AUTH_REQUIRED: Final = register("auth.required", id="Silakan masuk.", en="Please log in.")
FORBIDDEN: Final = register(
    "auth.forbidden",
    id="Peran Anda tidak boleh melakukan ini.",
    en="Your role may not do this.",
)
NOT_FOUND: Final = register(
    "request.not_found",
    id="Tidak ditemukan, atau di luar wilayah kerja Anda.",
    en="Not found, or outside your working region.",
)
VALIDATION: Final = register(
    "request.validation",
    id="Data yang dikirim bermasalah; lihat setiap masalahnya.",
    en="The data sent has problems; see each one.",
)
JSON: Final = register(
    "request.json",
    id="Isi permintaan harus berupa objek JSON.",
    en="The body must be a JSON object.",
)
TOO_DEEP: Final = register(
    "request.too_deep",
    id="JSON dalam isi permintaan bersarang lebih dari {limit} tingkat.",
    en="The body's JSON is nested more than {limit} levels deep.",
)
TOO_LARGE: Final = register(
    "request.too_large",
    id="Isi permintaan lebih besar dari batas {limit} byte.",
    en="The body is larger than the limit of {limit} bytes.",
)
CONTENT_TYPE: Final = register(
    "request.content_type",
    id="Isi permintaan harus dikirim sebagai application/json, bukan {received}.",
    en="The body must be sent as application/json, not {received}.",
)
METHOD: Final = register(
    "request.method",
    id="Alamat ini tidak menerima permintaan {method}; gunakan {allowed}.",
    en="This address does not accept {method} requests; use {allowed}.",
)
CSRF: Final = register(
    "request.csrf",
    id="Permintaan ditolak: token keamanan (CSRF) tidak ada atau salah. Muat ulang lalu coba lagi.",
    en="Refused: the security token (CSRF) is missing or wrong. Reload and try again.",
)
UNREADABLE: Final = register(
    "request.unreadable",
    id="Permintaan tidak dapat dibaca.",
    en="The request could not be read.",
)
SERVER_ERROR: Final = register(
    "server.error",
    id="Terjadi kesalahan di server dan sudah dicatat. Coba lagi nanti.",
    en="Something went wrong on the server; it has been logged. Try again later.",
)

# A worker is a flat object (heirs included): 32 levels is far beyond any real body and far below
# the interpreter's recursion limit.
MAX_JSON_DEPTH: Final = 32
# A complete string, a bracket, or a quote that opens a string never closed (then the text is not
# JSON and the parser will say so; scanning stops there, so the scan stays linear).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+"|[\[\]{}]|"', re.DOTALL)
_OPEN: Final = frozenset("[{")
_CLOSE: Final = frozenset("]}")


def json_depth(text: str, *, stop_above: int | None = None) -> int:
    """How deeply the arrays and objects of ``text`` nest, without parsing it (brackets inside
    strings do not count); the scan ends as soon as the depth passes ``stop_above``."""
    depth = deepest = 0
    for match in _TOKEN.finditer(text):
        found = match.group()
        if found in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
            if stop_above is not None and deepest > stop_above:
                break
        elif found in _CLOSE:
            depth -= 1
        elif found == '"':
            break
    return deepest


def check_json_depth(text: str, *, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse ``text`` with ``request.too_deep`` when it nests deeper than ``limit``."""
    if json_depth(text, stop_above=limit) > limit:
        raise DomainError(TOO_DEEP, limit=limit)

"""Personal identity numbers at rest: AES-256-GCM encryption plus a keyed hash (blind index).

NIK and No. KK are stored encrypted, so a copied database or backup does not give them away, and
next to each an HMAC-SHA256 of the number (the *blind index*) that lets the database find a person
by exact number and enforce "one NIK, one person" without ever holding the number in clear.

Both keys are derived (HKDF-SHA256) from one 32-byte data key: ``PAYUNG_DATA_KEY`` (base64) in the
environment, or a key generated once into ``<var>/data_key`` for a single-office install. The key
is not in the database: losing it loses the numbers, so back it up apart from the database.

A wrong key fails closed: decryption raises :class:`DataKeyError`, nothing is ever shown or
written in place of a number that cannot be read. Ciphertexts carry a version prefix (``v1:``)
so the key can later be rotated.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = "v1"


class DataKeyError(RuntimeError):
    """The data key cannot read what is stored: wrong key, or damaged data. Fail closed."""


def _load_master_key() -> bytes:
    encoded = getattr(settings, "PAYUNG_DATA_KEY", "") or os.environ.get("PAYUNG_DATA_KEY", "")
    if not encoded:
        path = settings.VAR_DIR / "data_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
            path.chmod(0o600)
        encoded = path.read_text().strip()
    try:
        key = base64.urlsafe_b64decode(encoded)
    except ValueError:
        raise ImproperlyConfigured("PAYUNG_DATA_KEY is not valid base64") from None
    if len(key) != 32:
        raise ImproperlyConfigured("PAYUNG_DATA_KEY must decode to exactly 32 bytes")
    return key


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


@lru_cache(maxsize=1)
def _keys() -> tuple[AESGCM, bytes]:
    master = _load_master_key()
    return AESGCM(_derive(master, b"payung/encrypt/v1")), _derive(master, b"payung/index/v1")


def reset_key_cache() -> None:
    """Forget the derived keys (tests; after a key change)."""
    _keys.cache_clear()


def encrypt(plaintext: str, *, context: str) -> str:
    """``v1:`` + base64(nonce ‖ ciphertext). ``context`` (e.g. ``"nik"``) is authenticated, so a
    ciphertext moved into another column does not decrypt."""
    cipher, _ = _keys()
    nonce = os.urandom(12)
    sealed = cipher.encrypt(nonce, plaintext.encode(), context.encode())
    return f"{VERSION}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt(token: str, *, context: str) -> str:
    cipher, _ = _keys()
    version, _, body = token.partition(":")
    if version != VERSION or not body:
        raise DataKeyError("stored value is not a Payung ciphertext")
    try:
        raw = base64.b64decode(body)
        return cipher.decrypt(raw[:12], raw[12:], context.encode()).decode()
    except (InvalidTag, ValueError):
        raise DataKeyError(
            "the data key cannot decrypt stored identity numbers (wrong PAYUNG_DATA_KEY?)"
        ) from None


def blind_index(value: str, *, context: str) -> str:
    """Keyed hash for exact look-ups: equal numbers give equal indexes, nothing else is learnt."""
    _, index_key = _keys()
    return hmac.new(index_key, f"{context}:{value}".encode(), hashlib.sha256).hexdigest()


def key_fingerprint() -> str:
    """A short public fingerprint of the data key, recorded in the database to detect a wrong key
    before anything is written with it."""
    return blind_index("payung-key-check", context="fingerprint")[:16]

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


class Keys:
    """The keys derived from one data key: sealing (AES-256-GCM) and the blind index (HMAC).

    Importing code uses the module functions below (the installation's key). A process that
    validates rows for the importer receives a ``Keys`` explicitly: it pickles as the data key
    itself, so only hand it to processes of this installation (``imports/rowcheck.py``).
    """

    def __init__(self, master: bytes) -> None:
        self._master = master
        self._cipher = AESGCM(_derive(master, b"payung/encrypt/v1"))
        self._index_key = _derive(master, b"payung/index/v1")

    def __reduce__(self) -> tuple[type[Keys], tuple[bytes]]:
        return (Keys, (self._master,))

    def encrypt(self, plaintext: str, *, context: str) -> str:
        """``v1:`` + base64(nonce ‖ ciphertext). ``context`` (e.g. ``"nik"``) is authenticated,
        so a ciphertext moved into another column does not decrypt."""
        nonce = os.urandom(12)
        sealed = self._cipher.encrypt(nonce, plaintext.encode(), context.encode())
        return f"{VERSION}:{base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, *, context: str) -> str:
        version, _, body = token.partition(":")
        if version != VERSION or not body:
            raise DataKeyError("stored value is not a Payung ciphertext")
        try:
            raw = base64.b64decode(body)
            return self._cipher.decrypt(raw[:12], raw[12:], context.encode()).decode()
        except (InvalidTag, ValueError):
            raise DataKeyError(
                "the data key cannot decrypt stored identity numbers (wrong PAYUNG_DATA_KEY?)"
            ) from None

    def seal(self, data: bytes, *, context: str) -> bytes:
        """Bytes sealed as :meth:`encrypt` seals text (an uploaded document): ``v1:`` + nonce ‖
        ciphertext, with ``context`` authenticated."""
        nonce = os.urandom(12)
        return VERSION.encode() + b":" + nonce + self._cipher.encrypt(nonce, data, context.encode())

    def unseal(self, token: bytes, *, context: str) -> bytes:
        prefix = VERSION.encode() + b":"
        if not token.startswith(prefix):
            raise DataKeyError("stored value is not a Payung ciphertext")
        raw = token[len(prefix) :]
        try:
            return self._cipher.decrypt(raw[:12], raw[12:], context.encode())
        except (InvalidTag, ValueError):
            raise DataKeyError("the data key cannot decrypt a stored document") from None

    def blind_index(self, value: str, *, context: str) -> str:
        """Keyed hash for exact look-ups: equal numbers give equal indexes, nothing else."""
        return hmac.new(self._index_key, f"{context}:{value}".encode(), hashlib.sha256).hexdigest()


@lru_cache(maxsize=1)
def current_keys() -> Keys:
    """The installation's keys (``PAYUNG_DATA_KEY``, or the key file of a single-office install)."""
    return Keys(_load_master_key())


def reset_key_cache() -> None:
    """Forget the derived keys (tests; after a key change)."""
    current_keys.cache_clear()


def encrypt(plaintext: str, *, context: str) -> str:
    return current_keys().encrypt(plaintext, context=context)


def decrypt(token: str, *, context: str) -> str:
    return current_keys().decrypt(token, context=context)


def seal(data: bytes, *, context: str) -> bytes:
    return current_keys().seal(data, context=context)


def unseal(token: bytes, *, context: str) -> bytes:
    return current_keys().unseal(token, context=context)


def blind_index(value: str, *, context: str) -> str:
    return current_keys().blind_index(value, context=context)


def key_fingerprint() -> str:
    """A short public fingerprint of the data key, recorded in the database to detect a wrong key
    before anything is written with it."""
    return blind_index("payung-key-check", context="fingerprint")[:16]

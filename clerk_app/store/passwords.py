"""Password hashes: scrypt with a per-user random salt, parameters kept in the hash text.

    scrypt$16384$8$1$<salt, base64>$<key, base64>

Keeping the parameters in the text lets a later release raise them without breaking old hashes.
Verification compares in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
_MAX_MEMORY = 64 * 1024 * 1024


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, N, R, P)
    return "$".join([SCHEME, str(N), str(R), str(P), _b64(salt), _b64(key)])


def verify_password(password: str, encoded: str) -> bool:
    """Whether the password matches the hash; a malformed hash matches nothing."""
    try:
        scheme, n, r, p, salt, key = encoded.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        derived = _derive(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(derived, expected)


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")

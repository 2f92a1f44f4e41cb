"""How a passphrase opens the vault: the key derivation (Argon2id, or scrypt where
this `cryptography` lacks it), the caps a header's parameters must keep, and the
keyslots, each wrapping the shared data key and one partner's private key under a
key derived from that partner's passphrase (vault/fileformat.py holds the rest of
the file's layout).
"""

from __future__ import annotations

import base64
import json
import os
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from trust_tui.vault.errors import UnsafeHeader

KEY_SIZE = 32
NONCE_SIZE = 12

# Caps checked before any derivation, so a doctored header cannot make an unlock
# take long or exhaust memory. Measured on the 2-core machine this was built on
# (bench figures in issue 13): the default (Argon2id 128 MiB x 3 passes, or scrypt
# n=2**17 r=8) takes about 0.4 s and 150 MiB; one slot may ask for at most 256 MiB
# and 768 MiB-passes (about 0.9 s), and a wrong passphrase tries every slot, so
# the slots together are capped at twice that: the worst doctored header costs a
# wrong passphrase about 1.8 s (3 s with the other core busy) and 256 MiB at once.
MAX_MEMORY_KIB = 256 * 1024  # 256 MiB
MAX_ITERATIONS = 10
MAX_LANES = 16
MAX_SLOT_WORK = 3 * 256 * 1024  # KiB x passes for one slot (768 MiB-passes)
MAX_TOTAL_WORK = 2 * MAX_SLOT_WORK  # all slots together
MAX_SCRYPT_MEMORY = 256 * 1024 * 1024  # bytes: 128 * n * r
# scrypt's memory is written once and read once per block, and its mixing is slower
# than Argon2's: one KiB of it costs about three Argon2 KiB-passes here.
SCRYPT_PASSES = 3
MAX_SLOT_ID = 64
_SLOT_ID_CHARACTERS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_")
SALT_SIZE = 16
MIN_PASSPHRASE = 8  # characters (vault/passphrases.py checks it)

# One derivation at a time in this process. cryptography's Argon2id (50.x) runs its
# lanes on OpenSSL's thread pool, and two derivations at once on different threads
# fail now and then with a spurious MemoryError or hang for good (seen here with
# lanes=4). So the keyslots are tried one after the other, never side by side: a
# wrong passphrase costs the same capped total work as ever (MAX_TOTAL_WORK), and
# the peak memory is one slot's (at most MAX_MEMORY_KIB), however many slots there are.
_KDF_LOCK = threading.Lock()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def whole_number(value: object, low: int, high: int) -> int:
    """A JSON whole number within [low, high]: never a bool, a float (Infinity and
    NaN arrive as floats), a string or a huge number."""
    if type(value) is not int or not (low <= value <= high):
        raise ValueError("not a whole number within bounds")
    return value


def _slot_id(value: object) -> str:
    if (not isinstance(value, str) or not (1 <= len(value) <= MAX_SLOT_ID)
            or not _SLOT_ID_CHARACTERS.issuperset(value)):
        raise ValueError("not a keyslot id")  # a lone surrogate, a control character, ...
    return value


@dataclass(frozen=True)
class KdfParams:
    """Argon2id by default; scrypt where this `cryptography` lacks Argon2id."""

    name: str = "argon2id"
    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    @classmethod
    def default(cls) -> "KdfParams":
        if _argon2_available():
            return cls()
        return cls(name="scrypt", memory_kib=2**17, iterations=8, lanes=1)  # n, r, p

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "memory_kib": self.memory_kib,
                "iterations": self.iterations, "lanes": self.lanes}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "KdfParams":
        try:
            if not isinstance(raw, dict) or not isinstance(raw["name"], str):
                raise TypeError("not a set of parameters")
            params = cls(name=raw["name"], memory_kib=whole_number(raw["memory_kib"], 1, 2**62),
                         iterations=whole_number(raw["iterations"], 1, 2**62),
                         lanes=whole_number(raw["lanes"], 1, 2**62))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise UnsafeHeader("unreadable parameters") from exc
        params.check_caps()
        return params

    @property
    def work(self) -> int:
        """A rough cost in KiB x passes, comparable between the two methods."""
        if self.name == "scrypt":
            return SCRYPT_PASSES * 128 * self.memory_kib * self.iterations * self.lanes // 1024
        return self.memory_kib * self.iterations

    def check_caps(self) -> None:
        if self.name == "argon2id":
            if not (1 <= self.lanes <= MAX_LANES):
                raise UnsafeHeader(f"{self.lanes} lanes")
            if not (8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB):
                raise UnsafeHeader(f"{self.memory_kib} KiB of memory")
            if not (1 <= self.iterations <= MAX_ITERATIONS):
                raise UnsafeHeader(f"{self.iterations} iterations")
        elif self.name == "scrypt":
            n, r, p = self.memory_kib, self.iterations, self.lanes
            if (n < 2 or n & (n - 1) or not (1 <= r <= 32) or not (1 <= p <= 16)
                    or 128 * n * r > MAX_SCRYPT_MEMORY):
                raise UnsafeHeader(f"scrypt n={n} r={r} p={p}")
        else:
            raise UnsafeHeader(f"unknown method {ascii(self.name)[:40]}")  # escapes shown inert
        if self.work > MAX_SLOT_WORK:
            raise UnsafeHeader(f"{self.memory_kib} KiB of memory times {self.iterations} passes")

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        self.check_caps()  # also for parameters made in code, not read from a file
        secret = normal_passphrase(passphrase).encode("utf-8", "surrogatepass")
        with _KDF_LOCK:
            return self._derive(secret, salt)

    def _derive(self, secret: bytes, salt: bytes) -> bytes:
        try:
            if self.name == "argon2id":
                from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

                return Argon2id(salt=salt, length=KEY_SIZE, iterations=self.iterations,
                                lanes=self.lanes, memory_cost=self.memory_kib).derive(secret)
            from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

            return Scrypt(salt=salt, length=KEY_SIZE, n=self.memory_kib, r=self.iterations,
                          p=self.lanes).derive(secret)
        except MemoryError:
            raise UnsafeHeader("more memory than this computer could give") from None
        except (ValueError, OverflowError):  # settings this cryptography refuses
            raise UnsafeHeader("settings this computer cannot use") from None


def _argon2_available() -> bool:
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class Keyslot:
    id: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def _aad(self) -> bytes:
        return b"trust-tui keyslot\x00" + self.id.encode() + json.dumps(
            self.kdf.as_dict(), sort_keys=True).encode()

    @classmethod
    def seal(cls, slot_id: str, passphrase: str, data_key: bytes, private_key: bytes,
             kdf: KdfParams) -> "Keyslot":
        slot = cls(id=slot_id, kdf=kdf, salt=os.urandom(SALT_SIZE), nonce=os.urandom(NONCE_SIZE),
                   wrapped=b"")
        kek = kdf.derive(passphrase, slot.salt)
        slot.wrapped = AESGCM(kek).encrypt(slot.nonce, data_key + private_key, slot._aad())
        return slot

    def unseal(self, passphrase: str) -> tuple[bytes, bytes] | None:
        """(data key, private key), or None when the passphrase is not this slot's."""
        kek = self.kdf.derive(passphrase, self.salt)
        try:
            keys = AESGCM(kek).decrypt(self.nonce, self.wrapped, self._aad())
        except InvalidTag:
            return None
        return keys[:KEY_SIZE], keys[KEY_SIZE:]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kdf": self.kdf.as_dict(), "salt": b64(self.salt),
                "nonce": b64(self.nonce), "wrapped": b64(self.wrapped)}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Keyslot":
        if not isinstance(raw, dict):
            raise TypeError("not a keyslot")
        slot = cls(id=_slot_id(raw["id"]), kdf=KdfParams.from_dict(raw["kdf"]),
                   salt=unb64(raw["salt"]), nonce=unb64(raw["nonce"]),
                   wrapped=unb64(raw["wrapped"]))
        # Wrong sizes would make the KDF or AES-GCM raise ValueError deep inside.
        if (len(slot.salt) != SALT_SIZE or len(slot.nonce) != NONCE_SIZE
                or len(slot.wrapped) != 2 * KEY_SIZE + 16):
            raise ValueError("keyslot fields have the wrong size")
        return slot


def normal_passphrase(passphrase: str) -> str:
    # NFC: "é" typed as one character or as e + accent (terminals and keyboard
    # layouts differ) is the same passphrase.
    return unicodedata.normalize("NFC", passphrase)


def same_passphrase(a: str, b: str) -> bool:
    """Would these two open the same keyslot? (Two partners must never share one.)"""
    return normal_passphrase(a) == normal_passphrase(b)

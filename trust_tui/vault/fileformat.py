"""The vault file: layout, key derivation, keyslots and the body's AEAD.

Layout (all integers big-endian):

    magic   8 bytes   b"TRUSTTUI"
    version 2 bytes   FORMAT_VERSION
    hlen    4 bytes   length of the header
    header  hlen      JSON: generation, body nonce, keyslots (salt, KDF, wrapped keys)
    body    rest-32   AES-256-GCM(data key) of the TinyDB JSON, AAD = all bytes above
    digest  32 bytes  SHA-256 of everything before it

The digest is not a security measure (the GCM tags are); it lets us tell accidental
damage apart from a wrong passphrase before spending time on key derivation.
A keyslot wraps, under a key derived from one partner's passphrase, the shared data
key and that partner's own private key (for private entries). Nothing in the clear
names a partner or holds a word of content.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from trust_tui.vault.errors import (
    DamagedVault,
    NewerFormat,
    NotAVault,
    UnsafeHeader,
    WrongPassphrase,
)

MAGIC = b"TRUSTTUI"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">8sHI")
DIGEST_SIZE = 32
KEY_SIZE = 32
NONCE_SIZE = 12

# Caps checked before any derivation, so a doctored header cannot make an unlock
# take minutes or exhaust memory.
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_ITERATIONS = 20
MAX_LANES = 16
MAX_SCRYPT_N = 2**21
MAX_HEADER = 64 * 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


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

    def as_dict(self) -> dict:
        return {"name": self.name, "memory_kib": self.memory_kib,
                "iterations": self.iterations, "lanes": self.lanes}

    @classmethod
    def from_dict(cls, raw: dict) -> "KdfParams":
        try:
            params = cls(name=str(raw["name"]), memory_kib=int(raw["memory_kib"]),
                         iterations=int(raw["iterations"]), lanes=int(raw["lanes"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise UnsafeHeader("unreadable parameters") from exc
        params.check_caps()
        return params

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
            if n < 2 or n & (n - 1) or n > MAX_SCRYPT_N or not (1 <= r <= 32) or not (1 <= p <= 16):
                raise UnsafeHeader(f"scrypt n={n} r={r} p={p}")
        else:
            raise UnsafeHeader(f"unknown method {self.name!r}")

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        secret = passphrase.encode("utf-8")
        if self.name == "argon2id":
            from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

            return Argon2id(salt=salt, length=KEY_SIZE, iterations=self.iterations,
                            lanes=self.lanes, memory_cost=self.memory_kib).derive(secret)
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=salt, length=KEY_SIZE, n=self.memory_kib, r=self.iterations,
                      p=self.lanes).derive(secret)


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
        slot = cls(id=slot_id, kdf=kdf, salt=os.urandom(16), nonce=os.urandom(NONCE_SIZE),
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

    def as_dict(self) -> dict:
        return {"id": self.id, "kdf": self.kdf.as_dict(), "salt": _b64(self.salt),
                "nonce": _b64(self.nonce), "wrapped": _b64(self.wrapped)}

    @classmethod
    def from_dict(cls, raw: dict) -> "Keyslot":
        return cls(id=str(raw["id"]), kdf=KdfParams.from_dict(raw["kdf"]),
                   salt=_unb64(raw["salt"]), nonce=_unb64(raw["nonce"]),
                   wrapped=_unb64(raw["wrapped"]))


@dataclass
class Header:
    generation: int = 0
    slots: list[Keyslot] = field(default_factory=list)

    def as_bytes(self, body_nonce: bytes) -> bytes:
        return json.dumps({"generation": self.generation, "body_nonce": _b64(body_nonce),
                           "slots": [s.as_dict() for s in self.slots]},
                          sort_keys=True).encode("utf-8")


@dataclass
class VaultFile:
    """A parsed, checksum-verified file whose body is still encrypted."""

    header: Header
    body_nonce: bytes
    aad: bytes
    ciphertext: bytes

    def unlock(self, passphrase: str) -> tuple[Keyslot, bytes, bytes]:
        """Find the slot this passphrase opens: (slot, data key, private key)."""
        for slot in self.header.slots:
            keys = slot.unseal(passphrase)
            if keys is not None:
                return slot, keys[0], keys[1]
        raise WrongPassphrase()

    def decrypt(self, data_key: bytes, path: Path) -> dict:
        try:
            plain = AESGCM(data_key).decrypt(self.body_nonce, self.ciphertext, self.aad)
        except InvalidTag as exc:
            raise DamagedVault(path, "its contents do not authenticate") from exc
        try:
            data = json.loads(plain)
        except ValueError as exc:
            raise DamagedVault(path, "its contents are not readable") from exc
        if not isinstance(data, dict):
            raise DamagedVault(path, "its contents have the wrong shape")
        return data


def parse(blob: bytes, path: Path) -> VaultFile:
    if len(blob) == 0:
        raise DamagedVault(path, "the file is empty")
    if len(blob) < _PREFIX.size or not blob.startswith(MAGIC):
        if MAGIC.startswith(blob[: len(MAGIC)]) and len(blob) < _PREFIX.size:
            raise DamagedVault(path, "the file is cut short")
        raise NotAVault(path)
    _, version, hlen = _PREFIX.unpack_from(blob)
    if version > FORMAT_VERSION:
        raise NewerFormat(version)
    if version < 1:
        raise DamagedVault(path, "its format number is unreadable")
    if len(blob) < _PREFIX.size + DIGEST_SIZE:
        raise DamagedVault(path, "the file is cut short")
    if hashlib.sha256(blob[:-DIGEST_SIZE]).digest() != blob[-DIGEST_SIZE:]:
        raise DamagedVault(path, "its checksum does not match: it was cut short, "
                                 "added to or altered")
    if hlen > MAX_HEADER or _PREFIX.size + hlen > len(blob) - DIGEST_SIZE:
        raise DamagedVault(path, "its header length is impossible")
    header_end = _PREFIX.size + hlen
    try:
        raw = json.loads(blob[_PREFIX.size:header_end])
        header = Header(generation=int(raw["generation"]),
                        slots=[Keyslot.from_dict(s) for s in raw["slots"]])
        body_nonce = _unb64(raw["body_nonce"])
    except UnsafeHeader:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedVault(path, "its header is unreadable") from exc
    if not header.slots:
        raise DamagedVault(path, "it has no keyslots")
    return VaultFile(header=header, body_nonce=body_nonce, aad=blob[:header_end],
                     ciphertext=blob[header_end:-DIGEST_SIZE])


def build(header: Header, data_key: bytes, plaintext: bytes) -> bytes:
    body_nonce = os.urandom(NONCE_SIZE)
    header_bytes = header.as_bytes(body_nonce)
    aad = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes
    blob = aad + AESGCM(data_key).encrypt(body_nonce, plaintext, aad)
    return blob + hashlib.sha256(blob).digest()


def seal_text(key: bytes, text: str, owner: str) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_SIZE)
    return nonce, AESGCM(key).encrypt(nonce, text.encode("utf-8"), b"private\x00" + owner.encode())


def open_text(key: bytes, nonce: bytes, ciphertext: bytes, owner: str) -> str | None:
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, b"private\x00" + owner.encode()).decode("utf-8")
    except InvalidTag:
        return None

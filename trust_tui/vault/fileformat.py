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
Every later format keeps the first 14 bytes' meaning and the trailing digest, so
a newer file is recognised as newer, and a damaged one as damaged.
A keyslot wraps, under a key derived from one partner's passphrase, the shared data
key and that partner's own private key (for private entries): vault/keyslots.py.
Nothing in the clear names a partner or holds a word of content.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from orjson import dumps as _orjson_dumps  # a dependency: the fast path for every save
from orjson import loads as _orjson_loads

from trust_tui.vault.errors import (
    DamagedVault,
    NewerFormat,
    NotAVault,
    UnsafeHeader,
    WrongPassphrase,
)
from trust_tui.vault.keyslots import (
    KEY_SIZE,
    MAX_TOTAL_WORK,
    NONCE_SIZE,
    Keyslot,
    b64,
    unb64,
    whole_number,
)

# The decrypted contents, as TinyDB holds them: table name -> table, and each table
# TinyDB's document id -> one record as JSON.
Document = dict[str, Any]
Table = dict[str, Document]
Tables = dict[str, Table]

MAGIC = b"TRUSTTUI"
# 2 (issue 14): the body also holds revisions, tombstones and merge history
# (vault/revisions.py). A version 1 file opens and becomes 2 on its first save,
# the version 1 file kept as `<vault>.bak` (as every save keeps the one before).
FORMAT_VERSION = 2
_PREFIX = struct.Struct(">8sHI")
DIGEST_SIZE = 32
MAX_GENERATION = 2**53
MAX_SLOTS = 8
MAX_HEADER = 64 * 1024


@dataclass
class Header:
    generation: int = 0
    slots: list[Keyslot] = field(default_factory=list)
    # Random, made at create (an older vault gets one on its next save); names no
    # one. Tells this vault's `.bak` and copies from another vault's.
    vault_id: str = ""
    # Changes with every `rekey` (random, never derived from a key): another window
    # still holding the old data key sees that the keys changed, not "damage".
    key_id: str | None = None

    def as_bytes(self, body_nonce: bytes) -> bytes:
        fields: dict[str, Any] = {"generation": self.generation,
                                  "body_nonce": b64(body_nonce),
                                  "slots": [s.as_dict() for s in self.slots]}
        if self.vault_id:
            fields["vault_id"] = self.vault_id
        if self.key_id is not None:
            fields["key_id"] = self.key_id
        return json.dumps(fields, sort_keys=True).encode("utf-8")


VAULT_ID_SIZE = 16  # bytes, written as 32 hex digits


def new_vault_id() -> str:
    return os.urandom(VAULT_ID_SIZE).hex()


def _vault_id(raw: Any) -> str:
    if raw == "":
        return ""
    if (not isinstance(raw, str) or len(raw) != 2 * VAULT_ID_SIZE
            or raw.strip("0123456789abcdef")):
        raise ValueError("the vault id is malformed")
    return raw


def _key_id(raw: Any) -> str | None:
    """A rekey's random id: short hex only (a doctored header gets no further)."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not 0 < len(raw) <= 64 or raw.strip("0123456789abcdef"):
        raise ValueError("the key id is malformed")
    return raw


@dataclass
class VaultFile:
    """A parsed, checksum-verified file whose body is still encrypted."""

    header: Header
    body_nonce: bytes
    aad: bytes
    ciphertext: bytes

    def unlock(self, passphrase: str) -> tuple[Keyslot, bytes, bytes]:
        """Find the slot this passphrase opens: (slot, data key, private key), in
        the file's order. Nothing on this machine notes whose slot opened lately
        (that would tell the other partner who used it), so the second partner's
        unlock costs two derivations."""
        for slot in self.header.slots:
            keys = slot.unseal(passphrase)
            if keys is not None:
                return slot, keys[0], keys[1]
        raise WrongPassphrase()

    def unlock_on_a_thread(self, passphrase: str) -> Callable[[], tuple[Keyslot, bytes, bytes]]:
        """Start `unlock` on its own thread (the derivation lets go of the GIL, so the
        caller can import the rest of the vault layer meanwhile); returns a function
        that waits for it and gives its result or raises what it raised."""
        outcome: list[tuple[Keyslot, bytes, bytes] | BaseException] = []

        def run() -> None:
            try:
                outcome.append(self.unlock(passphrase))
            except BaseException as exc:  # given back to the waiting caller
                outcome.append(exc)

        worker = threading.Thread(target=run, name="trust-tui-unlock", daemon=True)
        worker.start()

        def result() -> tuple[Keyslot, bytes, bytes]:
            worker.join()
            found = outcome[0]
            if isinstance(found, BaseException):
                raise found
            return found

        return result

    def decrypt(self, data_key: bytes, path: Path, *, packed: bool = False) -> Tables:
        """The tables; with `packed`, the larger ones kept as their JSON bytes until
        read (vault/lazy.py: what an open vault holds)."""
        try:
            plain = AESGCM(data_key).decrypt(self.body_nonce, self.ciphertext, self.aad)
        except InvalidTag as exc:
            raise DamagedVault(path, "its contents do not authenticate") from exc
        if packed:
            from trust_tui.vault.lazy import split

            held = split(plain)
            if held is not None:
                return held  # Packed values: only the storage sees them
        try:
            data = _orjson_loads(plain)  # a third of json.loads' time (merge, open)
        except ValueError:  # a lone surrogate, NaN, a huge number: the exact path below
            try:
                data = json.loads(plain.decode("utf-8", "surrogatepass"))
            except ValueError as exc:
                raise DamagedVault(path, "its contents are not readable") from exc
        if not isinstance(data, dict):
            raise DamagedVault(path, "its contents have the wrong shape")
        return data


def _looks_like_ours(blob: bytes) -> bool:
    """The start is damaged, but what follows has our layout (a header we wrote)."""
    return blob[_PREFIX.size:_PREFIX.size + 14] == b'{"body_nonce":'


def might_be_ours(start: bytes) -> bool:
    """From a file's first bytes: worth reading whole (ours, damaged or cut short)?"""
    return (start.startswith(MAGIC) or MAGIC.startswith(start[:len(MAGIC)])
            or _looks_like_ours(start))


def parse(blob: bytes, path: Path) -> VaultFile:
    """Check and split a file; raises a VaultError (never anything else) when it is
    not a readable vault of ours. Runs no key derivation."""
    if len(blob) == 0:
        raise DamagedVault(path, "the file is empty")
    if not blob.startswith(MAGIC):
        if len(blob) < _PREFIX.size and MAGIC.startswith(blob[: len(MAGIC)]):
            raise DamagedVault(path, "the file is cut short")
        if len(blob) >= _PREFIX.size + DIGEST_SIZE and _looks_like_ours(blob):
            raise DamagedVault(path, "its first bytes were altered")
        raise NotAVault(path)
    if len(blob) < _PREFIX.size + DIGEST_SIZE:
        raise DamagedVault(path, "the file is cut short")
    _, version, hlen = _PREFIX.unpack_from(blob)
    intact = hashlib.sha256(blob[:-DIGEST_SIZE]).digest() == blob[-DIGEST_SIZE:]
    if not intact:
        raise DamagedVault(path, "its checksum does not match, so it was cut short, "
                                 "added to or altered")
    if version > FORMAT_VERSION:
        raise NewerFormat(version)
    if version < 1:
        raise DamagedVault(path, "its format number is unreadable")
    if hlen > MAX_HEADER or _PREFIX.size + hlen > len(blob) - DIGEST_SIZE:
        raise DamagedVault(path, "its header length is impossible")
    header_end = _PREFIX.size + hlen
    try:
        raw = json.loads(blob[_PREFIX.size:header_end])
        if not isinstance(raw, dict) or not isinstance(raw["slots"], list):
            raise TypeError("not a header")
        if len(raw["slots"]) > MAX_SLOTS:
            raise UnsafeHeader(f"{len(raw['slots'])} keyslots")
        header = Header(generation=whole_number(raw["generation"], 0, MAX_GENERATION),
                        slots=[Keyslot.from_dict(s) for s in raw["slots"]],
                        vault_id=_vault_id(raw.get("vault_id", "")),
                        key_id=_key_id(raw.get("key_id")))
        body_nonce = unb64(raw["body_nonce"])
    except UnsafeHeader:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError,
            OverflowError, MemoryError) as exc:
        raise DamagedVault(path, "its header is unreadable") from exc
    if not header.slots:
        raise DamagedVault(path, "it has no keyslots")
    if len(body_nonce) != NONCE_SIZE or header.generation < 0:
        raise DamagedVault(path, "its header is unreadable")
    if sum(slot.kdf.work for slot in header.slots) > MAX_TOTAL_WORK:
        raise UnsafeHeader("too much work for all keyslots together")
    if len(blob) - DIGEST_SIZE - header_end < 16:
        raise DamagedVault(path, "its contents are missing")
    return VaultFile(header=header, body_nonce=body_nonce, aad=blob[:header_end],
                     ciphertext=blob[header_end:-DIGEST_SIZE])


def peek_generation(path: Path) -> int | None:
    """The generation in a file's header, read cheaply (no digest, no decryption);
    None when it cannot be read. Only a hint: the full parse decides."""
    try:
        with open(path, "rb") as handle:
            prefix = handle.read(_PREFIX.size)
            if len(prefix) < _PREFIX.size:
                return None
            magic, _, hlen = _PREFIX.unpack(prefix)
            if magic != MAGIC or hlen > MAX_HEADER:
                return None
            return whole_number(json.loads(handle.read(hlen))["generation"], 0, MAX_GENERATION)
    except (OSError, ValueError, KeyError, TypeError, RecursionError, OverflowError,
            MemoryError):
        return None


def encode_tables(tables: Tables) -> bytes:
    # orjson writes the same bytes as json.dumps below about ten times faster,
    # and both hold the GIL throughout: at 10 years of records json.dumps alone
    # froze the app's typing for 30-90 ms on every save (bench/bench_typing.py).
    from trust_tui.vault.lazy import fragment_of, unpack_all

    try:
        return _orjson_dumps(tables, default=fragment_of)  # a packed table: its bytes
    except TypeError:
        pass  # a lone surrogate (or a shape orjson refuses): the path below
    tables = unpack_all(tables)
    # surrogatepass: any Python str round-trips, even a lone surrogate that a
    # paste might smuggle in, instead of failing the save.
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass")


def build(header: Header, data_key: bytes, plaintext: bytes) -> bytes:
    body_nonce = os.urandom(NONCE_SIZE)
    header_bytes = header.as_bytes(body_nonce)
    aad = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes
    body = AESGCM(data_key).encrypt(body_nonce, plaintext, aad)
    digest = hashlib.sha256(aad)
    digest.update(body)  # no joined copy of megabytes just to hash it
    return b"".join((aad, body, digest.digest()))


def _text_aad(owner: str, context: str | None) -> bytes:
    """Associated data of a sealed text: its owner and, for newer seals, the place it
    belongs (e.g. an entry and its version), so it cannot be moved or replayed."""
    aad = b"private\x00" + owner.encode("utf-8", "surrogatepass")
    if context is not None:
        aad += b"\x00" + context.encode("utf-8", "surrogatepass")
    return aad


def seal_bytes(key: bytes, plain: bytes, owner: str,
               context: str | None = None) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_SIZE)
    return nonce, AESGCM(key).encrypt(nonce, plain, _text_aad(owner, context))


def open_bytes(key: bytes, nonce: bytes, ciphertext: bytes, owner: str,
               context: str | None = None) -> bytes | None:
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, _text_aad(owner, context))
    except (InvalidTag, ValueError):  # ValueError: a nonce of the wrong size
        return None


def seal_text(key: bytes, text: str, owner: str,
              context: str | None = None) -> tuple[bytes, bytes]:
    return seal_bytes(key, text.encode("utf-8"), owner, context)


def open_text(key: bytes, nonce: bytes, ciphertext: bytes, owner: str,
              context: str | None = None) -> str | None:
    plain = open_bytes(key, nonce, ciphertext, owner, context)
    try:
        return None if plain is None else plain.decode("utf-8")
    except UnicodeDecodeError:
        return None


def key_check(private_key: bytes) -> str:
    """A check value naming a private key (HKDF: it reveals nothing of the key)."""
    return HKDF(algorithm=hashes.SHA256(), length=16, salt=None,
                info=b"trust-tui private key check").derive(private_key).hex()


def new_key() -> bytes:
    return os.urandom(KEY_SIZE)


def new_key_id() -> str:
    """A random name for one data key (in the clear: it says only that keys changed)."""
    return os.urandom(8).hex()

"""Doctoring a vault file as a deliberate tamperer would (shared by unit and app tests)."""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path


def rewrite(path: Path, edit) -> None:
    """Doctor the header JSON of a vault and fix up length and digest, as a
    deliberate tamperer would (accidental damage is caught by the digest)."""
    blob = path.read_bytes()
    _, version, hlen = struct.unpack_from(">8sHI", blob)
    header = json.loads(blob[14:14 + hlen])
    header = edit(header) or header
    new_header = json.dumps(header, sort_keys=True).encode()
    body = blob[14 + hlen:-32]
    out = blob[:8] + struct.pack(">HI", version, len(new_header)) + new_header + body
    path.write_bytes(out + hashlib.sha256(out).digest())

"""Reading a vault file, and opening it with its key derived ahead.

Light on purpose (the command line imports it before anything heavy): the file
format, the errors and the standard library; no pydantic, models or TinyDB until
`open_ahead` has the derivation running.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from trust_tui.files import describe_read_error
from trust_tui.vault import fileformat
from trust_tui.vault.errors import CannotRead, NotAVault, NoVault
from trust_tui.vault.storage import LOCK_TIMEOUT_SECONDS, file_identity, real_file

if TYPE_CHECKING:
    from trust_tui.vault.vault import Vault


def read_file(path: Path) -> fileformat.VaultFile:
    """Parse and checksum the file without unlocking it (cheap, no KDF)."""
    path = Path(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise NotAVault(path)  # a folder, a pipe (reading it would hang), ...
        with open(path, "rb") as handle:
            start = handle.read(64)
            if not fileformat.might_be_ours(start):
                raise NotAVault(path)  # do not read a big foreign file into memory
            blob = start + handle.read()
    except FileNotFoundError:
        raise NoVault(path) from None
    except OSError as exc:
        raise CannotRead(path, describe_read_error(exc)) from None
    return fileformat.parse(blob, path)


Checked = tuple[tuple[int, int, int], fileformat.VaultFile]


def check_ahead(path: Path) -> Checked | None:
    """`read_file` before a passphrase is asked for (a missing, foreign or damaged
    file is said first), kept with the file's identity so `open_ahead` need not
    read and checksum it again (at 10 years, 4 MB: 5-15 ms of `add journal`)."""
    path = real_file(path)
    identity = file_identity(path)
    parsed = read_file(path)
    return None if identity is None else (identity, parsed)


def open_ahead(path: Path, passphrase: str,
               lock_timeout: float = LOCK_TIMEOUT_SECONDS, *,
               checked: Checked | None = None) -> Vault:
    """`Vault.open`, with the key derived on a thread while the rest of the vault
    layer (pydantic, the models, TinyDB) is imported: a command that runs once
    pays for the slower of the two instead of both. `checked` (from `check_ahead`)
    is used when the file is still the one it read."""
    path = real_file(path)
    identity = file_identity(path)
    if checked is not None and identity is not None and checked[0] == identity:
        parsed = checked[1]
    else:
        parsed = read_file(path)
    unlocked = parsed.unlock_on_a_thread(passphrase)
    from trust_tui.vault.vault import Vault  # the heavy imports, while it derives

    # Not packed: a command runs once and ends, so what its tables hold for that
    # moment does not matter, and one parse of the whole body (orjson) is about
    # twice as fast as splitting it into tables kept packed.
    return Vault.from_unlocked(path, parsed, unlocked(), identity, lock_timeout,
                               packed=False)

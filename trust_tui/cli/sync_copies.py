"""What the command line says and does about a sync service's other copy of the
vault (vault/sync_copies.py): `check` names the copies beside the vault, and
`merge` moves a copy it merged into `merged/` beside the vault (never deleted),
as the app does."""

from __future__ import annotations

import os
from pathlib import Path

from trust_tui.cli.output import out, say
from trust_tui.files import describe_os_error
from trust_tui.import_checks import PATH_CHARS, inert
from trust_tui.store.sync_copies import merge_command
from trust_tui.vault.sync_copies import MERGED_FOLDER, find_sync_copies, put_aside


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def put_merged_copy_aside(vault_path: Path, other: Path) -> None:
    """After `merge OTHER` (not a dry run): a sync service's copy of this vault,
    now merged, goes into merged/. Any other file is left where it is."""
    copy = next((c for c in find_sync_copies(vault_path) if _same(c.path, other)), None)
    if copy is None:
        return
    try:
        moved = put_aside(copy.path, vault_path)
    except OSError as exc:
        say(f"The copy {inert(copy.path, PATH_CHARS)} could not be moved into "
            f"{MERGED_FOLDER}/ because {describe_os_error(exc)}; it is still there, and "
            "merging it again changes nothing.")
        return
    out(f"The {copy.service} copy is now in {inert(moved, PATH_CHARS)}; nothing was deleted.")


def say_sync_copies(vault_path: Path) -> None:
    """`check`: the copies a sync service left beside the vault, and what to do."""
    for copy in find_sync_copies(vault_path):
        command = inert(merge_command(copy.path), PATH_CHARS)
        out(f"{copy.service} left another copy of this vault beside it, "
            f"{inert(copy.name, PATH_CHARS)}: `{command}` brings its changes in "
            f"(and moves it into {MERGED_FOLDER}/).")

"""Bringing in another copy of the vault that a sync service left beside it.

`look_at` is the merge's dry run (it writes nothing); `bring_in` merges the copy
into the vault by the merge's rules (store/merging.py: nothing is lost, the later
edit wins and the other is kept in history, an edit beats a deletion, private
entries stay sealed) and then moves the copy into `merged/` beside the vault,
never deleting it. The copy is opened with the passphrase this vault was unlocked
with; when it does not open with it, nothing changes and one sentence says what
to do instead (`trust-tui merge`, with the passphrase that opens it).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trust_tui.files import describe_os_error
from trust_tui.import_checks import PATH_CHARS, inert
from trust_tui.store.merging import MergeReport, NeedsPassphrase, merge_from
from trust_tui.vault.errors import DamagedVault, NoVault, VaultError, WrongPassphrase
from trust_tui.vault.sync_copies import MERGED_FOLDER, put_aside

if TYPE_CHECKING:
    from trust_tui.vault import Vault


@dataclass(frozen=True)
class CopyLook:
    """What bringing the copy in would change (`lines`), or why it cannot be
    (`problem`, one sentence; nothing was changed)."""

    path: Path
    lines: list[str] = field(default_factory=list)
    changes: bool = False
    problem: str | None = None


@dataclass(frozen=True)
class CopyBrought:
    """What came in (`lines`), where the copy went (`moved_to`, inside merged/), and a
    sentence when it could not be brought in (`problem`) or not moved (`not_moved`)."""

    path: Path
    lines: list[str] = field(default_factory=list)
    changes: bool = False
    moved_to: Path | None = None
    problem: str | None = None
    not_moved: str | None = None


def shell_quoted(path: Path) -> str:
    """`path` as a shell reads it back: bare when plain, else in quotes (double ones
    around a name with an apostrophe, as Dropbox's copies have, when that is safe)."""
    text = str(path)
    if re.fullmatch(r"[\w@%+=:,./-]+", text):
        return text
    if "'" in text and not any(ch in text for ch in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


def merge_command(path: Path) -> str:
    """The command that brings `path` in from a terminal, quoted for a shell."""
    return f"trust-tui merge {shell_quoted(path)}"


def does_not_open(path: Path) -> str:
    return (f"{inert(path.name, PATH_CHARS)} does not open with the passphrase this app was "
            "unlocked with (one was changed since the copies parted), so nothing was "
            "changed; to bring it in, run "
            f"`{inert(merge_command(path), PATH_CHARS)}` and give the passphrase that "
            "opens it.")


def _merge(vault: Vault, path: Path, *, dry_run: bool) -> MergeReport:
    # No passphrase: the app keeps none once unlocked, so only a copy with the same
    # keyslots (the usual sync copy) is read here, with the data key in hand.
    return merge_from(vault, path, None, dry_run=dry_run)


def without_dry_run_note(line: str) -> str:
    """The merge's first line without its last sentence about the dry run (here a
    question says that nothing changes until yes)."""
    head, cut, last = line.rstrip().rpartition(". ")
    return f"{head}." if cut and "dry" in last.lower() else line


def _opens_not(error: VaultError) -> bool:
    """The copy does not open with this passphrase (the merge says so as a refusal
    whose cause is the wrong passphrase), or would need one typed for it."""
    return isinstance(error, (WrongPassphrase, NeedsPassphrase)) or isinstance(error.__context__, WrongPassphrase)


def _refusal(path: Path, error: VaultError) -> str:
    name = inert(path.name, PATH_CHARS)
    if _opens_not(error):
        return does_not_open(path)
    if isinstance(error, NoVault):  # moved or removed since it was found
        return f"{name} is no longer beside the vault, so nothing was changed."
    if isinstance(error, DamagedVault):  # the copy's damage, not the vault's
        return (f"{name} is damaged, so nothing was brought in from it; it was left where "
                "it is, and the vault is as it was.")
    return str(error)


def look_at(vault: Vault, path: Path) -> CopyLook:
    """The merge's dry run: what bringing the copy at `path` in would change."""
    try:
        report = _merge(vault, path, dry_run=True)
    except VaultError as error:
        return CopyLook(path, problem=_refusal(path, error))
    lines = [without_dry_run_note(line) for line in report.lines()]
    return CopyLook(path, lines if report.changed else [], report.changed)


def bring_in(vault: Vault, path: Path) -> CopyBrought:
    """Merge the copy in, then move it into merged/ (it is kept, never deleted)."""
    try:
        report = _merge(vault, path, dry_run=False)
    except VaultError as error:
        return CopyBrought(path, problem=_refusal(path, error))
    lines, changes = (report.lines() if report.changed else []), report.changed
    try:
        moved = put_aside(path, vault.path)
    except OSError as error:
        return CopyBrought(path, lines, changes, not_moved=(
            f"Its changes are in, but {inert(path.name, PATH_CHARS)} could not be moved into "
            f"{MERGED_FOLDER}/ because {describe_os_error(error)}; it is still beside the "
            "vault, and bringing it in again changes nothing."))
    return CopyBrought(path, lines, changes, moved_to=moved)

"""Opening the vault from the command line: the passphrase from a file, the
environment or a prompt, and the new ones `init` and `passwd` ask for twice.

`output.interactive()` and `output.controlling_terminal()` are looked up at each
call, so one patch of `output` in a test reaches every command.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from trust_tui.cli import output
from trust_tui.cli.output import (
    PROMPT_TRIES,
    Refusal,
    given_passphrase,
    no_terminal,
    say,
    vault_path,
)
from trust_tui.domain.passphrase import strength_hint
from trust_tui.import_checks import PATH_CHARS, inert
from trust_tui.vault.errors import WrongPassphrase, WrongPassphraseEveryTry
from trust_tui.vault.keyslots import MIN_PASSPHRASE
from trust_tui.vault.reading import check_ahead, open_ahead
from trust_tui.vault.seen import SeenGenerations

if TYPE_CHECKING:
    from trust_tui.vault.vault import Vault


def can_ask_passphrase() -> bool:
    """A person can type a passphrase: on standard input's terminal, or, when it is a
    pipe, on the controlling terminal (getpass asks there). Confirmations (y/N) are
    read from standard input, so they still need `output.interactive()`."""
    return output.interactive() or output.controlling_terminal()


def unlock(args: argparse.Namespace, path: Path, *, prompt: str = "Passphrase: ",
            opener=open_ahead) -> Vault:
    """Open with the passphrase from the file, the environment, or a prompt (a wrong
    one typed at the prompt may be tried again)."""
    given = given_passphrase(args)
    if given is not None:
        return opener(path, given)
    if not can_ask_passphrase():
        raise no_terminal("the passphrase")
    for attempt in range(1, PROMPT_TRIES + 1):
        typed = getpass.getpass(prompt)
        try:
            return opener(path, typed)
        except WrongPassphrase as wrong:
            if attempt == PROMPT_TRIES:  # no "try again" as the command ends
                raise WrongPassphraseEveryTry() from None
            say(str(wrong))
    raise AssertionError("unreachable")


def open_existing(args: argparse.Namespace, **kwargs) -> Vault:
    path = vault_path(args)
    # Cheap checks first (no key derivation): a missing, foreign or damaged file is
    # reported before anyone types a passphrase for it.
    checked = check_ahead(path)
    opener = kwargs.pop("opener", open_ahead)  # the file read once, if unchanged by the unlock
    vault = unlock(args, path, **kwargs,
                   opener=lambda path, passphrase: opener(path, passphrase, checked=checked))
    # This machine notes the highest generation it opened; an older copy is said.
    args.older_copy = vault.watch_generations(SeenGenerations())
    if args.older_copy is not None and getattr(args, "command", None) != "check":
        say(f"Note: {args.older_copy.sentence()}")
        say_sync_copy_beside(path)
    return vault


def say_sync_copy_beside(path: Path) -> None:
    """An older copy with a sync service's copy beside it: the newer saves are
    likely in that copy, and merging brings them in."""
    from trust_tui.store.sync_copies import merge_command
    from trust_tui.vault.sync_copies import find_sync_copies

    for copy in find_sync_copies(path)[:1]:
        say(f"Another copy, from {copy.service}, is beside it and may hold the newer "
            f"saves: `{inert(merge_command(copy.path), PATH_CHARS)}` brings them in.")


def new_passphrase(name: str) -> str:
    """Asked twice on a terminal, with the strength hint the app shows too."""
    for _ in range(PROMPT_TRIES):
        first = getpass.getpass(f"New passphrase for {name}: ")
        if len(first) < MIN_PASSPHRASE:
            say(f"A passphrase needs at least {MIN_PASSPHRASE} characters; "
                 "a short sentence works well.")
            continue
        say(strength_hint(first))
        if getpass.getpass(f"Type {name}'s passphrase again: ") == first:
            return first
        say("Those two did not match; please type it again.")
    raise Refusal("The passphrase was not set, so nothing was changed; please run it again.")


def check_length(passphrase: str, name: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise Refusal(f"{name}'s passphrase needs at least {MIN_PASSPHRASE} characters, "
                      "so nothing was changed.")

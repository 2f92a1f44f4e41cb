"""Looking after the vault: `check`, `passwd`, `rekey` and `restore-backup`."""

from __future__ import annotations

import argparse
import getpass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from trust_tui.cli import output
from trust_tui.cli.opening import can_ask_passphrase, check_length, new_passphrase, open_existing, unlock
from trust_tui.cli.output import (
    EXIT_OK,
    Refusal,
    no_terminal,
    out,
    read_passphrase_file,
    say,
    vault_path,
)
from trust_tui.import_checks import inert
from trust_tui.vault import VaultError
from trust_tui.vault.backups import damaged_path
from trust_tui.vault.errors import DamagedVault, NoBackup, NotYourSlot, NoVault
from trust_tui.vault.keyslots import same_passphrase
from trust_tui.vault.reading import check_ahead, open_ahead, read_file
from trust_tui.vault.storage import backup_path

if TYPE_CHECKING:
    from trust_tui.vault.vault import Vault


def check(args: argparse.Namespace) -> int:
    path = vault_path(args)
    vault = open_existing(args)
    records = sum(vault.counts().values())
    names = " and ".join(p.name for p in vault.partners)
    out(f"The vault at {path} opens and authenticates: {records:,} records for {names}, "
         f"saved {vault.generation:,} times.")
    if args.older_copy is not None:
        out(args.older_copy.sentence())
    backup = backup_path(path)
    try:
        earlier = read_file(backup)
    except NoVault:
        out("There is no earlier version yet; one is kept from the first change on.")
    except VaultError:
        out(f"The earlier version at {backup} does not pass its checks; "
             "the next change replaces it with a good one.")
    else:
        if earlier.header.vault_id and vault.vault_id and earlier.header.vault_id != vault.vault_id:
            out(f"The file at {backup} belongs to another vault, so it is no earlier version "
                 "of this one; move it away to keep it, as the next change here replaces it.")
        else:
            out(f"The earlier version at {backup} is there and intact.")
    from trust_tui.cli.sync_copies import say_sync_copies

    say_sync_copies(path)
    return _check_records(args, vault)


def _check_records(args: argparse.Namespace, vault: Vault) -> int:
    """List the records that cannot be read (table and id, never content); with
    --repair, move them into the sealed quarantine table after a confirmation."""
    from trust_tui.vault.quarantine import move_to_quarantine, unreadable_records

    found = unreadable_records(vault)
    if not found:
        out("Every record can be read.")
        return EXIT_OK
    out(f"{records(len(found))} cannot be read (from another version of trust-tui, or "
        "damaged) and are left out of every screen and export:")
    for item in found:
        where = ("the whole part" if item.key is None else
                 f"id {inert(item.record_id)}" if item.record_id else "a record with no id")
        out(f"- {item.table}: {where}")
    if not args.repair:
        out("`trust-tui check --repair` moves them into a sealed quarantine table in the "
            "vault; nothing is deleted.")
        return EXIT_OK
    if not args.yes:
        if not output.interactive():
            raise Refusal("There is no terminal to confirm the repair: add --yes to move "
                          "them; nothing was changed.")
        if not _confirm(f"Move {records(len(found)).lower()} into the sealed quarantine "
                        "table (nothing is deleted)?"):
            out("Nothing was changed.")
            return EXIT_OK
    moved = move_to_quarantine(vault, datetime.now(timezone.utc))
    out(f"Moved {records(moved).lower()} into the sealed quarantine table; nothing was "
        "deleted.")
    return EXIT_OK


def records(count: int) -> str:
    return "One record" if count == 1 else f"{count:,} records"


def passwd(args: argparse.Namespace) -> int:
    name = args.partner.strip()
    if args.new_passphrase_file:
        new = read_passphrase_file(args.new_passphrase_file)
        check_length(new, name)
    elif not can_ask_passphrase():
        raise no_terminal("the new passphrase")
    else:
        new = None
    vault = open_existing(args, prompt=f"{name}'s current passphrase: ")
    partner = vault.partner_named(name)
    if vault.me.id != partner.id:
        raise NotYourSlot(partner.name)  # before asking for a new one in vain
    if new is None:
        new = new_passphrase(partner.name)
    say("Changing it (a second or two)...")
    vault.change_passphrase(partner, new)
    out(f"Changed {partner.name}'s passphrase; the old one no longer opens the vault "
         f"or its backup, and {partner.name}'s private words are sealed under a new key.")
    out(REKEY_HINT)
    return EXIT_OK


REKEY_HINT = ("An old copy of the file with the old passphrase still opens shared records "
              "written from now on, until you both run `trust-tui rekey`.")


def rekey(args: argparse.Namespace) -> int:
    path = vault_path(args)
    checked = check_ahead(path)  # a missing or damaged file is reported before any prompt
    files = args.passphrase_files or []
    if files:
        if len(files) != 2:
            raise Refusal("rekey needs --passphrase-file twice, once for each of you, "
                          "so nothing was changed.")
        secrets = [read_passphrase_file(name) for name in files]
    elif not can_ask_passphrase():
        raise no_terminal("both passphrases")
    else:
        secrets = [getpass.getpass("One partner's passphrase: "),
                   getpass.getpass("The other partner's passphrase: ")]
    if same_passphrase(secrets[0], secrets[1]):
        raise Refusal("rekey needs both of your passphrases, one each, so nothing was changed.")
    vault = open_ahead(path, secrets[0], checked=checked)
    say("Making new keys and sealing everything again (a few seconds)...")
    vault.rekey(secrets)
    out("New keys for everything: an old copy of the file opens nothing written from "
        "now on, whatever passphrase is tried with it.")
    return EXIT_OK


def _confirm(question: str) -> bool:
    answer = input(f"{question} [y/N] ")
    return answer.strip().casefold() in ("y", "yes")


def restore(args: argparse.Namespace) -> int:
    path = vault_path(args)
    if not Path(path).exists():
        raise NoVault(path)
    try:
        read_file(backup_path(path))
    except NoVault:
        raise NoBackup(path) from None
    try:
        read_file(path)
        damaged = False
    except DamagedVault:
        damaged = True
    if not args.yes:
        if not output.interactive():
            raise Refusal("restore-backup asks before it changes anything; "
                          "add --yes to go ahead without a terminal.")
        if not _confirm("Put the previous version of the vault back? "
                        "The current one is kept as the backup."):
            out("Nothing was changed.")
            return EXIT_OK
    from trust_tui.vault.vault import Vault

    vault = unlock(args, path, opener=Vault.recover_from_backup)
    records = sum(vault.counts().values())
    out(f"The previous version is back ({records:,} records).")
    if damaged:
        out(f"The damaged file is kept beside it as {vault.damaged_copy or damaged_path(path)}.")
    else:
        out("The version it replaced is now the backup: running restore-backup again "
             "undoes this.")
    return EXIT_OK

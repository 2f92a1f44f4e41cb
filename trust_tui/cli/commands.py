"""The sub-commands behind `trust-tui COMMAND`: they script the vault.

Loaded only when a sub-command runs (see trust_tui.cli._run), so opening the app
does not import pydantic, the models or the vault before the first screen paints.
What they share with the parser lives in output.py.

Light at the top too (tests/unit/test_cli_speed.py checks it): pydantic, the models
and the rest of the vault layer load while the passphrase's key is derived
(`open_ahead`), or inside the one command that needs them first.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from trust_tui import paths
from trust_tui.cli import upkeep
from trust_tui.cli.opening import can_ask_passphrase, check_length, new_passphrase, open_existing
from trust_tui.cli.output import (
    EXIT_OK,
    EXIT_REFUSED,
    FileProblem,
    Refusal,
    no_terminal,
    out,
    read_passphrase_file,
    run_app,
    say,
    vault_path,
)
from trust_tui.domain.names import CONTROL_IN_NAME, has_control
from trust_tui.files import describe_os_error, describe_read_error, kind_of, write_export
from trust_tui.import_checks import PATH_CHARS, inert, read_bounded
from trust_tui.texts import SAFETY_NOTE
from trust_tui.vault.errors import VaultExists
from trust_tui.vault.keyslots import same_passphrase
from trust_tui.vault.reading import Checked, open_ahead, read_file
from trust_tui.vault.storage import backup_path, lock_path

if TYPE_CHECKING:
    from trust_tui.vault.vault import Vault

MAX_DEMO_YEARS = 30


# --- sub-commands -------------------------------------------------------------------
def _partner_names(given: list[str]) -> list[str]:
    names = [name.strip() for name in given]
    if len(names) != 2:
        raise Refusal("init needs --partner NAME twice, once for each of you.")
    for name in names:
        if not name or len(name) > 60:
            raise Refusal("Each name needs 1 to 60 characters.")
        if has_control(name):
            raise Refusal(f"A name {CONTROL_IN_NAME}, so nothing was created.")
    if names[0].casefold() == names[1].casefold():
        raise Refusal("Each of you needs a name of your own.")
    return names


def _init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    names = _partner_names(args.partner)
    if Path(path).exists():
        raise VaultExists(path)  # before anyone types a passphrase
    files = args.passphrase_files or []
    if files:
        if len(files) != len(names):
            raise Refusal("Give --passphrase-file once for each --partner, in the same order.")
        secrets = [read_passphrase_file(f) for f in files]
        for name, secret in zip(names, secrets):
            check_length(secret, name)
    elif can_ask_passphrase():
        secrets = []
        for name in names:
            secrets.append(new_passphrase(name))
    else:
        raise no_terminal("passphrases")
    if same_passphrase(secrets[0], secrets[1]):
        raise Refusal("Each of you needs a passphrase of your own, so nothing was created.")
    say("Creating the vault (a second or two: the keys are made slow to guess on purpose)...")
    from trust_tui.vault.vault import Vault

    Vault.create(path, list(zip(names, secrets)))
    out(f"Created a vault for {names[0]} and {names[1]} at {path}. "
         "Either passphrase opens it; run `trust-tui` to begin.")
    out(SAFETY_NOTE)
    return EXIT_OK


MAX_ADDED_CHARS = 100_000  # the most a journal entry holds (a win holds less)


def _text_argument(text: str) -> str:
    if text == "-":
        # Never more than fits, plus a line break: `yes | trust-tui add ...` read
        # to the end would take every byte of memory before it was refused.
        text = sys.stdin.read(MAX_ADDED_CHARS + 2)
        if text.endswith("\n"):
            text = text[:-1]
        if len(text) > MAX_ADDED_CHARS:
            raise Refusal(f"Standard input holds more than {MAX_ADDED_CHARS:,} characters, "
                          "more than an entry holds, so nothing was added.")
    if not text.strip():
        raise Refusal("There is nothing to add: the text is empty.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes arrive as lone surrogates
        raise Refusal("The text is not valid UTF-8, so nothing was added.") from None
    return text


def _add(args: argparse.Namespace) -> int:
    text = _text_argument(args.text)
    vault = open_existing(args)
    from pydantic import ValidationError  # loaded already, by the vault layer

    from trust_tui.models import JournalEntry, Win

    by = vault.partner_named(args.by)
    record: Win | JournalEntry
    try:
        if args.what == "win":
            record = Win(text=text, noticed_by=by.id)
        else:
            record = JournalEntry(author=by.id, text=text)
    except ValidationError:
        limit = "4,000" if args.what == "win" else "100,000"
        raise Refusal(f"A {'win' if args.what == 'win' else 'journal entry'} holds up to "
                      f"{limit} characters; this one has {len(text):,}.") from None
    vault.add(record)
    what = "a win" if args.what == "win" else "a journal entry"
    out(f"Added {what} by {by.name}.")
    return EXIT_OK


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _export(args: argparse.Namespace) -> int:
    from trust_tui import export

    path = vault_path(args)
    target = Path(args.output) if args.output and args.output != "-" else None
    if target is not None:
        for ours in (path, backup_path(path), lock_path(path)):
            if _same_file(target, ours):
                raise Refusal("The export cannot go over the vault or its backup; "
                              "choose another file.")
        kind = kind_of(target)
        if kind is not None:  # never replaced by a plain file (as root: /dev/null)
            raise Refusal(f"The export goes only to a regular file or a new path, and "
                          f"{target} is {kind}; choose another file.")
    vault = open_existing(args)
    if args.format == "json":
        text = export.export_json(vault, datetime.now(timezone.utc))
    else:
        text = export.export_markdown(vault, date.today())
    data = text.encode("utf-8")
    left_out = sum(vault.unreadable.values())
    if left_out:
        say(f"{upkeep.records(left_out)} could not be read and {'is' if left_out == 1 else 'are'} "
            "left out; `trust-tui check` lists them.")
    if target is None:
        say("Note: this export is not encrypted; keep it where only the two of you can reach it.")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    try:
        write_export(target, data)
    except OSError as exc:
        raise FileProblem(f"Could not write the export to {target} because "
                          f"{describe_os_error(exc)}; the vault was not changed.") from None
    wrote = "the rest" if left_out else "everything"
    say(f"Wrote {wrote} to {target} (readable only by you). It is not encrypted: "
         "keep it where only the two of you can reach it.")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from trust_tui import export

    source = Path(args.file)
    try:
        # "-": the export comes on standard input (the passphrase then from a file,
        # the environment, or a prompt on the terminal, /dev/tty).
        raw = read_bounded(sys.stdin.buffer if args.file == "-" else source)
    except OSError as exc:
        raise FileProblem(f"Could not read {inert(source, PATH_CHARS)} because "
                          f"{describe_read_error(exc)}; nothing was imported.") from None
    except export.ImportRefused as refused:
        raise FileProblem(str(refused)) from None
    try:
        parsed = export.parse_export(raw, _import_source(args.file, raw))
        vault = open_existing(args)
        result = export.import_into(vault, parsed)
    except export.ImportRefused as refused:
        raise FileProblem(str(refused)) from None
    there = (f"; {result.already_there:,} were already in the vault"
             if result.already_there else "")
    out(f"Brought in {result.added:,} record{'s' if result.added != 1 else ''}{there}.")
    _say_merged(result.merged)
    if result.private_left_out:
        out(f"{result.private_left_out:,} private entries were left out: they stay sealed "
             "and open only in the vault they were written in.")
    if result.unknown_tables:
        out("Some parts came from a newer trust-tui and were left out: "
             f"{', '.join(sorted(result.unknown_tables))}.")
    return EXIT_OK


def _import_source(file: str, raw: bytes) -> str:
    """The export's source as a refusal names it: standard input in words, not "-"."""
    if file != "-":
        return str(Path(file))
    if not raw:
        raise FileProblem("Standard input was empty (nothing came through the pipe), "
                          "so nothing was imported.")
    return "Standard input"


def _say_merged(report) -> None:
    """What an import by the merge's rules changed beyond new records (issue 14)."""
    if report is None or not (report.updated or report.deleted or report.details):
        return
    out(f"{report.changed_as_theirs:,} changed as in the export and {report.deleted:,} "
        "removed as deleted there.")
    for line in report.details:
        out(line)



def _demo(args: argparse.Namespace) -> int:
    from trust_tui import demo

    path = paths.demo_vault_path(getattr(args, "vault", None))
    if not 1 <= args.years <= MAX_DEMO_YEARS:
        raise Refusal(f"--years takes a number from 1 to {MAX_DEMO_YEARS}.")
    if Path(path).exists():
        say(f"trust-tui: {VaultExists(path)}")
        say(f"To look at it again: trust-tui --vault {path}")
        return EXIT_REFUSED
    files = args.passphrase_files or []
    if len(files) > 2:
        raise Refusal("Give --passphrase-file at most twice, once for each sample partner.")
    secrets = list(demo.SAMPLE_PASSPHRASES)
    for i, name in enumerate(files):
        secrets[i] = read_passphrase_file(name)
        check_length(secrets[i], demo.SAMPLE_NAMES[i])
    if secrets[0] == secrets[1]:
        raise Refusal("The two sample partners need different passphrases.")
    # The sample runs up to yesterday: today (its check-in, its journal) is left
    # for whoever looks around.
    say(f"Creating a sample couple with {args.years} year{'s' if args.years != 1 else ''} "
         "of records...")
    vault, added = demo.create_demo(path, years=args.years, seed=args.seed,
                                    passphrases=(secrets[0], secrets[1]),
                                    end=date.today() - timedelta(days=1))
    out(f"Created {added:,} sample records for {demo.SAMPLE_NAMES[0]} and "
         f"{demo.SAMPLE_NAMES[1]} at {path}.")
    printed = [(demo.SAMPLE_NAMES[i], secrets[i]) for i in range(len(files), 2)]
    if printed:
        # Sample passphrases only (never one read from a file): this is no one's secret.
        shown = "; ".join(f"{who}: {secret}" for who, secret in printed)
        out(f"Sample passphrases (sample data, not a secret): {shown}")
    if args.no_open:
        out(f"Open it with: trust-tui --vault {path}")
        return EXIT_OK
    from trust_tui.app import TrustApp

    return run_app(TrustApp(path, vault=vault))


def _merge(args: argparse.Namespace) -> int:
    """`trust-tui merge OTHER [--dry-run]`: another copy of this vault merged in."""
    from trust_tui.store.merging import merge_from

    other = Path(args.other)
    shown_other = inert(other, PATH_CHARS)
    if not other.exists():
        raise FileProblem(f"There is no file at {shown_other}, so nothing was merged.")
    read_file(other)  # a foreign or damaged copy is said before any passphrase
    typed: list[str] = []

    def opener(path: Path, passphrase: str, *, checked: Checked | None = None) -> Vault:
        vault = open_ahead(path, passphrase, checked=checked)
        typed.append(passphrase)
        return vault

    vault = open_existing(args, opener=opener)
    report = merge_from(vault, other, typed[-1], dry_run=args.dry_run)
    for line in report.lines():
        out(line)
    if not args.dry_run:
        from trust_tui.cli.sync_copies import put_merged_copy_aside

        put_merged_copy_aside(vault.path, other)
    return EXIT_OK


HANDLERS = {
    "merge": _merge,
    "init": _init, "add": _add, "export": _export, "import": _import,
    "passwd": upkeep.passwd, "rekey": upkeep.rekey, "restore-backup": upkeep.restore,
    "check": upkeep.check, "demo": _demo,
}


def _serve(args: argparse.Namespace) -> int:
    from trust_tui.cli.serve import serve

    return serve(args)


HANDLERS["serve"] = _serve


def _reading(args: argparse.Namespace) -> int:
    """The plain-text readers (cli/reading.py), loaded only when one runs."""
    from trust_tui.cli.reading import HANDLERS as READING

    return READING[args.command](args)


HANDLERS.update(dict.fromkeys(("journal", "agreements", "wins", "checkin"), _reading))

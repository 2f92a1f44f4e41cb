"""The command line: `trust-tui` alone opens the app; `trust-tui COMMAND` scripts
the vault (backups, tests, benchmarks).

  parser.py    the argparse parser (light: no Textual, no vault layer)
  output.py    exit codes, refusals, one-sentence messages, given passphrases
  commands.py  the sub-commands, loaded only when one runs; never Textual,
               except `demo`, which opens the app on the sample it made
  opening.py   the vault opened with a passphrase given or asked for
  upkeep.py    check, passwd, rekey and restore-backup
  reading.py   the plain-text readers (journal, agreements, wins, checkin)

Opening the app imports Textual here and nowhere else on the way in.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence

from trust_tui.cli.output import EXIT_OK, one_sentence, run_app, vault_path
from trust_tui.cli.parser import build_parser

__all__ = ["main"]


# Sub-commands after which the process may end at once (see `_leave_now`): not the
# app's (Textual's own shutdown), nor `demo` (opens the app) or `serve` (a server).
QUICK_EXIT = frozenset({"init", "add", "export", "import", "check", "passwd", "rekey",
                        "restore-backup", "merge", "journal", "agreements", "wins",
                        "checkin"})


def main(argv: Sequence[str] | None = None) -> int:
    command: list[str | None] = [None]

    def run() -> int:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help
            return done.code if isinstance(done.code, int) else EXIT_OK
        command[0] = args.command
        return _run(args)

    code = one_sentence(run)
    if argv is None and command[0] in QUICK_EXIT:  # the whole process (the console script)
        _leave_now(code)
    return code


def _leave_now(code: int) -> None:
    """End the process without the interpreter's teardown: freeing every module and
    the decrypted vault's objects one by one took 50-90 ms of `trust-tui add journal`
    at 10 years (issue 17), after everything was saved and fsync'd. Standard output is
    flushed first (a failure there still says so), the exit handlers still run; only
    when no other thread is left that could still be working."""
    import atexit

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's, undocumented
    if run_exit_handlers is None or any(
            t is not threading.main_thread() and not t.daemon and t.is_alive()
            for t in threading.enumerate()):
        return  # the ordinary exit: it waits for the thread, or runs the handlers itself
    code = one_sentence(lambda: _flushed(code))
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    run_exit_handlers()  # what an ordinary exit runs first (none here so far)
    os._exit(code)


def _flushed(code: int) -> int:
    try:
        sys.stdout.flush()  # a broken pipe or a full disk: one_sentence says so
    except ValueError:  # closed: nothing left to write
        pass
    return code


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        return _open_app(args)
    if args.command in ("completion", "man"):  # made from the parser alone: no vault
        from trust_tui.cli.docs import HANDLERS as DOCS

        return DOCS[args.command](args)
    # Only now: the sub-commands import pydantic, the models and the vault.
    from trust_tui.cli.commands import HANDLERS

    return HANDLERS[args.command](args)


def _open_app(args: argparse.Namespace) -> int:
    # The only place the command line imports Textual to open the app.
    from trust_tui.app import TrustApp

    return run_app(TrustApp(vault_path(args)))

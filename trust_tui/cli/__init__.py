"""The command line: `trust-tui` alone opens the app; `trust-tui COMMAND` scripts
the vault (backups, tests, benchmarks).

  parser.py    the argparse parser (light: no Textual, no vault layer)
  output.py    exit codes, refusals, one-sentence messages, given passphrases
  commands.py  the sub-commands, loaded only when one runs; never Textual,
               except `demo`, which opens the app on the sample it made

Opening the app imports Textual here and nowhere else on the way in.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from trust_tui.cli.output import EXIT_OK, one_sentence, run_app, vault_path
from trust_tui.cli.parser import build_parser

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    def run() -> int:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help
            return done.code if isinstance(done.code, int) else EXIT_OK
        return _run(args)

    return one_sentence(run)


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

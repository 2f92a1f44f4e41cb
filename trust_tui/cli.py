"""The command line: argument parsing and plain messages; sub-commands in commands.py.

`trust-tui` alone opens the app; the sub-commands script the vault (backups,
tests, benchmarks) and never import Textual, so they start fast. Every problem
is one sentence on stderr and a non-zero exit: 1 for a wrong use of the command,
2 when the vault (or a file) refused; the vault file is then as it was.
Passphrases are never echoed, printed or put in a message.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from trust_tui import paths
from trust_tui.vault.errors import VaultError

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_REFUSED = 2
EXIT_STOPPED = 3  # the app stopped after an unexpected error (what was saved is safe)
EXIT_INTERRUPTED = 130

ENV_PASSPHRASE = "TRUST_TUI_PASSPHRASE"
PROMPT_TRIES = 3
MAX_PASSPHRASE_FILE = 64 * 1024
MAX_DEMO_YEARS = 30
DEMO_SEED = 6  # trust_tui.demo.DEFAULT_SEED (not imported: the parser stays light)


class Refusal(Exception):
    """A wrong use of the command: one sentence, exit 1."""


class FileProblem(Exception):
    """A file other than the vault could not be read or written: exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise Refusal(f"{message[:1].upper()}{message[1:]}.")


# --- the parser ---------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="trust-tui",
        description="A terminal app for a couple rebuilding trust. Run it without a "
                    "command to open the app.")
    parser.add_argument("--vault", metavar="PATH", default=None,
                        help=f"the vault file (default: ${paths.ENV_VAULT}, else "
                             "couple.vault in your data folder)")
    # --vault also after the command; SUPPRESS keeps the one given before it.
    vault_opt = _Parser(add_help=False)
    vault_opt.add_argument("--vault", metavar="PATH", default=argparse.SUPPRESS,
                           help="the vault file")
    opener = _Parser(add_help=False, parents=[vault_opt])
    opener.add_argument("--passphrase-file", metavar="FILE", dest="passphrase_file",
                        help=f"read the passphrase from FILE (else ${ENV_PASSPHRASE}, "
                             "else a prompt); either partner's works")

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", parents=[vault_opt], help="create a vault for the two of you")
    init.add_argument("--partner", action="append", metavar="NAME", required=True,
                      help="a partner's name; give it twice, once for each of you")
    init.add_argument("--passphrase-file", action="append", metavar="FILE",
                      dest="passphrase_files",
                      help="each partner's passphrase, in the same order as --partner "
                           "(else both are asked for, twice each)")

    add = commands.add_parser("add", parents=[opener], help="add a win or a journal entry")
    add.add_argument("what", choices=("win", "journal"))
    add.add_argument("--by", metavar="NAME", required=True, help="who wrote it")
    add.add_argument("text", metavar="TEXT",
                     help='the words, kept exactly as given ("-" reads them from stdin)')

    export = commands.add_parser("export", parents=[opener],
                                 help="write everything out, decrypted (for a backup)")
    export.add_argument("--format", choices=("json", "markdown"), default="json",
                        help="json (can be imported again; the default) or markdown (to read)")
    export.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (mode 0600) instead of standard output")

    imp = commands.add_parser("import", parents=[opener],
                              help="bring a JSON export back, without duplicates")
    imp.add_argument("file", metavar="FILE")

    commands.add_parser("check", parents=[opener],
                        help="check that the vault opens and authenticates")

    passwd = commands.add_parser("passwd", parents=[opener],
                                 help="change one partner's passphrase")
    passwd.add_argument("--partner", metavar="NAME", required=True,
                        help="whose passphrase; open the vault with their current one")
    passwd.add_argument("--new-passphrase-file", metavar="FILE",
                        help="read the new passphrase from FILE (else asked for twice)")

    restore = commands.add_parser("restore-backup", parents=[opener],
                                  help="put the previous version of the vault back")
    restore.add_argument("--yes", action="store_true", help="do not ask to confirm")

    demo = commands.add_parser("demo", parents=[vault_opt],
                               help="create a sample couple to look around with")
    demo.add_argument("--years", type=int, default=1, metavar="N",
                      help="years of sample records (default 1)")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, metavar="S",
                      help=f"the same seed gives the same sample (default {DEMO_SEED})")
    demo.add_argument("--passphrase-file", action="append", metavar="FILE",
                      dest="passphrase_files",
                      help="the sample partners' passphrases (once or twice; "
                           "else the sample passphrases are printed)")
    demo.add_argument("--no-open", action="store_true", help="create it, do not open the app")
    return parser


# --- entry point --------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help
            return done.code if isinstance(done.code, int) else EXIT_OK
        return _run(args)
    except Refusal as problem:
        _say(f"trust-tui: {problem}")
        return EXIT_USAGE
    except (VaultError, FileProblem) as problem:
        _say(f"trust-tui: {problem}")
        return EXIT_REFUSED
    except EOFError:
        _say("\ntrust-tui: stopped at a question with nothing typed; nothing was changed.")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _say("\ntrust-tui: stopped.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Whoever read our output stopped early (`| head`); say nothing more, and
        # keep Python from complaining when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_REFUSED


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        return _open_app(args)
    # Only now: the sub-commands import pydantic, the models and the vault.
    from trust_tui.commands import HANDLERS

    return HANDLERS[args.command](args)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _out(message: str) -> None:
    print(message, flush=True)


def _vault_path(args: argparse.Namespace) -> Path:
    return paths.vault_path(getattr(args, "vault", None))


def _open_app(args: argparse.Namespace) -> int:
    # The only place the command line imports Textual.
    from trust_tui.app import TrustApp

    return run_app(TrustApp(_vault_path(args)))


def run_app(app) -> int:
    app.run()
    # Scripts and shells should know the app stopped on an error, not by choice.
    return EXIT_STOPPED if app.return_code else EXIT_OK

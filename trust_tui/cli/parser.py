"""The command line's parser: which commands there are and what they take.

Only argparse and plain names: building it loads neither Textual nor pydantic,
TinyDB, cryptography or the models (tests/unit/test_startup.py), so `trust-tui`
opens the app, and `trust-tui --help` answers, without that cost.
"""

from __future__ import annotations

import argparse
import sys

from trust_tui import paths
from trust_tui.cli.output import ENV_PASSPHRASE, ENV_PASSPHRASE_FILE, Refusal, vault_argument

DEMO_SEED = 6  # trust_tui.demo.DEFAULT_SEED (not imported: the parser stays light)


EXAMPLES = """examples:
  trust-tui                                   open the app (a first run makes a vault)
  trust-tui init --partner Sam --partner Jo   make a vault for the two of you
  trust-tui add journal --by Sam "A quiet evening, and it was good."
  trust-tui export --format markdown -o us.md a document to read (not encrypted)
  trust-tui check                             does the vault open and authenticate?

exit codes:
  0  done
  1  wrong use (a missing or unknown argument)
  2  refused: a wrong passphrase, a damaged or missing vault, a file it will not take
  3  something unexpected (said in one sentence)
  130  stopped with ctrl+c
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise Refusal(f"{message[:1].upper()}{message[1:]}.")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trust-tui")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


class _VersionAction(argparse._VersionAction):
    """--version, looked up only when asked: reading the installed metadata took
    30-130 ms, on every command and before the app's first paint."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        self.version = f"trust-tui {_version()}"
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="trust-tui",
        description="A terminal app for a couple rebuilding trust. Run it without a "
                    "command to open the app.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES)
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--vault", metavar="PATH", default=None, type=vault_argument,
                        help=f"the vault file (default: ${paths.ENV_VAULT}, else "
                             "couple.vault in your data folder)")
    # --vault also after the command; SUPPRESS keeps the one given before it.
    vault_opt = _Parser(add_help=False)
    vault_opt.add_argument("--vault", metavar="PATH", default=argparse.SUPPRESS,
                           type=vault_argument,
                           help="the vault file")
    opener = _Parser(add_help=False, parents=[vault_opt])
    opener.add_argument("--passphrase-file", metavar="FILE", dest="passphrase_file",
                        help=f"read the passphrase from FILE (else ${ENV_PASSPHRASE_FILE}, "
                             f"else ${ENV_PASSPHRASE}, else a prompt); either partner's works")

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
    imp.add_argument("file", metavar="FILE", help='a JSON export ("-" reads standard input)')

    check = commands.add_parser("check", parents=[opener],
                                help="check that the vault opens and authenticates, and "
                                     "list records that cannot be read")
    check.add_argument("--repair", action="store_true",
                       help="move records that cannot be read into a sealed quarantine "
                            "table (nothing is deleted)")
    check.add_argument("--yes", action="store_true", help="do not ask to confirm the repair")

    passwd = commands.add_parser("passwd", parents=[opener],
                                 help="change one partner's passphrase")
    passwd.add_argument("--partner", metavar="NAME", required=True,
                        help="whose passphrase; open the vault with their current one")
    passwd.add_argument("--new-passphrase-file", metavar="FILE",
                        help="read the new passphrase from FILE (else asked for twice)")

    rekey = commands.add_parser("rekey", parents=[vault_opt],
                                help="new keys for everything (both of you, both passphrases)")
    rekey.add_argument("--passphrase-file", action="append", metavar="FILE",
                       dest="passphrase_files",
                       help="a partner's passphrase; give it twice, once for each of you "
                            "(else both are asked for)")

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

    complete = commands.add_parser(
        "completion", help="print shell completion for trust-tui (e.g. "
                           "trust-tui completion bash > ~/.local/share/bash-completion/"
                           "completions/trust-tui)")
    complete.add_argument("shell", choices=("bash", "zsh", "tcsh"))
    commands.add_parser("man", help="print the manual page (trust-tui man | man -l -)")
    return parser

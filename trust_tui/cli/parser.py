"""The command line's parser: which commands there are and what they take.

Only argparse and plain names: building it loads neither Textual nor pydantic,
TinyDB, cryptography or the models (tests/unit/test_startup.py), so `trust-tui`
opens the app, and `trust-tui --help` answers, without that cost.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from trust_tui import paths
from trust_tui.cli.output import ENV_PASSPHRASE, ENV_PASSPHRASE_FILE, Refusal, vault_argument

DEMO_SEED = 6  # trust_tui.demo.DEFAULT_SEED (not imported: the parser stays light)
SERVE_PORT = 8000  # `trust-tui serve`'s port when --port is not given


# Each example, then what it does on the line below (so every line fits 80 columns,
# and a long command never runs into its words); `trust-tui man` shows them too.
EXAMPLE_ROWS = [
    ("trust-tui", "open the app (a first run makes a vault)"),
    ("trust-tui init --partner Sam --partner Jo", "make a vault for the two of you"),
    ('trust-tui add journal --by Sam "A quiet evening, and it was good."',
     "add a journal entry"),
    ("trust-tui export --format markdown -o us.md", "a document to read (not encrypted)"),
    ("trust-tui check", "does the vault open and authenticate?"),
    ("trust-tui merge ~/Sync/couple.vault", "bring in another copy's changes"),
    ("trust-tui serve --port 8000", "the app in a browser tab, on 127.0.0.1 only"),
    ("trust-tui journal --since 2026-03-01 -n 5", "read the journal as plain text"),
    ("trust-tui checkin --add --by Sam --feeling calm --safety 7", "give today's check-in"),
    ('echo "Words." | trust-tui add journal --by Sam -',
     "the words from a pipe; the passphrase is asked on the terminal"),
]
EXIT_ROWS = [
    ("0", "done"),
    ("1", "wrong use (a missing or unknown argument)"),
    ("2", "refused: a wrong passphrase, a damaged or missing vault, an unusable file"),
    ("3", "something unexpected (said in one sentence)"),
    ("130", "stopped with ctrl+c"),
]


def example_lines() -> str:
    return "\n".join(f"  {command}\n      {what}" for command, what in EXAMPLE_ROWS)


def exit_lines() -> str:
    return "\n".join(f"  {code}  {what}" for code, what in EXIT_ROWS)


EXAMPLES = f"examples:\n{example_lines()}\n\nexit codes:\n{exit_lines()}\n"


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
        description="A terminal app for a couple rebuilding trust.\n"
                    "Run it without a command to open the app.",
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
    add.add_argument("what", choices=("win", "journal"), metavar="win|journal",
                     help="a win for the wins wall, or a journal entry")
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

    merge = commands.add_parser("merge", parents=[opener],
                                help="bring in another copy's changes (a synced or carried "
                                     "copy): edits, deletions and new records")
    merge.add_argument("other", metavar="OTHER_VAULT",
                       help="the other copy (it opens with the same passphrase)")
    merge.add_argument("--dry-run", action="store_true", dest="dry_run",
                       help="say what would change, and write nothing")

    demo = commands.add_parser("demo", parents=[vault_opt],
                               help="create a sample couple to look around with")
    demo.add_argument("--years", type=whole_number, default=1, metavar="N",
                      help="years of sample records (default 1)")
    demo.add_argument("--seed", type=whole_number, default=DEMO_SEED, metavar="S",
                      help=f"the same seed gives the same sample (default {DEMO_SEED})")
    demo.add_argument("--passphrase-file", action="append", metavar="FILE",
                      dest="passphrase_files",
                      help="the sample partners' passphrases (once or twice; "
                           "else the sample passphrases are printed)")
    demo.add_argument("--no-open", action="store_true", help="create it, do not open the app")

    _add_serve(commands, vault_opt)

    complete = commands.add_parser(
        "completion", help="print shell completion for trust-tui (e.g. "
                           "trust-tui completion bash > ~/.local/share/bash-completion/"
                           "completions/trust-tui)")
    complete.add_argument("shell", choices=("bash", "zsh", "tcsh"))
    commands.add_parser("man", help="print the manual page (trust-tui man | man -l -)")
    _reading_commands(commands, opener)
    return parser


def _add_serve(commands, vault_opt: argparse.ArgumentParser) -> None:
    """`trust-tui serve`: the app in a browser tab (trust_tui/cli/serve.py)."""
    serve = commands.add_parser(
        "serve", parents=[vault_opt],
        help="serve the app to a browser (textual-serve); each tab unlocks on its own")
    serve.add_argument("--port", type=whole_number, default=SERVE_PORT, metavar="N",
                       help=f"the port (default {SERVE_PORT})")
    serve.add_argument("--host", metavar="H", default=None,
                       help="listen on H instead of 127.0.0.1 only; textual-serve has no "
                            "login and no TLS, so prefer an ssh tunnel (ssh -L)")


def whole_number(given: str) -> int:
    """-n, --days, --safety, --years, --seed, --port: said in words when not a number
    (argparse said "invalid int value")."""
    try:
        return int(given.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"it takes a whole number, such as 7, and {given!r} is not one") from None


def iso_day(given: str) -> date:
    """--since/--until: a day as 2026-03-02."""
    try:
        return date.fromisoformat(given.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"it takes a day as year-month-day, such as 2026-03-02, and {given!r} "
            "is not one") from None


READING_NOTE = ("Plain text, for scripts and screen readers: no colour, no markup; "
                "a control character in what was written is shown as a code such as \\x1b.")


def _wrapped(text: str) -> str:
    import textwrap

    return textwrap.fill(text, 78)


def _reading_commands(commands: "argparse._SubParsersAction[_Parser]",
                      opener: _Parser) -> None:
    """journal, agreements, wins, checkin: the areas read as plain text (cli/reading.py)."""
    journal = commands.add_parser(
        "journal", parents=[opener], help="read the journal as plain text",
        description=_wrapped(
            f"{READING_NOTE} Entries are listed oldest first. Private entries show only "
            "to their writer: opened with Sam's passphrase, Sam's private entries are "
            "shown in full, and the other partner's as 'A private entry by NAME' with "
            "its day, never its words (nor are they searched)."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  trust-tui journal -n 10\n"
               "  trust-tui journal --since 2026-03-01 --until 2026-03-31 --contains walk")
    journal.add_argument("--since", metavar="DAY", type=iso_day,
                         help="from this day on (2026-03-02), included")
    journal.add_argument("--until", metavar="DAY", type=iso_day,
                         help="up to this day (2026-03-31), included")
    journal.add_argument("--contains", metavar="WORDS",
                         help="only entries holding every one of these words "
                              "(any case)")
    journal.add_argument("-n", dest="number", type=whole_number, metavar="N",
                         help="only the newest N that match")
    commands.add_parser(
        "agreements", parents=[opener],
        help="read the expectations and boundaries as plain text",
        description=f"{READING_NOTE} Each agreement with its words, whose it is, where "
                    "it stands, follow-through (kept and missed, and who noted it) and "
                    "its next review.")
    commands.add_parser(
        "wins", parents=[opener], help="read the wins wall and mini-goals as plain text",
        description=f"{READING_NOTE} The wins wall by week, newest first, then each "
                    "mini-goal and how far it has come.")
    checkin = commands.add_parser(
        "checkin", parents=[opener],
        help="read the recent daily check-ins as plain text (or --add one)",
        description=_wrapped(
            f"{READING_NOTE} Each day's check-ins, newest first; with --add, today's "
            "check-in for one of you (a second one today replaces the first, as in "
            "the app)."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  trust-tui checkin --days 30\n"
               "  trust-tui checkin --add --by Sam --feeling calm --safety 7")
    checkin.add_argument("--days", type=whole_number, metavar="N",
                         help="the last N days (default 14)")
    checkin.add_argument("--add", action="store_true", help="give today's check-in")
    checkin.add_argument("--by", metavar="NAME", help="with --add: whose check-in it is")
    checkin.add_argument("--feeling", metavar="WORD",
                         help="with --add: one feeling word (hurt, sad, calm, hopeful...)")
    checkin.add_argument("--safety", type=whole_number, metavar="N",
                         help="with --add: how safe you feel, from 1 to 10")

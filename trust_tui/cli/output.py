"""What the parser and the sub-commands share: exit codes, the two kinds of
refusal, the one-sentence messages, and reading a passphrase that was given.

Every problem is one sentence on stderr and a non-zero exit: 1 for a wrong use
of the command, 2 when the vault (or a file) refused, 3 for anything unexpected
(a full disk under standard output, a bug); the vault file is then as it was. Passphrases are never echoed, printed or put in a message.

Light on purpose (the parser imports it): the standard library, paths and the
vault's error classes only; no pydantic, TinyDB, cryptography or Textual.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from trust_tui import paths
from trust_tui.files import describe_os_error, describe_read_error
from trust_tui.vault.errors import VaultError

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_REFUSED = 2
EXIT_STOPPED = 3  # the app stopped after an unexpected error (what was saved is safe)
EXIT_INTERRUPTED = 130

ENV_PASSPHRASE = "TRUST_TUI_PASSPHRASE"
ENV_PASSPHRASE_FILE = "TRUST_TUI_PASSPHRASE_FILE"  # safer than the passphrase itself
PROMPT_TRIES = 3  # vault/errors.py WrongPassphraseEveryTry says "three"
MAX_PASSPHRASE_FILE = 64 * 1024
BOM = "\ufeff"


class Refusal(Exception):
    """A wrong use of the command: one sentence, exit 1."""


class FileProblem(Exception):
    """A file other than the vault could not be read or written: exit 2."""


# --- messages and exit codes ----------------------------------------------------------

def shown(message: str) -> str:
    """A message safe for a terminal: a control, bidi or surrogate character (from a
    file name, a partner's name, a file's words) becomes a visible code; line breaks
    between sentences stay."""
    from trust_tui.import_checks import inert

    return "\n".join(inert(line, limit=len(line)) for line in message.split("\n"))


def say(message: str) -> None:
    """A message for the person at the terminal (stderr: never mixed into an export)."""
    print(shown(message), file=sys.stderr, flush=True)


def out(message: str) -> None:
    print(shown(message), flush=True)


def one_sentence(run: Callable[[], int]) -> int:
    """Run a command; whatever stops it becomes one sentence and an exit code."""
    try:
        return run()
    except Refusal as problem:
        say(f"trust-tui: {problem}")
        return EXIT_USAGE
    except (VaultError, FileProblem) as problem:
        say(f"trust-tui: {problem}")
        return EXIT_REFUSED
    except EOFError:
        say("\ntrust-tui: stopped at a question with nothing typed; nothing was changed.")
        return EXIT_USAGE
    except KeyboardInterrupt:
        say("\ntrust-tui: stopped.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Whoever read our output stopped early (`| head`); say nothing more, and
        # keep Python from complaining when it flushes stdout on the way out.
        _drop_stdout()
        return EXIT_REFUSED
    except OSError as problem:
        _drop_stdout()  # a full disk under stdout: its next flush would fail again
        say(f"trust-tui: stopped because {describe_os_error(problem)}; "
            "whatever was saved before is safe.")
        return EXIT_STOPPED
    except Exception as problem:  # a bug: one sentence (its kind, never its words)
        say(f"trust-tui: stopped on an unexpected problem ({type(problem).__name__}); "
            "whatever was saved before is safe.")
        return EXIT_STOPPED


def _drop_stdout() -> None:
    """Point stdout at nothing: what is still buffered there can no longer fail."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # no real stdout (a test's capture): nothing to flush at exit


def run_app(app) -> int:
    app.run()
    # Scripts and shells should know the app stopped on an error, not by choice.
    return EXIT_STOPPED if app.return_code else EXIT_OK


def vault_path(args: argparse.Namespace) -> Path:
    return paths.vault_path(getattr(args, "vault", None))


def vault_argument(given: str) -> str:
    """--vault's value: an empty one is refused (it never means the usual vault)."""
    if not given.strip():
        raise argparse.ArgumentTypeError("it needs a file name; leave --vault out "
                                         "to use the usual vault")
    return given


# --- passphrases that were given ------------------------------------------------------

def interactive() -> bool:
    """Whether a person can be asked (stdin is a terminal)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


TTY = "/dev/tty"


def controlling_terminal() -> bool:
    """Whether a passphrase can still be asked when standard input is a pipe
    (`echo words | trust-tui add journal -`): getpass asks on the controlling
    terminal, /dev/tty, as age and restic do. False with none (setsid, cron, CI,
    a service) and on Windows, where getpass reads the console itself."""
    if os.name != "posix":
        return False
    try:
        fd = os.open(TTY, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def no_terminal(what: str) -> Refusal:
    return Refusal(f"There is no terminal to ask for {what}: give --passphrase-file FILE "
                   f"or set {ENV_PASSPHRASE_FILE} (or {ENV_PASSPHRASE}).")


def read_passphrase_file(name: str) -> str:
    """The file's text with one trailing newline taken off (and a byte-order mark
    some editors put first, with a note); a warning when others may read it."""
    try:
        with open(name, "rb") as handle:
            _warn_if_readable_by_others(name, os.fstat(handle.fileno()).st_mode)
            raw = handle.read(MAX_PASSPHRASE_FILE + 1)
    except OSError as exc:
        raise FileProblem(f"Could not read the passphrase file {name} because "
                          f"{describe_read_error(exc)}; nothing was changed.") from None
    if len(raw) > MAX_PASSPHRASE_FILE:
        raise FileProblem(f"The passphrase file {name} is far too long to be a passphrase; "
                          "nothing was changed.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FileProblem(f"The passphrase file {name} is not UTF-8 text; "
                          "nothing was changed.") from None
    if text.startswith(BOM):
        text = text[1:]
        say(f"Note: the passphrase file {name} starts with a byte-order mark "
            "(an editor adds one); it is not part of the passphrase.")
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    if not text:
        raise FileProblem(f"The passphrase file {name} is empty; nothing was changed.")
    return text


def _warn_if_readable_by_others(name: str, mode: int) -> None:
    if stat.S_ISREG(mode) and mode & (stat.S_IRGRP | stat.S_IROTH):
        say(f"Warning: others on this computer can read the passphrase file {name}; "
            f"`chmod 600 {name}` keeps it yours alone.")


def given_passphrase(args: argparse.Namespace) -> str | None:
    """From --passphrase-file, else TRUST_TUI_PASSPHRASE_FILE, else TRUST_TUI_PASSPHRASE;
    None when none was given."""
    name = getattr(args, "passphrase_file", None) or os.environ.get(ENV_PASSPHRASE_FILE)
    if name:
        return read_passphrase_file(name)
    from_env = os.environ.get(ENV_PASSPHRASE)
    return from_env if from_env else None

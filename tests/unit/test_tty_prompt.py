"""The passphrase is asked on the terminal (/dev/tty) when standard input is a pipe,
as age and restic do: `echo words | trust-tui add journal -`. Tested for real: the
command runs with a pseudo-terminal as its controlling terminal and its standard
input a pipe; this test types the passphrase on the terminal's other end. With no
controlling terminal at all (a new session: cron, CI), the clear refusal stays.

Every wait is bounded (a hang fails the test, it never stalls the run)."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time

import pytest
from conftest import ALEX_PASS, SAM_PASS, make_vault

from trust_tui.export import export_json
from trust_tui.models import JournalEntry, Win, utc_now
from trust_tui.vault import Vault

BOUND = 60  # seconds: only a bound for a hang, never a measure

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no /dev/tty on Windows")


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("TRUST_TUI_")}


def _start_on_a_terminal(argv: list[str]) -> tuple[subprocess.Popen, int]:
    """The command in a session of its own whose controlling terminal is a new
    pseudo-terminal; its stdin, stdout and stderr are pipes. Returns it and the
    terminal's other end (what a person at the terminal sees and types)."""
    ours, theirs = os.openpty()

    def take_the_terminal() -> None:  # in the child, before the command starts
        os.setsid()
        fcntl.ioctl(theirs, termios.TIOCSCTTY, 0)

    child = subprocess.Popen([sys.executable, "-m", "trust_tui", *argv],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=_env(),
                             preexec_fn=take_the_terminal, pass_fds=(theirs,))
    os.close(theirs)
    return child, ours


def _read_until(terminal: int, wanted: str) -> str:
    seen = b""
    deadline = time.monotonic() + BOUND
    while wanted.encode() not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the terminal never showed {wanted!r}; it showed {seen!r}")
        ready, _, _ = select.select([terminal], [], [], left)
        if ready:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the command ended and closed the terminal
                chunk = b""
            if not chunk:
                raise AssertionError(f"the terminal closed before {wanted!r}: {seen!r}")
            seen += chunk
    return seen.decode(errors="replace")


def _type_passphrase(argv: list[str], stdin: bytes, passphrase: str):
    child, terminal = _start_on_a_terminal(argv)
    try:
        assert child.stdin is not None
        child.stdin.write(stdin)
        child.stdin.close()
        child.stdin = None  # all given (communicate would flush it again)
        shown = _read_until(terminal, "Passphrase: ")
        os.write(terminal, passphrase.encode() + b"\n")
        out, err = child.communicate(timeout=BOUND)
        # Anything written after the prompt (echo is off while it is typed).
        try:
            while select.select([terminal], [], [], 0)[0]:
                more = os.read(terminal, 4096)
                if not more:
                    break
                shown += more.decode(errors="replace")
        except OSError:
            pass
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=BOUND)
        os.close(terminal)
    return child.returncode, out.decode(), err.decode(), shown


def test_a_piped_journal_entry_asks_the_passphrase_on_the_terminal(vault, vault_path):
    code, out, err, terminal = _type_passphrase(
        ["add", "journal", "--by", "Alex", "-", "--vault", str(vault_path)],
        b"Words that came through a pipe.\n", ALEX_PASS)
    assert code == 0, err
    assert "Added a journal entry by Alex." in out
    assert ALEX_PASS not in terminal + out + err  # never echoed
    texts = [e.text for e in Vault.open(vault_path, SAM_PASS).all(JournalEntry)]
    assert texts == ["Words that came through a pipe."]


def test_a_piped_export_is_imported_after_the_passphrase_on_the_terminal(vault, vault_path,
                                                                        tmp_path):
    source = make_vault(tmp_path / "other.vault")
    source.add(Win(text="A calm evening.", noticed_by=source.me.id))
    exported = export_json(source, utc_now()).encode()
    code, out, err, _ = _type_passphrase(["import", "-", "--vault", str(vault_path)],
                                         exported, SAM_PASS)
    assert code == 0, err
    assert "Brought in 1 record" in out
    assert [w.text for w in Vault.open(vault_path, SAM_PASS).all(Win)] == ["A calm evening."]


def test_with_no_terminal_at_all_it_refuses_in_one_sentence(vault, vault_path):
    """A new session has no controlling terminal (cron, CI): nothing to ask on."""
    result = subprocess.run(
        [sys.executable, "-m", "trust_tui", "add", "journal", "--by", "Sam", "-",
         "--vault", str(vault_path)],
        input="words from a pipe\n", capture_output=True, text=True, env=_env(),
        start_new_session=True, timeout=BOUND)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "trust-tui: There is no terminal to ask for the passphrase: give --passphrase-file "
        "FILE or set TRUST_TUI_PASSPHRASE_FILE (or TRUST_TUI_PASSPHRASE)."]
    assert Vault.open(vault_path, SAM_PASS).all(JournalEntry) == []

"""The command line's unlock path (issue 17, speed): the key is derived on a thread
while the vault layer loads, one derivation at a time in a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from conftest import ALEX_PASS, SAM_PASS
from trust_tui.vault import keyslots
from trust_tui.vault.errors import WrongPassphrase
from trust_tui.models import JournalEntry
from trust_tui.vault.reading import check_ahead, open_ahead


def test_the_sub_commands_load_without_pydantic_or_the_models():
    # What open_ahead imports while the key is derived must not load before it.
    code = ("import sys, trust_tui.cli.commands; "
            "print(sorted(m for m in ('pydantic', 'trust_tui.models', 'trust_tui.vault.vault',"
            " 'filelock', 'textual') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_either_passphrase_opens_ahead_and_a_wrong_one_is_refused(vault, vault_path):
    assert open_ahead(vault_path, SAM_PASS).me.name == "Sam"
    assert open_ahead(vault_path, ALEX_PASS).me.name == "Alex"
    with pytest.raises(WrongPassphrase):
        open_ahead(vault_path, "not-the-passphrase")


def test_derivations_on_many_threads_at_once_all_succeed():
    # cryptography's Argon2id with several lanes failed or hung when two ran at once.
    kdf = keyslots.KdfParams(memory_kib=1024, iterations=1, lanes=4)
    salt = b"s" * keyslots.SALT_SIZE
    expected = kdf.derive("a passphrase", salt)
    results: list[object] = []

    def derive() -> None:
        try:
            results.append(kdf.derive("a passphrase", salt))
        except Exception as exc:  # noqa: BLE001 - the test says which
            results.append(exc)

    threads = [threading.Thread(target=derive) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [expected] * 8


def test_the_commands_that_end_at_once_are_every_one_but_the_apps():
    # A misspelt or forgotten name would quietly lose the quick exit (cli._leave_now);
    # demo and serve run the app or a server and must end the ordinary way.
    from trust_tui.cli import QUICK_EXIT
    from trust_tui.cli.commands import HANDLERS

    assert QUICK_EXIT == set(HANDLERS) - {"demo", "serve"}


def _run_cli(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a user runs it
    env["TRUST_TUI_PASSPHRASE"] = SAM_PASS
    return subprocess.run([sys.executable, "-m", "trust_tui", *args], stdout=stdout,
                          stderr=subprocess.PIPE, env=env, timeout=60)


def test_a_whole_command_ends_at_once_with_its_output_and_its_save(vault, vault_path):
    # The process skips the interpreter's teardown: what it printed still arrives,
    # and what it saved is there.
    vault.lock()
    done = _run_cli("--vault", str(vault_path), "add", "journal", "--by", "Sam", "Late train")
    assert (done.returncode, done.stdout) == (0, b"Added a journal entry by Sam.\n")
    exported = _run_cli("--vault", str(vault_path), "export", "--format", "json")
    assert exported.returncode == 0
    entries = json.loads(exported.stdout)["tables"]["journal"]
    assert [e["text"] for e in entries] == ["Late train"]


def test_a_whole_command_whose_output_cannot_be_written_says_so(vault, vault_path):
    vault.lock()
    with open("/dev/full", "wb") as full:  # every write there fails: a full disk
        done = _run_cli("--vault", str(vault_path), "add", "journal", "--by", "Sam", "Hi",
                        stdout=full)
    assert done.returncode == 3
    assert b"the disk is full" in done.stderr and b"Traceback" not in done.stderr


def test_a_file_changed_between_its_check_and_the_unlock_is_read_again(vault, vault_path):
    checked = check_ahead(vault_path)
    vault.add(JournalEntry(author=vault.partners[0].id, text="written meanwhile"))
    reopened = open_ahead(vault_path, SAM_PASS, checked=checked)
    assert [e.text for e in reopened.all(JournalEntry)] == ["written meanwhile"]
    assert open_ahead(vault_path, SAM_PASS, checked=check_ahead(vault_path)).generation == \
        reopened.generation

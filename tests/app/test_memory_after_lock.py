"""After ctrl+l the process no longer holds the passphrase or a private word:
a real scan of a child app's memory (/proc/PID/mem), not a mock."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from trust_tui.domain.journal import EntryDraft
from trust_tui.models import JournalEntry
from trust_tui.store import journal
from trust_tui.vault import FAST_TEST_KDF, Vault

CHILD = Path(__file__).with_name("memory_child.py")
ROOT = Path(__file__).resolve().parents[2]
# Built at run time, so this test module's own constants are not what is found.
PASSPHRASE = "".join(["Quill", "wort", "-marm", "alade-73"])
PRIVATE_WORD = "".join(["Xylo", "phonic", "Lanterns"])
TYPED_WORD = "".join(["Brambl", "ewick", "Harbour"])  # typed at the lock, not saved

pytestmark = pytest.mark.skipif(not Path("/proc/self/mem").exists(),
                                reason="needs /proc to read a process's memory")


def encodings(word: str) -> list[bytes]:
    """How CPython may hold a str (latin-1 / UCS-2 / UCS-4) or its UTF-8 bytes."""
    return [word.encode("latin-1"), word.encode("utf-16-le"), word.encode("utf-32-le")]


def scan(pid: int, words: dict[str, str]) -> dict[str, int]:
    """Count each word in every readable mapping of the process."""
    found = dict.fromkeys(words, 0)
    needles = {name: encodings(word) for name, word in words.items()}
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(start)
                chunk = mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            for name, forms in needles.items():
                found[name] += sum(len(re.findall(re.escape(form), chunk)) for form in forms)
    return found


def test_after_a_lock_memory_holds_neither_the_passphrase_nor_a_private_word(tmp_path):
    path = tmp_path / "couple.vault"
    vault = Vault.create(path, [("Sam", PASSPHRASE), ("Alex", "alex-passphrase")],
                         kdf=FAST_TEST_KDF)
    sam = vault.me.id
    at = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)
    journal.save_entry(vault, EntryDraft(author=sam, kind="entry", feeling=None,
                                         text=f"I was afraid {PRIVATE_WORD} would end us",
                                         private=True), at)
    journal.save_entry(vault, EntryDraft(author=sam, kind="entry", feeling=None,
                                         text="A shared evening walk", private=False), at)
    vault.lock()
    def shifted(word: str) -> str:
        return "".join(chr(ord(c) + 1) for c in word)

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TEXTUAL", None)
    child = subprocess.Popen([sys.executable, str(CHILD), str(path),
                              shifted(PASSPHRASE), shifted(TYPED_WORD)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, child.kill)  # a hung child fails the test, not the run
    watchdog.start()
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "locked"
        found = scan(child.pid, {"passphrase": PASSPHRASE, "private word": PRIVATE_WORD,
                                 "unsaved word": TYPED_WORD})
        child.stdin.write("done\n")
        child.stdin.flush()
        assert child.wait(timeout=10) == 0
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    assert found == {"passphrase": 0, "private word": 0, "unsaved word": 0}
    # The unsaved words were kept as a draft before the lock (in the vault, not memory).
    kept = Vault.open(path, PASSPHRASE)
    drafts = [e.text or "" for e in kept.all(JournalEntry) if e.draft]
    assert [TYPED_WORD in text for text in drafts] == [True]
    assert TYPED_WORD.encode() not in path.read_bytes()

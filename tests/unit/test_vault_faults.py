"""The fault suite: damage, crashes, concurrent writers, a full disk, a read-only
folder, any text a person can type, and secrets after a failed save.

Every fault must end the same way for the couple: one clear sentence, the file
exactly as it was (or holding every write that was acknowledged), nothing in the
clear on disk.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import re
import selectors
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import ALEX_PASS, SAM_PASS, Told, make_vault
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vault_samples import sample_model, str_bounds, text_fields

from trust_tui.models import ALL_RECORDS, JournalEntry, Partner, Settings, Win
from trust_tui.vault import FAST_TEST_KDF, Vault, fileformat
from trust_tui.vault import storage as storage_module
from trust_tui.vault.errors import (
    DamagedVault,
    VaultBusy,
    VaultError,
    VaultExists,
    WriteFailed,
)
from trust_tui.vault.storage import backup_path, find_orphans
from trust_tui.vault.vault import lock_path

HERE = Path(__file__).parent
WRITER = HERE / "vault_writer.py"
CANARY = "canary-51c0de-never-on-disk"


def one_clear_sentence(error: BaseException) -> str:
    """A message for people: one line, one sentence, no traceback, no secrets."""
    message = str(error)
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith(".") and message[0].isupper()
    assert len(re.findall(r"[.!?](?:\s|$)", message)) == 1, message
    assert SAM_PASS not in message and ALEX_PASS not in message
    return message


def words_in(path: Path) -> list[str]:
    vault = Vault.open(path, SAM_PASS)
    return [w.text for w in vault.all(Win)]


def unshare_works() -> bool:
    """Root with mount namespaces: a real read-only or full filesystem can be made."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


# --- (1) damage walk -----------------------------------------------------------------

def file_regions(path: Path) -> dict[str, tuple[int, int]]:
    """Byte ranges of each part of the file, found from its own layout."""
    blob = path.read_bytes()
    _, _, hlen = struct.unpack_from(">8sHI", blob)
    header_end = 14 + hlen
    header = blob[14:header_end]
    raw = json.loads(header)
    regions = {"magic": (0, 8), "version": (8, 10), "header length": (10, 14),
               "header JSON": (14, 14 + header.index(b'"generation"') + 12)}

    def text_at(name: str, value: str) -> None:
        start = 14 + header.index(value.encode())
        regions[name] = (start, start + len(value))

    for number, slot in enumerate(raw["slots"]):
        for part in ("salt", "nonce", "wrapped"):
            text_at(f"keyslot {number} {part}", slot[part])
    text_at("body nonce", raw["body_nonce"])
    regions["ciphertext"] = (header_end, len(blob) - 48)
    regions["GCM tag"] = (len(blob) - 48, len(blob) - 32)
    regions["digest"] = (len(blob) - 32, len(blob))
    return regions


@pytest.fixture
def filled(vault_path: Path) -> Path:
    vault = make_vault(vault_path)
    vault.add(Win(text=f"{CANARY} a win", noticed_by=vault.me.id))
    vault.add(JournalEntry(author=vault.me.id, text="a day\nof small honest things"))
    return vault_path


REGIONS = ["magic", "version", "header length", "header JSON", "keyslot 0 salt",
           "keyslot 0 nonce", "keyslot 0 wrapped", "keyslot 1 salt", "keyslot 1 nonce",
           "keyslot 1 wrapped", "body nonce", "ciphertext", "GCM tag", "digest"]


def assert_refused_and_unchanged(path: Path, open_before: Vault, *, expected=VaultError) -> None:
    before = path.read_bytes()
    for passphrase in (SAM_PASS, ALEX_PASS):
        with pytest.raises(expected) as refused:
            Vault.open(path, passphrase)
        one_clear_sentence(refused.value)
    # An instance opened before the damage tries to save: refused, nothing written.
    with pytest.raises(VaultError) as failed_write:
        open_before.add(Win(text="after the damage", noticed_by=open_before.me.id))
    one_clear_sentence(failed_write.value)
    with pytest.raises(VaultExists):
        make_vault(path)
    assert path.read_bytes() == before
    assert find_orphans(path) == []


def test_regions_cover_the_whole_layout(filled: Path):
    assert sorted(file_regions(filled)) == sorted(REGIONS)


@pytest.mark.parametrize("region", REGIONS)
def test_a_flipped_byte_in_each_region_is_refused(filled: Path, region: str):
    open_before = Vault.open(filled, SAM_PASS)
    start, end = file_regions(filled)[region]
    blob = bytearray(filled.read_bytes())
    blob[(start + end) // 2] ^= 0x04
    filled.write_bytes(bytes(blob))
    # Accidental damage is told apart from a wrong passphrase before any KDF runs.
    assert_refused_and_unchanged(filled, open_before, expected=DamagedVault)


@pytest.mark.parametrize("region", [r for r in REGIONS if r not in ("digest",)])
def test_a_doctored_region_with_a_fixed_digest_is_still_refused(filled: Path, region: str):
    """A deliberate change (digest recomputed) is caught by the AEAD tags."""
    open_before = Vault.open(filled, SAM_PASS)
    start, end = file_regions(filled)[region]
    blob = bytearray(filled.read_bytes()[:-32])
    blob[(start + end) // 2] ^= 0x04
    filled.write_bytes(bytes(blob) + hashlib.sha256(blob).digest())
    assert_refused_and_unchanged(filled, open_before)


@pytest.mark.parametrize("keep", ["1", "7", "8", "13", "14", "header/2", "header_end",
                                  "header_end+1", "tag", "digest", "all-1"])
def test_a_truncated_file_is_refused(filled: Path, keep: str):
    open_before = Vault.open(filled, SAM_PASS)
    blob = filled.read_bytes()
    _, _, hlen = struct.unpack_from(">8sHI", blob)
    cut = {"header/2": 14 + hlen // 2, "header_end": 14 + hlen,
           "header_end+1": 15 + hlen, "tag": len(blob) - 48, "digest": len(blob) - 32,
           "all-1": len(blob) - 1}.get(keep) or int(keep)
    filled.write_bytes(blob[:cut])
    assert_refused_and_unchanged(filled, open_before, expected=DamagedVault)


@pytest.mark.parametrize("junk", [b"\n", b"\x00" * 16, b"junk" * 1000, "self"])
def test_appended_junk_is_refused(filled: Path, junk):
    open_before = Vault.open(filled, SAM_PASS)
    blob = filled.read_bytes()
    filled.write_bytes(blob + (blob if junk == "self" else junk))
    assert_refused_and_unchanged(filled, open_before, expected=DamagedVault)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_doctored_bytes_give_a_vault_error_and_nothing_else(filled: Path, data):
    """Whatever a tamperer writes (digest recomputed), opening ends in a VaultError
    or, for a harmless change, a vault that opens; never another exception."""
    blob = filled.read_bytes()[:-32]
    start = data.draw(st.integers(0, len(blob) - 1), label="at")
    length = data.draw(st.integers(0, 8), label="replacing")
    new = data.draw(st.binary(max_size=8), label="with")
    edited = blob[:start] + new + blob[start + length:]
    filled.write_bytes(edited + hashlib.sha256(edited).digest())
    try:
        Vault.open(filled, SAM_PASS).all(Win)
    except VaultError as error:
        one_clear_sentence(error)
    finally:
        filled.write_bytes(blob + hashlib.sha256(blob).digest())


# --- (2) crash consistency -------------------------------------------------------------

class Writer:
    """A writer process and the numbers it acknowledged (printed after `add` returned)."""

    def __init__(self, path: Path, prefix: str, count: int = 10_000,
                 passphrase: str = SAM_PASS, *, wait: bool = False) -> None:
        self.prefix = prefix
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), passphrase, prefix, str(count)]
            + (["wait"] if wait else []),
            stdin=subprocess.PIPE if wait else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.acked: list[int] = []
        self.opened = False
        self._buffer = b""

    def _take(self, data: bytes) -> None:
        self._buffer += data
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line == b"open":
                self.opened = True
            elif line:
                self.acked.append(int(line))

    def read_until(self, deadline: float, *, until_open: bool = False,
                   until=lambda: False) -> None:
        fd = self.proc.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while not (until_open and self.opened) and not until():
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    return
                data = os.read(fd, 65536)
                if not data:
                    return
                self._take(data)

    def finish(self) -> int:
        # Acknowledgements still in the pipe were given before the end: they count.
        rest, err = self.proc.communicate(timeout=60)
        self._take(rest)
        self.stderr = err.decode(errors="replace")
        return self.proc.returncode


class ForkedWriter(Writer):
    """A writer forked by one long-lived harness (`vault_writer.py --fork`): the same
    acknowledgements, without an interpreter start-up per round."""

    def __init__(self, harness: subprocess.Popen, prefix: str) -> None:
        self.prefix = prefix
        self.proc = harness
        self.acked: list[int] = []
        self.opened = False
        self._buffer = b""
        self.pid: int | None = None
        self.ended: int | None = None
        harness.stdin.write(f"{prefix}\n".encode())
        harness.stdin.flush()

    def _take(self, data: bytes) -> None:
        self._buffer += data
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            word, _, number = line.partition(b" ")
            if word == b"pid":
                self.pid = int(number)
            elif word == b"end":
                self.ended = int(number)
            elif line == b"open":
                self.opened = True
            elif line:
                self.acked.append(int(line))

    def kill(self) -> None:
        self.read_until(time.monotonic() + 60, until=lambda: self.pid is not None)
        os.kill(self.pid, signal.SIGKILL)
        # Acknowledgements still in the pipe were given before the end: they count.
        self.read_until(time.monotonic() + 60, until=lambda: self.ended is not None)


def numbers_by_prefix(path: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for text in words_in(path):
        prefix, _, number = text.rpartition("-")
        found.setdefault(prefix, []).append(int(number))
    return found


def test_sigkill_at_random_moments_keeps_every_acknowledged_write(vault_path: Path):
    make_vault(vault_path)
    rng = random.Random(20261127)
    kept: dict[str, list[int]] = {}
    kills, waited_for = 20, 0
    harness = subprocess.Popen([sys.executable, str(WRITER), "--fork", str(vault_path),
                                SAM_PASS], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    for round_number in range(kills):
        prefix = f"round{round_number}"
        writer = ForkedWriter(harness, prefix)
        if rng.random() < 0.15:
            # Now and then while it is still starting up or opening the vault.
            writer.read_until(time.monotonic() + rng.uniform(0.0, 0.25))
        else:
            # After a few acknowledged writes (so the kills land amid writing on a
            # busy machine too), then a random moment inside the next ones.
            at_least = rng.randint(0, 3)
            waited_for += at_least
            deadline = time.monotonic() + 30
            while len(writer.acked) < at_least and time.monotonic() < deadline:
                writer.read_until(min(deadline, time.monotonic() + 0.05))
            assert len(writer.acked) >= at_least, writer.ended
            writer.read_until(time.monotonic() + rng.uniform(0.0, 0.015))
        writer.kill()
        assert writer.ended == signal.SIGKILL

        found = numbers_by_prefix(vault_path)  # opening also tidies the dead writer's temp
        acked = len(writer.acked)
        assert writer.acked == list(range(acked))
        mine = found.pop(prefix, [])
        # Every acknowledged write, at most the one in flight, nothing torn or doubled.
        assert mine in (list(range(acked)), list(range(acked + 1))), (acked, mine)
        assert found == kept
        if mine:
            kept[prefix] = mine
        assert find_orphans(vault_path) == []
        # The backup (once there is one) is a whole earlier generation that opens.
        if backup_path(vault_path).exists():
            backup = Vault.read_file(backup_path(vault_path))
            _, key, _ = backup.unlock(SAM_PASS)
            older = backup.decrypt(key, backup_path(vault_path)).get("wins", {})
            current = Vault.read_file(vault_path)
            assert backup.header.generation <= current.header.generation
            assert older.items() <= current.decrypt(key, vault_path)["wins"].items()
    harness.stdin.close()
    assert harness.wait(timeout=60) == 0, harness.stderr.read()
    assert sum(len(v) for v in kept.values()) >= waited_for > 0  # kills landed amid writing
    assert sorted(p.name for p in vault_path.parent.iterdir()) == sorted(
        [vault_path.name, backup_path(vault_path).name, lock_path(vault_path).name])


# Each step of one save, in order: (call, nth call during the save, before/after,
# whether the write in flight is there after the crash).
SAVE_STEPS = [
    ("mkstemp", 1, "after", False),   # an empty temp file
    ("fsync", 1, "before", False),    # the new version written, not yet on disk
    ("fsync", 1, "after", False),     # the new version durable beside the old one
    ("link", 1, "before", False),     # about to keep the old version as the backup
    ("link", 1, "after", False),      # the old version under a staged name too
    ("replace", 1, "after", False),   # the backup is the current version
    ("replace", 2, "before", False),  # about to swap the new version in
    ("replace", 2, "after", True),    # swapped in: the write is there
    ("fsync", 2, "after", True),      # the folder synced: the save is complete
]


def test_a_crash_at_each_step_of_a_save_keeps_old_or_new(vault_path: Path):
    """SIGKILL at an exact step of the atomic write (not a moment in time, so a busy
    machine changes nothing): the vault opens with everything acknowledged and the
    write in flight either wholly there or not at all; the backup opens; the dead
    writer's temp files are tidied by the next open."""
    make_vault(vault_path)
    harness = subprocess.Popen([sys.executable, str(WRITER), "--crash-at", str(vault_path),
                                SAM_PASS], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    expected: list[str] = []
    try:
        for number, (call, nth, when, in_flight_kept) in enumerate(SAVE_STEPS):
            step = f"{call}#{nth}-{when}"
            harness.stdin.write(f"step{number} {call} {nth} {when}\n")
            harness.stdin.flush()
            acked = []
            while (line := harness.stdout.readline().strip()) and not line.startswith("end"):
                acked.append(int(line))
            assert line == f"end {int(signal.SIGKILL)}", (step, line, acked)
            assert acked == [0], step  # the first add returned; the second never did
            if call in ("mkstemp", "link") and when == "after":
                assert find_orphans(vault_path), step  # the crash did leave a stray name
            for left in vault_path.parent.iterdir():  # a dead writer's temp files too
                assert b"step" not in left.read_bytes(), (step, left.name)  # encrypted
                assert SAM_PASS.encode() not in left.read_bytes(), (step, left.name)

            expected.append(f"step{number}-0")
            if in_flight_kept:
                expected.append(f"step{number}-1")
            assert words_in(vault_path) == expected, step  # opening also tidies
            assert find_orphans(vault_path) == [], step
            assert sorted(p.name for p in vault_path.parent.iterdir()) == sorted(
                [vault_path.name, backup_path(vault_path).name, lock_path(vault_path).name])
            backup = Vault.read_file(backup_path(vault_path))
            assert backup.header.generation <= Vault.read_file(vault_path).header.generation
            assert set(words_in(backup_path(vault_path))) <= set(expected), step
    finally:
        harness.stdin.close()
        harness.wait(timeout=30)
    assert harness.returncode == 0, harness.stderr.read()


# --- (3) concurrent writers -------------------------------------------------------------

@pytest.mark.parametrize("writers", [2, 3])
def test_concurrent_writer_processes_lose_nothing(vault_path: Path, writers: int):
    make_vault(vault_path)
    count = 15
    procs = [Writer(vault_path, f"writer{n}", count, (SAM_PASS, ALEX_PASS)[n % 2], wait=True)
             for n in range(writers)]
    # All of them open (each holding the generation it read) before any writes, so
    # every writer after the first must pick up the others' writes, whatever the load.
    for proc in procs:
        proc.read_until(time.monotonic() + 60, until_open=True)
        assert proc.opened, proc.proc.poll()
    for proc in procs:
        proc.proc.stdin.write(b"go\n")
        proc.proc.stdin.flush()
    for proc in procs:
        assert proc.finish() == 0, proc.stderr
        assert proc.acked == list(range(count))
    found = numbers_by_prefix(vault_path)
    assert found == {f"writer{n}": list(range(count)) for n in range(writers)}
    assert Vault.read_file(vault_path).header.generation == 1 + writers * count


def test_a_copy_taken_while_saves_run_is_always_a_whole_version(vault_path: Path,
                                                                  tmp_path: Path):
    """A backup by copying the file (cp, a sync client) needs no pause: a save swaps
    in a finished file, so any copy is one whole version that opens."""
    make_vault(vault_path)
    writer = Writer(vault_path, "copying", 25, wait=True)
    copy = tmp_path / "elsewhere" / "copy.vault"
    copy.parent.mkdir()
    seen: set[int] = set()
    writer.read_until(time.monotonic() + 60, until_open=True)
    writer.proc.stdin.write(b"go\n")
    writer.proc.stdin.flush()
    while writer.proc.poll() is None or not seen:
        shutil.copyfile(vault_path, copy)
        numbers = sorted(int(w.rpartition("-")[2]) for w in words_in(copy))
        assert numbers == list(range(len(numbers)))  # whole: every write up to one point
        seen.add(len(numbers))
    assert writer.finish() == 0, writer.stderr
    assert len(seen) > 1  # the copies did land amid the saves
    assert len(words_in(vault_path)) == 25


# --- (4) full disk and read-only folders ---------------------------------------------

FULL_DISK_CHILD = r"""
import hashlib, json, resource, signal, sys
from pathlib import Path
from trust_tui.models import JournalEntry, Win
from trust_tui.vault import Vault
from trust_tui.vault.errors import WriteFailed

path = Path(sys.argv[1])
vault = Vault.open(path, sys.argv[2])
before = [w.text for w in vault.all(Win)]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = path.stat().st_size + 2048
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
result = {"before": before}
try:
    vault.add(JournalEntry(text="a long day " * 5000, author=vault.me.id))
    result["error"] = None
except WriteFailed as error:
    result["error"] = str(error)
result["after"] = [w.text for w in vault.all(Win)]
result["journal"] = len(vault.all(JournalEntry))
vault.add(Win(text="a short one", noticed_by=vault.me.id))  # fits under the limit
result["final"] = [w.text for w in vault.all(Win)]
print(json.dumps(result))
"""


def test_full_disk_gives_a_clear_message_and_keeps_the_old_file(filled: Path):
    before = filled.read_bytes()
    child = subprocess.run([sys.executable, "-c", FULL_DISK_CHILD, str(filled), SAM_PASS],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    assert "disk is full" in result["error"]
    assert "nothing was half-written" in result["error"]
    assert result["after"] == result["before"]  # memory reloaded from the intact file
    assert result["journal"] == 1  # the one from before; the long one was not kept
    assert result["final"] == result["before"] + ["a short one"]
    # The failed write left nothing behind; the file then took the short one.
    assert find_orphans(filled) == []
    assert Vault.read_file(backup_path(filled)).ciphertext == fileformat.parse(
        before, filled).ciphertext
    assert words_in(filled) == result["final"]


TINY_DISK_CHILD = r"""
import json, os, sys
from pathlib import Path
from trust_tui.models import Win
from trust_tui.vault import FAST_TEST_KDF, Vault
from trust_tui.vault.errors import WriteFailed
from trust_tui.vault.storage import find_orphans

folder = Path(sys.argv[1])
path = folder / "couple.vault"
vault = Vault.create(path, [("Sam", "sam-passphrase"), ("Alex", "alex-passphrase")],
                     kdf=FAST_TEST_KDF)
filler = folder / "someone-elses-big-file"
filler.write_bytes(os.urandom(40 * 1024))
acked, error = [], None
for number in range(400):
    try:
        vault.add(Win(text=f"win {number} " + "x" * 200, noticed_by=vault.me.id))
    except WriteFailed as failed:
        error = str(failed)
        break
    acked.append(number)
result = {"error": error, "acked": len(acked),
          "in_memory": len(vault.all(Win)),
          "on_disk": len(Vault.open(path, "alex-passphrase").all(Win)),
          "orphans": [p.name for p in find_orphans(path)],
          "files": sorted(p.name for p in folder.iterdir())}
filler.unlink()  # room again: the next save goes through
vault.add(Win(text="after making room", noticed_by=vault.me.id))
result["after"] = [w.text for w in Vault.open(path, "sam-passphrase").all(Win)][-1]
print(json.dumps(result))
"""


@pytest.mark.skipif(not unshare_works(), reason="needs root and mount namespaces")
def test_a_really_full_small_disk(tmp_path: Path):
    """A real filesystem with no room left (a 96 KiB tmpfs in a private mount
    namespace), not a size limit: the save that does not fit is refused plainly,
    the vault holds every earlier write, and once there is room saving works."""
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    script = 'mount -t tmpfs -o size=96k tmpfs "$1" && exec "$2" -c "$3" "$1"'
    child = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(tiny),
                            sys.executable, TINY_DISK_CHILD],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    assert result["error"], "the disk never filled up"
    assert "disk is full" in one_clear_sentence(Exception(result["error"]))
    assert result["acked"] > 5  # it filled up along the way, not at once
    assert result["in_memory"] == result["on_disk"] == result["acked"]
    assert result["orphans"] == []
    assert result["files"] == ["couple.vault", "couple.vault.bak", "couple.vault.lock",
                               "someone-elses-big-file"]
    assert result["after"] == "after making room"
    assert list(tiny.iterdir()) == []  # the tmpfs was never mounted out here


def refuse(exc: OSError):
    def fail(*args, **kwargs):
        raise exc
    return fail


@pytest.mark.parametrize("where, exc", [
    ("mkstemp", PermissionError(errno.EACCES, "Permission denied")),
    ("mkstemp", OSError(errno.EROFS, "Read-only file system")),
    ("replace", OSError(errno.EROFS, "Read-only file system")),
    ("fsync", OSError(errno.EIO, "Input/output error")),
    ("lock", PermissionError(errno.EACCES, "Permission denied")),
])
def test_a_refused_write_keeps_the_old_file_and_reloads(filled: Path, monkeypatch, where, exc):
    vault = Vault.open(filled, SAM_PASS)
    before_words = [w.text for w in vault.all(Win)]
    before = filled.read_bytes()
    with monkeypatch.context() as patch:
        if where == "mkstemp":
            patch.setattr(storage_module.tempfile, "mkstemp", refuse(exc))
        elif where == "replace":
            real_replace = os.replace

            def replace(src, dst, *args, **kwargs):
                if Path(dst) == filled:  # the final step; keeping the backup still works
                    raise exc
                return real_replace(src, dst, *args, **kwargs)

            patch.setattr(storage_module.os, "replace", replace)
        elif where == "fsync":
            patch.setattr(storage_module.os, "fsync", refuse(exc))
        else:
            patch.setattr(vault._file_lock, "acquire", refuse(exc))
        with pytest.raises(WriteFailed) as failed:
            vault.add(Win(text="not saved", noticed_by=vault.me.id))
        with pytest.raises(WriteFailed):
            vault.update(Win, vault.all(Win)[0].id, lambda w: setattr(w, "text", "changed"))
    message = one_clear_sentence(failed.value)
    if exc.errno in (errno.EACCES, errno.EROFS):
        assert "read-only" in message
    assert filled.read_bytes() == before
    assert find_orphans(filled) == []
    # What is in memory is what is on disk: the refused changes are not shown as saved.
    assert [w.text for w in vault.all(Win)] == before_words
    vault.add(Win(text="saved later", noticed_by=vault.me.id))
    assert words_in(filled) == before_words + ["saved later"]


def test_a_file_where_the_folder_should_be(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(WriteFailed) as failed:
        make_vault(blocker / "couple.vault")
    assert "folder" in one_clear_sentence(failed.value)
    assert blocker.read_text() == "x"


def test_a_read_only_folder_still_opens_and_reads(filled: Path, monkeypatch):
    """Opening writes nothing (not even the lock file), so it works where saving cannot."""
    lock_path(filled).unlink()
    import filelock

    monkeypatch.setattr(filelock.FileLock, "acquire",
                        refuse(PermissionError(errno.EACCES, "Permission denied")))
    vault = Vault.open(filled, ALEX_PASS)
    assert len(vault.all(Win)) == 1
    with pytest.raises(WriteFailed, match="read-only"):
        vault.add(Win(text="x", noticed_by=vault.me.id))
    assert not lock_path(filled).exists()


READ_ONLY_CHILD = r"""
import json, sys
from pathlib import Path
from trust_tui.models import Win
from trust_tui.vault import Vault
from trust_tui.vault.errors import WriteFailed

path = Path(sys.argv[1])
vault = Vault.open(path, sys.argv[2])
result = {"before": [w.text for w in vault.all(Win)]}
try:
    vault.add(Win(text="not saved", noticed_by=vault.me.id))
    result["error"] = None
except WriteFailed as error:
    result["error"] = str(error)
result["after"] = [w.text for w in vault.all(Win)]
print(json.dumps(result))
"""


@pytest.mark.skipif(not unshare_works(), reason="needs root and mount namespaces; "
                                                  "the chmod test covers other users")
@pytest.mark.parametrize("with_lock_file", [True, False])
def test_a_really_read_only_filesystem(filled: Path, with_lock_file: bool):
    """As root chmod does not bind, so the folder is bind-mounted read-only in a
    private mount namespace (EROFS, as on a locked USB stick or a read-only share)."""
    if not with_lock_file:
        lock_path(filled).unlink()  # a copy that was never written here
    before = {f.name: f.read_bytes() for f in filled.parent.iterdir()}
    folder = str(filled.parent)
    script = ('mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && '
              'exec "$2" -c "$3" "$4" "$5"')
    child = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", folder, sys.executable,
                            READ_ONLY_CHILD, str(filled), ALEX_PASS],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    assert result["error"], "the save went through a read-only filesystem"
    assert "read-only" in one_clear_sentence(Exception(result["error"]))
    assert "nothing was half-written" in result["error"]
    assert result["before"] == result["after"] == [f"{CANARY} a win"]
    assert {f.name: f.read_bytes() for f in filled.parent.iterdir()} == before


# --- (5) any text round-trips -------------------------------------------------------

def text_for(model, name: str):
    low, high = str_bounds(model, name)
    return st.text(min_size=max(low, 0), max_size=min(high or 200, 200))


@pytest.mark.parametrize("model", ALL_RECORDS, ids=lambda m: m.__name__)
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_text_round_trips_through_the_vault(vault: Vault, vault_path: Path, model, data):
    values = {name: data.draw(text_for(model, name), label=name) for name in text_fields(model)}
    # Words inside nested parts too (a turn's paraphrase, an earlier wording, a note).
    nested = data.draw(st.text(min_size=1, max_size=60), label="nested")
    record = sample_model(model, nested).model_copy(update=values)
    record = model.model_validate(record.model_dump())
    vault.add(record)
    assert Vault.open(vault_path, ALEX_PASS).get(model, record.id) == record


# --- (6) no secrets after a failed save -------------------------------------------------

def test_a_save_that_fails_midway_leaves_no_secret_anywhere(vault_path: Path, monkeypatch):
    vault = make_vault(vault_path)
    vault.add(Win(text=f"{CANARY} saved", noticed_by=vault.me.id))
    raised = []
    breakers = [
        (fileformat, "build", refuse(RuntimeError("encryption broke"))),
        (storage_module.os, "fsync", refuse(OSError(errno.EIO, "Input/output error"))),
        (storage_module.os, "replace", refuse(OSError(errno.EIO, "Input/output error"))),
    ]
    # (Built beforehand, so the traceback's source lines quote no secret of the test's own.)
    entry = JournalEntry(author=vault.me.id, text=f"{CANARY} while breaking")
    wrong_passphrase = f"{CANARY} passphrase"
    for target, name, breaker in breakers:
        with monkeypatch.context() as patch:
            patch.setattr(target, name, breaker)
            with pytest.raises(Exception) as info:
                vault.add(entry)
        raised.append(info.value)
    with pytest.raises(VaultError) as wrong:
        Vault.open(vault_path, wrong_passphrase)
    raised.append(wrong.value)

    secrets = [CANARY, SAM_PASS, ALEX_PASS, "Sam", "Alex", "while breaking"]
    for error in raised:
        shown = "".join(traceback.format_exception(error)) + str(error)
        for secret in secrets:
            assert secret not in shown, (type(error).__name__, secret)
    files = list(vault_path.parent.iterdir())
    assert {f.name for f in files} <= {vault_path.name, backup_path(vault_path).name,
                                       lock_path(vault_path).name}
    for f in files:
        raw = f.read_bytes()
        for secret in secrets:
            assert secret.encode() not in raw, (f.name, secret)
    assert words_in(vault_path) == [f"{CANARY} saved"]
    assert [e.text for e in vault.all(JournalEntry)] == []


HOLD_LOCK_CHILD = r"""
import sys, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""


class LockHolder:
    """Another process holding the vault's lock (as a writer mid-save does)."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK_CHILD, str(lock_path(path))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdout.readline() == b"held\n"

    def release(self) -> None:
        self.proc.communicate(b"go\n", timeout=30)


def test_a_writer_waits_for_the_lock_instead_of_being_refused(filled: Path):
    vault = Vault.open(filled, SAM_PASS)
    holder = LockHolder(filled)
    saver = threading.Thread(target=vault.add, args=(Win(text="waited", noticed_by=vault.me.id),))
    saver.start()
    saver.join(0.3)
    assert saver.is_alive()  # waiting for the other writer, not refused
    assert [w.text for w in vault.all(Win)] == [f"{CANARY} a win"]  # reads still answer
    holder.release()
    saver.join(30)
    assert words_in(filled) == [f"{CANARY} a win", "waited"]


def test_a_writer_that_would_wait_too_long_is_told_plainly(filled: Path):
    vault = Vault.open(filled, SAM_PASS, lock_timeout=0.2)
    before = filled.read_bytes()
    holder = LockHolder(filled)
    try:
        with pytest.raises(VaultBusy) as busy:
            vault.add(Win(text="not now", noticed_by=vault.me.id))
    finally:
        holder.release()
    assert "try again" in one_clear_sentence(busy.value)
    assert filled.read_bytes() == before
    vault.add(Win(text="now", noticed_by=vault.me.id))
    assert words_in(filled) == [f"{CANARY} a win", "now"]


@pytest.mark.parametrize("model", ALL_RECORDS, ids=lambda m: m.__name__)
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_text_round_trips_through_the_json_export(vault: Vault, tmp_path: Path, model,
                                                      data):
    """Vault -> export JSON (text) -> parse -> import into another vault: exact."""
    from trust_tui.export import export_json, import_into, parse_export

    values = {name: data.draw(text_for(model, name), label=name) for name in text_fields(model)}
    nested = data.draw(st.text(min_size=1, max_size=60), label="nested")
    record = model.model_validate(sample_model(model, nested).model_copy(update=values)
                                  .model_dump())
    vault.add(record)
    raw = export_json(vault, datetime.now(timezone.utc)).encode("utf-8")
    [row] = [r for r in json.loads(raw)["tables"][model.table] if r["id"] == record.id]
    assert model.model_validate(row) == record
    parsed = parse_export(raw, "export.json")
    assert record in (parsed.partners if model is Partner else parsed.records)
    if model in (Settings, Partner):
        return  # a vault keeps its own partners and settings on import
    target = tmp_path / "copy.vault"  # one per test, shared by its examples
    if target.exists():
        copy = Vault.open(target, SAM_PASS)
    else:
        copy = Vault.create(target, [("Sam", SAM_PASS), ("Alex", ALEX_PASS)], kdf=FAST_TEST_KDF)
    mapping = {theirs.id: ours.id for theirs, ours in zip(vault.partners, copy.partners)}
    import_into(copy, parsed)
    got = Vault.open(target, ALEX_PASS).get(model, record.id)
    for name in values:
        # The words are exact; only partner ids are mapped to the new vault's.
        expected = getattr(record, name)
        assert getattr(got, name) == mapping.get(expected, expected)


def test_without_hard_links_the_backup_is_a_private_copy(filled: Path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    before = filled.read_bytes()
    vault = Vault.open(filled, SAM_PASS)
    monkeypatch.setattr(storage_module.os, "link", no_links)
    vault.add(Win(text="with a copied backup", noticed_by=vault.me.id))
    assert backup_path(filled).read_bytes() == before
    assert oct(backup_path(filled).stat().st_mode & 0o777) == oct(0o600)
    assert find_orphans(filled) == []
    assert words_in(filled)[-1] == "with a copied backup"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; the monkeypatched "
                                                "tests above cover the same path")
def test_a_really_read_only_folder(filled: Path):
    vault = Vault.open(filled, SAM_PASS)
    before = filled.read_bytes()
    folder = filled.parent
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteFailed, match="read-only"):
            vault.add(Win(text="not saved", noticed_by=vault.me.id))
        assert Vault.open(filled, ALEX_PASS).all(Win)  # reading still works
    finally:
        folder.chmod(0o700)
    assert filled.read_bytes() == before
    assert find_orphans(filled) == []


# --- (6b) the same, in the app: a save breaks while a partner writes ----------------------

async def test_in_the_app_a_broken_save_and_a_crash_show_and_leave_no_secret(
        unlocked_app, tmp_path: Path, monkeypatch, capsys):
    """A journal entry typed in the app, a save that breaks with an error quoting the
    words and the key (the worst an encoder could do), then a crash: nothing typed and
    no passphrase is on screen, in the crash text, or in any file under the folder."""
    from textual.widgets import TextArea

    from trust_tui.screens.journal import EntryEditor

    app, path, _ = await unlocked_app()
    told = Told(app)
    words = f"{CANARY} what I could not say"
    real_build = fileformat.build

    def leaky_build(header, key, plaintext):
        raise RuntimeError(f"could not encode {plaintext!r} with {key!r} for {SAM_PASS}")

    def crash() -> None:
        raise RuntimeError(f"broke while showing {words} ({SAM_PASS})")

    shown: list[str] = []
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("j")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, EntryEditor)
            app.screen.query_one("#entry-text", TextArea).insert(words)
            monkeypatch.setattr(fileformat, "build", leaky_build)
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown += [f"{title} {message}" for title, message in told.notes]
            assert any("not saved" in text for text in shown), shown
            # Nothing lost: the words wait in the editor; nothing half-saved in memory.
            assert isinstance(app.screen, EntryEditor)
            assert app.screen.query_one("#entry-text", TextArea).text == words
            assert app.vault.all(JournalEntry) == []
            monkeypatch.setattr(fileformat, "build", real_build)
            await pilot.press("ctrl+s")  # the second try saves, sealed like the rest
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert [e.text for e in app.vault.all(JournalEntry)] == [words]
            app.call_later(crash)
            await pilot.pause()
    crash_text = capsys.readouterr()
    assert "unexpected error" in crash_text.out + crash_text.err
    secrets = [CANARY, "could not say", SAM_PASS, ALEX_PASS]
    for text in shown + [crash_text.out, crash_text.err]:
        for secret in secrets:
            assert secret not in text, (secret, text)
    written = [f for f in tmp_path.rglob("*") if f.is_file()]
    seat = [f for f in written if f.name.startswith(path.name + ".seat-")]  # app_seats.py
    assert [f.stat().st_size for f in seat] == [0]  # an empty file, locked while unlocked
    assert {f.name for f in written} - {seat[0].name} == {
        path.name, backup_path(path).name, lock_path(path).name}
    for f in written:
        for secret in secrets:
            assert secret.encode() not in f.read_bytes(), (f.name, secret)
    assert [e.text for e in Vault.open(path, ALEX_PASS).all(JournalEntry)] == [words]

"""Shared pieces of the benchmarks: the machine, medians, tables and sample vaults.

Every benchmark measures its baseline in the same run as the thing it compares,
interleaved where it can, because this machine is shared and noisy: the ratio
is the figure, absolute times are only context.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

SAM, ALEX = "Sam", "Alex"
SAM_PASS, ALEX_PASS = "sam-passphrase", "alex-passphrase"

# Sizes named in issue 6: journal entries + other records per vault.
SIZES: dict[str, tuple[int, int]] = {
    "1 year": (400, 200),
    "10 years": (4_000, 2_000),
    "30 years": (12_000, 6_000),
}
QUICK_SIZES = {"1 year": SIZES["1 year"], "10 years": SIZES["10 years"]}


# --- the machine ---------------------------------------------------------------

def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    return (f"{os.cpu_count()} CPUs (nproc), {cpu_model()}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


# --- timing --------------------------------------------------------------------

def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(runs: int, **jobs: Callable[[], object]) -> dict[str, list[float]]:
    """Run each job `runs` times, taking turns (A B A B ...), so that a noisy
    neighbour slows both sides alike. Seconds per run."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, job in jobs.items():
            times[name].append(timed(job))
    return times


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def ms(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:.1f} s"
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b > 0 else "n/a"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def quick_flag(argv: Sequence[str] | None = None) -> bool:
    return "--quick" in (sys.argv[1:] if argv is None else argv)


# --- sample vaults ---------------------------------------------------------------

_WORDS = ("today I noticed that I wanted to tell you about the call from work before "
          "you asked and I did it felt strange but also lighter we walked to the market "
          "I was late again and texted you first the plan for the weekend changed and "
          "I said so right away I felt nervous when the phone buzzed and you showed me "
          "without my asking we cooked together and talked about your sister I forgot "
          "to mention the money I spent on the bike and told you in the evening").split()


def sample_text(rng: random.Random, low: int = 25, high: int = 90) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _bench_records(journal: int, other: int, sam_id: str, alex_id: str, seed: int = 6):
    """Exactly `journal` journal entries and `other` records of the other kinds,
    spread over the years they stand for (400 entries a year)."""
    from trust_tui import models as m

    rng = random.Random(seed)
    people = (sam_id, alex_id)
    # The records end on a fixed day in the past, so a new entry is the latest.
    days = max(1, journal * 365 // 400)
    start = datetime(2025, 11, 1, 20, 0, tzinfo=timezone.utc) - timedelta(days=days)

    def when(i: int, n: int) -> datetime:
        return start + timedelta(days=i * days / max(1, n), minutes=rng.randint(0, 600))

    records: list = []
    for i in range(journal):
        records.append(m.JournalEntry(
            author=people[i % 2], feeling=rng.choice(m.FEELINGS), created_at=when(i, journal),
            kind=rng.choice(("entry", "entry", "honesty", "slip")), text=sample_text(rng)))
    agreements = [m.Agreement(kind=rng.choice(list(m.AgreementKind)), wording=sample_text(rng, 8, 20),
                              asked_by=people[i % 2], status=m.AgreementStatus.AGREED,
                              confirmed_by=list(people), created_at=when(i, 40))
                  for i in range(max(1, other // 20))]
    records += agreements
    makers = (
        lambda i, t: m.FollowThrough(agreement_id=rng.choice(agreements).id, by=people[i % 2],
                                     kept=rng.random() < 0.85, on=t.date(), created_at=t),
        lambda i, t: m.Win(text=sample_text(rng, 6, 25), noticed_by=people[i % 2], created_at=t),
        lambda i, t: m.CheckIn(partner_id=people[i % 2], on=t.date(), safety=rng.randint(3, 10),
                               feeling=rng.choice(m.FEELINGS), created_at=t),
        lambda i, t: m.TalkSession(topic="open", first_speaker_id=people[i % 2], started_at=t,
                                   created_at=t, next_steps=[sample_text(rng, 5, 12)],
                                   turns=[m.Turn(speaker_id=people[j % 2], started_at=t,
                                                 feeling=rng.choice(m.FEELINGS),
                                                 spoken_seconds=rng.uniform(30, 180),
                                                 paraphrase=sample_text(rng, 8, 20),
                                                 paraphrase_confirmed=True)
                                          for j in range(4)]),
        lambda i, t: m.Setback(text=sample_text(rng, 8, 30), noted_by=people[i % 2], created_at=t),
    )
    left = other - len(agreements)
    for i in range(left):
        records.append(makers[i % len(makers)](i, when(i, left)))
    return records


def make_vault(path: Path, journal: int, other: int, kdf=None):
    """A vault for Sam and Alex with exactly these counts; returns it unlocked.

    Uses FAST_TEST_KDF unless told otherwise (stated beside every figure)."""
    from trust_tui.vault import FAST_TEST_KDF, Vault

    vault = Vault.create(path, [(SAM, SAM_PASS), (ALEX, ALEX_PASS)], kdf=kdf or FAST_TEST_KDF)
    ids = {p.name: p.id for p in vault.partners}
    vault.add_many(sample_records(journal, other, ids[SAM], ids[ALEX]))
    return vault


def sample_records(journal: int, other: int, sam_id: str, alex_id: str) -> list:
    """The sample couple of `trust-tui demo` (trust_tui.demo), cut to exactly these
    counts (oldest first, so the agreements that follow-through points at stay);
    the small generator above where the demo is not there."""
    try:
        from trust_tui.demo import sample_records as demo_records
    except ImportError:
        return _bench_records(journal, other, sam_id, alex_id)
    from datetime import date

    from trust_tui.models import JournalEntry

    years = max(1, -(-journal // 400))
    while True:
        # A fixed end day keeps it deterministic; no sealing, so every entry has
        # plain text that the jrnl comparison can hold too.
        records = demo_records(sam_id, alex_id, years=years, seed=6, end=date(2025, 11, 1))
        entries = [r for r in records if isinstance(r, JournalEntry)]
        rest = [r for r in records if not isinstance(r, JournalEntry)]
        if len(entries) >= journal and len(rest) >= other:
            return entries[:journal] + rest[:other]
        years += 1


def new_entry(vault, i: int = 0):
    from trust_tui.models import JournalEntry

    return JournalEntry(author=vault.me.id, feeling="hopeful",
                        text=f"Bench entry {i}: told you about the late train before you asked.")


# --- commands under a pseudo-terminal ---------------------------------------------

_ANSI = None


def strip_ansi(data: bytes) -> str:
    import re

    global _ANSI
    if _ANSI is None:
        _ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])")
    return _ANSI.sub("", data.decode("utf-8", "replace"))


def _take_terminal() -> None:
    # In the child, after setsid: make the pty its controlling terminal, so that
    # password prompts reading /dev/tty read ours, as in a real terminal.
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _wait_for_no_echo(master: int, limit: float = 1.0) -> None:
    # A password prompt turns echo off with TCSAFLUSH, which throws away anything
    # typed before: type only once echo is off (or after `limit` for plain prompts).
    import termios

    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        if not termios.tcgetattr(master)[3] & termios.ECHO:
            return
        time.sleep(0.0005)


def run_in_pty(cmd: Sequence[str], *, marker: str | None = None,
               answers: Sequence[tuple[str, bytes]] = (), quit_keys: bytes = b"\x11",
               timeout: float = 30.0, size: tuple[int, int] = (80, 24),
               env: dict | None = None) -> dict:
    """Run `cmd` on a fresh pseudo-terminal of `size` (columns, rows).

    `answers`: (prompt text, bytes to type) pairs, each typed once its prompt shows
    (how a password prompt is fed without a keyring). With `marker`, the figure is
    the time from launch until the marker first shows on screen, then `quit_keys`
    are typed; otherwise the time until the command exits. Returns seconds,
    the child's own peak RSS (KiB, from wait4) and CPU time (user + system), exit status and the screen text."""
    import fcntl
    import select
    import struct
    import subprocess
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    child_env = dict(os.environ if env is None else env, TERM="xterm-256color",
                     COLUMNS=str(size[0]), LINES=str(size[1]))
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdin=slave, stdout=slave, stderr=slave,
                            start_new_session=True, env=child_env, close_fds=True,
                            preexec_fn=_take_terminal)
    os.close(slave)
    output, seen, pending = b"", None, list(answers)
    status = rusage = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                output += chunk
                text = strip_ansi(output) if (pending or marker) else ""
                if pending and pending[0][0] in text:
                    _wait_for_no_echo(master)
                    os.write(master, pending.pop(0)[1])
                    output = b""  # the next prompt may repeat the same words
                if marker and seen is None and marker in text:
                    seen = time.perf_counter() - start
                    os.write(master, quit_keys)
                    break
                if not chunk:
                    break
            pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, rusage = st, ru
                break
        end = time.perf_counter() - start
        if status is None:
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline:
                # Keep draining the terminal so the child never blocks on a full pty.
                if select.select([master], [], [], 0.02)[0]:
                    try:
                        output += os.read(master, 65536)
                    except OSError:
                        pass
                pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    status, rusage = st, ru
                    break
            else:
                proc.kill()
                _, status, rusage = os.wait4(proc.pid, 0)
    finally:
        os.close(master)
        proc.returncode = 0  # reaped above with wait4; stop Popen from waiting again
    return {"seconds": seen if marker else end, "seen": seen is not None,
            "maxrss_kib": rusage.ru_maxrss if rusage else 0,
            "cpu_seconds": rusage.ru_utime + rusage.ru_stime if rusage else 0.0,
            "status": os.waitstatus_to_exitcode(status) if status is not None else None,
            "text": strip_ansi(output)}

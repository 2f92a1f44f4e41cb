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
    start = datetime(2026, 1, 1, 20, 0, tzinfo=timezone.utc)
    days = max(1, journal * 365 // 400)

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
    vault.add_many(_bench_records(journal, other, ids[SAM], ids[ALEX]))
    return vault


def new_entry(vault, i: int = 0):
    from trust_tui.models import JournalEntry

    return JournalEntry(author=vault.me.id, feeling="hopeful",
                        text=f"Bench entry {i}: told you about the late train before you asked.")

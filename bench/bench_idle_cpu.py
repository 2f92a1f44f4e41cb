"""Bench 8: CPU while nobody types (issue 17). The app runs headless for a while on
home, during a running turn and on the break screen (its breathing shape moving),
and we read the process's CPU time over each window; a bare Textual app idling is
the baseline, measured in the same run.

Goal: the break screen at most 3% of one core, with the breath as smooth.
Run: .venv/bin/python bench/bench_idle_cpu.py [--quick]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import common as c
from textual.app import App
from textual.widgets import Static

from trust_tui.app import TrustApp
from trust_tui.vault import FAST_TEST_KDF, Vault

GOAL = 3.0


async def cpu_over(pilot, seconds: float) -> float:
    """Percent of one core this process used over `seconds` of wall time."""
    await pilot.pause()
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


async def measure(seconds: float, folder: Path) -> dict[str, float]:
    class Bare(App[None]):
        def compose(self):
            yield Static("idle")

    out: dict[str, float] = {}
    async with Bare().run_test(size=(160, 45)) as pilot:
        out["bare"] = await cpu_over(pilot, seconds)
    path = folder / "v.vault"
    Vault.create(path, [(c.SAM, c.SAM_PASS), (c.ALEX, c.ALEX_PASS)], kdf=FAST_TEST_KDF)
    app = TrustApp(path, vault=Vault.open(path, c.SAM_PASS), idle_minutes=240)
    async with app.run_test(size=(160, 45)) as pilot:
        out["home"] = await cpu_over(pilot, seconds)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+s")  # an open talk, Sam first
        await pilot.pause()
        await pilot.press("f")  # Sam speaks: the turn clock runs
        out["turn"] = await cpu_over(pilot, seconds)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f")  # Sam asks for a break: the breathing shape moves
        out["break"] = await cpu_over(pilot, seconds)
    return out


def main() -> int:
    seconds = 5.0 if c.quick_flag() else 20.0
    with tempfile.TemporaryDirectory(prefix="trust-bench-") as tmp:
        r = asyncio.run(measure(seconds, Path(tmp)))
    rows = [[what, f"{r[key]:.1f}%"] for what, key in (
        ("a bare Textual app, idle (baseline)", "bare"), ("home, idle", "home"),
        ("a turn running (clock ticking)", "turn"), ("the break screen (breathing)", "break"))]
    print("### 8. CPU while nobody types (percent of one core)\n")
    print(c.table(["screen", "CPU"], rows))
    print(f"\nGoal: the break screen at most {GOAL}% of one core: {r['break']:.1f}%, "
          f"{c.verdict(r['break'] <= GOAL)}.")
    print(f"\nEach window {seconds:.0f} s of wall time, headless (run_test at 160x45), "
          "process CPU time over wall time; the machine's other load is not counted.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

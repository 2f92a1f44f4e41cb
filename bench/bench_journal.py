"""Bench 8: opening the journal (issue 17), at 1, 10 and 30 years: from the key that
opens it on home until its list of entries is drawn, the first time after the unlock
(the vault open, home showing; nothing of the journal built or read yet).

Baseline in the same run, taking turns: a bare Textual app switching to a screen
with an OptionList of one page of options (200, as the journal draws) and a Footer.
Each run is a fresh process (its own interpreter: one warm-up opening, then the
measured one, each a fresh app under `run_test`, headless, 120x40), the sides
taking turns. BENCH_BASELINE=/path/to/another/tree adds that tree's journal to the
same turns (a before and after in one run).

Figure: the median time to open the journal at 30 years (goal: under 250 ms).
Run: .venv/bin/python bench/bench_journal.py [--quick]
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import common as c
import textual._wait

from trust_tui.vault import Vault

# Pilot samples for idle every 20 ms by default: sample every millisecond, so the
# wait adds little to either side.
textual._wait.SLEEP_GRANULARITY = 1 / 1000
textual._wait.SLEEP_IDLE = 1 / 2000

GOAL = 0.25  # seconds, at 30 years


class Frames:
    """When a screen's first composed frame holding its list came (headless, the
    frame is composed in `_compositor_refresh`; only the terminal write is skipped),
    and the first frame once it had read everything it shows."""

    def __init__(self) -> None:
        self.list_shown: float | None = None
        self.all_read: float | None = None

    def watch(self, screen_class: type, listing: Callable[[Any], Any],
              reading: Callable[[Any], bool]) -> None:
        frames, composed = self, screen_class._compositor_refresh

        def compositor_refresh(screen: Any) -> None:
            composed(screen)
            now = time.perf_counter()
            shown = listing(screen)
            if frames.list_shown is None and shown.option_count and shown.region.height:
                frames.list_shown = now
            if frames.list_shown is not None and frames.all_read is None \
                    and not reading(screen):
                frames.all_read = now

        screen_class._compositor_refresh = compositor_refresh


async def open_journal(path: Path) -> tuple[float, float]:
    """Seconds to the first frame holding the journal's list, and to the first once
    every entry is read (the same frame unless it drew its newest page first)."""
    from trust_tui.app import TrustApp
    from trust_tui.screens.journal import JournalScreen

    frames = Frames()
    # A tree that reads the newest page first says so (_first_page_of); one that
    # reads everything before its first frame has nothing to say.
    frames.watch(JournalScreen, lambda screen: screen.listing,
                 lambda screen: getattr(screen, "_first_page_of", None) is not None)
    app = TrustApp(path, vault=opened_as_the_app_does(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.action_open_area("journal")
        while frames.all_read is None:
            await pilot.pause()
        assert frames.list_shown is not None
        return frames.list_shown - start, frames.all_read - start


def opened_as_the_app_does(path: Path) -> Vault:
    """The vault as the app's unlock screen leaves it: in a tree that does so, large
    blocks kept apart and the unread tables held compressed (issue 17: memory)."""
    try:
        from trust_tui.widgets.forgetting import keep_large_blocks_apart
    except ImportError:  # an older tree (BENCH_BASELINE)
        return Vault.open(path, c.SAM_PASS)
    keep_large_blocks_apart()
    vault = Vault.open(path, c.SAM_PASS)
    vault.squeeze_unread()
    return vault


async def open_bare() -> tuple[float, float]:
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, OptionList, Static

    class ListScreen(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Static("A list")
            yield OptionList(*(f"Option {i}: a line of words like an entry" for i in range(200)))
            yield Footer()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Home")

    frames = Frames()
    frames.watch(ListScreen, lambda screen: screen.query_one(OptionList), lambda _s: False)
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.push_screen(ListScreen())
        while frames.all_read is None:
            await pilot.pause()
        assert frames.list_shown is not None
        return frames.list_shown - start, frames.all_read - start


def measure(side: str, path: Path) -> tuple[float, float]:
    """In this process: one warm-up opening, then the measured one."""
    job = (lambda: open_bare()) if side == "bare" else (lambda: open_journal(path))
    asyncio.run(job())
    return asyncio.run(job())


def in_a_process(side: str, path: Path, tree: Path) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, __file__, "--side", side, str(path)], env=env,
                         check=True, capture_output=True, text=True).stdout
    found = json.loads(out.strip().splitlines()[-1])
    return float(found["shown"]), float(found["read"])


def main() -> int:
    if "--side" in sys.argv:
        side, path = sys.argv[sys.argv.index("--side") + 1:][:2]
        shown, read = measure(side, Path(path))
        print(json.dumps({"shown": shown, "read": read}))
        return 0
    quick = c.quick_flag()
    runs = 3 if quick else 7
    sizes = c.SIZES if not quick else {"1 year": c.SIZES["1 year"], "30 years": c.SIZES["30 years"]}
    baseline = Path(os.environ["BENCH_BASELINE"]) if os.environ.get("BENCH_BASELINE") else None
    sides: dict[str, Path] = {"bare": c.ROOT, "journal": c.ROOT}
    if baseline is not None:
        sides["before"] = baseline
    rows, at_thirty = [], None
    with tempfile.TemporaryDirectory(prefix="trust-bench-") as tmp:
        for label, (journal, other) in sizes.items():
            path = Path(tmp) / f"v{journal}.vault"
            c.make_vault(path, journal, other).lock()
            # Taking turns; the figures are the times measured inside each app.
            inner: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
            for _ in range(runs):
                for name, tree in sides.items():
                    inner[name].append(in_a_process(name if name == "bare" else "journal",
                                                    path, tree))
            shown = {name: c.median([t[0] for t in times]) for name, times in inner.items()}
            read = {name: c.median([t[1] for t in times]) for name, times in inner.items()}
            row = [label, f"{journal:,}", c.ms(shown["bare"]), c.ms(shown["journal"]),
                   c.ratio(shown["journal"], shown["bare"]), c.ms(read["journal"])]
            if baseline is not None:
                row += [c.ms(shown["before"]), c.ratio(shown["before"], shown["bare"])]
            rows.append(row)
            if label == "30 years":
                at_thirty = shown["journal"]
    header = ["vault", "journal entries", "bare Textual app: a screen with a 200-option list",
              "trust-tui: the journal's list shown", "ratio", "every entry read"]
    if baseline is not None:
        header += [f"before ({baseline})", "ratio before"]
    print("### 8. Opening the journal, the first time after the unlock\n")
    print(c.table(header, rows))
    if at_thirty is not None:
        print(f"\nGoal: the journal opens in under 250 ms at 30 years: {c.ms(at_thirty)}, "
              f"{c.verdict(at_thirty < GOAL)}.")
    print(f"\nMedian of {runs} runs each, taking turns, each run in a fresh process (one "
          "warm-up opening first); each a fresh app with the vault already open "
          "(FAST_TEST_KDF: the key derivation is not part of this). Times to the first "
          "composed frame holding the list; 'every entry read': to the first frame once "
          "the journal has read all its entries (from 1,000 entries it draws the newest "
          "page first and reads the rest just after that frame).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

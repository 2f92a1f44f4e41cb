"""Bench 7: a talk's move, saved as it happens (issue 12): every key that moves the
floor (speak, hand over, said back, a break's move...) writes the whole session to
the vault. How long until a move is on disk, against the floor: the same tables
encrypted and written durably by a minimal script (bench_save's floor, with orjson,
the serialiser the vault uses), in the same run.

Figure: the median time to keep one move at 10 years, and its ratio to the floor.
Run: .venv/bin/python bench/bench_move.py [--quick]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import common as c
from bench_save import floor_write

from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import Floor
from trust_tui.store import talks


def measure(journal: int, other: int, runs: int, folder: Path) -> dict:
    vault = c.make_vault(folder / f"v{journal}.vault", journal, other)
    sam, alex = (p.id for p in vault.partners[:2])
    clock = FakeClock()
    floor = Floor.begin(clock, topic_key="open", turn_minutes=3, first_speaker_id=sam,
                        partners=(sam, alex))
    floor_path = folder / f"floor{journal}.bin"
    key = os.urandom(32)
    moves = iter(range(10**9))

    def move() -> None:
        # One move of a turn (the phases cycle), then the whole session is kept.
        step = next(moves) % 4
        clock.advance(5)
        if step == 0:
            floor.start_speaking()
        elif step == 1:
            floor.end_turn()
        elif step == 2:
            floor.paraphrased("what I heard, more or less")
        else:
            floor.confirm()
        talks.save_progress(vault, floor.session.model_copy(deep=True))

    def floor_fast() -> None:
        floor_write(floor_path, vault._storage.read(), key, fast=True)

    move(), floor_fast()
    times = c.interleaved(runs, floor=floor_fast, move=move)
    return {"floor": c.median(times["floor"]), "move": c.median(times["move"]),
            "events": len(floor.session.events)}


def main() -> int:
    quick = c.quick_flag()
    sizes = c.QUICK_SIZES if quick else c.SIZES
    runs = 9 if quick else 25
    rows, at_ten = [], None
    with tempfile.TemporaryDirectory(prefix="trust-bench-") as tmp:
        for label, (journal, other) in sizes.items():
            r = measure(journal, other, runs, Path(tmp))
            rows.append([label, c.ms(r["floor"]), c.ms(r["move"]),
                         c.ratio(r["move"], r["floor"]), r["events"]])
            if label == "10 years":
                at_ten = r
    print("### 7. A talk's move, kept as it happens, vs the floor\n")
    print(c.table(["vault", "floor (orjson + AES-GCM + atomic fsync)", "one move kept",
                   "ratio", "events in the talk"], rows))
    if at_ten is not None:
        print(f"\nFigure: one move on disk in {c.ms(at_ten['move'])} at 10 years, "
              f"{at_ten['move'] / at_ten['floor']:.2f}x the floor. It runs on the save "
              "worker's thread: the keys never wait for it, and a newer move replaces "
              "one still waiting (each is the whole session).")
    print(f"\nMedian of {runs} runs each, floor and move taking turns.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

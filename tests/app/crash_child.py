"""Run by test_talk_crash.py in a child process: a talk kept as the talk screen
keeps it (every move on the floor saved at once with `store.talks.save_progress`),
Sam's turn passed and Alex mid-turn; then it says "mid-turn" and waits to be
killed (SIGKILL: no chance to tidy up, no AWAY, no last save)."""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import Floor
from trust_tui.store import talks
from trust_tui.vault import Vault

WALL = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def main(path: Path, passphrase: str) -> None:
    vault = Vault.open(path, passphrase)
    sam, alex = (p.id for p in vault.partners)
    clock = FakeClock(wall=WALL)
    floor = Floor.begin(clock, topic_key="feel", turn_minutes=3, first_speaker_id=sam,
                        partners=(sam, alex), by=sam)

    def moved(move, *args, by, seconds=0.0):
        move(*args, by=by)
        clock.advance(seconds)
        talks.save_progress(vault, floor.session.model_copy(deep=True))

    moved(floor.start_speaking, by=sam, seconds=30)
    moved(floor.end_turn, by=sam)
    moved(floor.paraphrased, "You felt alone", by=alex)
    moved(floor.confirm, by=sam)
    moved(floor.set_feeling, "hurt", None, by=alex)
    moved(floor.next_prompt, by=alex)
    moved(floor.start_speaking, by=alex, seconds=40)
    moved(floor.pause, by=alex)
    moved(floor.resume, by=alex)
    print("mid-turn", flush=True)
    threading.Event().wait()  # until killed


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])

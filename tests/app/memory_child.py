"""Run by test_memory_after_lock.py in a child process: the app at its unlock
screen, driven by Pilot as a person would (the passphrase typed key by key, the
journal opened, a private entry read with `p`, a new entry's words typed and
not saved), then ctrl+l. It says "locked"
and waits on stdin while the test reads this process's memory.

The passphrase and the new words arrive shifted by one code point (argv[2],
argv[3]) and are typed one character at a time, so this driver never holds it whole: any whole copy found
afterwards was made by the app."""

from __future__ import annotations

import asyncio
import gc
import sys
from pathlib import Path

import textual._wait

from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.vault import FAST_TEST_KDF
from trust_tui.widgets.forgetting import settling

# As tests/conftest.py does: Pilot samples for idle every 10 ms, not 20.
textual._wait.SLEEP_GRANULARITY = 1 / 100
textual._wait.SLEEP_IDLE = 1 / 1000


async def type_shifted(pilot, shifted: str, then: str = "enter") -> None:
    for code in shifted:
        await pilot.press(chr(ord(code) - 1))
    await pilot.press(then)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def read_and_write(pilot, shifted: str, typed: str) -> None:
    app = pilot.app
    await type_shifted(pilot, shifted)  # unlock
    assert app.vault_open, "did not unlock"
    await pilot.press("j")  # the journal
    await pilot.pause()
    await pilot.press("p")  # open my private entries
    await pilot.pause()
    await type_shifted(pilot, shifted)
    assert app.screen.reads_private(app.vault.me.id), "private entries not open"
    await pilot.press("n")  # a new entry, its words typed and not saved
    await pilot.pause()
    await type_shifted(pilot, typed, then="space")


async def main(path: Path, shifted: str, typed: str) -> None:
    app = TrustApp(path, clock=FakeClock(), kdf=FAST_TEST_KDF)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # In a task of its own: what Pilot leaves in this (the driver's) context
        # is the driver's, not the app's, and goes with the task.
        await asyncio.create_task(read_and_write(pilot, shifted, typed))
        await pilot.press("ctrl+l")
        await pilot.app.workers.wait_for_complete()
        while settling(app):  # the lock's last forgetting, once the screens have gone
            await pilot.pause()
        assert not app.vault_open, "did not lock"
        gc.collect()
        print("locked", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))

"""Bench 9: resident memory after the unlock (issue 17), at 10 years, with the
default Argon2id: trust-tui's app unlocked by typing the passphrase at its unlock
screen, home showing, against a bare Textual app with one Input (bare_app.py),
each in a process of its own, taking turns.

Figures: VmRSS (resident now) and VmHWM (the peak) from /proc/self/status, after
the unlock and a garbage collection; and where trust-tui's goes, stage by stage:
Textual and the app's own modules at the unlock screen, the vault layer's imports
(pydantic, the models, cryptography, TinyDB), the unlock itself (the key derivation
and the decrypted records), home.

Run: .venv/bin/python bench/bench_memory.py [--quick]   (Linux: reads /proc)
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import common as c

GOAL = 2.0  # at most twice the bare app


def status() -> dict[str, float]:
    """VmRSS and VmHWM of this process, in MiB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            found[key] = int(value.split()[0]) / 1024
    return found


def rss() -> float:
    gc.collect()
    return status()["VmRSS"]


async def child_trust(path: str) -> dict[str, float]:
    stages: dict[str, float] = {"start": rss()}
    from trust_tui.app import TrustApp

    app = TrustApp(Path(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        stages["unlock screen"] = rss()
        import trust_tui.models  # noqa: F401  (what the unlock loads first)
        import trust_tui.vault.vault  # noqa: F401

        stages["vault layer imported"] = rss()
        for key in c.SAM_PASS:
            await pilot.press(key)
        await pilot.press("enter")
        for _ in range(400):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.vault_open and type(app.screen).__name__ == "HomeScreen":
                break
        assert app.vault_open, "did not unlock"
        await pilot.pause()
        stages["unlocked, home"] = rss()
        stages["peak"] = status()["VmHWM"]
    return stages


async def child_bare() -> dict[str, float]:
    stages = {"start": rss()}
    from bare_app import BareApp

    app = BareApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        stages["unlock screen"] = rss()
        stages["peak"] = status()["VmHWM"]
    return stages


def run_child(*argv: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", *argv], capture_output=True,
                          text=True, cwd=c.ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    from trust_tui.vault import KdfParams

    quick = c.quick_flag()
    runs = 3 if quick else 5
    journal, other = c.SIZES["10 years"]
    with tempfile.TemporaryDirectory(prefix="trust-bench-") as tmp:
        path = Path(tmp) / "ten.vault"
        c.make_vault(path, journal, other, kdf=KdfParams.default()).lock()
        bare, trust = [], []
        for _ in range(runs):
            bare.append(run_child("bare"))
            trust.append(run_child("trust", str(path)))
    b = {k: c.median([r[k] for r in bare]) for k in bare[0]}
    t = {k: c.median([r[k] for r in trust]) for k in trust[0]}
    rows = [["bare Textual app, one Input", f"{b['unlock screen']:.0f} MiB", "1.00x",
             f"{b['peak']:.0f} MiB"],
            ["trust-tui, 10 years, unlocked, home", f"{t['unlocked, home']:.0f} MiB",
             c.ratio(t["unlocked, home"], b["unlock screen"]), f"{t['peak']:.0f} MiB"]]
    print("### 9. Resident memory after the unlock, vs a bare Textual app\n")
    print(c.table(["process", "resident (VmRSS)", "vs bare", "peak (VmHWM)"], rows))
    steps, before = [], t["start"]
    for stage in ("unlock screen", "vault layer imported", "unlocked, home"):
        steps.append([stage, f"{t[stage]:.0f} MiB", f"+{t[stage] - before:.0f} MiB"])
        before = t[stage]
    print("\nWhere trust-tui's goes (median of each stage):\n")
    print(c.table(["stage", "resident", "added"], [["Python started", f"{t['start']:.0f} MiB",
                                                     ""], *steps]))
    ratio = t["unlocked, home"] / b["unlock screen"]
    print(f"\nGoal: resident memory after unlocking 10 years at most {GOAL:.0f}x a bare "
          f"Textual app: {ratio:.2f}x ({t['unlocked, home']:.0f} vs "
          f"{b['unlock screen']:.0f} MiB), {c.verdict(ratio <= GOAL)}.")
    print(f"\nMedian of {runs} runs each, taking turns, each in a fresh process under "
          "`run_test` (headless); the default Argon2id (128 MiB); the passphrase typed at "
          "the unlock screen; RSS read after a garbage collection.")
    return 0


if __name__ == "__main__":
    if "--child" in sys.argv:
        which = sys.argv[sys.argv.index("--child") + 1]
        sys.path.insert(0, str(c.BENCH))
        result = asyncio.run(child_trust(sys.argv[-1]) if which == "trust" else child_bare())
        print(json.dumps(result))
        sys.exit(0)
    sys.exit(main())

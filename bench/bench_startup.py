"""Bench 4: start-up, from launch to the first painted screen.

`trust-tui --vault X` (X an existing vault, so the first screen is the unlock
screen) against a bare Textual app with one Input (bench/bare_app.py), both
launched the same way on a fresh 80x24 pseudo-terminal; the clock stops when the
passphrase field ("Passphrase" placeholder, shown by both) first appears in what
the program wrote to the terminal. Runs take turns.

Goal (issue 6): within 1.3x of the bare app.
Run: .venv/bin/python bench/bench_startup.py [--quick]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import common as c

GOAL = 1.3
MARKER = "Passphrase"


def trust_tui_command(vault: Path) -> tuple[list[str], str]:
    script = c.VENV_PYTHON.parent / "trust-tui"
    if (c.ROOT / "trust_tui" / "cli").is_dir() and script.exists():
        return [str(script), "--vault", str(vault)], f"trust-tui --vault {vault.name}"
    # Before the command line lands: the same app, started directly.
    code = "import sys; from pathlib import Path; from trust_tui.app import TrustApp; " \
           "TrustApp(Path(sys.argv[1])).run()"
    return [str(c.VENV_PYTHON), "-c", code, str(vault)], "python -c 'TrustApp(X).run()'"


def import_ms(code: str, runs: int) -> float:
    """Median time a fresh interpreter takes to run `code` (imports only)."""
    import subprocess

    times = []
    for _ in range(runs):
        out = subprocess.run([str(c.VENV_PYTHON), "-c",
                              "import time; t = time.perf_counter(); " + code +
                              "; print(time.perf_counter() - t)"],
                             capture_output=True, text=True, check=True, cwd=c.ROOT)
        times.append(float(out.stdout.strip()))
    return c.median(times)


def main() -> int:
    quick = c.quick_flag()
    runs = 5 if quick else 11
    with tempfile.TemporaryDirectory(prefix="trust-bench-") as tmp:
        vault = Path(tmp) / "couple.vault"
        c.make_vault(vault, *c.SIZES["10 years"]).lock()
        ours, label = trust_tui_command(vault)
        bare = [str(c.VENV_PYTHON), str(c.BENCH / "bare_app.py")]

        def launch(cmd: list[str]) -> float:
            result = c.run_in_pty(cmd, marker=MARKER, timeout=30)
            if not result["seen"]:
                raise SystemExit(f"{cmd[0]} never showed {MARKER!r}:\n{result['text'][-2000:]}")
            return result["seconds"]

        launch(bare), launch(ours)  # warm the bytecode and file caches
        times: dict[str, list[float]] = {"bare": [], "ours": []}
        for _ in range(runs):
            times["bare"].append(launch(bare))
            times["ours"].append(launch(ours))
    bare_t, ours_t = c.median(times["bare"]), c.median(times["ours"])
    n = 3 if quick else 5
    imports = [
        ("textual (App, Input): what the bare app imports",
         import_ms("import textual.app, textual.widgets", n)),
        ("trust_tui.cli: what `trust-tui` imports before the app starts",
         import_ms("import trust_tui.cli", n)),
        ("trust_tui.app", import_ms("import trust_tui.app", n)),
        ("the vault layer alone (pydantic, models, TinyDB, cryptography)",
         import_ms("import trust_tui.vault", n)),
    ]
    print("### 4. Start-up: launch to the first painted screen\n")
    print(c.table(["program", "launch to first paint (median)", "ratio"], [
        ["bare Textual app, one Input", c.ms(bare_t), "1.00x"],
        [f"`{label}` (unlock screen)", c.ms(ours_t), c.ratio(ours_t, bare_t)],
    ]))
    print("\nWhere start-up goes (imports in a fresh interpreter, median of "
          f"{n}):\n")
    print(c.table(["import", "time"], [[name, c.ms(t)] for name, t in imports]))
    r = ours_t / bare_t
    print(f"\nGoal: within {GOAL}x of the bare app: {r:.2f}x, {c.verdict(r <= GOAL)}.")
    print(f"\nMedian of {runs} launches each, taking turns, on an 80x24 pseudo-terminal "
          f"(TERM=xterm-256color); stop = the first output holding {MARKER!r}; "
          "the vault holds 10 years (it is not read before the passphrase).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark, each in its own process, and write bench/results.md.

    .venv/bin/python bench/run_all.py            # the full run (a few minutes)
    .venv/bin/python bench/run_all.py --quick    # a smoke run (under a minute or so)
    .venv/bin/python bench/run_all.py save open  # only some (names below)

The results file names the machine, the date and this command; README's
"Figures" section is a copy of the latest full run.
"""

from __future__ import annotations

import subprocess
import sys
import time

import common as c

BENCHES = {
    "save": "bench_save.py",
    "open": "bench_open.py",
    "cli": "bench_cli.py",
    "startup": "bench_startup.py",
    "typing": "bench_typing.py",
    "timer": "bench_timer.py",
    "move": "bench_move.py",
    "merge": "bench_merge.py",
    "journal": "bench_journal.py",
    "memory": "bench_memory.py",
    "idle": "bench_idle_cpu.py",
    "keyslots": "bench_keyslots.py",
}


def summarise(sections: list[str]) -> str:
    """One line per benchmark: its goal (or headline figure) and the verdict."""
    rows = []
    for section in sections:
        title = section.splitlines()[0].lstrip("# ").strip()
        for line in section.splitlines():
            if line.startswith(("Goal:", "Figure:")):
                rows.append([title, line.split(":", 1)[1].strip()])
    return "## Summary\n\n" + c.table(["benchmark", "goal and result"], rows)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    chosen = [a for a in argv if not a.startswith("-")] or list(BENCHES)
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHES)}")
        return 2
    command = "python bench/run_all.py" + (" --quick" if quick else "") + \
        ("" if chosen == list(BENCHES) else " " + " ".join(chosen))
    sections, failed = [], []
    started = time.perf_counter()
    for name in chosen:
        print(f"== {name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(c.BENCH / BENCHES[name]),
                               *(["--quick"] if quick else [])],
                              capture_output=True, text=True, cwd=c.ROOT)
        took = time.perf_counter() - t0
        if proc.returncode != 0:
            failed.append(name)
            sections.append(f"### {name}: did not finish\n\n```\n"
                            f"{(proc.stdout + proc.stderr)[-3000:]}\n```")
        else:
            sections.append(proc.stdout.strip())
        print(f"   {name} took {took:.0f} s", file=sys.stderr, flush=True)
    head = (f"# Benchmark results{' (quick smoke run)' if quick else ''}\n\n"
            f"- Machine: {c.machine()}\n- Date: {c.today()}\n"
            f"- Reproduce: `.venv/bin/{command}` (from the repository root; "
            f"took {time.perf_counter() - started:.0f} s)\n"
            "- Ratios compare against a baseline measured in the same run, "
            "taking turns; absolute times are only context (a shared, noisy machine).\n")
    summary = summarise(sections)
    report = head + "\n" + summary + "\n\n" + "\n\n".join(sections) + "\n"
    out = c.BENCH / ("results-quick.md" if quick else "results.md")
    out.write_text(report)
    print(report)
    print(f"written to {out.relative_to(c.ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Bench 11: the second partner's unlock (issue 17): what trying both keyslots at
once would save on this machine.

A passphrase is tried against the keyslots in the file's order, so the second
partner's costs two default derivations (Argon2id 128 MiB, t=3, p=4), one after
the other. Trying both at once needs two processes (two derivations on threads of
one process can hang in cryptography 50, see vault/keyslots.py), and each
derivation already runs its four lanes on OpenSSL's threads. This measures, taking
turns, each in fresh processes that import `cryptography` first and then wait for
the start:

- one derivation (the first partner's unlock);
- two one after the other in one process (the second partner's, today);
- two at once, one in each of two processes (what "both at once" would cost
  the second partner, and the first partner too, who cannot be told apart
  before a slot opens).

Run: .venv/bin/python bench/bench_keyslots.py [--quick]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import common as c

from trust_tui.vault.keyslots import KdfParams

# Imports and says so, waits for a line on stdin, derives `count` keys, then says
# when it finished on the system-wide monotonic clock (the parent's clock too), so
# its exit is not timed.
CHILD = """
import sys, time
from trust_tui.vault.keyslots import KdfParams
kdf = KdfParams.default()
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[1])):
    kdf.derive("bench passphrase", bytes([i]) * 16)
print(time.clock_gettime(time.CLOCK_MONOTONIC), flush=True)
"""


def derive_in(processes: int, each: int) -> float:
    """Wall time from the start signal until every process has derived `each` keys."""
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(each)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                 env=dict(os.environ, PYTHONPATH=str(c.ROOT)))
                for _ in range(processes)]
    for child in children:  # each has imported and waits
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise SystemExit("a derivation process did not start")
    start = time.clock_gettime(time.CLOCK_MONOTONIC)
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    ends = []
    for child in children:
        out, _ = child.communicate(timeout=60)
        if child.returncode != 0:
            raise SystemExit(f"a derivation failed ({child.returncode})")
        ends.append(float(out))
    return max(ends) - start


def main() -> int:
    runs = 5 if c.quick_flag() else 11
    kdf = KdfParams.default()
    jobs = {"one": (1, 1), "after": (1, 2), "together": (2, 1)}
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(runs):  # taking turns, so a noisy neighbour slows each alike
        for name, (processes, each) in jobs.items():
            times[name].append(derive_in(processes, each))
    one, after, together = (c.median(times[k]) for k in ("one", "after", "together"))
    rows = [
        ["one derivation (the first partner)", c.ms(one), "1.00x"],
        ["two, one after the other (the second partner, as built)", c.ms(after),
         c.ratio(after, one)],
        ["two at once, in two processes (either partner, if built)", c.ms(together),
         c.ratio(together, one)],
    ]
    print("### 11. The second partner's unlock: two keyslots one after the other, or at once\n")
    print(c.table(["derivations of the default "
                   f"(Argon2id {kdf.memory_kib // 1024} MiB, t={kdf.iterations}, "
                   f"p={kdf.lanes})", "wall time (median)", "vs one"], rows))
    print(f"\nFigure: on {os.cpu_count()} cores, two derivations at once took "
          f"{c.ms(together)} against {c.ms(after)} one after the other and {c.ms(one)} "
          f"for one: trying both slots at once would make every unlock cost {c.ms(together)}, "
          f"the first partner's too ({c.ratio(together, one)} of today's).")
    print(f"\nMedian of {runs} runs each, taking turns; each process imports first and "
          "is then started with the others, so only the derivations are timed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

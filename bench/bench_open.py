"""Bench 2: open an unlocked vault (after the KDF: read + parse + checksum +
decrypt + load) at each size, against the floor (read + AES-GCM decrypt +
json.loads of the same data), and the KDF alone at the default parameters.

Goal (issue 6): opening at 10 years adds under 100 ms to the KDF.
Run: .venv/bin/python bench/bench_open.py [--quick]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import common as c
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from trust_tui.models import JournalEntry
from trust_tui.vault import FAST_TEST_KDF, KdfParams, Vault

GOAL_MS = 100


def measure(journal: int, other: int, runs: int, folder: Path) -> dict:
    path = folder / f"v{journal}.vault"
    c.make_vault(path, journal, other).lock()
    # The floor: the same plaintext, encrypted the least way, read back.
    floor_path = folder / f"floor{journal}.bin"
    opened = Vault.open(path, c.SAM_PASS)
    plain = json.dumps(opened._storage.read(), ensure_ascii=False,
                       separators=(",", ":")).encode("utf-8")
    opened.lock()
    key, nonce = os.urandom(32), os.urandom(12)
    floor_path.write_bytes(nonce + AESGCM(key).encrypt(nonce, plain, None))

    def floor() -> None:
        blob = floor_path.read_bytes()
        json.loads(AESGCM(key).decrypt(blob[:12], blob[12:], None))

    def fast_kdf() -> None:
        # What Vault.open spends on FAST_TEST_KDF itself, subtracted below.
        FAST_TEST_KDF.derive(c.SAM_PASS, b"0123456789abcdef")

    def open_vault() -> None:
        Vault.open(path, c.SAM_PASS).lock()

    def open_and_read() -> None:
        vault = Vault.open(path, c.SAM_PASS)
        vault.all(JournalEntry)  # every entry as a model: what the journal screen shows
        vault.lock()

    open_vault(), floor()
    t = c.interleaved(runs, floor=floor, kdf=fast_kdf, open=open_vault, read=open_and_read)
    kdf = c.median(t["kdf"])
    return {"floor": c.median(t["floor"]), "open": c.median(t["open"]) - kdf,
            "read": c.median(t["read"]) - kdf}


def main() -> int:
    quick = c.quick_flag()
    sizes = c.QUICK_SIZES if quick else c.SIZES
    runs = 5 if quick else 11
    default = KdfParams.default()
    kdf_times = [c.timed(lambda: default.derive(c.SAM_PASS, os.urandom(16)))
                 for _ in range(3 if quick else 5)]
    kdf = c.median(kdf_times)
    rows, at_ten = [], None
    with tempfile.TemporaryDirectory(prefix="trust-bench-") as tmp:
        # Unlocking as each partner with the default KDF: slots are tried in order.
        slow = Path(tmp) / "default.vault"
        c.make_vault(slow, *c.SIZES["1 year"], kdf=default).lock()
        unlock = c.interleaved(3 if quick else 5,
                               first=lambda: Vault.open(slow, c.SAM_PASS).lock(),
                               second=lambda: Vault.open(slow, c.ALEX_PASS).lock())
        for label, (journal, other) in sizes.items():
            r = measure(journal, other, runs, Path(tmp))
            rows.append([label, f"{journal:,} + {other:,}", c.ms(r["floor"]), c.ms(r["open"]),
                         c.ratio(r["open"], r["floor"]), c.ms(r["read"]),
                         c.ms(kdf + r["open"])])
            if label == "10 years":
                at_ten = r["open"]
    print("### 2. Open an unlocked vault (after the KDF) and the KDF alone\n")
    print(c.table(["vault", "journal + other records", "floor (read+AES-GCM+json.loads)",
                   "Vault.open after KDF", "ratio", "open + all journal entries as models",
                   "KDF + open (what unlock costs)"], rows))
    print(f"\nKDF alone ({default.name}, {default.memory_kib // 1024} MiB, "
          f"{default.iterations} iterations, {default.lanes} lanes: the default for new "
          f"vaults): {c.ms(kdf)} (median of {len(kdf_times)}).")
    print(f"\nUnlock of a 1-year vault with that KDF (Vault.open, median): as the first "
          f"partner {c.ms(c.median(unlock['first']))}, as the second "
          f"{c.ms(c.median(unlock['second']))} (the keyslots are tried in order, so the "
          "second partner pays for two derivations).")
    if at_ten is not None:
        print(f"\nGoal: opening at 10 years adds under {GOAL_MS} ms to the KDF: "
              f"{c.ms(at_ten)}, {c.verdict(at_ten * 1000 < GOAL_MS)}.")
    print(f"\nMedian of {runs} runs, taking turns; the vaults use FAST_TEST_KDF and its "
          "derivation (measured in the same run) is subtracted, so the column is the "
          "work after the KDF.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Bench 3: add one journal entry as a whole command, `trust-tui add journal`
against `jrnl` (from PyPI, in the bench's own environment bench/.venv-jrnl,
created on first run), each on a journal of the same entries with the same text.

Both run on a fresh pseudo-terminal and get their passphrase typed at their own
prompt once it has turned echo off (no keyring: jrnl runs with keyring's "fail"
backend). Figures: median wall time (launch to exit) and the median of each
run's own peak RSS (wait4's ru_maxrss for that child), with each tool's KDF
beside it: the KDF is most of the cost of either, by design.

Both run from bytecode compiled ahead, as an installed package is (pip compiles
it at install; jrnl's is): trust_tui's own `.pyc` files are written first, since a
source tree run with PYTHONDONTWRITEBYTECODE would otherwise compile 35 modules on
every run. The second partner's passphrase costs two derivations (the keyslots
are tried in the file's order; nothing notes whose slot opened lately). This
machine's notes go to a state folder of the bench's own. BENCH_BASELINE=/path/to/another/tree adds
that tree's `add journal` (both passphrases) to the same interleaved runs: a
before and after in one run.

Run: .venv/bin/python bench/bench_cli.py [--quick]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import common as c

from trust_tui.models import JournalEntry
from trust_tui.vault import FAST_TEST_KDF, KdfParams

JRNL_VENV = c.BENCH / ".venv-jrnl"
JRNL = JRNL_VENV / "bin" / "jrnl"
JRNL_SPEC = "jrnl>=4.6,<5"
JRNL_PASS = "jrnl-passphrase"
TEXT = "Bench entry: I told you about the late train before you asked."
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def ensure_jrnl() -> str:
    if not JRNL.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(JRNL_VENV)], check=True)
        subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "-q", JRNL_SPEC], check=True)
    out = subprocess.run([str(JRNL_VENV / "bin" / "python"), "-c",
                          "from jrnl.__version__ import __version__; print(__version__)"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def seed_jrnl(folder: Path, vault) -> Path:
    """An encrypted jrnl journal with the vault's journal entries, same text."""
    entries = [[e.created_at.replace(tzinfo=None).isoformat(), e.text]
               for e in vault.all(JournalEntry) if e.text]
    entries_file = folder / "entries.json"
    entries_file.write_text(json.dumps(entries))
    config = folder / "jrnl.yaml"
    subprocess.run([str(JRNL_VENV / "bin" / "python"), str(c.BENCH / "jrnl_seed.py"),
                    str(config), str(folder / "journal.jrnl"), str(entries_file)],
                   input=JRNL_PASS + "\n", text=True, check=True, capture_output=True)
    entries_file.unlink()
    return config


def compile_ahead(tree: Path) -> None:
    """Bytecode for the package, as `pip install` leaves it."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "trust_tui")],
                   check=True, capture_output=True)


def tree_env(tree: Path, state: Path) -> dict:
    return dict(os.environ, PYTHONPATH=str(tree), TRUST_TUI_STATE_DIR=str(state))


def state_env(state: Path) -> dict:
    """This machine's notes (vault/seen.py) in the bench's own folder."""
    return dict(os.environ, TRUST_TUI_STATE_DIR=str(state))


def trust_tui_add(vault: Path, by: str = c.SAM) -> list[str]:
    return [str(c.VENV_PYTHON.parent / "trust-tui"), "--vault", str(vault),
            "add", "journal", "--by", by, TEXT]


def run(cmd: list[str], prompt: str, passphrase: str, env: dict | None = None) -> dict:
    result = c.run_in_pty(cmd, answers=[(prompt, passphrase.encode() + b"\n")],
                          env=env, timeout=60)
    if result["status"] != 0:
        raise SystemExit(f"{cmd[0]} failed ({result['status']}):\n{result['text'][-1500:]}")
    return result


def describe(kdf: KdfParams) -> str:
    if kdf.name == "argon2id":
        return f"Argon2id {kdf.memory_kib // 1024 or kdf.memory_kib} " \
               f"{'MiB' if kdf.memory_kib >= 1024 else 'KiB'}, t={kdf.iterations}, p={kdf.lanes}"
    return f"scrypt n={kdf.memory_kib}, r={kdf.iterations}, p={kdf.lanes}"


def main() -> int:
    quick = c.quick_flag()
    runs = int(os.environ.get("BENCH_RUNS") or (3 if quick else 9))
    if not (c.ROOT / "trust_tui" / "cli").is_dir():
        print("### 3. Add one journal entry as a whole command: trust-tui vs jrnl\n\n"
              "Not measured yet: `trust-tui add journal` does not exist in this tree.")
        return 0
    version = ensure_jrnl()
    compile_ahead(c.ROOT)
    baseline = Path(os.environ["BENCH_BASELINE"]) if os.environ.get("BENCH_BASELINE") else None
    if baseline is not None:
        compile_ahead(baseline)
    jrnl_env = dict(os.environ, **NO_KEYRING)
    sizes = c.QUICK_SIZES if quick else c.SIZES
    default = KdfParams.default()
    rows, headline = [], None
    with tempfile.TemporaryDirectory(prefix="trust-bench-") as tmp:
        for label, (journal, other) in sizes.items():
            folder = Path(tmp) / label.replace(" ", "")
            folder.mkdir()
            fast_path = folder / "fast.vault"
            vault = c.make_vault(fast_path, journal, other, kdf=FAST_TEST_KDF)
            config = seed_jrnl(folder, vault)
            vault.lock()
            jobs = {
                "jrnl": ([str(JRNL), "--config-file", str(config), TEXT], "Password",
                         JRNL_PASS, jrnl_env),
                "fast": (trust_tui_add(fast_path), "assphrase", c.SAM_PASS,
                         state_env(folder / "state")),
            }
            if label == "10 years":  # the default KDF once, at the size of the goals
                slow_path = folder / "default.vault"
                c.make_vault(slow_path, journal, other, kdf=default).lock()
                # One account, the two partners taking turns: the keyslots are tried
                # in the file's order, so the second partner's costs two derivations.
                shared = folder / "shared-account"
                jobs["default"] = (trust_tui_add(slow_path), "assphrase", c.SAM_PASS,
                                   state_env(shared))
                jobs["second"] = (trust_tui_add(slow_path, c.ALEX), "assphrase", c.ALEX_PASS,
                                  state_env(shared))
                if baseline is not None:
                    jobs["default-before"] = (trust_tui_add(slow_path), "assphrase",
                                              c.SAM_PASS, tree_env(baseline, shared))
                    jobs["second-before"] = (trust_tui_add(slow_path, c.ALEX), "assphrase",
                                             c.ALEX_PASS, tree_env(baseline, shared))
            for cmd, prompt, secret, env in jobs.values():
                run(cmd, prompt, secret, env)  # warm caches
            results: dict[str, list[dict]] = {name: [] for name in jobs}
            derivations: list[float] = []  # the default derivation alone: the floor
            for _ in range(runs):
                for name, (cmd, prompt, secret, env) in jobs.items():
                    results[name].append(run(cmd, prompt, secret, env))
                if label == "10 years":
                    derivations.append(c.timed(lambda: default.derive("bench", b"s" * 16)))
            jrnl_t = c.median([r["seconds"] for r in results["jrnl"]])
            if label == "10 years":
                walls = {n: c.median([r["seconds"] for r in rs]) for n, rs in results.items()}
                headline = (f"at 10 years with the default Argon2id, trust-tui "
                            f"{c.ratio(walls['default'], jrnl_t)} jrnl for the first "
                            f"partner's passphrase and {c.ratio(walls['second'], jrnl_t)} for "
                            f"the second's ({c.ms(walls['default'])} and "
                            f"{c.ms(walls['second'])} vs {c.ms(jrnl_t)}; goal at most 0.75x: "
                            f"{c.verdict(max(walls['default'], walls['second']) <= 0.75 * jrnl_t)}); "
                            f"{c.ms(walls['fast'])} with FAST_TEST_KDF; the default "
                            f"derivation alone took {c.ms(c.median(derivations))} "
                            f"({c.ratio(c.median(derivations), jrnl_t)} jrnl) in the same runs")
                if baseline is not None:
                    headline += (f"; the baseline tree in the same runs: "
                                 f"{c.ratio(walls['default-before'], jrnl_t)} and "
                                 f"{c.ratio(walls['second-before'], jrnl_t)} "
                                 f"({c.ms(walls['default-before'])} and "
                                 f"{c.ms(walls['second-before'])})")
            names = {
                "jrnl": (f"jrnl {version}", "PBKDF2-HMAC-SHA256 100,000 iterations, twice "
                         "(read, then write with a fresh salt); Fernet; no fsync"),
                "fast": ("trust-tui add journal", f"FAST_TEST_KDF ({describe(FAST_TEST_KDF)}), "
                         "once; AES-256-GCM; fsync'd atomic replace"),
                "default": ("trust-tui add journal, first partner's passphrase",
                            f"default ({describe(default)}), once; "
                            "AES-256-GCM; fsync'd atomic replace"),
                "second": ("trust-tui add journal, second partner's passphrase",
                           f"default ({describe(default)}), the first keyslot tried "
                           "first; AES-256-GCM; fsync'd atomic replace"),
                "default-before": ("the same, first partner, baseline tree", "as above"),
                "second-before": ("the same, second partner, baseline tree", "as above"),
            }
            for name, rs in results.items():
                wall = c.median([r["seconds"] for r in rs])
                rss = c.median([r["maxrss_kib"] for r in rs]) / 1024
                cpu = c.median([r["cpu_seconds"] for r in rs])
                tool, kdf = names[name]
                rows.append([label, tool, kdf, c.ms(wall), c.ratio(wall, jrnl_t), c.ms(cpu),
                             f"{rss:.0f} MiB"])
    print("### 3. Add one journal entry as a whole command: trust-tui vs jrnl\n")
    print(c.table(["journal", "command", "key derivation and write", "wall time (median)",
                   "vs jrnl", "CPU time, user + system (median)", "peak memory (median)"],
                  rows))
    if headline:
        print(f"\nFigure: {headline}.")
    print(f"\nMedian of {runs} runs each, taking turns, on a fresh pseudo-terminal; each "
          "passphrase typed at its prompt; jrnl's journal holds the same entries with the "
          "same text (its format has no place for the other records, so trust-tui's file "
          "is the larger); CPU time and peak memory are each run's own (wait4): on two "
          "cores, a wall time below the CPU time is work done side by side (the "
          "derivation's lanes, and the imports while it runs).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A writer process for the fault suite (not a test module).

    python tests/vault_writer.py VAULT PASSPHRASE PREFIX COUNT [wait]

Opens the vault and adds wins "PREFIX-0" .. "PREFIX-(COUNT-1)" one at a time,
printing each number only after `add` returned (the write is durable then).
The crash test SIGKILLs it at random moments; the concurrency test runs several,
each with `wait`: after printing "open" it waits for a line on stdin, so all of
them start writing at once.

    python tests/vault_writer.py --crash-at VAULT PASSPHRASE

Reads lines "PREFIX CALL NTH WHEN" on stdin. For each, a forked child opens the
vault, adds "PREFIX-0" (printing 0), then adds "PREFIX-1" and kills itself with
SIGKILL just before or after the NTH call of CALL during that save (`os.fsync`,
`os.link`, `os.replace`, `tempfile.mkstemp`): a crash at an exact step of the
atomic write, whatever the machine's load. The parent prints "end SIGNAL" once
the child is gone. Forking keeps each case to milliseconds (one import).

    python tests/vault_writer.py --fork VAULT PASSPHRASE

Reads a PREFIX per line on stdin and forks a writer for it (as the first form,
printing "pid N" first) that writes until the test SIGKILLs it; then prints
"end SIGNAL". The random crash loop uses it: no interpreter start-up per kill,
so a busy machine slows it far less.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from pathlib import Path

from trust_tui.models import Win
from trust_tui.vault import Vault


def write(path: str, passphrase: str, prefix: str, count: int, wait: bool = False) -> None:
    vault = Vault.open(Path(path), passphrase)
    me = vault.me.id
    print("open", flush=True)
    if wait:
        sys.stdin.readline()
    for number in range(count):
        vault.add(Win(text=f"{prefix}-{number}", noticed_by=me))
        print(number, flush=True)


def crash_on(call: str, nth: int, when: str) -> None:
    owner = tempfile if call == "mkstemp" else os
    real = getattr(owner, call)
    calls = 0

    def hooked(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == nth and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if calls == nth and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, call, hooked)


def crash_at(path: str, passphrase: str) -> None:
    for line in sys.stdin:
        prefix, call, nth, when = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                vault = Vault.open(Path(path), passphrase)
                vault.add(Win(text=f"{prefix}-0", noticed_by=vault.me.id))
                print(0, flush=True)
                crash_on(call, int(nth), when)
                vault.add(Win(text=f"{prefix}-1", noticed_by=vault.me.id))
                print(1, flush=True)
            finally:
                os._exit(3)  # the crash never came: the test says so
        _, status = os.waitpid(pid, 0)
        print(f"end {os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1}", flush=True)


def fork_writers(path: str, passphrase: str) -> None:
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                print(f"pid {os.getpid()}", flush=True)
                write(path, passphrase, line.strip(), 10_000)
            finally:
                os._exit(3)  # never killed: the test says so
        _, status = os.waitpid(pid, 0)
        # On a line of its own, even after a number the kill cut before its newline.
        print(f"\nend {os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1}", flush=True)


def main() -> None:
    if sys.argv[1] == "--crash-at":
        crash_at(*sys.argv[2:4])
    elif sys.argv[1] == "--fork":
        fork_writers(*sys.argv[2:4])
    else:
        path, passphrase, prefix, count = sys.argv[1:5]
        write(path, passphrase, prefix, int(count), wait=sys.argv[5:6] == ["wait"])


if __name__ == "__main__":
    main()

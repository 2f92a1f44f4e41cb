"""A writer process for the fault suite (not a test module).

    python tests/vault_writer.py VAULT PASSPHRASE PREFIX COUNT

Opens the vault and adds wins "PREFIX-0" .. "PREFIX-(COUNT-1)" one at a time,
printing each number only after `add` returned (the write is durable then).
The crash test SIGKILLs it at random moments; the concurrency test runs several.
"""

from __future__ import annotations

import sys
from pathlib import Path

from trust_tui.models import Win
from trust_tui.vault import Vault


def main() -> None:
    path, passphrase, prefix, count = sys.argv[1:5]
    vault = Vault.open(Path(path), passphrase)
    me = vault.me.id
    print("open", flush=True)
    for number in range(int(count)):
        vault.add(Win(text=f"{prefix}-{number}", noticed_by=me))
        print(number, flush=True)


if __name__ == "__main__":
    main()

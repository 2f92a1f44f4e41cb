"""The encrypted vault: one file, TinyDB inside, pydantic models in and out.

Exports load on first use: the app's unlock screen paints before pydantic,
TinyDB and cryptography are imported (start-up is part of issue 6's goals).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from trust_tui.vault.errors import VaultError

if TYPE_CHECKING:
    from trust_tui.vault.keyslots import KdfParams
    from trust_tui.vault.vault import Vault

_LAZY = {"KdfParams": "trust_tui.vault.keyslots", "Vault": "trust_tui.vault.vault"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name == "FAST_TEST_KDF":
        # Small key-derivation settings for tests and benchmarks only; the header
        # records them, and nothing a user can switch on selects them.
        value = __getattr__("KdfParams")(memory_kib=64, iterations=1, lanes=1)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = ["FAST_TEST_KDF", "KdfParams", "Vault", "VaultError"]

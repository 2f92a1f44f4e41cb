"""Use cases by area: what the couple does, as one call on the vault.

Each module names what happens in the couple's words (`drafts.keep`,
`journal.save_entry`, `agreements.log_follow_through`, ...). A use case takes
the unlocked `Vault` first, owns its transaction (a read-modify-write runs under
the vault's lock, on the latest file) and any merging of another window's writes,
and returns pydantic models. Nothing here imports Textual: screens reach these
through the app's one save worker (`StoreClient.store` in widgets/saving.py),
which answers with a `Saved` or `NotSaved` message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from trust_tui.vault import Vault

T = TypeVar("T")

# A use case with its arguments bound: the worker calls it with the vault.
StoreCall = Callable[["Vault"], Any]


def bind(use_case: Callable[..., T], *args: Any, **kwargs: Any) -> Callable[["Vault"], T]:
    """`bind(journal.save_entry, entry)` is the call `journal.save_entry(vault, entry)`
    waiting for the vault (the save worker supplies it)."""

    def call(vault: "Vault") -> T:
        return use_case(vault, *args, **kwargs)

    call.__qualname__ = getattr(use_case, "__qualname__", "use_case")
    return call

"""Expectations and boundaries: one screen for two kinds, its views and its forms.

- `screen`: `ExpectationsScreen`, `BoundariesScreen` (keys, asking, saving, undo)
- `listing`, `detail`, `concerns`: the list, the highlighted one (with its history),
  the raised concerns; `seen` is what they show, `words` what differs by kind
- one module per form: `agreement_form`, `follow_through_form`, `review_form`,
  `concern_form`, `export_form` (all `FormModal`s, sharing `form_base`)
Every write is a use case in `trust_tui.store.agreements`.

The screens and forms load when first asked for: home's "what is due" needs only
the two functions below (issue 17: resident memory after the unlock).
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Any

from trust_tui.models import AgreementKind
from trust_tui.store import agreements as store

if TYPE_CHECKING:
    from trust_tui.screens.agreements.agreement_form import AgreementForm
    from trust_tui.screens.agreements.concern_form import ConcernForm
    from trust_tui.screens.agreements.export_form import ExportForm
    from trust_tui.screens.agreements.follow_through_form import FollowThroughForm
    from trust_tui.screens.agreements.review_form import ReviewForm
    from trust_tui.screens.agreements.screen import (
        AgreementsScreen,
        BoundariesScreen,
        ExpectationsScreen,
    )
    from trust_tui.vault import Vault

__all__ = ["AgreementForm", "AgreementsScreen", "BoundariesScreen", "ConcernForm",
           "ExpectationsScreen", "ExportForm", "FollowThroughForm", "ReviewForm",
           "due_boundaries", "due_expectations"]

_MODULE_OF = {"AgreementForm": "agreement_form", "ConcernForm": "concern_form",
              "ExportForm": "export_form", "FollowThroughForm": "follow_through_form",
              "ReviewForm": "review_form", "AgreementsScreen": "screen",
              "BoundariesScreen": "screen", "ExpectationsScreen": "screen"}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


# --- home's "what is due" -----------------------------------------------------------------------

def due_expectations(vault: "Vault", today: date) -> list[str]:
    return store.due_lines(vault, today, AgreementKind.EXPECTATION)


def due_boundaries(vault: "Vault", today: date) -> list[str]:
    return store.due_lines(vault, today, AgreementKind.BOUNDARY)

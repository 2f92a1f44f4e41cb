"""Talk together: the start form, the floor (widgets/floor_view.py), how it went.

Each name loads its module when first asked for: home's "what is due" needs only
`due_talk` (no Textual), not the talk screens until the area opens (issue 17:
resident memory after the unlock)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trust_tui.screens.talk.screen import TalkScreen
    from trust_tui.screens.talk.start_form import StartForm
    from trust_tui.screens.talk.summary import SummaryForm, TalkOutcome
    from trust_tui.screens.talk.under_way import break_under_way, due_talk

__all__ = ["StartForm", "TalkScreen", "SummaryForm", "TalkOutcome", "break_under_way",
           "due_talk"]

_MODULE_OF = {"TalkScreen": "screen", "StartForm": "start_form", "SummaryForm": "summary",
              "TalkOutcome": "summary", "break_under_way": "under_way",
              "due_talk": "under_way"}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)

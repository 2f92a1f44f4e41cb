"""Talk together: the start form, the floor (widgets/floor_view.py), how it went."""

from trust_tui.screens.talk.screen import TalkScreen
from trust_tui.screens.talk.start_form import StartForm
from trust_tui.screens.talk.summary import SummaryForm, TalkOutcome
from trust_tui.screens.talk.under_way import break_under_way, due_talk

__all__ = ["StartForm", "TalkScreen", "SummaryForm", "TalkOutcome", "break_under_way",
           "due_talk"]

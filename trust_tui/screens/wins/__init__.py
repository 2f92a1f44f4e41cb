"""The wins wall: small wins, thank-yous, mini-goals and setbacks (step 8).

- `wall`: the cards, one OptionList grouped by week and paged a hundred at a time;
- `goals`: the mini-goals list and home's gentle reminder;
- `forms`: a card (win, thank-you, setback) and a mini-goal, each a FormModal;
- `celebration`: a short burst of sparks when a goal is reached;
- `screen`: `WinsScreen`, which puts them together and saves through store.wins.

Everything a partner typed is shown as data (`Content(text)`), never as markup.
Nothing here is deleted: a setback stays on the record beside the wins, which is
where it belongs.
"""

from trust_tui.screens.wins.celebration import Celebration, sparkle_row
from trust_tui.screens.wins.forms import CardDraft, CardForm, GoalDraft, GoalForm
from trust_tui.screens.wins.goals import GoalList
from trust_tui.screens.wins.screen import WinsScreen
from trust_tui.screens.wins.wall import PAGE, CardWall
from trust_tui.widgets.paged_list import MORE

__all__ = ["MORE", "PAGE", "CardDraft", "CardForm", "CardWall", "Celebration", "GoalDraft",
           "GoalForm", "GoalList", "WinsScreen", "sparkle_row"]

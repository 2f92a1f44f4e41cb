"""The wall of cards: one paged list (it draws only the lines on screen), grouped
by week, newest first, a hundred cards at a time, so ten years of wins scroll
without thousands of widgets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual import on
from textual.content import Content
from textual.widgets.option_list import Option

from trust_tui.domain.wins import (
    Card,
    WeekOfCards,
    day_label,
    group_by_week,
    week_label,
    week_summary,
)
from trust_tui.widgets.paged_list import PagedList
from trust_tui.widgets.typed import typed

PAGE = 100  # cards added to the wall per "show older"

CARD_LABELS = {
    "win": "★ Win",
    "thanks": "♥ Thank you",
    "goal_reached": "✦ Goal reached",
    "setback": "○ Setback, noted",
}

EMPTY = ("Nothing here yet. When something feels a little easier, press a to note it, "
         "or t to say thank you.")

NameOf = Callable[[str | None], str]


def card_prompt(card: Card, name_of: NameOf) -> Content:
    """A card's two lines: what it is, when and who; then the words as typed."""
    if card.kind == "thanks":
        who = f"from {name_of(card.by)} to {name_of(card.to)}"
    elif card.kind == "setback":
        who = f"noted by {name_of(card.by)}"
    elif card.kind == "goal_reached":
        who = ""
    else:
        who = f"noticed by {name_of(card.by)}"
    head = Content.assemble((CARD_LABELS[card.kind], "bold"), " · ", day_label(card.day))
    if who:
        head = Content.assemble(head, " · ", Content(who))
    return Content.assemble(head, "\n", typed(card.text))


class CardWall(PagedList):
    """The cards by week; enter on "Show older cards" adds the next page."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(page=PAGE, older="Show older cards", id=id)
        self._wins_weeks: list[WeekOfCards] = []
        self._wins_today = date.min
        self._wins_name_of: NameOf = lambda _pid: ""

    def show_cards(self, cards: Sequence[Card], today: date, name_of: NameOf) -> None:
        self._wins_weeks = group_by_week(cards)
        self._wins_today = today
        self._wins_name_of = name_of
        self._draw()

    def _draw(self) -> None:
        options: list[Option | None] = []
        left = self.shown
        for week in self._wins_weeks:
            if left <= 0:
                break
            heading = Content.assemble((week_label(week.week, self._wins_today), "bold"),
                                       f"  ({week_summary(week)})")
            options.append(Option(heading, id=f"week-{week.week}", disabled=True))
            for card in week.cards[:left]:
                options.append(Option(card_prompt(card, self._wins_name_of), id=card.record_id))
                options.append(None)  # a thin rule between cards
            left -= len(week.cards)
        total = sum(len(week.cards) for week in self._wins_weeks)
        self.show(options, total=total, empty=EMPTY, first=False)

    @on(PagedList.MoreWanted)
    def _draw_older(self, event: PagedList.MoreWanted) -> None:
        event.stop()
        self._draw()

    def show_newest(self) -> None:
        """Highlight the newest card, just under the first week's heading."""
        if self.option_count > 1:
            self.highlighted = 1
            self.scroll_to_highlight()

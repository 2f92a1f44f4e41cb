"""The mini-goals list: goals still going first, then reached ones, each with a
bar of text and words that never count what was missed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from trust_tui.domain.clock import local_day
from trust_tui.domain.wins import goal_progress, progress_bar, progress_words
from trust_tui.models import MiniGoal
from trust_tui.widgets.option_lists import replace_options
from trust_tui.widgets.typed import typed

NO_GOALS = "No mini-goals yet. Press g to set one."


def goal_prompt(goal: MiniGoal, today: date, name_of: Callable[[str | None], str]) -> Content:
    p = goal_progress(goal, today)
    reached_on = local_day(goal.reached_at) if goal.reached_at else None
    status = progress_words(p, reached_on)
    if p.counted_today and not p.reached:
        status += " · logged today"
    return Content.assemble(typed(goal.text), "\n", ("For " + name_of(goal.owner), "dim"),
                            "\n", progress_bar(p), "\n", status)


class GoalList(OptionList):
    """One option per goal (its id is the goal's); enter logs today's step."""

    def show(self, goals: Sequence[MiniGoal], today: date,
             name_of: Callable[[str | None], str], keep: str | None = None) -> None:
        """Redraw; the highlight stays on `keep` (or the goal highlighted now)."""
        ordered = sorted(goals, key=lambda g: (g.created_at, g.id), reverse=True)
        ordered.sort(key=lambda g: g.reached_at is not None)  # newest first, going first
        options: list[Option | None] = []
        for goal in ordered:
            options.append(Option(goal_prompt(goal, today, name_of), id=goal.id))
            options.append(None)
        if not options:
            options.append(Option(Content(NO_GOALS), id="no-goals", disabled=True))
        replace_options(self, options, keep)

    @property
    def goal_id(self) -> str | None:
        """The highlighted goal's id (None when there is none)."""
        option = self.highlighted_option
        if option is None or option.disabled:
            return None
        return option.id

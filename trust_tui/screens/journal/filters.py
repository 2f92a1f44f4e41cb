"""The journal's filters: who, feeling, kind, a date range and words to search for.

Changes bubble up as the Select and Input messages of fields whose ids start with
`filter-`; `current()` reads the filter as typed.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from trust_tui.domain.journal import KIND_WORDS, JournalFilter, parse_day
from trust_tui.models import FEELINGS, Partner
from trust_tui.widgets.typed import typed

ANY = ""  # the filter value meaning "all"
BAD_DAY = "Dates look like 2026-03-02; that one is left out for now."


class JournalFilters(Vertical):
    def compose(self) -> ComposeResult:
        with Horizontal(classes="journal-filters"):
            yield Label("Who ")
            yield Select([("Both of us", ANY)], allow_blank=False, compact=True,
                         id="filter-author")
            yield Label(" Feeling ")
            yield Select([("Any feeling", ANY)], allow_blank=False, compact=True,
                         id="filter-feeling")
            yield Label(" Kind ")
            yield Select([("All kinds", ANY), *((w, k) for k, w in KIND_WORDS.items())],
                         allow_blank=False, compact=True, id="filter-kind")
        with Horizontal(classes="journal-filters"):
            yield Label("From ")
            yield Input(placeholder="YYYY-MM-DD", max_length=10, compact=True,
                        id="filter-from", classes="date")
            yield Label(" to ")
            yield Input(placeholder="YYYY-MM-DD", max_length=10, compact=True,
                        id="filter-to", classes="date")
            yield Label(" Search ")
            yield Input(placeholder="words in the text (/)", compact=True, id="filter-search")

    def set_partners(self, partners: list[Partner]) -> None:
        self.query_one("#filter-author", Select).set_options(
            [("Both of us", ANY), *((typed(p.name), p.id) for p in partners)])

    def set_feelings(self, used: set[str], shown: tuple[str, ...]) -> tuple[str, ...]:
        """Offer the shared words and every word used; returns what is offered."""
        feelings = (*FEELINGS, *sorted(used - set(FEELINGS), key=str.casefold))
        if feelings == shown:
            return shown
        select = self.query_one("#filter-feeling", Select)
        keep = select.value
        with select.prevent(Select.Changed):
            # A partner's own feeling word is data, never markup.
            select.set_options([("Any feeling", ANY), *((typed(f), f) for f in feelings)])
            if keep in feelings:
                select.value = keep
        return feelings

    def current(self) -> tuple[JournalFilter, str]:
        """The filter as typed, and a gentle note if a date could not be read."""
        note = ""
        bounds: list[date | None] = []
        for selector in ("#filter-from", "#filter-to"):
            try:
                bounds.append(parse_day(self.query_one(selector, Input).value))
            except ValueError:
                bounds.append(None)
                note = BAD_DAY
        author = str(self.query_one("#filter-author", Select).value)
        feeling = str(self.query_one("#filter-feeling", Select).value)
        kind = str(self.query_one("#filter-kind", Select).value)
        return JournalFilter(
            author=author or None, feeling=feeling or None,
            since=bounds[0], until=bounds[1],
            search=self.query_one("#filter-search", Input).value,
            kinds=frozenset([kind]) if kind else frozenset(),
        ), note

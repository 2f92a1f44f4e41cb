"""A long list drawn a page at a time, newest first, with "Show older ..." at its end.

An OptionList draws only the lines on screen, but building thousands of options
still takes time: the screen builds options for the first `shown` items only,
and hands them over with how many there are in all:

    listing = PagedList(page=200, older="Show older entries", id="entries")
    ...
    items = matching_entries()
    listing.show([Option(prompt(i), id=i.id) for i in items[: listing.shown]],
                 total=len(items), empty="Nothing written yet.")

The list adds "Show older entries  (N more; press enter)" when there are more.
Choosing it grows `shown` by a page and posts `PagedList.MoreWanted`: the screen
draws again (the same `show` call) and the highlight lands on the first older
item, so reading carries on where it was. Any other choice is an ordinary
`OptionList.OptionSelected`. `reset_pages()` goes back to one page (e.g. when a
filter changes). The highlight stays on the same option across redraws
(`widgets.option_lists.replace_options`).

Items may be grouped under disabled heading options (the wins wall's weeks):
`shown` counts items, and the screen decides how many options that makes.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from trust_tui.widgets.option_lists import replace_options

MORE = "more"  # the id of the "Show older ..." option
EMPTY = "empty"  # the id of the line shown when there is nothing


class PagedList(OptionList):
    """An OptionList that shows `shown` items and offers the older ones a page at a time."""

    class MoreWanted(Message):
        """'Show older' was chosen: `shown` has grown; draw the list again."""

        def __init__(self, paged_list: "PagedList") -> None:
            super().__init__()
            self.paged_list = paged_list

        @property
        def control(self) -> "PagedList":
            return self.paged_list

    def __init__(self, *, page: int = 200, older: str = "Show older entries",
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.page = page
        self.older = older
        self.shown = page
        self._paged_from: int | None = None  # where "Show older" was, to carry on there

    def reset_pages(self) -> None:
        """Back to the first page (the newest items)."""
        self.shown = self.page

    def show(self, options: Sequence[Option | None], *, total: int,
             empty: str | Content = "", keep: str | None = None,
             first: bool = True) -> None:
        """Draw these options (built for the first `shown` of `total` items); with
        `first`, a list with no highlight yet highlights its first item."""
        drawn = list(options)
        if total > self.shown:
            drawn.append(Option(Content.assemble(
                (self.older, "bold"), f"  ({total - self.shown} more; press enter)"), id=MORE))
        if not drawn:
            drawn.append(Option(Content(empty) if isinstance(empty, str) else empty,
                                id=EMPTY, disabled=True))
        paged_from, self._paged_from = self._paged_from, None
        replace_options(self, drawn, keep, first=first and paged_from is None)
        if paged_from is not None:
            self._carry_on_at(paged_from)

    def _carry_on_at(self, index: int) -> None:
        while index < self.option_count and self.get_option_at_index(index).disabled:
            index += 1  # past a heading: the first older item itself
        if index < self.option_count:
            self.highlighted = index

    @on(OptionList.OptionSelected)
    def _maybe_more(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is not self or event.option.id != MORE:
            return
        event.stop()
        self._paged_from = event.option_index
        self.shown += self.page
        self.post_message(self.MoreWanted(self))

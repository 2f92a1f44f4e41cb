"""How one entry reads: its line in the list, and the detail beside the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trust_tui.domain.journal import (
    KIND_WORDS,
    Readable,
    preview,
    read_private_payload,
    when_label,
)
from trust_tui.models import JournalEdit, SealedText
from trust_tui.widgets.typed import typed

Unseal = Callable[[SealedText], "str | None"]


def entry_prompt(item: Readable, name: str, today: date) -> Content:
    """Two lines in the list: when, who, feeling and marks; then the first words."""
    entry = item.entry
    parts: list[Content | str | tuple[str, str]] = [
        (item.when(today), "bold"), " · ", Content(name)]
    if item.feeling:
        parts += [" · ", typed(item.feeling)]
    if entry.kind != "entry":
        parts += [" · ", KIND_WORDS.get(entry.kind, entry.kind)]
    if entry.private:
        parts += [" · ", ("private", "italic")]
    if entry.history:
        parts += [" · ", ("edited", "dim")]
    if entry.draft:
        words = "changes to an entry, not saved yet" if entry.draft_of else \
            "draft, not saved yet"
        parts += [" · ", (words, "italic")]
    head = Content.assemble(*parts)
    if item.broken:
        body = Content.assemble(("Private words that cannot be opened", "dim italic"))
    elif item.text is None:
        body = Content.assemble(("Private entry by ", "dim italic"), (name, "dim italic"))
    else:
        body = typed(preview(item.text))
    return Content.assemble(head, "\n", body)


class EntryDetail(VerticalScroll):
    """The highlighted entry in full, with its earlier words (newest first)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-head")
        yield Static("", id="detail-text")
        yield Static("", id="detail-history")

    def show(self, item: Readable | None, name: str, today: date, unseal: Unseal) -> None:
        head = self.query_one("#detail-head", Static)
        body = self.query_one("#detail-text", Static)
        history = self.query_one("#detail-history", Static)
        if item is None:
            head.update("")
            body.update("")
            history.update("")
            return
        entry = item.entry
        # One style for the whole line: a bold word right before a plain " by " reads
        # "Honesty logby Noor" wherever bold glyphs run wider (screenshots, some fonts).
        lines = [Content.assemble(KIND_WORDS.get(entry.kind, entry.kind), " by ",
                                  Content(name)).stylize("bold"),
                 Content(item.when(today))]
        if item.feeling:
            lines.append(Content.assemble("Feeling: ", typed(item.feeling)))
        if entry.private:
            lines.append(Content.assemble("Private: only ", Content(name), " can read it."))
        head.update(Content("\n").join(lines))
        if item.broken:
            body.update(Content("These private words cannot be opened: they were changed "
                                "or moved outside trust-tui, so they are not shown."))
            history.update("")
            return
        if item.text is None:
            body.update(Content.assemble(
                ("Private entry by ", "italic"), (name, "italic"), "\n\n",
                Content(name), " can press p and type their passphrase to read it here."))
            history.update("")
            return
        body.update(typed(item.text))
        history.update(history_content(item, today, unseal))


def history_content(item: Readable, today: date, unseal: Unseal) -> Content:
    entry = item.entry
    if not entry.history:
        return Content("")
    count = len(entry.history)
    lines = [Content(f"Edited {count} time{'s' if count > 1 else ''}. Earlier words, "
                     "newest first:")]
    for edit in reversed(entry.history):
        lines.append(Content.assemble(("Before " + when_label(edit.at, today), "dim"), "\n",
                                      _earlier_text(entry.id, edit, unseal)))
    return Content("\n\n").join(lines)


def _earlier_text(entry_id: str, edit: JournalEdit, unseal: Unseal) -> Content:
    if edit.old_sealed is None:
        return typed(edit.old_text or "")
    context = edit.old_sealed.context
    if context is not None and not context.startswith(f"journal:{entry_id}:"):
        return Content("(cannot be opened: these words belong elsewhere)")
    raw = unseal(edit.old_sealed)
    return Content("(private)") if raw is None else typed(read_private_payload(raw)[0])

"""The honesty log (step 5): one quick line about today, or a small slip owned
straight away. One key from home (h); enter (or ctrl+s) saves, escape closes.

A `FormModal[HonestyLine]`: `ask_honesty(app)` opens it and saves what it returns
(`store.journal.save_line`); a save that fails opens it again with the words.
A line being typed when the app locks (ctrl+l or idle) or quits, or when escape
closes the log, is kept as a journal draft, as the journal's editor keeps its
words; the next time the honesty log opens, the draft is back in the box to
finish. Escape on an empty box lets a kept line go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from trust_tui.domain.journal import EntryDraft
from trust_tui.domain.partners import me_first
from trust_tui.models import new_id
from trust_tui.screens.base import ask_then_save, sheet
from trust_tui.store import StoreCall, bind
from trust_tui.store import journal as journal_store
from trust_tui.widgets.apology_hint import ApologyHint
from trust_tui.widgets.form_modal import FormModal, form_keys
from trust_tui.widgets.limits import LimitedInput
from trust_tui.widgets.typed import typed

if TYPE_CHECKING:
    from trust_tui.widgets.shell import Shell

MAX_LINE = 1000

KINDS = [("A detail of today", "honesty"), ("A small slip", "slip")]
KEPT = "Your words from last time are back: enter saves them, or clear them."
PLACEHOLDERS = {
    "honesty": "Something small from today, even one you might usually skip",
    "slip": "Say it plainly, e.g. I forgot to text when I left",
}
SAVED = {"honesty": "Noted in the honesty log.",
         "slip": "Noted. Owning a slip straight away is how trust grows."}


@dataclass(frozen=True)
class HonestyLine:
    """A line as typed: who, which kind, the words, and the kept draft it finishes."""

    author: str
    kind: str
    text: str
    kept_id: str | None = None


class HonestyModal(FormModal[HonestyLine]):
    """One line, closed with what was typed (None: not now); `ask_honesty` saves it."""

    CSS_PATH = sheet("journal")
    BINDINGS = form_keys(cancel="Close")

    def __init__(self, line: HonestyLine | None = None, **kwargs: Any) -> None:
        super().__init__(typed_already=line is not None, **kwargs)
        self._honesty_line = line  # words a save could not keep, back in the box
        self.kind = "honesty"
        self.who = ""
        self.text = ""
        self.kept_id: str | None = None  # the journal draft holding this line, if any
        self._honesty_saving = False

    def compose_form(self) -> ComposeResult:
        vault = self.app.vault  # type: ignore[attr-defined]
        partners = me_first(vault.partners, vault.me.id)
        # Sitting apart (app_seats.py) only this window's partner writes here, and a
        # line the other kept unsaved stays theirs, for their own window.
        me = self.seated()
        line, kept = self._honesty_line, None
        if line is None:
            kept = journal_store.kept_line(vault, me)
            if kept is not None:
                line = HonestyLine(kept.author, kept.kind, kept.text or "", kept.id)
        partners = [p for p in partners
                    if me in (None, p.id) or (line is not None and p.id == line.author)]
        if line is not None:
            self.kind, self.who, self.text, self.kept_id = (
                line.kind, line.author, line.text, line.kept_id)
        else:
            self.who = partners[0].id if partners else ""
        with Vertical(id="honesty-box", classes="form-box"):
            yield Static("Honesty log", classes="form-title")
            yield Static("A small true thing from today, or a slip named right away. "
                         "Both are part of rebuilding; a line is enough.",
                         classes="form-lead")
            with Horizontal(id="honesty-row", classes="form-row"):
                yield Label("Who: ")
                yield Select([(typed(p.name), p.id) for p in partners], allow_blank=False,
                             compact=True, id="honesty-who", value=self.who or Select.NULL)
                yield Label("  What: ")
                yield Select(KINDS, allow_blank=False, value=self.kind, compact=True,
                             id="honesty-kind")
            # A kept line is continued, not replaced: no select-all on focus.
            yield ApologyHint(LimitedInput(self.text, placeholder=PLACEHOLDERS[self.kind],
                                           limit=MAX_LINE, noun="an honesty line",
                                           id="honesty-text", select_on_focus=False))
            yield from self.form_foot("Save", "Close", message=KEPT if kept else "",
                                      compact=True)

    def on_mount(self) -> None:
        self.query_one("#honesty-text", Input).focus()

    @on(Select.Changed, "#honesty-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        self.query_one("#honesty-text", Input).placeholder = PLACEHOLDERS[self.kind]

    # What is in the fields now, kept for a lock or quit.
    @on(Select.Changed, "#honesty-who")
    def _who_changed(self, event: Select.Changed) -> None:
        self.who = str(event.value)

    @on(Input.Changed, "#honesty-text")
    def _text_changed(self, event: Input.Changed) -> None:
        self.text = event.value

    @on(Input.Submitted, "#honesty-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def collect(self) -> HonestyLine | None:
        text = self.query_one("#honesty-text", Input).value.strip()
        if not text:
            self.say("A few words are enough; escape closes without saving.")
            return None
        if not self.query_one("#honesty-text", LimitedInput).fits():
            return None  # told why; every word stays in the box (the journal holds more)
        self._honesty_saving = True  # a kept line becomes the entry
        return HonestyLine(str(self.query_one("#honesty-who", Select).value), self.kind,
                           text, self.kept_id)

    # --- unsaved words: a journal draft ------------------------------------------------------

    def words_call(self) -> StoreCall | None:
        if not self.who or not self.text.strip():
            return None
        if self.kept_id is None:  # its id known before the write: a lock keeps the same
            self.kept_id = new_id()
        line = EntryDraft(author=self.who, kind=self.kind, feeling=None,
                          text=self.text.strip(), private=False, entry_id=self.kept_id,
                          is_draft=True)
        return bind(journal_store.keep_draft, line, self.app.clock.now())  # type: ignore[attr-defined]

    def words_kept(self, result: object) -> None:
        if isinstance(result, str):
            self.kept_id = result

    def let_go_call(self) -> StoreCall | None:
        if self._honesty_saving or self.kept_id is None or self.text.strip():
            return None
        kept_id, self.kept_id = self.kept_id, None
        return bind(journal_store.let_draft_go, kept_id)


def ask_honesty(app: Shell) -> None:
    """Open the honesty log and save the line it returns (`store.journal.save_line`)."""
    ask_then_save(app, HonestyModal,
                  lambda line: bind(journal_store.save_line, line.author, line.kind,
                                    line.text, app.clock.now(), line.kept_id),
                  lambda line: SAVED[line.kind])

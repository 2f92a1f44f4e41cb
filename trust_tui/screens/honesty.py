"""The honesty log (step 5): one quick line about today, or a small slip owned
straight away. One key from home (h); enter saves, escape closes.

A line being typed when the app locks (ctrl+l or idle) or quits, or when escape
closes the log, is kept as a journal draft, as the journal's editor keeps its
words; the next time the honesty log opens, the draft is back in the box to
finish. Escape on an empty box lets a kept line go."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from trust_tui.models import JournalEntry, new_id
from trust_tui.vault import Vault
from trust_tui.widgets.apology_hint import ApologyHint
from trust_tui.widgets.limits import LimitedInput
from trust_tui.widgets.typed import typed
from trust_tui.screens.base import sheet
from trust_tui.screens.drafts import KEPT_ON_CLOSE
from trust_tui.screens.journal import EntryDraft, let_draft_go, rescue_draft, write_entry_draft

MAX_LINE = 1000

KINDS = [("A detail of today", "honesty"), ("A small slip", "slip")]
KEPT = "Your words from last time are back: enter saves them, or clear them."
PLACEHOLDERS = {
    "honesty": "Something small from today, even one you might usually skip",
    "slip": "Say it plainly, e.g. I forgot to text when I left",
}


class HonestyModal(ModalScreen[bool]):
    CSS_PATH = sheet("journal")

    BINDINGS = [Binding("escape", "cancel", "Close")]

    def __init__(self, kind: str = "honesty") -> None:
        super().__init__()
        self.kind = kind
        self._saving = False
        self._finished = False  # closed by the writer (saved or escape), not by a lock
        self.draft: JournalEntry | None = None  # a line kept unsaved earlier
        self.kept_id: str | None = None  # the journal draft holding this line, if any
        self.who = ""
        self.text = ""

    @property
    def vault(self) -> Vault:
        return self.app.vault  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        me = self.vault.me.id
        partners = sorted(self.vault.partners, key=lambda p: p.id != me)
        self.draft = kept_line(self.vault)
        if self.draft is not None:
            self.kind, self.who, self.text = (self.draft.kind, self.draft.author,
                                              self.draft.text or "")
            self.kept_id = self.draft.id
        else:
            self.who = partners[0].id if partners else ""
        with Vertical(id="honesty-box"):
            yield Static("Honesty log", id="honesty-title")
            yield Static("A small true thing from today, or a slip named right away. "
                         "Both are part of rebuilding; a line is enough.", id="honesty-lead")
            with Horizontal(id="honesty-row"):
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
            yield Static(KEPT if self.draft is not None else "", id="honesty-message")
            yield Static("enter  save    escape  close", id="honesty-keys")

    def on_mount(self) -> None:
        self.query_one("#honesty-text", Input).focus()

    @on(Select.Changed, "#honesty-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        self.query_one("#honesty-text", Input).placeholder = PLACEHOLDERS[self.kind]

    # What is in the fields now, kept for a lock or quit (the fields are gone by then).
    @on(Select.Changed, "#honesty-who")
    def _who_changed(self, event: Select.Changed) -> None:
        self.who = str(event.value)

    @on(Input.Changed, "#honesty-text")
    def _text_changed(self, event: Input.Changed) -> None:
        self.text = event.value

    def on_unmount(self) -> None:
        # Taken down by a lock or quit, not by the writer: keep the line as a draft.
        # (A save already on its way will land by itself.)
        if self._finished or self._saving or not self.who:
            return
        rescue_draft(self.app, self.line())

    def line(self) -> EntryDraft:
        """The line as typed, as a journal draft (an existing one is updated)."""
        return EntryDraft(author=self.who, kind=self.kind, feeling=None,
                          text=self.text.strip(), private=False, entry_id=self.kept_id,
                          is_draft=self.kept_id is not None)

    @on(Input.Submitted, "#honesty-text")
    def save(self) -> None:
        if self._saving:
            return
        text = self.query_one("#honesty-text", Input).value.strip()
        if not text:
            self.query_one("#honesty-message", Static).update(
                "A few words are enough; escape closes without saving.")
            return
        if not self.query_one("#honesty-text", LimitedInput).fits():
            return  # told why; every word stays in the box (the journal holds more)
        self._saving = True
        entry = JournalEntry(author=str(self.query_one("#honesty-who", Select).value),
                             kind=self.kind,  # type: ignore[arg-type]
                             text=text, created_at=self.app.clock.now())  # type: ignore[attr-defined]
        if self.kept_id is not None:  # finishing a kept line: it becomes the entry
            entry = entry.model_copy(update={"id": self.kept_id})
        saved = "Noted in the honesty log." if self.kind == "honesty" else \
            "Noted. Owning a slip straight away is how trust grows."
        self.app.save(lambda vault: vault.put(entry),  # type: ignore[attr-defined]
                      done=self._saved, failed=self._not_saved, saved_message=saved)

    def _saved(self, _result: object) -> None:
        self._finished = True
        self.dismiss(True)

    def _not_saved(self, _error: Exception) -> None:
        self._saving = False

    def action_cancel(self) -> None:
        # A typed line is never let go silently: it is kept as a draft (the log
        # closes once it is safe, and says so). An empty box lets a kept line go.
        if self._saving:
            return
        kept_id = self.kept_id
        if not self.who or (not self.text.strip() and kept_id is None):
            self._finished = True
            self.dismiss(False)
            return
        self._saving = True
        if self.text.strip():
            if kept_id is None:  # its id known before the write: a lock keeps the same
                self.kept_id = new_id()
            line, at = self.line(), self.app.clock.now()  # type: ignore[attr-defined]

            def write(vault: Vault) -> None:
                write_entry_draft(vault, line, at)
        else:
            def write(vault: Vault) -> None:
                let_draft_go(vault, kept_id)  # type: ignore[arg-type]

        def closed(_result: object) -> None:
            self._saving = False
            if not line_kept:
                self.kept_id = None
            if not (self.is_attached and self.app.screen is self):
                return  # a lock took it down meanwhile, or a break is on top
            self._finished = True
            if line_kept:
                self.app.notify(KEPT_ON_CLOSE, timeout=6, markup=False)
            self.dismiss(False)

        line_kept = bool(self.text.strip())
        self.app.save(write, done=closed, failed=self._not_saved,  # type: ignore[attr-defined]
                      saved_message=None)


def kept_line(vault: Vault) -> JournalEntry | None:
    """The newest honesty line or slip a lock kept as a draft, if any."""
    drafts = [e for e in vault.all(JournalEntry)
              if e.draft and not e.deleted and not e.private and e.kind in ("honesty", "slip")
              and e.draft_of is None]  # an edit kept in the journal is finished there
    return max(drafts, key=lambda e: e.created_at, default=None)

"""The honesty log (step 5): one quick line about today, or a small slip owned
straight away. One key from home (h); enter saves, escape closes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from trust_tui.models import JournalEntry
from trust_tui.vault import Vault
from trust_tui.widgets.apology_hint import ApologyHint
from trust_tui.widgets.typed import typed
from trust_tui.screens.base import sheet

MAX_LINE = 1000

KINDS = [("A detail of today", "honesty"), ("A small slip", "slip")]
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

    @property
    def vault(self) -> Vault:
        return self.app.vault  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        me = self.vault.me.id
        partners = sorted(self.vault.partners, key=lambda p: p.id != me)
        with Vertical(id="honesty-box"):
            yield Static("Honesty log", id="honesty-title")
            yield Static("A small true thing from today, or a slip named right away. "
                         "Both are part of rebuilding; a line is enough.", id="honesty-lead")
            with Horizontal(id="honesty-row"):
                yield Label("Who: ")
                yield Select([(typed(p.name), p.id) for p in partners], allow_blank=False,
                             compact=True, id="honesty-who")
                yield Label("  What: ")
                yield Select(KINDS, allow_blank=False, value=self.kind, compact=True,
                             id="honesty-kind")
            yield ApologyHint(Input(placeholder=PLACEHOLDERS[self.kind], max_length=MAX_LINE,
                                    id="honesty-text"))
            yield Static("", id="honesty-message")
            yield Static("enter  save    escape  close", id="honesty-keys")

    def on_mount(self) -> None:
        self.query_one("#honesty-text", Input).focus()

    @on(Select.Changed, "#honesty-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.kind = str(event.value)
        self.query_one("#honesty-text", Input).placeholder = PLACEHOLDERS[self.kind]

    @on(Input.Submitted, "#honesty-text")
    def save(self) -> None:
        if self._saving:
            return
        text = self.query_one("#honesty-text", Input).value.strip()
        if not text:
            self.query_one("#honesty-message", Static).update(
                "A few words are enough; escape closes without saving.")
            return
        self._saving = True
        entry = JournalEntry(author=str(self.query_one("#honesty-who", Select).value),
                             kind=self.kind,  # type: ignore[arg-type]
                             text=text, created_at=self.app.clock.now())  # type: ignore[attr-defined]
        saved = "Noted in the honesty log." if self.kind == "honesty" else \
            "Noted. Owning a slip straight away is how trust grows."
        self.app.save(lambda vault: vault.add(entry),  # type: ignore[attr-defined]
                      done=lambda _: self.dismiss(True), failed=self._not_saved,
                      saved_message=saved)

    def _not_saved(self, _error: Exception) -> None:
        self._saving = False

    def action_cancel(self) -> None:
        self.dismiss(False)

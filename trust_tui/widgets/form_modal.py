"""One form pattern: `FormModal[Result]`.

Every form in the app is a modal that
- composes its fields in `compose_form()`, with `form_foot()` for its message line
  and buttons, and gets a compact footer naming its keys;
- saves on ctrl+s (and its Save button): `collect()` checks what was typed and
  returns the typed result (or says why not, in the form's message line, and
  returns None); the form then closes with `finish(result)` and the caller applies
  the domain rules and calls the store;
- never throws typed words away: escape (or Cancel) keeps them as a draft through
  the store, says so, and closes once they are safe; a lock or quit hands them
  over through `pending_words()`. A form left empty, or as it opened, closes at
  once and lets its earlier draft go. Next time the same form opens, the kept
  words come back, with a line saying so.

By default the words are kept as a `FormDraft` under `draft_key` (None keeps
nothing). A form that keeps its words elsewhere (the journal keeps draft entries)
overrides `words_call()` and `let_go_call()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, Static, TextArea

from trust_tui.models import new_id
from trust_tui.store import StoreCall, bind, drafts
from trust_tui.widgets.saving import StoreClient
from trust_tui.widgets.shell import seated_among

ResultT = TypeVar("ResultT")

KEPT = ("Your words from last time are back: save them, or clear them to let them go "
        "(Clear all empties every box at once).")
CLEARED = "Cleared. Escape now closes without keeping anything."
# Said once the form has closed (escape or Cancel) with typed words kept.
KEPT_ON_CLOSE = "Your words are kept for next time; clear them to let them go."
TEXT_FIELDS = (Input, TextArea)


def form_keys(save: str = "Save", cancel: str = "Cancel") -> list[Binding]:
    """A form's two keys, named in its footer as its buttons name them."""
    return [Binding("ctrl+s", "save", save, priority=True, id="form.save"),
            Binding("escape", "cancel", cancel, id="form.cancel")]


def field_value(widget: Any) -> str | None:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else str(widget.value)
    return None


class FormModal(StoreClient, ModalScreen[ResultT], Generic[ResultT]):
    """Subclasses implement `compose_form()` and `collect()`; set `draft_key`."""

    BINDINGS: ClassVar[list[Binding]] = form_keys()  # type: ignore[assignment]

    draft_key: str | None = None
    # What escape (or Cancel) closes with.
    CANCEL_RESULT: Any = None

    def __init__(self, *, typed_already: bool = False, **kwargs: Any) -> None:
        """`typed_already`: the form opens with words not saved yet (a save that
        failed put them back), so they count as typed."""
        super().__init__(**kwargs)
        self._form_typed_already = typed_already
        self._form_live: dict[str, str] = {}
        self._form_initial: dict[str, str] = {}
        self._form_texts: set[str] = set()
        self._form_watching = False
        self._form_closed = False  # saved, or closed with nothing to keep
        self._form_keeping = False  # escape pressed: the words are on their way to the disk
        self._draft_id: str | None = None
        # Every set of words this form saw in its draft: a draft still holding one
        # of them is ours to write over (see store.drafts.keep).
        self._form_ours: list[dict[str, str]] = []
        # Whose words these are, fixed as the form opens (the other window going
        # meanwhile does not hand them to both): `seated()` then.
        self._form_by: str | None = None

    # --- composing ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self.compose_form()
        yield Footer(compact=True, show_command_palette=False)

    def compose_form(self) -> ComposeResult:
        raise NotImplementedError

    def form_foot(self, save_label: str = "Save", cancel_label: str = "Cancel", *,
                  message: str | Content = "", compact: bool = False) -> ComposeResult:
        """The message line and the buttons, docked under the fields (in view at 80x24)."""
        with Vertical(classes="form-foot"):
            yield Static(Content(message) if isinstance(message, str) else message,
                         id="form-message", classes="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button(save_label, id="save", variant="primary", compact=compact)
                yield Button(cancel_label, id="cancel", compact=compact)

    def say(self, message: str | Content) -> None:
        """One line in the form's message line (typed words stay as they are)."""
        self.query_one("#form-message", Static).update(
            Content(message) if isinstance(message, str) else message)

    def value_of(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return "" if value is Select.NULL else str(value)

    # --- saving ----------------------------------------------------------------------

    def collect(self) -> ResultT | None:
        """What was typed, checked; None after saying (with `say`) what is missing."""
        raise NotImplementedError

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._form_keeping or self._form_closed:
            return
        result = self.collect()
        if result is not None:
            self.finish(result)

    def finish(self, result: Any) -> None:
        """Close with this result (saved, or nothing typed): an earlier draft goes."""
        self._form_closed = True
        drop = self.let_go_call()
        if drop is not None:
            self.store_call(drop)
        self.dismiss(result)

    # --- escape keeps typed words ----------------------------------------------------------

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        if self._form_keeping or self._form_closed:
            return  # already on its way out
        call = self.words_call()
        if call is None:
            self.finish(self.CANCEL_RESULT)
            return
        self._form_keeping = True
        self.store_call(call, done=self._kept, failed=self._not_kept)

    def store_call(self, call: StoreCall, **kwargs: Any) -> None:
        self.store(call, saved_message=None, **kwargs)

    def _kept(self, result: object) -> None:
        self._form_keeping = False
        self.words_kept(result)
        if self.app.screen is not self:
            return  # a break is on top: still open, the same draft kept on
        self._form_closed = True
        self.app.notify(KEPT_ON_CLOSE, timeout=6, markup=False)
        self.dismiss(self.CANCEL_RESULT)  # kept for next time, not let go

    def _not_kept(self, _error: Exception) -> None:
        self._form_keeping = False  # the form stays open with every word in it

    def pending_words(self) -> list[StoreCall]:
        if self._form_closed:
            return []
        call = self.words_call()
        return [] if call is None else [call]

    # --- the words (a FormDraft by default) --------------------------------------------

    def words_call(self) -> StoreCall | None:
        """The use case that keeps what is typed now; None when nothing is typed."""
        if not (self.draft_key and self._form_watching and self.typed_something()):
            return None
        fields = self.words_to_keep()
        if self._draft_id is None:  # known before the write: a lock meanwhile writes the same
            self._draft_id = new_id()
        self._form_ours.append(dict(fields))
        return bind(drafts.keep, self.draft_key, fields, at=self.app.clock.now(),  # type: ignore[attr-defined]
                    draft_id=self._draft_id, ours=tuple(self._form_ours), by=self._form_by)

    def words_kept(self, result: object) -> None:
        """Called with what `words_call()` returned once it is on disk."""
        if isinstance(result, str):
            self._draft_id = result  # the same, unless another window's words sit in ours

    def let_go_call(self) -> StoreCall | None:
        """What to undo when the form closes saved or empty: its earlier draft."""
        if self._draft_id is None:
            return None
        draft_id, self._draft_id = self._draft_id, None
        return bind(drafts.let_go, draft_id)

    def on_mount(self) -> None:
        # Runs after the subclass's own on_mount (Textual walks the classes in
        # order), so the fields hold their opening values by now.
        if self.start_keeping():
            self.say(KEPT)
            # A long kept draft need not be deleted key by key.
            for buttons in self.query(".form-buttons"):
                buttons.mount(Button("Clear all", id="clear-kept", compact=True))
                break

    @on(Button.Pressed, "#clear-kept")
    def _clear_kept(self, event: Button.Pressed) -> None:
        event.stop()
        self.clear_words()

    def clear_words(self) -> None:
        """Empty every text box at once (kept words that are no longer wanted)."""
        first = None
        for widget in self.query("Input, TextArea"):
            if widget.id not in self._form_texts:
                continue
            if isinstance(widget, Input):
                widget.value = ""
            elif isinstance(widget, TextArea):
                widget.load_text("")
            self._form_live[widget.id] = ""
            first = first or widget
        if first is not None:
            first.focus()
        self.say(CLEARED)

    def start_keeping(self) -> bool:
        """Follow the fields from now on; put back words kept last time (True if so)."""
        if self._form_watching:
            return False
        fields = [w for w in self.query("Input, TextArea, Select") if w.id]
        self._form_initial = {w.id: "" if self._form_typed_already else field_value(w) or ""
                         for w in fields if w.id}
        self._form_texts = {w.id for w in fields if w.id and isinstance(w, TEXT_FIELDS)}
        self._form_live = dict(self._form_initial)
        self._form_watching = True
        app = self.app
        if not self.draft_key or not getattr(app, "vault_open", False):
            return False
        self._form_by = self.seated()
        draft = drafts.latest(app.vault, self.draft_key, self._form_by)  # type: ignore[attr-defined]
        if draft is None:
            return False
        self._draft_id = draft.id
        self._form_ours = [dict(draft.fields)]
        self.restore_fields(draft.fields)
        return True

    def seated(self) -> str | None:
        """The partner at this window when the other sits at their own (app_seats.py);
        None at one keyboard. Words kept here are theirs, and so are the choices of
        who wrote or noticed something."""
        if not getattr(self.app, "vault_open", False):
            return None  # (the app's `vault` raises once it is locked)
        return seated_among(self, tuple(p.id for p in self.app.vault.partners))  # type: ignore[attr-defined]

    def restore_fields(self, fields: Mapping[str, str]) -> None:
        for widget_id, value in fields.items():
            try:
                widget = self.query_one(f"#{widget_id}")
                if isinstance(widget, Input):
                    widget.value = value
                elif isinstance(widget, TextArea):
                    widget.load_text(value)
                elif isinstance(widget, Select) and value:
                    widget.value = value
            except Exception:
                continue  # a field that is no longer there, or a choice no longer offered
            self._form_live[widget_id] = value

    def follow(self, widget: Any) -> None:
        if self._form_watching and widget.id:
            value = field_value(widget)
            if value is not None:
                self._form_live[widget.id] = value

    def on_input_changed(self, event: Input.Changed) -> None:
        self.follow(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.follow(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.follow(event.select)

    def words_to_keep(self) -> dict[str, str]:
        return dict(self._form_live)

    def typed_something(self) -> bool:
        live, initial = self._form_live, self._form_initial
        return any(live.get(i, "").strip() and live.get(i) != initial.get(i)
                   for i in self._form_texts)

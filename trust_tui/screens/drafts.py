"""Words typed in a form survive a lock or a quit.

A lock (ctrl+l or the idle timer) takes every screen down at once and never
waits or asks. A form that mixes in `KeepsWords` follows what is in its fields
as they change; when it is taken down without being saved (a lock, a quit, or
escape and Cancel, through `close_unsaved`), whatever was typed is written as a
`FormDraft`, and the next time the same form opens its fields are filled in
again, with a line saying so. Saving lets the draft go, and so does closing a
form left empty or as it opened: clearing the words is how to let them go.

(The journal's editor and the honesty log keep their words as journal drafts
instead: see screens/journal.py.)
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select, TextArea

from trust_tui.models import FormDraft

KEPT = "Your words from last time are back: save them, or clear them to let them go."
# Said once the form has closed (escape or Cancel) with typed words kept.
KEPT_ON_CLOSE = "Your words are kept for next time; clear them to let them go."
TEXT_FIELDS = (Input, TextArea)


def find_draft(vault, form: str) -> FormDraft | None:
    drafts = [d for d in vault.all(FormDraft) if d.form == form]
    return max(drafts, key=lambda d: d.created_at, default=None)


def keep_draft(app, form: str, fields: dict[str, str], draft_id: str | None) -> None:
    """Write the draft now (the screen is going away). Never stops a lock."""
    if not getattr(app, "vault_open", False):
        return
    try:
        vault = app.vault
        draft = FormDraft(form=form, fields=fields, created_at=app.clock.now())
        if draft_id is not None:
            draft = draft.model_copy(update={"id": draft_id})
        vault.put(draft)
    except Exception:
        pass  # a lock must always go through; the words were on screen only


def drop_draft(app, draft_id: str) -> None:
    def drop(vault) -> None:
        try:
            vault.remove(FormDraft, draft_id)
        except KeyError:
            pass  # already gone (another window finished it)

    app.save(drop, saved_message=None)


def field_value(widget: Any) -> str | None:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else str(widget.value)
    return None


class KeepsWords:
    """Mix into a form (before ModalScreen). Set `draft_key` (None keeps nothing)
    and call `start_keeping()` at the end of on_mount; it returns True when kept
    words were put back (say so with `KEPT`). Fields are followed by id. Escape
    and Cancel call `close_unsaved(result)`; a save calls `dismiss(result)`."""

    draft_key: str | None = None
    _words_live: dict[str, str]
    _words_initial: dict[str, str]
    _words_texts: set[str]
    _words_watching = False
    _words_closed = False
    _words_draft_id: str | None = None
    _words_keeping = False  # escape pressed: the draft is being written
    # The fields of our draft as this form opened it or last wrote it: if another
    # window has changed it since, this form writes a draft of its own instead.
    _words_ours: tuple[dict[str, str], ...] = ()

    def start_keeping(self, *, typed_already: bool = False) -> bool:
        """`typed_already`: the form opened with words not yet saved (a save that
        failed put them back), so they count as typed."""
        query = self.query("Input, TextArea, Select")  # type: ignore[attr-defined]
        fields = [w for w in query if w.id]
        self._words_initial = {w.id: "" if typed_already else field_value(w) or ""
                               for w in fields}
        self._words_texts = {w.id for w in fields if isinstance(w, TEXT_FIELDS)}
        self._words_live = dict(self._words_initial)
        self._words_watching = True
        app = self.app  # type: ignore[attr-defined]
        if not self.draft_key or not getattr(app, "vault_open", False):
            return False
        draft = find_draft(app.vault, self.draft_key)
        if draft is None:
            return False
        self._words_draft_id = draft.id
        self._words_ours = (dict(draft.fields),)
        self.restore_fields(draft.fields)
        return True

    def restore_fields(self, fields: dict[str, str]) -> None:
        for widget_id, value in fields.items():
            try:
                widget = self.query_one(f"#{widget_id}")  # type: ignore[attr-defined]
                if isinstance(widget, Input):
                    widget.value = value
                elif isinstance(widget, TextArea):
                    widget.load_text(value)
                elif isinstance(widget, Select) and value:
                    widget.value = value
            except Exception:
                continue  # a field that is no longer there, or a choice no longer offered
            self._words_live[widget_id] = value

    def follow(self, widget: Any) -> None:
        if self._words_watching and widget.id:
            value = field_value(widget)
            if value is not None:
                self._words_live[widget.id] = value

    def on_input_changed(self, event: Input.Changed) -> None:
        self.follow(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.follow(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.follow(event.select)

    def words_to_keep(self) -> dict[str, str]:
        return dict(self._words_live)

    def typed_something(self) -> bool:
        live, initial = self._words_live, self._words_initial
        return any(live.get(i, "").strip() and live.get(i) != initial.get(i)
                   for i in self._words_texts)

    def close_unsaved(self, result: Any = None) -> None:
        """Escape or Cancel. Typed words are never thrown away silently: they are
        written as this form's draft (the form closes once they are safe, and says
        so); a form left empty or as it opened closes at once and lets any draft go."""
        app = self.app  # type: ignore[attr-defined]
        if self._words_keeping:
            return  # already on its way out
        if not (self.draft_key and self._words_watching and self.typed_something()
                and getattr(app, "vault_open", False)):
            self.dismiss(result)
            return
        draft_id = self._writable_draft_id(app.vault)
        draft = FormDraft(form=self.draft_key, fields=self.words_to_keep(),
                          created_at=app.clock.now())
        if draft_id is not None:
            draft = draft.model_copy(update={"id": draft_id})
        self._words_ours = (*self._words_ours, dict(draft.fields))
        # Known before the write lands: a lock meanwhile updates this same draft.
        self._words_draft_id = draft.id
        self._words_keeping = True

        def kept(_result: object) -> None:
            self._words_keeping = False
            if not (self.is_attached and app.screen is self):  # type: ignore[attr-defined]
                return  # a lock took it down meanwhile (same draft), or a break is on top
            self._words_closed = True
            self._words_draft_id = None  # kept, not let go
            app.notify(KEPT_ON_CLOSE, timeout=6, markup=False)
            super(KeepsWords, self).dismiss(result)  # type: ignore[misc]

        def not_kept(_error: Exception) -> None:
            self._words_keeping = False  # the form stays open with every word in it

        app.save(lambda vault: vault.put(draft), done=kept, failed=not_kept,
                 saved_message=None)

    def dismiss(self, result: Any = None):  # type: ignore[override]
        # Saved, or closed with nothing typed: nothing to keep any more.
        self._words_closed = True
        if self._words_draft_id is not None:
            drop_draft(self.app, self._words_draft_id)  # type: ignore[attr-defined]
            self._words_draft_id = None
        return super().dismiss(result)  # type: ignore[misc]

    def on_unmount(self) -> None:
        if self._words_closed or not self._words_watching or not self.draft_key:
            return
        app = self.app  # type: ignore[attr-defined]
        if (self.typed_something() or self._words_draft_id is not None) and \
                getattr(app, "vault_open", False):
            keep_draft(app, self.draft_key, self.words_to_keep(),
                       self._writable_draft_id(app.vault))

    def _writable_draft_id(self, vault) -> str | None:
        """The draft this form may write over: its own, unless another window wrote
        other words into it meanwhile (then None: a new draft, so both are kept)."""
        draft_id = self._words_draft_id
        if draft_id is None:
            return None
        try:
            on_disk = vault.get(FormDraft, draft_id)
        except Exception:
            return None
        if on_disk is None or on_disk.fields in self._words_ours:
            return draft_id  # gone (written again under its id) or still ours
        return None

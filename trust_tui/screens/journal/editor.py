"""The entry editor: write or edit one entry (who, what kind, a feeling word, the
text, private or shared). A `FormModal[EntryDraft]`: ctrl+s closes with the words,
the journal saves them. Unsaved words are kept as a journal draft entry (escape,
a lock, a quit), not as a FormDraft: an edit's words as a draft *of* that entry.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Label, Select, Static, TextArea

from trust_tui.domain.journal import KIND_WORDS, EntryDraft
from trust_tui.models import Partner, new_id
from trust_tui.screens.base import sheet
from trust_tui.store import StoreCall, bind
from trust_tui.store import journal as journal_store
from trust_tui.widgets.apology_hint import ApologyHint
from trust_tui.widgets.who_is import WhoIsModal
from trust_tui.widgets.feeling_picker import FeelingPicker, chosen_words
from trust_tui.widgets.form_modal import FormModal
from trust_tui.widgets.limits import LimitedTextArea
from trust_tui.widgets.typed import typed

MAX_TEXT = 100_000  # as JournalEntry.text allows

# What the empty text box suggests for each kind (the app's own words).
PROMPTS = {
    "entry": "Anything from today: what happened, and how it felt.",
    "honesty": "A small detail of today, even one you would usually skip.",
    "slip": "A small slip, named plainly: what happened, and what you will do.",
    "apology": "What you did, how it hurt, and what would help put it right. "
               "Nothing after the sorry is needed.",
}


def privacy_words(private: bool) -> str:
    if private:
        return "Private: only the writer can read it (space shares it)"
    return "Shared: both of you can read it (space makes it private)"


class EntryEditor(FormModal[EntryDraft]):
    """Write or edit one entry; closes with the words (None: not now)."""

    CSS_PATH = sheet("journal")

    def __init__(self, partners: list[Partner], draft: EntryDraft,
                 message: str = "", saved: EntryDraft | None = None) -> None:
        super().__init__()
        self.partners = partners
        self.draft = draft
        # The entry's saved words when editing one (None: a new entry, or finishing a
        # draft): words differing from these are the writer's, never let go silently.
        self.saved = saved
        self.start_message = message
        self.live = draft  # what is in the fields now (kept for a lock or quit)
        self._journal_saving = False  # closing with the words: the journal saves them
        self._journal_warned = False  # told why these words cannot be kept as a draft
        # A new private entry asks who is writing, every time, before it is sealed.
        self._journal_writer_asked = False

    def compose_form(self) -> ComposeResult:
        editing = self.draft.entry_id is not None and not self.draft.is_draft
        with Vertical(classes="form-box journal-form"):
            if self.draft.is_draft:
                title = "A draft, not saved yet: finish it and save"
            elif self.draft.kept_id is not None:
                title = "Edit entry: your unsaved changes are back"
            elif editing:
                title = "Edit entry (the earlier words are kept)"
            else:
                title = "A journal entry"
            yield Static(title, classes="form-title")
            with Horizontal(classes="form-row entry-row"):
                yield Label("Who is writing: ")
                yield Select([(typed(p.name), p.id) for p in self.partners], allow_blank=False,
                             value=self.draft.author, compact=True, id="entry-author",
                             disabled=editing)
                yield Label("  Kind: ")
                yield Select([(words, kind) for kind, words in KIND_WORDS.items()],
                             allow_blank=False, value=self.draft.kind, compact=True,
                             id="entry-kind")
            with Horizontal(classes="form-body"):
                with Vertical(classes="form-feeling"):
                    yield Label("How you feel, one word")
                    yield FeelingPicker(with_intensity=False, id="entry-feeling")
                    yield Static(chosen_words(None), id="entry-chosen",
                                 classes="chosen-feeling")
                with Vertical(classes="form-text"):
                    # Past MAX_TEXT its bottom edge says how long it is (saving says more).
                    yield ApologyHint(LimitedTextArea(self.draft.text, id="entry-text",
                                                      soft_wrap=True, tab_behavior="focus",
                                                      placeholder=PROMPTS[self.draft.kind],
                                                      limit=MAX_TEXT, noun="one entry"))
            yield Checkbox(privacy_words(self.draft.private), self.draft.private,
                           compact=True, id="entry-private")
            yield from self.form_foot("Save (ctrl+s)", message=self.start_message,
                                      compact=True)

    def on_mount(self) -> None:
        self.query_one(FeelingPicker).prefill(self.draft.feeling)
        area = self.query_one("#entry-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(FeelingPicker.Changed)
    def _feeling_changed(self, event: FeelingPicker.Changed) -> None:
        self.query_one("#entry-chosen", Static).update(chosen_words(event.feeling))
        self.live = replace(self.live, feeling=event.feeling)

    @on(Select.Changed, "#entry-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.query_one("#entry-text", TextArea).placeholder = PROMPTS.get(str(event.value), "")
        self.live = replace(self.live, kind=str(event.value))

    @on(Select.Changed, "#entry-author")
    def _author_changed(self, event: Select.Changed) -> None:
        self.live = replace(self.live, author=str(event.value))

    @on(TextArea.Changed, "#entry-text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        self.live = replace(self.live, text=event.text_area.text.rstrip())

    @on(Checkbox.Changed, "#entry-private")
    def _privacy_changed(self, event: Checkbox.Changed) -> None:
        # Said in words: the box's colour alone would not say which it is.
        event.checkbox.label = privacy_words(event.value)
        self.live = replace(self.live, private=event.value)
        self._journal_writer_asked = False

    # --- saving ---------------------------------------------------------------------------

    def collect(self) -> EntryDraft | None:
        text = self.query_one("#entry-text", TextArea).text
        if not text.strip():
            self.say("A few words are enough.")
            self.query_one("#entry-text", TextArea).focus()
            return None
        if len(text) > MAX_TEXT:
            self.say(f"One entry holds up to {MAX_TEXT:,} characters; this is "
                     f"{len(text):,}. Could it be two entries?")
            return None
        private = self.query_one("#entry-private", Checkbox).value
        editing = self.draft.entry_id is not None and not self.draft.is_draft
        if private and not editing and not self._journal_writer_asked:
            self._ask_who_is_writing()
            return None
        self._journal_saving = True  # the draft becomes (or goes with) the saved entry
        return replace(
            self.draft,
            author=str(self.query_one("#entry-author", Select).value),
            kind=str(self.query_one("#entry-kind", Select).value),
            feeling=self.query_one(FeelingPicker).feeling,
            text=text.rstrip(),
            private=self.query_one("#entry-private", Checkbox).value,
        )

    def _ask_who_is_writing(self) -> None:
        """Sealed to its writer, so the writer says who they are: the one who unlocked
        may not be the one at the keyboard now."""

        def answered(pid: str | None) -> None:
            if pid is None:
                self.say("Saved nothing yet: say who is writing, then ctrl+s.")
                return
            self.query_one("#entry-author", Select).value = pid
            self._journal_writer_asked = True
            self.action_save()

        self.app.push_screen(WhoIsModal(
            "Who is writing this private entry? Only they will be able to read it.",
            [(p.id, p.name) for p in self.partners]), answered)

    # --- unsaved words: a journal draft entry --------------------------------------------------

    def typed_something(self) -> bool:
        """Words in the box that are not just the entry's saved words."""
        live = self.live
        if not live.text.strip():
            return False
        if self.saved is None:
            return True
        saved = self.saved
        return (live.text.rstrip(), live.feeling, live.kind, live.private) != (
            saved.text.rstrip(), saved.feeling, saved.kind, saved.private)

    def cannot_keep(self) -> Content | None:
        """Why these words cannot be kept as a draft, if they cannot."""
        live = self.live
        if len(live.text) > MAX_TEXT:
            return Content(f"One entry holds up to {MAX_TEXT:,} characters, so this cannot "
                           "be kept as a draft. Shorten it, or escape again to let it go.")
        if live.private and not self.app.vault.can_read_private(live.author):  # type: ignore[attr-defined]
            # Private words are never kept in the clear.
            name = next((p.name for p in self.partners if p.id == live.author), "its writer")
            return Content.assemble(
                "Private words are kept only with ", Content(name), "'s passphrase: "
                "ctrl+s saves them (it asks for it); escape again lets them go.")
        return None

    def action_cancel(self) -> None:
        if self.typed_something() and not self._journal_warned:
            cannot = self.cannot_keep()
            if cannot is not None:  # said once; the second escape lets them go, as told
                self._journal_warned = True
                self.say(cannot)
                return
        super().action_cancel()

    def words_call(self) -> StoreCall | None:
        if not self.typed_something() or self.cannot_keep() is not None:
            return None
        live = self.live
        if live.kept_draft_id() is None:  # its id known before the write: a lock keeps the same
            if self.draft.entry_id is None:
                live = replace(live, entry_id=new_id(), is_draft=True)
            else:
                live = replace(live, kept_id=new_id())
            self.live = live
        return bind(journal_store.keep_draft, live, self.app.clock.now())  # type: ignore[attr-defined]

    def words_kept(self, result: object) -> None:
        # Still open (a break is on top): a save later finishes this draft rather
        # than leave it behind.
        live = self.live
        self.draft = replace(self.draft, entry_id=live.entry_id, is_draft=live.is_draft,
                             kept_id=live.kept_id)

    def let_go_call(self) -> StoreCall | None:
        """Closed emptied, or put back as saved: the kept words go. (Closed with words
        that could not be kept: told, left as they were. Saved: the journal's save
        finishes or lets go the draft itself.)"""
        kept_id = self.draft.kept_draft_id()
        if self._journal_saving or kept_id is None or self.typed_something():
            return None
        return bind(journal_store.let_draft_go, kept_id)

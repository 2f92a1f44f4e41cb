"""The shared journal and honesty log (steps 2, 5 and 6).

Entries are listed in one paged OptionList (it draws only the lines on screen),
a page of the newest matches at a time, so years of daily entries open and
filter without thousands of widgets. A private entry is sealed to its author:
the other partner sees "Private entry by NAME" and nothing more, unless the
author types their passphrase for this session (p), and can put it away again.
Edits keep the old words; deleting asks first and can be undone (u) while the
app stays open.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from trust_tui.domain.journal import (
    DeleteUndo,
    EntryDraft,
    JournalFilter,
    Readable,
    count_words,
    filter_entries,
    purgeable,
    readable,
    unchanged,
)
from trust_tui.domain.partners import me_first
from trust_tui.models import JournalEntry, Partner, SealedText
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.journal.detail import EntryDetail, entry_prompt
from trust_tui.screens.journal.editor import EntryEditor
from trust_tui.screens.journal.filters import JournalFilters
from trust_tui.screens.journal.first_page import FirstPageFirst
from trust_tui.screens.journal.private import PrivateKeyModal, PrivateKeysHere
from trust_tui.store import journal as journal_store
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.footer import KeyFooter
from trust_tui.widgets.form_modal import KEPT
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.paged_list import PagedList
from trust_tui.widgets.shell import seated_among

PAGE = 200  # entries drawn per page; "show older" adds another
EMPTY = ("Nothing written yet. Press n for an entry, or h for a quick line in the "
         "honesty log.")


class JournalScreen(FirstPageFirst, PrivateKeysHere, AreaScreen):
    CSS_PATH = sheet("journal")
    # The list has the focus from the start (not the first filter, then the list:
    # each move of the focus restyles both widgets and rebuilds the footer).
    AUTO_FOCUS = "#entries"

    BINDINGS = keyed("journal", [
        Binding("n", "new_entry", "New entry"),
        Binding("a", "new_entry('apology')", "Say sorry"),
        Binding("e", "edit_entry", "Edit"),
        Binding("d", "delete_entry", "Delete"),
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("slash", "search", "Search"),
        Binding("p", "private_key", "Private"),  # short: Home fits at 80 columns
        Binding("h", "app.honesty", "Honesty line", show=False),
        Binding("escape", "leave", "Home"),
    ])

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Readable] = []
        self.matching: list[Readable] = []
        self.undo = DeleteUndo()
        self._by_id: dict[str, Readable] = {}
        self._feelings: tuple[str, ...] = ()
        self._names: dict[str, str] = {}
        self._loaded: tuple[Any, ...] | None = None  # what the items were read from
        # Whose private entries are shown here. Everyone's start closed, the
        # partner who unlocked included: the other one sits right beside them.
        self._shown: set[str] = set()
        self._drawn: tuple[Any, ...] | None = None  # what the list was drawn for
        self._first_page_of: int | None = None  # only the first page read yet: of about N
        self._journal_rest_asked = False
        self._journal_left = False  # suspended (a modal, or home) since it was made

    def compose(self) -> ComposeResult:
        yield Static("Journal and honesty log: each of you, in your own words.",
                     id="journal-title")
        yield JournalFilters()
        with Horizontal(id="journal-body"):
            yield PagedList(page=PAGE, older="Show older entries", id="entries")
            yield EntryDetail(id="entry-detail")
        yield Static("", id="journal-status")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(JournalFilters).set_partners(self.partners())
        if not self._read_first_page():
            self.reload()
            self._purge_old_deletions()
        self.listing.focus()

    @property
    def listing(self) -> PagedList:
        return self.query_one("#entries", PagedList)

    @property
    def shown_entries(self) -> int:
        return self.listing.shown

    def partners(self) -> list[Partner]:
        return me_first(self.vault.partners, self.vault.me.id)

    # --- reading ------------------------------------------------------------------------

    def name_of(self, partner_id: str) -> str:
        return self._names.get(partner_id, "someone")

    def _source(self) -> tuple[Any, ...]:
        """What the list depends on: the file's generation and whose keys are here."""
        vault = self.vault
        return (vault.generation, tuple(self.reads_private(pid) for pid in sorted(self._names)))

    def reads_private(self, partner_id: str) -> bool:
        """Are this partner's private entries open on this screen right now?"""
        return partner_id in self._shown and self.vault.can_read_private(partner_id)

    def _unseal_shown(self, sealed: SealedText) -> str | None:
        return self.vault.unseal(sealed) if self.reads_private(sealed.owner) else None

    def reload(self) -> None:
        if self._first_page_of is not None:
            return  # shown (resumed) with its first page: the rest comes after its frame
        vault = self.vault
        self._names = {p.id: p.name for p in vault.partners}
        source = self._source()
        if source == self._loaded:
            return  # shown again with nothing new (e.g. back from a modal)
        self._loaded = source
        self.items = [readable(entry, self._unseal_shown, has_key=self.reads_private)
                      for entry in vault.all(JournalEntry)]
        self._by_id = {item.entry.id: item for item in self.items}
        used = {item.feeling for item in self.items if item.feeling}
        self._feelings = self.query_one(JournalFilters).set_feelings(used, self._feelings)
        self.refilter(force=True)

    def current_filter(self) -> tuple[JournalFilter, str]:
        return self.query_one(JournalFilters).current()

    def refilter(self, force: bool = False) -> None:
        how, note = self.current_filter()
        drawn = (how, note, self.shown_entries)
        if drawn == self._drawn and not force:
            return  # e.g. a Select announcing the value it already had
        if self._first_page_of is not None:
            self._read_the_rest()  # every entry first: this draws with them
            return
        self._drawn = drawn
        self.matching = filter_entries(self.items, how)
        self._draw_list()
        self._draw_status(note, how)
        self._draw_detail()

    def _draw_list(self) -> None:
        today = self.today()
        options: list[Option | None] = []
        for item in self.matching[: self.shown_entries]:
            options.append(Option(entry_prompt(item, self.name_of(item.entry.author), today),
                                  id=item.entry.id))
            options.append(None)
        alive = any(not item.entry.deleted for item in self.items)
        total = len(self.matching) if self._first_page_of is None else self._first_page_of
        empty = "Nothing matches these filters." if alive else EMPTY
        self.listing.show(options, total=total, empty=empty)

    def _draw_status(self, note: str, how: JournalFilter) -> None:
        alive = sum(1 for item in self.items if not item.entry.deleted)
        if self._first_page_of is not None:
            alive = self._first_page_of
        parts = [count_words(len(self.matching), alive) if not how.is_empty or not alive
                 else count_words(alive, alive)]
        for partner in self.vault.partners:
            if self.reads_private(partner.id):
                parts.append(f"{partner.name}'s private entries are open (p puts them away)")
        drafts = sum(1 for item in self.items if item.entry.draft and not item.entry.deleted)
        if drafts:
            parts.append(f"{drafts} draft{'s' if drafts > 1 else ''} not saved yet: "
                         "e to finish")
        if len(self.undo):
            parts.append("u brings back a deleted entry")
        if note:
            parts.append(note)
        self.query_one("#journal-status", Static).update(Content("  ·  ".join(parts)))

    def highlighted(self) -> Readable | None:
        option = self.listing.highlighted_option
        if option is None or option.id is None:
            return None
        return self._by_id.get(option.id)

    def _draw_detail(self) -> None:
        item = self.highlighted()
        name = self.name_of(item.entry.author) if item is not None else ""
        self.query_one(EntryDetail).show(item, name, self.today(), self._unseal_shown)

    # --- filters ----------------------------------------------------------------------------

    @on(Select.Changed)
    @on(Input.Changed)
    def _filter_changed(self, event: Select.Changed | Input.Changed) -> None:
        if event.control.id and event.control.id.startswith("filter-"):
            self.listing.reset_pages()
            self.refilter()

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        if event.input.id and event.input.id.startswith("filter-"):
            self.listing.focus()

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self) -> None:
        self._draw_detail()

    @on(PagedList.MoreWanted)
    def _more(self) -> None:
        self.refilter()

    @on(OptionList.OptionSelected, "#entries")
    def _selected(self) -> None:
        self.action_edit_entry()

    def action_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    def action_leave(self) -> None:
        if not isinstance(self.focused, OptionList):
            self.listing.focus()  # escape leaves a filter first
            return
        self.trust_app.action_go_home()

    # --- writing --------------------------------------------------------------------------------

    def kept_drafts(self) -> list[Readable]:
        """Unsaved words kept from an editor that this session can read, newest first."""
        if self._first_page_of is not None:
            self._read_the_rest()  # every entry, read once (it reloads)
        else:
            self.reload()
        me = seated_among(self, tuple(p.id for p in self.vault.partners))  # apart: mine
        found = [item for item in self.items if item.entry.draft and not item.entry.deleted
                 and item.text is not None and me in (None, item.entry.author)]
        return sorted(found, key=lambda item: item.entry.created_at, reverse=True)

    def action_new_entry(self, kind: str = "entry") -> None:
        # Words kept unsaved from a new entry of this kind come back first.
        for item in self.kept_drafts():
            if item.entry.draft_of is None and item.entry.kind == kind:
                self.open_draft(item)
                return
        self.open_editor(EntryDraft(author=self.vault.me.id, kind=kind, feeling=None,
                                    text="", private=False))

    def readable_highlighted(self, private_note: str) -> Readable | None:
        """The highlighted entry if this session can read it; else says `private_note`
        (with `{name}`, the writer's name) and returns None."""
        item = self.highlighted()
        if item is not None and item.broken:
            self.notify("These private words cannot be opened (they were changed outside "
                        "trust-tui), so there is nothing here to change.", markup=False)
            return None
        if item is not None and item.text is None:
            self.notify(private_note.format(name=self.vault.name_of(item.entry.author)),
                        markup=False)
            return None
        me = seated_among(self, tuple(p.id for p in self.vault.partners))
        if item is not None and me not in (None, item.entry.author):
            # Sitting apart (app_seats.py): the other's words are theirs to change.
            self.notify(f"This entry is {self.vault.name_of(item.entry.author)}'s: they "
                        "can change it in their own window.", markup=False)
            return None
        return item

    def action_edit_entry(self) -> None:
        item = self.readable_highlighted("This entry is private to {name}; they can press "
                                         "p to open it here first.")
        if item is None:
            return
        if item.entry.draft:
            self.open_draft(item)
            return
        saved = self.saved_words(item)
        for kept in self.kept_drafts():  # new words for it, kept unsaved earlier
            if kept.entry.draft_of == item.entry.id:
                self.open_editor(self.words_of(kept, saved), KEPT, saved=saved)
                return
        self.open_editor(saved, saved=saved)

    @staticmethod
    def saved_words(item: Readable) -> EntryDraft:
        entry = item.entry
        return EntryDraft(author=entry.author, kind=entry.kind, feeling=item.feeling,
                          text=item.text or "", private=entry.private, entry_id=entry.id)

    @staticmethod
    def words_of(kept: Readable, saved: EntryDraft) -> EntryDraft:
        return replace(saved, kind=kept.entry.kind, feeling=kept.feeling,
                       text=kept.text or "", private=kept.entry.private,
                       kept_id=kept.entry.id)

    def open_draft(self, item: Readable) -> None:
        """Finish a draft: an edit's kept words open on the entry they would change."""
        entry = item.entry
        target = self._by_id.get(entry.draft_of) if entry.draft_of else None
        if target is not None and not target.entry.deleted and target.text is not None:
            saved = self.saved_words(target)
            self.open_editor(self.words_of(item, saved), KEPT, saved=saved)
            return
        self.open_editor(replace(self.saved_words(item), is_draft=True), KEPT)

    def open_editor(self, draft: EntryDraft, message: str = "",
                    saved: EntryDraft | None = None) -> None:
        # Sitting apart (app_seats.py) only this window's partner writes here.
        me = seated_among(self, tuple(p.id for p in self.vault.partners))
        writers = [p for p in self.partners() if me in (None, p.id) or p.id == draft.author]
        self.app.push_screen(EntryEditor(writers, draft, message, saved), self._edited)

    def _edited(self, draft: EntryDraft | None) -> None:
        if draft is None:
            return
        # Sealing needs the author's key, not their entries open on screen.
        if draft.private and not self.vault.can_read_private(draft.author):
            partner = next(p for p in self.vault.partners if p.id == draft.author)

            def opened(partner_id: str | None) -> None:
                if partner_id == draft.author:
                    self._shown.add(partner_id)
                    self._draw_status("", self.current_filter()[0])
                    self._save(draft)
                else:
                    self.open_editor(draft, f"A private entry needs {partner.name}'s "
                                            "passphrase first; the words are still here.")

            self.app.push_screen(PrivateKeyModal(partner), opened)
            return
        self._save(draft)

    def _save(self, draft: EntryDraft) -> None:
        if draft.entry_id is not None and not draft.is_draft:
            item = self._by_id.get(draft.entry_id)
            if item is not None and unchanged(item, draft.text, draft.feeling, draft.private) \
                    and item.entry.kind == draft.kind:
                if draft.kept_id is not None:  # back to the saved words: the kept ones can go
                    self.store(journal_store.let_draft_go, draft.kept_id,
                               done=lambda _: self.reload(), saved_message=None)
                return

        def done(saved: journal_store.Saved) -> None:
            self.reload()
            self._highlight(saved.entry_id)
            if saved.brought_back:
                self.notify("This entry had been deleted in another window; saving your "
                            "words brought it back.", timeout=8, markup=False)

        def failed(_error: Exception) -> None:
            # Nothing lost: the words go back into the editor.
            self.open_editor(draft, "That was not saved; your words are still here.")

        self.store(journal_store.save_entry, draft, self.clock.now(), done=done, failed=failed)

    def _highlight(self, entry_id: str) -> None:
        listing = self.listing
        try:
            listing.highlighted = listing.get_option_index(entry_id)
        except OptionDoesNotExist:
            return
        self._draw_detail()

    # --- deleting and undo ----------------------------------------------------------------------

    def action_delete_entry(self) -> None:
        item = self.readable_highlighted("Only {name} can delete their private entry (p "
                                         "opens it here first).")
        if item is None:
            return
        entry_id = item.entry.id

        def done(_result: object) -> None:
            self.undo.deleted(entry_id)
            self.reload()

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.store(journal_store.delete_entry, entry_id, self.clock.now(), done=done,
                           saved_message="Deleted. Press u to bring it back.")

        self.app.push_screen(ConfirmModal(
            "Delete this entry?", "Delete", "Keep it",
            detail="You can bring it back with u while the app stays open.",
            yes_variant="warning"), confirmed)

    def action_undo_delete(self) -> None:
        entry_id = self.undo.take_last()
        if entry_id is None:
            self.notify("Nothing to bring back.", timeout=2)
            return

        def done(_result: object) -> None:
            self.reload()
            self._highlight(entry_id)

        self.store(journal_store.undelete, entry_id, done=done,
                   failed=lambda _e: self.undo.put_back(entry_id),
                   saved_message="Brought back.")

    def _purge_old_deletions(self) -> None:
        old = purgeable((item.entry for item in self.items), self.clock.now(), self.undo)
        if old:
            self.store(journal_store.purge, list(old), done=lambda _r: self.reload(),
                       saved_message=None)

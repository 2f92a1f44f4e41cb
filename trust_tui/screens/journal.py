"""The shared journal and honesty log (steps 2, 5 and 6).

Entries are listed in one OptionList (it draws only the lines on screen),
a page of the newest matches at a time, so years of daily entries open and
filter without thousands of widgets. A private entry is sealed to its author:
the other partner sees "Private entry by NAME" and nothing more, unless the
author types their passphrase for this session (p), and can put it away again.
Edits keep the old words; deleting asks first and can be undone (u) while the
app stays open.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from trust_tui.domain.journal import (
    KIND_WORDS,
    DeleteUndo,
    JournalFilter,
    Readable,
    count_words,
    edited,
    filter_entries,
    local_day,
    parse_day,
    preview,
    private_payload,
    purgeable,
    read_private_payload,
    readable,
    restored,
    soft_deleted,
    unchanged,
    when_label,
)
from trust_tui.models import FEELINGS, JournalEntry, Partner, SealedText, new_id
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.checkin import chosen_words, prefill_feeling
from trust_tui.screens.drafts import KEPT, KEPT_ON_CLOSE
from trust_tui.vault import Vault, VaultError
from trust_tui.widgets.apology_hint import ApologyHint
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.feeling_picker import FeelingPicker
from trust_tui.widgets.limits import LimitedTextArea
from trust_tui.widgets.typed import typed

PAGE = 200  # entries drawn per page; "show older" adds another
MAX_TEXT = 100_000  # as JournalEntry.text allows
MORE = "more"
ANY = ""  # the filter value meaning "all"



# --- the editor ------------------------------------------------------------------------

@dataclass(frozen=True)
class EntryDraft:
    author: str
    kind: str
    feeling: str | None
    text: str
    private: bool
    entry_id: str | None = None  # set when editing
    is_draft: bool = False  # editing words kept unsaved earlier (a lock, a quit, escape)
    kept_id: str | None = None  # editing a saved entry: the draft holding unsaved new words


def write_entry_draft(vault: Vault, draft: EntryDraft, at) -> str | None:
    """Keep an editor's unsaved words as a draft entry; returns its id (None: nothing
    kept). An edit's words are a draft *of* that entry, so editing it brings them back.
    Private words are only kept if they can be sealed to their writer."""
    if not draft.text.strip():
        return None
    if draft.private:
        if not vault.can_read_private(draft.author):
            return None  # never kept in the clear
        sealed, text = vault.seal(private_payload(draft.text, draft.feeling),
                                  draft.author), None
    else:
        sealed, text = None, draft.text
    words = {"text": text, "sealed": sealed, "private": draft.private,
             "feeling": None if draft.private else draft.feeling, "kind": draft.kind}
    earlier = draft.entry_id if draft.is_draft else draft.kept_id
    draft_of = None if draft.is_draft else draft.entry_id
    if earlier is not None:

        def keep(entry: JournalEntry) -> JournalEntry:
            if not entry.draft:
                raise _SavedMeanwhile  # never write unsaved words over a saved entry
            return entry.model_copy(update=words)

        try:
            vault.update(JournalEntry, earlier, keep)
            return earlier
        except KeyError:
            pass  # not written yet, or let go in another window: keep the words anew
        except _SavedMeanwhile:
            # Another window saved this draft while these words were being typed:
            # they become a draft of that entry (e brings them back), beside it.
            draft_of, earlier = earlier, None
    entry = JournalEntry(author=draft.author, created_at=at, draft=True,
                         draft_of=draft_of, **words)
    if earlier is not None:
        entry = entry.model_copy(update={"id": earlier})
    vault.add(entry)
    return entry.id


class _SavedMeanwhile(Exception):
    """The draft being kept was saved as an entry in another window."""


def rescue_draft(app, draft: EntryDraft) -> None:
    """Keep the words of an editor that a lock or quit closed, as a draft entry.

    Runs while the screen is taken down, so it writes at once; it never stops
    the lock.
    """
    if not draft.text.strip() or not getattr(app, "vault_open", False):
        return
    try:
        write_entry_draft(app.vault, draft, app.clock.now())
    except Exception:
        pass  # a lock must always go through; the words were on screen only


def let_draft_go(vault: Vault, entry_id: str) -> None:
    """A draft emptied (or put back as it was) and closed: its words were never saved."""
    vault.remove(JournalEntry, entry_id)  # gone already (another window): nothing to do


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


class EntryEditor(ModalScreen[EntryDraft | None]):
    """Write or edit one entry: who, what kind, a feeling word, the text, private."""

    CSS_PATH = sheet("journal")

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

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
        self._finished = False
        self._keeping = False  # escape pressed: the words are being kept
        self._warned = False  # told why these words cannot be kept as a draft

    def compose(self) -> ComposeResult:
        editing = self.draft.entry_id is not None and not self.draft.is_draft
        with Vertical(classes="journal-form"):
            if self.draft.is_draft:
                title = "A draft, not saved yet: finish it and save"
            elif self.draft.kept_id is not None:
                title = "Edit entry: your unsaved changes are back"
            elif editing:
                title = "Edit entry (the earlier words are kept)"
            else:
                title = "A journal entry"
            yield Static(title, classes="form-title")
            with Horizontal(classes="form-row"):
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
            yield Static(Content(self.start_message), id="form-message", classes="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        prefill_feeling(self.query_one(FeelingPicker), self.draft.feeling)
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

    def kept_draft_id(self) -> str | None:
        """The draft entry these words came from, if any."""
        return self.draft.entry_id if self.draft.is_draft else self.draft.kept_id

    def on_unmount(self) -> None:
        # Taken down by a lock or quit, not by the writer.
        if not self._finished and self.typed_something():
            rescue_draft(self.app, self.live)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#entry-text", TextArea).text
        message = self.query_one("#form-message", Static)
        if not text.strip():
            message.update("A few words are enough.")
            self.query_one("#entry-text", TextArea).focus()
            return
        if len(text) > MAX_TEXT:
            message.update(f"One entry holds up to {MAX_TEXT:,} characters; this is "
                           f"{len(text):,}. Could it be two entries?")
            return
        self._finished = True
        self.dismiss(replace(
            self.draft,
            author=str(self.query_one("#entry-author", Select).value),
            kind=str(self.query_one("#entry-kind", Select).value),
            feeling=self.query_one(FeelingPicker).feeling,
            text=text.rstrip(),
            private=self.query_one("#entry-private", Checkbox).value,
        ))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Typed words are kept as a draft (the editor closes once they are safe, and
        says so); an editor left empty, or as it opened, closes and lets a draft go."""
        if self._keeping:
            return
        app, live = self.app, self.live  # the TrustApp: save, vault, clock
        kept_id = self.kept_draft_id()
        if not self.typed_something():
            self._finished = True
            if kept_id is None:
                self.dismiss(None)
                return
            self._keeping = True  # cleared (or put back as saved): the draft goes first

            def gone(_result: object) -> None:
                if self.is_attached and app.screen is self:
                    self.dismiss(None)

            app.save(lambda vault: let_draft_go(vault, kept_id), done=gone, failed=gone,
                     saved_message=None)
            return
        cannot = self.cannot_keep()
        if cannot is not None:
            if not self._warned:  # said once; the second escape lets them go, as told
                self._warned = True
                self.query_one("#form-message", Static).update(cannot)
                return
            self._finished = True
            self.dismiss(None)
            return
        self._keeping = True
        at = app.clock.now()
        if kept_id is None:  # its id known before the write: a lock meanwhile keeps the same
            if self.draft.entry_id is None:
                live = replace(live, entry_id=new_id(), is_draft=True)
            else:
                live = replace(live, kept_id=new_id())
            self.live = live

        def kept(_id: object) -> None:
            self._keeping = False
            if not (self.is_attached and app.screen is self):
                # A lock took it down meanwhile (and kept the same words), or a break
                # is on top: a save later finishes this draft rather than leave it behind.
                self.draft = replace(self.draft, entry_id=live.entry_id,
                                     is_draft=live.is_draft, kept_id=live.kept_id)
                return
            self._finished = True
            app.notify(KEPT_ON_CLOSE, timeout=6, markup=False)
            self.dismiss(None)

        def not_kept(_error: Exception) -> None:
            self._keeping = False  # still open, every word in the box

        app.save(lambda vault: write_entry_draft(vault, live, at), done=kept,
                 failed=not_kept, saved_message=None)


class PrivateKeyModal(ModalScreen[str | None]):
    """A partner types their own passphrase to open their private entries while
    the journal is open. `partner` None: whichever of you types theirs. Returns
    the partner id (None: they changed their mind)."""

    CSS_PATH = sheet("journal")

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, partner: Partner | None = None) -> None:
        super().__init__()
        self.partner = partner

    @property
    def vault(self) -> Vault:
        return self.app.vault  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Vertical(classes="journal-form private-key"):
            title = (Content("Your private entries") if self.partner is None else
                     Content.assemble(Content(self.partner.name), ", your private entries"))
            yield Static(title, classes="form-title")
            yield Static("Type your own passphrase to read and write your private entries "
                         "here. They close again when you leave the journal, or press p.")
            yield Input(password=True, id="private-passphrase", placeholder="Your passphrase")
            yield Static("", id="form-message", classes="form-message")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        passphrase = event.value
        event.input.value = ""  # the passphrase does not stay on screen
        if not passphrase:
            return
        event.input.disabled = True
        self.query_one("#form-message", Static).update("Opening...")
        self.unlock(passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def unlock(self, passphrase: str) -> None:
        try:
            partner = self.vault.unlock_private(passphrase)
        except VaultError:
            self.app.call_from_thread(self._try_again, "That passphrase did not open a "
                                      "private key here. Please try again.")
            return
        except Exception as error:  # never a traceback: it could hold the passphrase
            self.app.call_from_thread(self._try_again, "That did not work "
                                      f"({type(error).__name__}). Please try again.")
            return
        self.app.call_from_thread(self._opened, partner)

    def _try_again(self, message: str) -> None:
        box = self.query_one(Input)
        box.disabled = False
        box.focus()
        self.query_one("#form-message", Static).update(Content(message))  # may hold a name

    def _opened(self, partner: Partner) -> None:
        if self.partner is not None and partner.id != self.partner.id:
            self._try_again(f"That is {partner.name}'s passphrase; this needs "
                            f"{self.partner.name}'s.")
            return
        self.dismiss(partner.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- the journal -------------------------------------------------------------------------

class JournalScreen(AreaScreen):
    CSS_PATH = sheet("journal")

    BINDINGS = [
        Binding("n", "new_entry", "New entry"),
        Binding("a", "new_entry('apology')", "Say sorry"),
        Binding("e", "edit_entry", "Edit"),
        Binding("d", "delete_entry", "Delete"),
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("slash", "search", "Search"),
        Binding("p", "private_key", "Private"),  # short: Home fits at 80 columns
        Binding("h", "app.honesty", "Honesty line", show=False),
        Binding("escape", "leave", "Home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Readable] = []
        self.matching: list[Readable] = []
        self.shown_entries = PAGE
        self.undo = DeleteUndo()
        self._by_id: dict[str, Readable] = {}
        self._feelings: tuple[str, ...] = ()
        self._names: dict[str, str] = {}
        self._loaded: tuple | None = None  # what the items were read from
        # Whose private entries are shown here. Everyone's start closed, the
        # partner who unlocked included: the other one sits right beside them.
        self._shown: set[str] = set()
        self._drawn: tuple | None = None  # what the list was drawn for

    def compose(self) -> ComposeResult:
        yield Static("Journal and honesty log: each of you, in your own words.",
                     id="journal-title")
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
        with Horizontal(id="journal-body"):
            yield OptionList(id="entries")
            with VerticalScroll(id="entry-detail"):
                yield Static("", id="detail-head")
                yield Static("", id="detail-text")
                yield Static("", id="detail-history")
        yield Static("", id="journal-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        me = self.vault.me.id
        partners = sorted(self.vault.partners, key=lambda p: p.id != me)
        self.query_one("#filter-author", Select).set_options(
            [("Both of us", ANY), *((typed(p.name), p.id) for p in partners)])
        self.reload()
        self.query_one("#entries", OptionList).focus()
        self._purge_old_deletions()

    def today(self) -> date:
        return local_day(self.clock.now())

    # --- reading ------------------------------------------------------------------------

    def name_of(self, partner_id: str) -> str:
        return self._names.get(partner_id, "someone")

    def _source(self) -> tuple:
        """What the list depends on: the file's generation and whose keys are here."""
        vault = self.vault
        return (vault.generation, tuple(self.reads_private(pid) for pid in sorted(self._names)))

    def reads_private(self, partner_id: str) -> bool:
        """Are this partner's private entries open on this screen right now?"""
        return partner_id in self._shown and self.vault.can_read_private(partner_id)

    def _unseal_shown(self, sealed: SealedText) -> str | None:
        return self.vault.unseal(sealed) if self.reads_private(sealed.owner) else None

    def reload(self) -> None:
        vault = self.vault
        self._names = {p.id: p.name for p in vault.partners}
        source = self._source()
        if source == self._loaded:
            return  # shown again with nothing new (e.g. back from a modal)
        self._loaded = source
        self.items = [readable(entry, self._unseal_shown) for entry in vault.all(JournalEntry)]
        self._by_id = {item.entry.id: item for item in self.items}
        self._update_feeling_choices()
        self.refilter(force=True)

    def _update_feeling_choices(self) -> None:
        used = {item.feeling for item in self.items if item.feeling}
        feelings = (*FEELINGS, *sorted(used - set(FEELINGS), key=str.casefold))
        if feelings == self._feelings:
            return
        self._feelings = feelings
        select = self.query_one("#filter-feeling", Select)
        keep = select.value
        with select.prevent(Select.Changed):
            select.set_options([("Any feeling", ANY), *((f, f) for f in feelings)])
            if keep in feelings:
                select.value = keep

    def current_filter(self) -> tuple[JournalFilter, str]:
        """The filter as typed, and a gentle note if a date could not be read."""
        note = ""
        bounds: list[date | None] = []
        for selector in ("#filter-from", "#filter-to"):
            try:
                bounds.append(parse_day(self.query_one(selector, Input).value))
            except ValueError:
                bounds.append(None)
                note = "Dates look like 2026-03-02; that one is left out for now."
        author = str(self.query_one("#filter-author", Select).value)
        feeling = str(self.query_one("#filter-feeling", Select).value)
        kind = str(self.query_one("#filter-kind", Select).value)
        return JournalFilter(
            author=author or None, feeling=feeling or None,
            since=bounds[0], until=bounds[1],
            search=self.query_one("#filter-search", Input).value,
            kinds=frozenset([kind]) if kind else frozenset(),
        ), note

    def refilter(self, force: bool = False) -> None:
        how, note = self.current_filter()
        drawn = (how, note, self.shown_entries)
        if drawn == self._drawn and not force:
            return  # e.g. a Select announcing the value it already had
        self._drawn = drawn
        self.matching = filter_entries(self.items, how)
        self._draw_list()
        self._draw_status(note, how)
        self._draw_detail()

    def _draw_list(self) -> None:
        listing = self.query_one("#entries", OptionList)
        keep = listing.highlighted_option.id if listing.highlighted_option else None
        today = self.today()
        options: list[Option | None] = []
        for item in self.matching[: self.shown_entries]:
            options.append(Option(self._entry_prompt(item, today), id=item.entry.id))
            options.append(None)
        older = len(self.matching) - self.shown_entries
        if older > 0:
            options.append(Option(Content.assemble(
                ("Show older entries", "bold"), f"  ({older} more; press enter)"), id=MORE))
        if not options:
            alive = any(not item.entry.deleted for item in self.items)
            words = ("Nothing matches these filters." if alive else
                     "Nothing written yet. Press n for an entry, or h for a quick "
                     "line in the honesty log.")
            options.append(Option(Content(words), id="empty", disabled=True))
        listing.set_options(options)
        if keep is not None:
            try:
                listing.highlighted = listing.get_option_index(keep)
            except Exception:
                pass
        if listing.highlighted is None and self.matching:
            listing.highlighted = 0

    def _entry_prompt(self, item: Readable, today: date) -> Content:
        entry = item.entry
        parts: list[Content | str | tuple[str, str]] = [
            (when_label(entry.created_at, today), "bold"), " · ",
            Content(self.name_of(entry.author)),
        ]
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
        if item.text is None:
            body = Content.assemble(("Private entry by ", "dim italic"),
                                    (self.name_of(entry.author), "dim italic"))
        else:
            body = typed(preview(item.text))
        return Content.assemble(head, "\n", body)

    def _draw_status(self, note: str, how: JournalFilter) -> None:
        alive = sum(1 for item in self.items if not item.entry.deleted)
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
        listing = self.query_one("#entries", OptionList)
        option = listing.highlighted_option
        if option is None or option.id is None:
            return None
        return self._by_id.get(option.id)

    def _draw_detail(self) -> None:
        item = self.highlighted()
        head = self.query_one("#detail-head", Static)
        body = self.query_one("#detail-text", Static)
        history = self.query_one("#detail-history", Static)
        if item is None:
            head.update("")
            body.update("")
            history.update("")
            return
        entry = item.entry
        name = self.name_of(entry.author)
        # One style for the whole line: a bold word right before a plain " by " reads
        # "Honesty logby Noor" wherever bold glyphs run wider (screenshots, some fonts).
        lines = [Content.assemble(KIND_WORDS.get(entry.kind, entry.kind), " by ",
                                  Content(name)).stylize("bold"),
                 Content(when_label(entry.created_at, self.today()))]
        if item.feeling:
            lines.append(Content.assemble("Feeling: ", typed(item.feeling)))
        if entry.private:
            lines.append(Content.assemble("Private: only ", Content(name), " can read it."))
        head.update(Content("\n").join(lines))
        if item.text is None:
            body.update(Content.assemble(
                ("Private entry by ", "italic"), (name, "italic"), "\n\n",
                Content(name), " can press p and type their passphrase to read it here."))
            history.update("")
            return
        body.update(typed(item.text))
        history.update(self._history_content(item))

    def _history_content(self, item: Readable) -> Content:
        entry = item.entry
        if not entry.history:
            return Content("")
        count = len(entry.history)
        lines = [Content(f"Edited {count} time{'s' if count > 1 else ''}. Earlier words, "
                         "newest first:", )]
        for edit in reversed(entry.history):
            old = edit.old_text
            if edit.old_sealed is not None:
                raw = self._unseal_shown(edit.old_sealed)
                old = None if raw is None else read_private_payload(raw)[0]
            when = when_label(edit.at, self.today())
            lines.append(Content.assemble(("Before " + when, "dim"), "\n",
                                          typed(old if old is not None else "(private)")))
        return Content("\n\n").join(lines)

    # --- filters ----------------------------------------------------------------------------

    @on(Select.Changed)
    def _filter_select(self, event: Select.Changed) -> None:
        if event.select.id and event.select.id.startswith("filter-"):
            self.shown_entries = PAGE
            self.refilter()

    @on(Input.Changed)
    def _filter_typed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("filter-"):
            self.shown_entries = PAGE
            self.refilter()

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        if event.input.id and event.input.id.startswith("filter-"):
            self.query_one("#entries", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self) -> None:
        self._draw_detail()

    @on(OptionList.OptionSelected, "#entries")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE:
            index = event.option_index
            self.shown_entries += PAGE
            self._draw_list()
            self.query_one("#entries", OptionList).highlighted = index
        else:
            self.action_edit_entry()

    def action_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    def action_leave(self) -> None:
        if not isinstance(self.focused, OptionList):
            self.query_one("#entries", OptionList).focus()  # escape leaves a filter first
            return
        self.trust_app.action_go_home()

    # --- writing --------------------------------------------------------------------------------

    def partners(self) -> list[Partner]:
        me = self.vault.me.id
        return sorted(self.vault.partners, key=lambda p: p.id != me)

    def kept_drafts(self) -> list[Readable]:
        """Unsaved words kept from an editor that this session can read, newest first."""
        self.reload()
        found = [item for item in self.items if item.entry.draft and not item.entry.deleted
                 and item.text is not None]
        return sorted(found, key=lambda item: item.entry.created_at, reverse=True)

    def action_new_entry(self, kind: str = "entry") -> None:
        # Words kept unsaved from a new entry of this kind come back first.
        for item in self.kept_drafts():
            if item.entry.draft_of is None and item.entry.kind == kind:
                self.open_draft(item)
                return
        self.open_editor(EntryDraft(author=self.vault.me.id, kind=kind, feeling=None,
                                    text="", private=False))

    def action_edit_entry(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        if item.text is None:
            self.notify(f"This entry is private to {self.vault.name_of(item.entry.author)}; "
                        "they can press p to open it here first.", markup=False)
            return
        entry = item.entry
        if entry.draft:
            self.open_draft(item)
            return
        saved = EntryDraft(author=entry.author, kind=entry.kind, feeling=item.feeling,
                           text=item.text, private=entry.private, entry_id=entry.id)
        for kept in self.kept_drafts():  # new words for it, kept unsaved earlier
            if kept.entry.draft_of == entry.id:
                self.open_editor(self.words_of(kept, saved), KEPT, saved=saved)
                return
        self.open_editor(saved, saved=saved)

    def words_of(self, kept: Readable, saved: EntryDraft) -> EntryDraft:
        return replace(saved, kind=kept.entry.kind, feeling=kept.feeling,
                       text=kept.text or "", private=kept.entry.private,
                       kept_id=kept.entry.id)

    def open_draft(self, item: Readable) -> None:
        """Finish a draft: an edit's kept words open on the entry they would change."""
        entry = item.entry
        target = self._by_id.get(entry.draft_of) if entry.draft_of else None
        if target is not None and not target.entry.deleted and target.text is not None:
            saved = EntryDraft(author=target.entry.author, kind=target.entry.kind,
                               feeling=target.feeling, text=target.text,
                               private=target.entry.private, entry_id=target.entry.id)
            self.open_editor(self.words_of(item, saved), KEPT, saved=saved)
            return
        self.open_editor(EntryDraft(author=entry.author, kind=entry.kind, feeling=item.feeling,
                                    text=item.text or "", private=entry.private,
                                    entry_id=entry.id, is_draft=True), KEPT)

    def open_editor(self, draft: EntryDraft, message: str = "",
                    saved: EntryDraft | None = None) -> None:
        self.app.push_screen(EntryEditor(self.partners(), draft, message, saved), self._edited)

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
                    self._save_draft(draft)
                else:
                    self.open_editor(draft, f"A private entry needs {partner.name}'s "
                                            "passphrase first; the words are still here.")

            self.app.push_screen(PrivateKeyModal(partner), opened)
            return
        self._save_draft(draft)

    def _save_draft(self, draft: EntryDraft) -> None:
        at = self.clock.now()
        if draft.entry_id is not None:
            item = self._by_id.get(draft.entry_id)
            if item is not None and unchanged(item, draft.text, draft.feeling, draft.private) \
                    and item.entry.kind == draft.kind and not draft.is_draft:
                kept_id = draft.kept_id
                if kept_id is not None:  # back to the saved words: the kept ones can go
                    self.trust_app.save(lambda vault: let_draft_go(vault, kept_id),
                                        done=lambda _: self.reload(), saved_message=None)
                return

        def write(vault: Vault) -> str:
            sealed = (vault.seal(private_payload(draft.text, draft.feeling), draft.author)
                      if draft.private else None)
            text = None if draft.private else draft.text
            if draft.entry_id is None:
                entry = JournalEntry(author=draft.author, kind=draft.kind,  # type: ignore[arg-type]
                                     feeling=None if draft.private else draft.feeling,
                                     text=text, sealed=sealed, private=draft.private,
                                     created_at=at)
                vault.add(entry)
                return entry.id

            def change(entry: JournalEntry) -> JournalEntry:
                if entry.deleted:
                    # Deleted in another window while this one was editing: the
                    # words just saved bring it back rather than vanish with it.
                    entry = restored(entry)
                    brought_back.append(entry.id)
                if entry.draft:  # finishing a draft: its words were never saved, no history
                    return entry.model_copy(update={
                        "text": text, "sealed": sealed, "private": draft.private,
                        "feeling": None if draft.private else draft.feeling,
                        "kind": draft.kind, "draft": False, "draft_of": None})
                new = edited(entry, at, text=text, sealed=sealed, feeling=draft.feeling)
                return new.model_copy(update={"kind": draft.kind})

            vault.update(JournalEntry, draft.entry_id, change)
            if draft.kept_id is not None:  # the edit's kept words are in it now
                let_draft_go(vault, draft.kept_id)
            return draft.entry_id

        brought_back: list[str] = []

        def done(entry_id: str) -> None:
            self.reload()
            self._highlight(entry_id)
            if brought_back:
                self.notify("This entry had been deleted in another window; saving your "
                            "words brought it back.", timeout=8, markup=False)

        def failed(_error: Exception) -> None:
            # Nothing lost: the words go back into the editor.
            self.open_editor(draft, "That was not saved; your words are still here.")

        self.trust_app.save(write, done=done, failed=failed)

    def _highlight(self, entry_id: str) -> None:
        listing = self.query_one("#entries", OptionList)
        try:
            listing.highlighted = listing.get_option_index(entry_id)
        except Exception:
            return
        self._draw_detail()

    # --- deleting and undo ----------------------------------------------------------------------

    def action_delete_entry(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        if item.text is None:
            self.notify(f"Only {self.vault.name_of(item.entry.author)} can delete their "
                        "private entry (p opens it here first).", markup=False)
            return
        entry_id = item.entry.id

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            at = self.clock.now()

            def done(_result: object) -> None:
                self.undo.deleted(entry_id)
                self.reload()

            self.trust_app.save(
                lambda vault: vault.update(JournalEntry, entry_id,
                                           lambda e: soft_deleted(e, at)),
                done=done, saved_message="Deleted. Press u to bring it back.")

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

        self.trust_app.save(
            lambda vault: vault.update(JournalEntry, entry_id, restored),
            done=done, failed=lambda _e: self.undo.put_back(entry_id),
            saved_message="Brought back.")

    def _purge_old_deletions(self) -> None:
        old = purgeable((item.entry for item in self.items), self.clock.now(), self.undo)
        if not old:
            return

        def purge(vault: Vault) -> None:
            for entry_id in old:
                vault.remove(JournalEntry, entry_id)

        self.trust_app.save(purge, done=lambda _r: self.reload(), saved_message=None)

    # --- private keys ---------------------------------------------------------------------------

    def on_screen_suspend(self) -> None:
        # A modal over the journal keeps the keys; leaving the journal puts them away,
        # so the other partner's private entries never stay open behind their back.
        self.call_after_refresh(self._put_keys_away_if_left)

    def _put_keys_away_if_left(self) -> None:
        if not self.trust_app.vault_open or self in self.app.screen_stack:
            return
        opened = self._put_keys_away()
        if opened:
            names = " and ".join(p.name for p in opened)
            self.app.notify(f"{names}'s private entries were closed again as the journal "
                            "was left.", timeout=4, markup=False)

    def _put_keys_away(self) -> list[Partner]:
        """Close every private entry shown here; forget the keys of partners other
        than the one who unlocked. Returns whose entries were open."""
        vault = self.vault
        opened = [p for p in vault.partners if self.reads_private(p.id)]
        self._shown.clear()
        for partner in vault.partners:
            if partner.id != vault.me.id and vault.can_read_private(partner.id):
                vault.forget_private(partner.id)
        return opened

    def action_private_key(self) -> None:
        opened = self._put_keys_away()
        if opened:
            names = " and ".join(p.name for p in opened)
            self.notify(f"{names}'s private entries are closed again.", markup=False)
            self.reload()
            return

        def done(partner_id: str | None) -> None:
            if partner_id is not None:
                self._shown.add(partner_id)
                self.notify(f"{self.vault.name_of(partner_id)}'s private entries are open "
                            "here until you leave the journal. p closes them.", markup=False)
                self.reload()

        self.app.push_screen(PrivateKeyModal(), done)

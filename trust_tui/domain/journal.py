"""The shared journal and honesty log, without Textual: filters, search, edits
with history, soft delete with undo, and what a private entry carries.

A private entry is sealed to its author (the vault does the sealing; here it is
an injected `unseal` function), and its feeling word is sealed with the text,
so the other partner sees only that an entry exists, by whom and when.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, timedelta, timezone

# "as local_day": re-exported, screens import it from here
from trust_tui.domain.clock import local_day as local_day
from trust_tui.models import JournalEdit, JournalEntry, SealedText

KIND_WORDS: dict[str, str] = {
    "entry": "Journal",
    "honesty": "Honesty log",
    "slip": "Small slip",
    "apology": "Apology",
}

# Deleted entries stay (hidden) so this session can undo; a day later they go.
PURGE_AFTER = timedelta(days=1)


# --- words being written -------------------------------------------------------------

@dataclass(frozen=True)
class EntryDraft:
    """An entry's words as typed in the editor (or the honesty log), before saving."""

    author: str
    kind: str
    feeling: str | None
    text: str
    private: bool
    entry_id: str | None = None  # set when editing
    is_draft: bool = False  # editing words kept unsaved earlier (a lock, a quit, escape)
    kept_id: str | None = None  # editing a saved entry: the draft holding unsaved new words

    def kept_draft_id(self) -> str | None:
        """The draft entry these words came from (or will be kept in), if any."""
        return self.entry_id if self.is_draft else self.kept_id


# --- private entries ---------------------------------------------------------------

# A private entry's sealed words are padded to one of these lengths (characters of
# JSON; beyond the last, to a multiple of it), so their size says little.
PAD_SIZES = (1024, 4096, 16384, 65536)


def sealed_context(entry_id: str, seal_id: str) -> str:
    """What a private entry's sealed words are bound to: the entry and the version
    (a fresh `seal_id` on every save), so they cannot be moved or replayed."""
    return f"journal:{entry_id}:{seal_id}"


def day_only(moment: datetime) -> datetime:
    """What a private entry shows of when it was written: midday of that local day."""
    local = moment.astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    return local.astimezone(timezone.utc)


def private_payload(text: str, feeling: str | None, kind: str = "entry",
                    history: Iterable[JournalEdit] = (),
                    created_at: datetime | None = None) -> str:
    """What gets sealed for a private entry: its text, feeling, kind, when it was
    written and its whole history (earlier words and when they were changed),
    padded to a fixed size."""
    earlier = [{"at": edit.at.isoformat(), "text": edit.old_text, "feeling": edit.old_feeling}
               for edit in history]
    data = {"v": 2, "text": text, "feeling": feeling, "kind": kind, "history": earlier}
    if created_at is not None:
        data["created_at"] = created_at.isoformat()
    raw = json.dumps(data, ensure_ascii=False)
    size = len(raw.encode("utf-8"))
    target = next((n for n in PAD_SIZES if n >= size), 0)
    if not target:
        target = -(-size // PAD_SIZES[-1]) * PAD_SIZES[-1]
    return raw + " " * (target - size)  # trailing spaces: still the same JSON


@dataclass(frozen=True)
class PrivateWords:
    text: str
    feeling: str | None = None
    kind: str | None = None  # None: sealed before kinds were (the clear one holds)
    history: tuple[JournalEdit, ...] = ()
    created_at: datetime | None = None  # None: the clear one holds


def read_private(raw: str) -> PrivateWords:
    """The words in a sealed payload (either version); plain sealed text is text."""
    try:
        data = json.loads(raw)
    except ValueError:
        return PrivateWords(raw)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return PrivateWords(raw)
    feeling, kind = data.get("feeling"), data.get("kind")
    return PrivateWords(data["text"], feeling if isinstance(feeling, str) else None,
                        kind if kind in KIND_WORDS else None,
                        tuple(_earlier(data.get("history"))), _moment(data.get("created_at")))


def _moment(raw: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _earlier(raw: object) -> Iterable[JournalEdit]:
    for item in raw if isinstance(raw, list) else []:
        try:
            yield JournalEdit(at=datetime.fromisoformat(item["at"]), old_text=item["text"],
                              old_feeling=item.get("feeling"))
        except (TypeError, KeyError, ValueError):
            continue  # never a crash for one unreadable earlier version


def read_private_payload(raw: str) -> tuple[str, str | None]:
    """(text, feeling) from a sealed payload; plain sealed text is read as text."""
    words = read_private(raw)
    return words.text, words.feeling


@dataclass(frozen=True)
class Readable:
    """An entry as this session can see it. For a private entry its writer can
    read, `entry` carries the kind and history that were sealed with the words."""

    entry: JournalEntry
    text: str | None  # None: a private entry whose author's key is not here
    feeling: str | None
    day_of: Callable[[datetime], date] = field(default=local_day, repr=False, compare=False)
    broken: bool = False  # sealed words that do not open with their writer's key

    @property
    def locked(self) -> bool:
        return self.text is None

    def when(self, today: date) -> str:
        """When it was written, as shown: a closed private entry (only a private
        one is ever `locked`) keeps only its day."""
        return when_label(self.entry.created_at, today, with_time=not self.locked)

    @cached_property
    def day(self) -> date:
        """The couple's day it was written on: worked out when first asked (a date
        filter), not for every entry each time the journal opens."""
        return self.day_of(self.entry.created_at)


def _bound_here(entry: JournalEntry, sealed: SealedText) -> bool:
    """Sealed words stating where they belong must belong to this entry and version."""
    if sealed.context is None:
        return entry.seal_id is None  # sealed before binding (opens as it always did)
    return entry.seal_id is not None and sealed.context == sealed_context(entry.id, entry.seal_id)


def readable(entry: JournalEntry, unseal: Callable[[SealedText], str | None],
             day_of: Callable[[datetime], date] = local_day,
             has_key: Callable[[str], bool] | None = None) -> Readable:
    """`has_key(owner)`: whether the writer's key is here, so words that still do
    not open are said to be broken (moved, replayed or damaged), not closed."""
    if entry.private and entry.sealed is not None:
        raw = unseal(entry.sealed) if _bound_here(entry, entry.sealed) else None
        if raw is None:
            broken = has_key is not None and has_key(entry.sealed.owner)
            return Readable(entry, None, None, day_of, broken)
        words = read_private(raw)
        if entry.seal_id is not None:  # the kind and history were sealed with the words
            entry = entry.model_copy(update={
                "kind": words.kind or entry.kind, "history": list(words.history),
                "created_at": words.created_at or entry.created_at})
        return Readable(entry, words.text, words.feeling, day_of)
    return Readable(entry, entry.text or "", entry.feeling, day_of)


# --- filtering and search ------------------------------------------------------------

@dataclass(frozen=True)
class JournalFilter:
    author: str | None = None  # partner id
    feeling: str | None = None
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    search: str = ""
    kinds: frozenset[str] = field(default_factory=frozenset)  # empty: every kind

    @property
    def is_empty(self) -> bool:
        return (self.author is None and self.feeling is None and self.since is None
                and self.until is None and not self.search.strip() and not self.kinds)


def search_words(search: str) -> list[str]:
    return [word.casefold() for word in search.split()]


def matches(item: Readable, how: JournalFilter) -> bool:
    entry = item.entry
    if entry.deleted:
        return False
    if how.author is not None and entry.author != how.author:
        return False
    if how.kinds and entry.kind not in how.kinds:
        return False
    if how.since is not None and item.day < how.since:
        return False
    if how.until is not None and item.day > how.until:
        return False
    if how.feeling is not None:
        if item.feeling is None or item.feeling.casefold() != how.feeling.casefold():
            return False
    words = search_words(how.search)
    if words:
        if item.text is None:  # a sealed entry never matches a search
            return False
        text = item.text.casefold()
        if not all(word in text for word in words):
            return False
    return True


def newest_first(items: Iterable[Readable]) -> list[Readable]:
    return sorted(items, key=lambda r: (r.entry.created_at, r.entry.id), reverse=True)


def filter_entries(items: Iterable[Readable], how: JournalFilter) -> list[Readable]:
    """The entries that match, newest first (deleted ones never show)."""
    return newest_first(item for item in items if matches(item, how))


def parse_day(text: str) -> date | None:
    """A date typed as 2026-03-02; empty is None; anything else raises ValueError."""
    text = text.strip()
    if not text:
        return None
    return date.fromisoformat(text)


# --- edits with history -----------------------------------------------------------------

def edited(entry: JournalEntry, at: datetime, *, text: str | None = None,
           sealed: SealedText | None = None, feeling: str | None = None) -> JournalEntry:
    """A copy of the entry with new words; the old words go into its history.

    Pass `text` for a shared entry or `sealed` (text and feeling sealed together)
    for a private one; a private entry keeps no feeling in the clear.
    """
    if (text is None) == (sealed is None):
        raise ValueError("An edit has either shared text or sealed text.")
    old = JournalEdit(at=at, old_text=entry.text, old_sealed=entry.sealed,
                      old_feeling=entry.feeling)
    return entry.model_copy(update={
        "text": text,
        "sealed": sealed,
        "private": sealed is not None,
        "feeling": None if sealed is not None else feeling,
        "history": [*entry.history, old],
    })


def unchanged(item: Readable, text: str, feeling: str | None, private: bool) -> bool:
    return (item.text == text and item.feeling == feeling
            and item.entry.private == private)


# --- soft delete and undo ----------------------------------------------------------------

def soft_deleted(entry: JournalEntry, at: datetime) -> JournalEntry:
    return entry.model_copy(update={"deleted": True, "deleted_at": at})


def restored(entry: JournalEntry) -> JournalEntry:
    return entry.model_copy(update={"deleted": False, "deleted_at": None})


class DeleteUndo:
    """The entries deleted in this session, most recent last: undo brings them back."""

    def __init__(self) -> None:
        self._ids: list[str] = []

    def deleted(self, entry_id: str) -> None:
        self._ids.append(entry_id)

    def take_last(self) -> str | None:
        return self._ids.pop() if self._ids else None

    def put_back(self, entry_id: str) -> None:
        """An undo that could not be saved stays available."""
        self._ids.append(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)


def purgeable(entries: Iterable[JournalEntry], now: datetime,
              keep: DeleteUndo | None = None) -> list[str]:
    """Ids of entries deleted more than a day ago (and not undoable right now)."""
    found = []
    for entry in entries:
        if not entry.deleted or (keep is not None and entry.id in keep):
            continue
        if entry.deleted_at is None or now - entry.deleted_at >= PURGE_AFTER:
            found.append(entry.id)
    return found


# --- what a line of the list says -----------------------------------------------------------

def preview(text: str, limit: int = 80) -> str:
    """The first line of the text, cut to `limit` characters."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > limit:
        return first[: limit - 1] + "…"
    more = len([line for line in text.splitlines() if line.strip()]) > 1
    return first + (" …" if more and len(first) + 2 <= limit else "")


def when_label(moment: datetime, today: date, *, with_time: bool = True) -> str:
    """'Today 18:00', 'Yesterday 09:15', 'Wed 25 Feb 18:00'. Without the time for a
    private entry still closed: it keeps only its day (`day_only`), and a made-up
    '12:00' would read as when it was written."""
    local = moment.astimezone()
    day = local.date()
    if day == today:
        head = "Today"
    elif day == today - timedelta(days=1):
        head = "Yesterday"
    elif day.year == today.year:
        head = f"{day:%a} {day.day} {day:%b}"
    else:
        head = f"{day.day} {day:%b %Y}"
    return f"{head} {local:%H:%M}" if with_time else head


def count_words(shown: int, total: int) -> str:
    if total == 0:
        return "No entries yet."
    if shown == total:
        return f"{total} entr{'y' if total == 1 else 'ies'}"
    return f"{shown} of {total} entries match"

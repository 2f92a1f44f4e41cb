"""The journal and the honesty log: writing, editing, deleting, and words kept unsaved.

Words typed but not saved yet (escape, a lock, a quit) are kept as *draft entries*
(`JournalEntry.draft`): a new entry's words as a draft of their own, an edit's
words as a draft *of* that entry (`draft_of`), so editing it brings them back.
Private words are sealed to their writer before they touch the file, drafts too.

Two windows: unsaved words are never written over an entry another window saved
meanwhile (they become a draft of that entry, beside it), and saving an edit of
an entry deleted meanwhile brings it back rather than lose the words.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trust_tui.domain.journal import (
    EntryDraft,
    day_only,
    edited,
    private_payload,
    read_private_payload,
    readable,
    restored,
    sealed_context,
    soft_deleted,
)
from trust_tui.models import JournalEdit, JournalEntry
from trust_tui.vault import Vault
from trust_tui.vault.errors import VaultLocked

LINE_KINDS = ("honesty", "slip")


class _SavedMeanwhile(Exception):
    """The draft being kept was saved as an entry in another window."""


def _words(vault: Vault, draft: EntryDraft, entry_id: str, created: datetime,
           history: list[JournalEdit] | None = None) -> dict[str, Any]:
    """The fields an entry's words take: shared ones as typed; private ones sealed to
    their writer with their kind, time and whole history (`history`: earlier
    versions in plain words, sealed here), bound to this entry and a fresh version
    id; in the clear a private entry keeps only its day."""
    if not draft.private:
        return {"text": draft.text, "sealed": None, "private": False, "seal_id": None,
                "feeling": draft.feeling, "kind": draft.kind, "created_at": created}
    seal_id = secrets.token_hex(8)
    payload = private_payload(draft.text, draft.feeling, draft.kind, history or [], created)
    sealed = vault.seal(payload, draft.author, context=sealed_context(entry_id, seal_id))
    return {"text": None, "sealed": sealed, "private": True, "seal_id": seal_id,
            "feeling": None, "kind": "entry", "history": [], "created_at": day_only(created)}


def _as_written(vault: Vault, entry: JournalEntry) -> JournalEntry:
    """The entry with what was sealed with its words (kind, time, history) put back,
    when this session can open them."""
    return readable(entry, vault.unseal).entry


def _earlier_words(vault: Vault, entry: JournalEntry, at: datetime) -> list[JournalEdit]:
    """An entry's whole history in plain words, the version being replaced last (to
    be sealed again with a private edit). Raises VaultLocked if its writer's words
    are sealed and cannot be opened here."""
    item = readable(entry, vault.unseal)
    if item.text is None:
        raise VaultLocked()  # never seal over words that could not be read
    history = [_opened(vault, edit) for edit in item.entry.history]
    return [*history, JournalEdit(at=at, old_text=item.text, old_feeling=item.feeling)]


def _opened(vault: Vault, edit: JournalEdit) -> JournalEdit:
    if edit.old_sealed is None:
        return edit
    raw = vault.unseal(edit.old_sealed)
    text, feeling = read_private_payload(raw) if raw is not None else ("", None)
    return JournalEdit(at=edit.at, old_text=text, old_feeling=feeling)


# --- words kept unsaved -------------------------------------------------------------------

def keep_draft(vault: Vault, draft: EntryDraft, at: datetime) -> str | None:
    """Keep an editor's unsaved words as a draft entry; returns its id (None: nothing
    kept). An edit's words are a draft *of* that entry, so editing it brings them back.
    Private words are only kept if they can be sealed to their writer."""
    if not draft.text.strip():
        return None
    if draft.private and not vault.can_read_private(draft.author):
        return None  # never kept in the clear
    with vault.transaction():
        earlier = draft.kept_draft_id()
        draft_of = None if draft.is_draft else draft.entry_id
        if earlier is not None:

            def keep(entry: JournalEntry) -> JournalEntry:
                if not entry.draft:
                    raise _SavedMeanwhile  # never write unsaved words over a saved entry
                return entry.model_copy(update=_words(
                    vault, draft, entry.id, _as_written(vault, entry).created_at))

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
                             draft_of=draft_of)
        if earlier is not None:
            entry = entry.model_copy(update={"id": earlier})
        vault.add(entry.model_copy(update=_words(vault, draft, entry.id, at)))
        return entry.id


def let_draft_go(vault: Vault, entry_id: str) -> None:
    """A draft emptied (or put back as it was) and closed: its words were never saved."""
    vault.remove(JournalEntry, entry_id)  # gone already (another window): nothing to do


def kept_line(vault: Vault, author: str | None = None) -> JournalEntry | None:
    """The newest honesty line or slip kept unsaved as a draft, if any (by `author`
    when given)."""
    drafts = [e for e in vault.all(JournalEntry)
              if e.draft and not e.deleted and not e.private and e.kind in LINE_KINDS
              and e.draft_of is None  # an edit kept in the journal is finished there
              and author in (None, e.author)]
    return max(drafts, key=lambda e: e.created_at, default=None)


# --- saving -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Saved:
    """An entry saved: its id, and whether saving brought it back from a deletion
    another window made meanwhile."""

    entry_id: str
    brought_back: bool = False


def save_entry(vault: Vault, draft: EntryDraft, at: datetime) -> Saved:
    """Save a new entry, finish a draft, or save an edit (the earlier words are kept
    in its history). An edit's kept unsaved words go once they are in it."""
    with vault.transaction():
        if draft.entry_id is None:
            entry = JournalEntry(author=draft.author, created_at=at)
            vault.add(entry.model_copy(update=_words(vault, draft, entry.id, at)))
            return Saved(entry.id)
        brought_back = False

        def change(entry: JournalEntry) -> JournalEntry:
            nonlocal brought_back
            if entry.deleted:
                # Deleted in another window while this one was editing: the
                # words just saved bring it back rather than vanish with it.
                entry = restored(entry)
                brought_back = True
            created = _as_written(vault, entry).created_at
            if entry.draft:  # finishing a draft: its words were never saved, no history
                return entry.model_copy(update={**_words(vault, draft, entry.id, created),
                                                "draft": False, "draft_of": None})
            if draft.private:  # the whole history is sealed with the words
                history = _earlier_words(vault, entry, at)
                return entry.model_copy(update=_words(vault, draft, entry.id, created,
                                                      history))
            new = edited(entry, at, text=draft.text, sealed=None, feeling=draft.feeling)
            return new.model_copy(update={"kind": draft.kind, "seal_id": None,
                                          "created_at": created})

        vault.update(JournalEntry, draft.entry_id, change)
        if draft.kept_id is not None:  # the edit's kept words are in it now
            let_draft_go(vault, draft.kept_id)
        return Saved(draft.entry_id, brought_back)


def save_line(vault: Vault, author: str, kind: str, text: str, at: datetime,
              kept_id: str | None = None) -> str:
    """One line in the honesty log (a detail of today, or a small slip). A line kept
    unsaved earlier (`kept_id`) becomes the entry."""
    entry = JournalEntry(author=author, kind=kind, text=text,  # type: ignore[arg-type]
                         created_at=at)
    if kept_id is not None:
        entry = entry.model_copy(update={"id": kept_id})
    vault.put(entry)
    return entry.id


# --- deleting -------------------------------------------------------------------------------

def delete_entry(vault: Vault, entry_id: str, at: datetime) -> None:
    """Hide an entry; it can be brought back (`undelete`) until it is purged."""
    vault.update(JournalEntry, entry_id, lambda e: soft_deleted(e, at))


def undelete(vault: Vault, entry_id: str) -> None:
    """Bring a deleted entry back."""
    vault.update(JournalEntry, entry_id, restored)


def purge(vault: Vault, entry_ids: Iterable[str]) -> None:
    """Remove entries deleted long enough ago, for good."""
    with vault.transaction():
        for entry_id in entry_ids:
            vault.remove(JournalEntry, entry_id)

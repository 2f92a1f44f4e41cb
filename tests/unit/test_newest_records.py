"""The newest page of a table read alone (Vault.newest): the journal at 30 years
draws it first and reads the rest after that frame (issue 17)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from conftest import make_vault
from damaged import a_seal
from trust_tui.models import JournalEntry

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def newest_of_all(vault, count: int) -> list[str]:
    """What a full read shows first: newest first by time then id, deleted left out."""
    alive = [e for e in vault.all(JournalEntry) if not e.deleted]
    return [e.id for e in sorted(alive, key=lambda e: (e.created_at, e.id), reverse=True)][:count]


def test_the_newest_page_is_what_a_full_read_shows_first(tmp_path):
    vault = make_vault(tmp_path / "v.vault")
    me = vault.me.id
    entries = [JournalEntry(author=me, text=f"day {i}", created_at=T0 - timedelta(days=i))
               for i in range(8)]
    same_moment = JournalEntry(author=me, text="same time as day 3",
                               created_at=T0 - timedelta(days=3))
    deleted = JournalEntry(author=me, text="deleted, newest", created_at=T0 + timedelta(days=1),
                           deleted=True, deleted_at=T0)
    unsound = JournalEntry(author=me, private=True, sealed=a_seal(me),
                           created_at=T0 + timedelta(hours=5))
    too_long = JournalEntry(author=me, text="too long", created_at=T0 + timedelta(hours=4))
    vault.add_many([*entries, same_moment, deleted, unsound, too_long])
    with vault.transaction():  # damage only a newer trust-tui or a broken one would write
        data = dict(vault._storage.read())
        journal = {}
        for key, doc in data["journal"].items():
            if doc["id"] == unsound.id:
                doc = dict(doc, sealed=dict(doc["sealed"], nonce=""))
            elif doc["id"] == too_long.id:
                doc = dict(doc, text="x" * 100_001)
            elif doc["id"] == entries[1].id:  # the same moment written in another zone
                doc = dict(doc, created_at=(T0 - timedelta(days=1)).astimezone(
                    timezone(timedelta(hours=2))).isoformat())
            journal[key] = doc
        journal["99"] = "not even an object"
        data["journal"] = journal
        vault._storage.write(data)

    for count in (1, 4, 20):
        records, about = vault.newest(JournalEntry, count)
        assert [r.id for r in records] == newest_of_all(vault, count)
        # About how many: every dated document not deleted, unreadable ones too.
        assert about == 11
    assert [r.id for r in vault.newest(JournalEntry, 2)[0]] == [entries[0].id, entries[1].id]
    assert vault.newest(JournalEntry, 0) == ([], 11)

"""Private journal entries (issue 13, item 2): the whole history is sealed, the
sealed words are bound to their entry and version, and the other partner sees
only that there is a private entry and its day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ALEX_PASS, make_vault, utc
from test_rotation import fast_default_kdf  # noqa: F401 (the same quick KDF, autouse)

from trust_tui import cli
from trust_tui.domain.journal import EntryDraft, private_payload, readable
from trust_tui.models import JournalEntry
from trust_tui.store.journal import save_entry
from trust_tui.vault import Vault


@pytest.fixture
def sam(tmp_path: Path) -> Vault:
    return make_vault(tmp_path / "couple.vault")


def save(vault: Vault, text: str, *, private: bool, entry_id: str | None = None,
         kind: str = "entry", hour: int = 18) -> str:
    draft = EntryDraft(author=vault.me.id, kind=kind, feeling="tender" if private else "calm",
                       text=text, private=private, entry_id=entry_id)
    return save_entry(vault, draft, utc(2026, 3, 4, hour)).entry_id


def as_sam_sees(vault: Vault, entry_id: str):
    entry = vault.get(JournalEntry, entry_id)
    assert entry is not None
    return readable(entry, vault.unseal, has_key=vault.can_read_private)


def raw_file_words(path: Path) -> str:
    """Everything the other partner (holding the shared data key) can read."""
    alex = Vault.open(path, ALEX_PASS)
    return json.dumps([e.model_dump(mode="json") for e in alex.all(JournalEntry)])


def test_making_a_shared_entry_private_seals_its_earlier_versions(sam, tmp_path, capsys):
    entry_id = save(sam, "first shared words", private=False)
    save(sam, "second shared words", private=False, entry_id=entry_id, hour=19)
    save(sam, "now it is mine alone", private=True, entry_id=entry_id, hour=20)

    seen_by_alex = raw_file_words(sam.path)
    for words in ("first shared words", "second shared words", "mine alone"):
        assert words not in seen_by_alex
    (tmp_path / "alex.txt").write_text(ALEX_PASS)
    assert cli.main(["export", "--vault", str(sam.path),
                     "--passphrase-file", str(tmp_path / "alex.txt")]) == 0
    assert "shared words" not in capsys.readouterr().out
    # Sam still reads every version, newest last, with when each was replaced.
    item = as_sam_sees(sam, entry_id)
    assert item.text == "now it is mine alone"
    assert [e.old_text for e in item.entry.history] == ["first shared words",
                                                        "second shared words"]
    assert [e.at.hour for e in item.entry.history] == [19, 20]


def test_the_other_partner_sees_only_that_there_is_a_private_entry_and_its_day(sam):
    short = save(sam, "sorry", private=True, kind="apology")
    long_id = save(sam, "a much longer private entry " * 20, private=True)
    save(sam, "edited once more " * 3, private=True, entry_id=long_id, hour=21)
    alex = Vault.open(sam.path, ALEX_PASS)
    records = {e.id: e for e in alex.all(JournalEntry)}
    for entry in records.values():
        assert (entry.kind, entry.feeling, entry.text, entry.history) == ("entry", None, None, [])
        assert readable(entry, alex.unseal, has_key=alex.can_read_private).locked
    # Padded: a one-word apology and a long edited entry seal to the same length.
    assert len(records[short].sealed.ciphertext) == len(records[long_id].sealed.ciphertext)
    # Of when it was written, only the day shows (midday of that day, where they are).
    assert {e.created_at.astimezone().hour for e in records.values()} == {12}
    assert {e.created_at.astimezone().date() for e in records.values()} == {
        utc(2026, 3, 4, 18).astimezone().date()}
    # Sam reads the kind and the time back.
    assert as_sam_sees(sam, short).entry.kind == "apology"
    assert as_sam_sees(sam, short).entry.created_at == utc(2026, 3, 4, 18)


def swap_sealed(vault: Vault, entry_id: str, other: JournalEntry) -> None:
    """What the other partner can do with the shared data key: move sealed words."""
    vault.update(JournalEntry, entry_id, lambda e: e.model_copy(
        update={"sealed": other.sealed, "seal_id": other.seal_id}))


def test_swapped_or_replayed_sealed_words_are_refused_never_shown(sam):
    first = save(sam, "words of the first entry", private=True)
    second = save(sam, "words of the second entry", private=True)
    alex = Vault.open(sam.path, ALEX_PASS)
    before = alex.get(JournalEntry, first)
    swap_sealed(alex, second, before)  # the first entry's words moved into the second
    item = as_sam_sees(sam, second)
    assert item.broken and item.text is None

    save(sam, "the first entry, changed", private=True, entry_id=first, hour=20)
    alex.update(JournalEntry, first, lambda e: e.model_copy(update={"sealed": before.sealed}))
    item = as_sam_sees(sam, first)  # an old version put back
    assert item.broken and item.text is None
    assert not as_sam_sees(alex, first).broken  # to Alex it is simply closed


def test_words_sealed_before_binding_still_open_and_are_bound_on_save(sam):
    legacy = JournalEntry(author=sam.me.id, kind="apology", private=True,
                          created_at=utc(2026, 1, 2),
                          sealed=sam.seal(private_payload("an old private apology", "sorry")))
    sam.add(legacy)
    assert as_sam_sees(sam, legacy.id).text == "an old private apology"
    save(sam, "the apology, reworded", private=True, entry_id=legacy.id, kind="apology")
    saved = sam.get(JournalEntry, legacy.id)
    assert saved.seal_id is not None and saved.sealed.context is not None
    item = as_sam_sees(sam, legacy.id)
    assert item.text == "the apology, reworded"
    assert [e.old_text for e in item.entry.history] == ["an old private apology"]

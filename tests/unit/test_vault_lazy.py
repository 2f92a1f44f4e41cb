"""An open vault keeps its larger tables as their JSON bytes until read (issue 17:
resident memory): what is read, saved and merged is the same as with every table
parsed, and a save leaves the bytes of a table it did not change as they were."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import SAM_PASS, make_vault
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    CheckIn,
    FollowThrough,
    JournalEntry,
    RitualRun,
    Win,
)
from trust_tui.vault import Vault, lazy
from trust_tui.vault.lazy import Packed, split
from trust_tui.vault.revisions import REVISIONS, TOMBSTONES
from trust_tui.wiring import due_lines

AREAS = ("talk", "expectations", "boundaries", "rituals", "journal")

WORDS = "I noticed I wanted to tell you first, and I did. It felt lighter afterwards. "


def _entries(n: int) -> list[JournalEntry]:
    return [JournalEntry(author="x", feeling="calm", kind="entry", text=f"{i} {WORDS * 3}")
            for i in range(n)]


def _held(vault: Vault) -> dict:
    return vault._storage._tables


def test_a_large_table_stays_packed_until_read_and_reads_the_same(tmp_path):
    first = make_vault(tmp_path / "a.vault")
    entries = _entries(80)  # about 25 KB of JSON: over PACK_FROM
    first.add_many(entries)
    vault = Vault.open(first.path, SAM_PASS)
    assert isinstance(_held(vault)["journal"], Packed)
    assert not isinstance(_held(vault)["partners"], Packed)  # tiny ones stay parsed
    assert [e.text for e in vault.all(JournalEntry)] == [e.text for e in entries]
    assert not isinstance(_held(vault)["journal"], Packed)  # parsed once, then kept
    assert not any(isinstance(t, Packed) for t in vault.raw_tables().values())


def test_a_save_elsewhere_writes_the_packed_table_unchanged(tmp_path):
    first = make_vault(tmp_path / "a.vault")
    first.add_many(_entries(80))
    vault = Vault.open(first.path, SAM_PASS)
    packed = _held(vault)["journal"]
    vault.add(Win(text="we talked it through", noticed_by="x"))
    assert _held(vault)["journal"] is packed  # copied as bytes, never parsed
    again = Vault.open(first.path, SAM_PASS)
    assert again.raw_tables()["journal"] == first.raw_tables()["journal"]
    assert [w.text for w in again.all(Win)] == ["we talked it through"]


@pytest.fixture
def at_noon():
    return lambda: datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)


def _changes(path: Path, pack_from: int, monkeypatch, clock, records) -> dict:
    """Open `path` with tables packed from `pack_from` bytes, make the same changes,
    and give back what the file then holds (the lockers and their revisions left
    out: every save seals them afresh, with new nonces)."""
    monkeypatch.setattr(lazy, "PACK_FROM", pack_from)
    vault = Vault.open(path, SAM_PASS)
    vault.revision_clock = clock
    entry, win, gone = records
    vault.update(JournalEntry, entry.id, lambda e: e.model_copy(update={"text": "changed"}))
    vault.add(win)
    vault.remove(JournalEntry, gone.id)
    vault.update(Win, win.id, lambda w: w.model_copy(update={"text": "changed too"}))
    tables = Vault.open(path, SAM_PASS).raw_tables()
    tables.pop("lockers")
    tables[REVISIONS].pop("lockers")
    return tables


def test_changes_made_with_tables_packed_are_the_changes_made_without(
        tmp_path, monkeypatch, at_noon):
    made = make_vault(tmp_path / "made.vault")
    entries = _entries(40)
    made.add_many(entries)
    made.update(JournalEntry, entries[0].id, lambda e: e.model_copy(update={"text": "v2"}))
    for name in ("packed", "parsed"):
        shutil.copy(made.path, tmp_path / f"{name}.vault")
    records = (entries[0], Win(text="noticed", noticed_by="x"), entries[1])
    packed = _changes(tmp_path / "packed.vault", 1, monkeypatch, at_noon, records)
    parsed = _changes(tmp_path / "parsed.vault", 10**9, monkeypatch, at_noon, records)
    assert packed == parsed
    assert packed[REVISIONS]["journal"][entries[0].id]["n"] == 2  # stamped, not skipped
    assert entries[1].id in packed[TOMBSTONES]["journal"]


@pytest.mark.parametrize("body", [
    {},
    {"journal": {"1": {"text": "a"}}, "wins": {}},
    {"journal": {"1": {"text": "{\"nested\": [1, 2]}, \"x\": {"}}, "n": {"1": {"v": 1.5}}},
    {"odd": [1, 2, 3], "text": "not a table", "none": None},
])
def test_split_reads_every_table_as_a_whole_parse_does(body, monkeypatch):
    monkeypatch.setattr(lazy, "PACK_FROM", 1)
    for raw in (json.dumps(body), json.dumps(body, indent=2), json.dumps(body).replace(",", " , ")):
        tables = split(raw.encode())
        assert tables is not None
        assert {name: lazy.unpacked(t) for name, t in tables.items()} == json.loads(raw)


def test_split_leaves_to_the_whole_parse_what_is_not_a_plain_object_of_tables():
    for raw in (b"[]", b"", b'{"a": {}} x', b'{"a" {}}', b'{"a": {},}', b'\xff{"a": {}}'):
        assert split(raw) is None


def test_a_packed_table_with_what_orjson_refuses_still_reads_and_saves_as_it_was(
        monkeypatch):
    monkeypatch.setattr(lazy, "PACK_FROM", 1)
    raw = b'{"t":{"1":{"big":123456789012345678901234567890,"odd":"\\ud800"}}}'
    tables = split(raw)
    assert tables is not None and isinstance(tables["t"], Packed)
    assert tables["t"].unpack() == {"1": {"big": 123456789012345678901234567890,
                                          "odd": "\ud800"}}
    from trust_tui.vault.fileformat import encode_tables

    assert encode_tables(tables) == raw


@pytest.mark.parametrize("raw", [
    b'{}',
    b'{"a": {"id": "a", "n": 1}, "b": {"id": "b", "text": "{\\"x\\": [1, 2]}"}}',
    b' { "a" : [1, {"b": null}] ,\n "c": 1.5e3, "d": NaN } ',
    b'{"big": 123456789012345678901234567890, "odd": "\\ud800", "e": "\xc3\xa9"}',
])
def test_a_packed_tables_documents_one_at_a_time_are_those_of_a_whole_parse(raw):
    assert list(Packed(raw).documents()) == list(json.loads(raw).values())


def test_a_table_naming_a_document_twice_is_read_whole_so_the_last_one_wins(
        tmp_path, monkeypatch):
    monkeypatch.setattr(lazy, "PACK_FROM", 1)
    vault = make_vault(tmp_path / "a.vault")
    first, second = (Win(text=text, noticed_by="x") for text in ("first", "second"))
    doc = first.model_dump(mode="json")
    twice = (b'{"1": ' + json.dumps(doc).encode() + b', "2": '
             + json.dumps(second.model_dump(mode="json")).encode() + b', "1": '
             + json.dumps({**doc, "text": "first, changed"}).encode() + b'}')
    with pytest.raises(lazy.NamedTwice):
        list(Packed(twice).documents())
    vault._storage._tables = {**_held(vault), "wins": Packed(twice)}
    assert [w.text for w in vault.all_where(Win, lambda w: True)] == [
        "first, changed", "second"]
    assert [w.text for w in vault.all(Win)] == ["first, changed", "second"]


def test_a_question_about_a_few_records_leaves_the_table_packed(tmp_path):
    first = make_vault(tmp_path / "a.vault")
    entries = _entries(80)
    first.add_many(entries)
    vault = Vault.open(first.path, SAM_PASS)
    wanted = vault.all_where(JournalEntry, lambda e: e.text.startswith("7 "))
    assert [e.id for e in wanted] == [entries[7].id]
    assert isinstance(_held(vault)["journal"], Packed)  # home's questions parse nothing kept
    assert vault.all_where(JournalEntry, lambda e: e.text.startswith("7 ")) == wanted
    assert len(vault.all(JournalEntry)) == 80  # a whole read still parses it once
    assert not isinstance(_held(vault)["journal"], Packed)
    assert vault.all_where(JournalEntry, lambda e: e.text.startswith("7 ")) == wanted


def _a_year_with_things_under_way(path: Path, today: date) -> Vault:
    """A year of the sample couple, and on `today`: Sam's check-in, a talk under way,
    a weekly meeting left under way, an agreed expectation missed three times."""
    from trust_tui.demo import sample_records
    from trust_tui.domain.clock import FakeClock
    from trust_tui.domain.floor import Floor

    vault = make_vault(path)
    sam, alex = (p.id for p in vault.partners)
    vault.add_many(sample_records(sam, alex, years=1, end=today - timedelta(days=1)))
    noon = datetime.combine(today, datetime.min.time(), timezone.utc) + timedelta(hours=12)
    floor = Floor.begin(FakeClock(noon), topic_key="feel", turn_minutes=3,
                        first_speaker_id=sam, partners=(sam, alex), by=sam)
    floor.start_speaking(by=sam)
    late = Agreement(kind=AgreementKind.EXPECTATION, wording="Say when you run late",
                     asked_by=sam, status=AgreementStatus.AGREED,
                     agreed_at=noon - timedelta(days=10))
    vault.add_many([
        CheckIn(partner_id=sam, on=today, feeling="calm", safety=7), floor.session, late,
        RitualRun(ritual="weekly", started_at=noon - timedelta(hours=2), in_progress=True),
        *(FollowThrough(agreement_id=late.id, by=alex, kept=False,
                        on=today - timedelta(days=d)) for d in (1, 2, 3))])
    return vault


def test_home_says_the_same_with_the_tables_held_packed_and_keeps_them_packed(
        tmp_path, monkeypatch):
    today = date(2025, 11, 1)
    path = _a_year_with_things_under_way(tmp_path / "a.vault", today).path
    said = {}
    for pack_from in (1, 10**9):
        monkeypatch.setattr(lazy, "PACK_FROM", pack_from)
        vault = Vault.open(path, SAM_PASS)
        said[pack_from] = {mode: due_lines(mode, vault, today) for mode in AREAS}
        parsed = {name for name, table in _held(vault).items() if not isinstance(table, Packed)}
        if pack_from == 1:  # home's questions parsed none of the tables it asked
            assert parsed.isdisjoint({"talks", "check_ins", "agreements", "follow_through"})
    assert said[1] == said[10**9]
    lines = " ".join(line for lines in said[1].values() for line in lines)
    for words in ("A talk is under way", "still open for Alex", "missed 3 times",
                  "Weekly meeting from", "still open (r)"):
        assert words in lines


def test_tables_squeezed_after_the_unlock_read_and_save_as_before(tmp_path):
    first = make_vault(tmp_path / "a.vault")
    entries = _entries(80)
    first.add_many(entries)
    before = first.raw_tables()["journal"]
    vault = Vault.open(first.path, SAM_PASS)
    packed = _held(vault)["journal"]
    size = len(packed.raw)
    vault.squeeze_unread()
    assert packed._raw is None and len(packed._zipped) < size / 3  # held compressed
    assert "bytes" in repr(packed) and "noticed" not in repr(packed)
    assert vault.all_where(JournalEntry, lambda e: e.text.startswith("7 "))[0].id == entries[7].id
    vault.add(Win(text="we talked it through", noticed_by="x"))  # the journal written as it was
    again = Vault.open(first.path, SAM_PASS)
    assert again.raw_tables()["journal"] == before
    assert [e.text for e in vault.all(JournalEntry)] == [e.text for e in entries]


def test_home_lines_import_none_of_the_area_screens(tmp_path):
    """Home asks every area what is due; the answers come from the store, so the
    screens, their forms and Textual's TextArea load when an area first opens."""
    import os
    import subprocess
    import sys

    path = _a_year_with_things_under_way(tmp_path / "a.vault", date(2025, 11, 1)).path
    script = (
        "import sys\nfrom datetime import date\nfrom pathlib import Path\n"
        "from trust_tui.vault import Vault\nfrom trust_tui.wiring import due_lines\n"
        f"vault = Vault.open(Path({str(path)!r}), {SAM_PASS!r})\n"
        f"lines = [due_lines(m, vault, date(2025, 11, 1)) for m in {AREAS!r}]\n"
        "print(sum(map(len, lines)), sorted(m for m in sys.modules if m.startswith("
        "('trust_tui.screens.rituals.', 'trust_tui.screens.wins.', 'trust_tui.screens.checkin',"
        " 'trust_tui.widgets.form_modal', 'textual.widgets._text_area'))))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, env={**os.environ,
                                           "PYTHONPATH": str(Path(__file__).parents[2])})
    said, imported = done.stdout.split(" ", 1)
    assert int(said) >= 4 and imported == "[]\n"


def test_a_question_asked_again_of_a_packed_table_checks_no_record_twice(
        tmp_path, monkeypatch):
    """Home asks its questions at every visit: a packed table's records are checked
    (vault/soundness.py) once, remembered by their place in its unchanging bytes."""
    from trust_tui.vault import soundness

    first = make_vault(tmp_path / "a.vault")
    entries = _entries(80)
    first.add_many(entries)
    vault = Vault.open(first.path, SAM_PASS)
    vault.squeeze_unread()
    checked = []
    check = soundness.record_problem
    monkeypatch.setattr(soundness, "record_problem", lambda r: checked.append(r) or check(r))
    wanted = [vault.all_where(JournalEntry, lambda e: e.text.startswith("7 "))
              for _ in range(3)]
    assert [[e.id for e in found] for found in wanted] == [[entries[7].id]] * 3
    assert len(checked) == 80 and isinstance(_held(vault)["journal"], Packed)
    first.add(JournalEntry(author="x", text="8 written by the other app"))  # a reload
    assert [e.text for e in vault.all_where(JournalEntry, lambda e: e.text.startswith("8 "))
            ] == [entries[8].text, "8 written by the other app"]
    assert len(checked) == 80 + 81  # a table read again from the file is checked again
    vault.lock()
    assert vault._sound._placed == {}


def test_a_squeezed_table_orjson_refuses_is_decompressed_once_to_unpack(monkeypatch):
    raw = b'{"a": {"id": "a", "n": NaN}, "b": {"id": "b", "big": 123456789012345678901234567890}}'
    packed = Packed(raw)
    packed.squeeze()
    decompressed = []
    real = lazy.zlib.decompress
    monkeypatch.setattr(lazy.zlib, "decompress", lambda b: decompressed.append(b) or real(b))
    assert json.dumps(packed.unpack()) == json.dumps(json.loads(raw))
    assert len(decompressed) == 1

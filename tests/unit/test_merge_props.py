"""Merging, by property (issue 14): random histories of adds, edits and deletes on
two copies from a common start, merged both ways.

The copies are the vault's tables, changed copy-on-write as the vault changes
them and stamped by the same function every vault write goes through
(`revisions.stamp`), so these are the revisions a real vault would hold; one
test also runs a few histories through real vault files.
"""

from __future__ import annotations

import shutil
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAM_PASS, make_vault
from trust_tui.models import Win
from trust_tui.store.merging import merge_from
from trust_tui.vault import Vault
from trust_tui.vault.merging import merge_tables
from trust_tui.vault.revisions import (
    HISTORY,
    REVISIONS,
    TOMBSTONES,
    all_revisions,
    content_hash,
    stamp,
)

START = 4  # records in the common start

# One step on one copy: (copy 0 or 1, what, which record (modulo what is there), text).
steps = st.lists(st.tuples(st.integers(0, 1), st.sampled_from(["add", "edit", "delete"]),
                           st.integers(0, 20), st.sampled_from(["a", "b", "c"])),
                 max_size=14)


class Copy:
    """A copy's tables, written as the vault writes them."""

    def __init__(self, tables: dict[str, Any], by: str) -> None:
        self.tables, self.by = tables, by

    def write(self, new: dict[str, Any], at: str) -> None:
        self.tables = stamp(self.tables, new, at, self.by)

    def apply(self, what: str, which: int, text: str, at: str, serial: int) -> None:
        table = dict(self.tables.get("wins", {}))
        keys = sorted(table, key=int)
        if what == "add" or not keys:
            next_key = max((int(k) for k in table), default=0) + 1
            table[str(next_key)] = {"id": f"r{serial}", "text": text}
        else:
            key = keys[which % len(keys)]
            if what == "edit":
                table[key] = {**table[key], "text": table[key]["text"] + text}
            else:
                del table[key]
        self.write({**self.tables, "wins": table}, at)


def _start() -> dict[str, Any]:
    base = Copy({"wins": {}}, "p0")
    base.write({"wins": {str(i + 1): {"id": f"s{i}", "text": "start"} for i in range(START)}},
               "2026-01-01T00:00:00.000000+00:00")
    return base.tables


def _history(run: list[tuple[int, str, int, str]]) -> tuple[Copy, Copy]:
    start = _start()
    copies = (Copy(start, "p0"), Copy(start, "p1"))
    for serial, (side_no, what, which, text) in enumerate(run):
        at = f"2026-02-01T00:00:{serial // 3:02d}.000000+00:00"  # some at the same time
        copies[side_no].apply(what, which, text, at, serial)
    return copies


def _records(tables: dict[str, Any]) -> dict[str, Any]:
    return {doc["id"]: doc for doc in tables.get("wins", {}).values()}


def _content(tables: dict[str, Any]) -> tuple[Any, ...]:
    """What a merge must agree on: records by id, every revision, tombstones, history."""
    def side(name: str) -> dict[str, Any]:  # an empty table is as good as none
        return {k: v for k, v in tables.get(name, {}).items() if v}

    return _records(tables), all_revisions(tables), side(TOMBSTONES), side(HISTORY)


def _merged(ours: Copy, theirs: Copy) -> dict[str, Any]:
    result = merge_tables(ours.tables, theirs.tables).tables
    # Written as the vault writes it: the stamping must leave a merge's revisions be.
    written = stamp(ours.tables, result, "2026-03-01T00:00:00.000000+00:00", ours.by)
    assert written.get(REVISIONS) == result.get(REVISIONS)
    assert written.get(TOMBSTONES) == result.get(TOMBSTONES)
    return written


@settings(max_examples=150, deadline=None)
@given(steps)
def test_both_ways_give_the_same_content(run):
    a, b = _history(run)
    assert _content(_merged(a, b)) == _content(_merged(b, a))


@settings(max_examples=150, deadline=None)
@given(steps)
def test_no_record_is_lost(run):
    """Every version either copy ends with is in the result, in its record's
    history, or deleted by a deletion made after it."""
    a, b = _history(run)
    result = _merged(a, b)
    records, history = _records(result), result.get(HISTORY, {}).get("wins", {})
    tombs = result.get(TOMBSTONES, {}).get("wins", {})
    for copy, other in ((a, b), (b, a)):
        for rid, doc in _records(copy.tables).items():
            if rid in records:
                # This copy's version is the result's or in the record's history, unless
                # the other copy edited on top of it (a change on one side wins).
                kept = {content_hash(records[rid]),
                        *(content_hash(h["doc"]) for h in history.get(rid, []))}
                later = all_revisions(other.tables)["wins"].get(rid, {})
                assert content_hash(doc) in kept or content_hash(doc) in later.get("p", []), rid
            else:
                assert rid in tombs and all_revisions(copy.tables)["wins"][rid]["h"] in \
                    tombs[rid]["p"], rid


@settings(max_examples=150, deadline=None)
@given(steps)
def test_merging_twice_changes_nothing(run):
    a, b = _history(run)
    once = Copy(_merged(a, b), a.by)
    assert not merge_tables(once.tables, b.tables).changed
    assert not merge_tables(once.tables, a.tables).changed
    # And the other copy, once it has merged back, agrees and is settled too.
    back = Copy(_merged(b, once), b.by)
    assert _content(back.tables) == _content(once.tables)
    assert not merge_tables(back.tables, once.tables).changed


@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.sampled_from(["add", "edit", "delete"]),
                          st.integers(0, 5)), max_size=5))
def test_real_vault_files_merge_both_ways(tmp_path_factory, run):
    folder = tmp_path_factory.mktemp("copies")
    start = make_vault(folder / "a.vault")
    start.add_many([Win(text=f"start {i}", noticed_by="x") for i in range(3)])
    shutil.copy(start.path, folder / "b.vault")
    copies = [start, Vault.open(folder / "b.vault", SAM_PASS)]
    for side_no, what, which in run:
        vault = copies[side_no]
        wins = vault.all(Win)
        if what == "add" or not wins:
            vault.add(Win(text=f"new {which}", noticed_by="x"))
        elif what == "edit":
            vault.update(Win, wins[which % len(wins)].id,
                         lambda w: w.model_copy(update={"text": w.text + "!"}))
        else:
            vault.remove(Win, wins[which % len(wins)].id)
    shutil.copy(copies[0].path, folder / "a2.vault")
    other = Vault.open(folder / "a2.vault", SAM_PASS)  # A as it was, to merge into B
    merge_from(copies[0], copies[1].path, SAM_PASS)
    merge_from(copies[1], other.path, SAM_PASS)
    texts = [sorted((w.id, w.text) for w in v.all(Win)) for v in copies]
    assert texts[0] == texts[1]
    assert not merge_from(copies[0], copies[1].path, SAM_PASS).changed


def test_a_document_without_an_id_is_not_overwritten_by_a_record_coming_in():
    ours = {"journal": {"1": {"id": "a", "x": 1}}}
    theirs = {"journal": {"1": {"id": "a", "x": 1}, "2": {"sealed": "q"},
                          "3": {"id": "b", "x": 2}}}
    merged = merge_tables(ours, theirs).tables["journal"]
    assert sorted(merged.values(), key=str) == sorted(
        [{"id": "a", "x": 1}, {"sealed": "q"}, {"id": "b", "x": 2}], key=str)
    assert len(merged) == 3

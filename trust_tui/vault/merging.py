"""Merging two copies' tables (issue 14), pure: no file, no key, no clock.

Documents move as they are stored: a private entry or a locker of safety checks
is merged still sealed, never opened. For each record (by its id), from the
revisions of the two copies (vault/revisions.py):

- only on one side: it comes in (a record, or a deletion's tombstone);
- the same revision on both: nothing to do;
- one side's revision follows the other's (its hash is in the other's past):
  the later one wins, whether an edit or a deletion;
- neither follows the other (changed on both): the later in time wins (ties by
  hash, so both directions agree) and the other version is kept in the record's
  history (`_history`); an edit against a deletion keeps the edit.

The result depends only on the two inputs, never on which is "ours": merging A
into B and B into A give the same records, revisions, tombstones and history,
and merging again changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from trust_tui.vault.errors import VaultError
from trust_tui.vault.revisions import (
    HISTORY,
    PAST_KEPT,
    REVISIONS,
    TOMBSTONES,
    Revision,
    content_hash,
    implied,
    is_implied,
    is_side_table,
    record_id,
    side,
)


HISTORY_KEPT = 20  # versions kept per record (a locker loses one at most merges)


class MergeRefused(VaultError):
    """The other copy cannot be merged into this one (one sentence: what to do)."""


class NeedsPassphrase(MergeRefused):
    """The other copy's keyslots differ from this one's, so it opens only with a
    passphrase typed for it (the app keeps none once unlocked)."""


CAME_IN, UPDATED, DELETED, CONFLICT, KEPT_EDIT = (
    "came in", "updated", "deleted", "conflict", "kept edit")


@dataclass(frozen=True)
class Event:
    """What a merge did to one record of ours (never its content: `doc` is for a
    label made by the caller, and may be sealed)."""

    kind: str
    table: str
    record_id: str
    doc: Any
    theirs_won: bool = False


@dataclass
class Merged:
    tables: dict[str, Any]  # ours, with theirs merged in
    events: list[Event] = field(default_factory=list)
    changed: bool = False  # False: merging writes nothing (the same content already)


@dataclass(frozen=True)
class _State:
    doc: Any  # None: deleted (a tombstone)
    rev: Revision


def _key(rev: Revision) -> str:
    return json.dumps(rev, sort_keys=True, default=str)


def _follows(a: Revision, b: Revision) -> bool:
    """Does `a` come after `b` (b's hash in a's past)?"""
    past = a.get("p")
    return isinstance(past, list) and b.get("h") in past


def _n(rev: Revision) -> int:
    n = rev.get("n")
    return n if type(n) is int else 0


def _when(rev: Revision) -> tuple[str, str]:
    return (str(rev.get("at") or ""), str(rev.get("h") or ""))


def _joined_past(*pasts: object) -> list[str]:
    out: list[str] = []
    for past in pasts:
        for h in (past if isinstance(past, list) else [past]):
            if isinstance(h, str) and h not in out:
                out.append(h)
    return out[-PAST_KEPT:]


def resolve(a: _State | None, b: _State | None) -> tuple[_State, _State | None, str]:
    """(the result, the losing version to keep in history or None, what happened:
    "" | CONFLICT | KEPT_EDIT). Symmetric in a and b."""
    if a is None or b is None:
        found = a if b is None else b
        assert found is not None
        return found, None, ""
    if a.rev == b.rev and (a.doc is None) == (b.doc is None):
        return a, None, ""  # the same version (the common case: fast)
    ha, hb = a.rev.get("h"), b.rev.get("h")
    if ha == hb:  # the same version (or the same deletion)
        best = max((a, b), key=lambda s: _key(s.rev))
        if a.doc is not None and b.doc is not None:
            return _State(a.doc, best.rev), None, ""  # equal documents
        return best, None, ""
    if _follows(a.rev, b.rev) and not _follows(b.rev, a.rev):
        return a, None, ""
    if _follows(b.rev, a.rev) and not _follows(a.rev, b.rev):
        return b, None, ""
    n = max(_n(a.rev), _n(b.rev)) + 1
    if a.doc is None and b.doc is None:  # two deletions
        best = max((a, b), key=lambda s: _when(s.rev))
        other = b if best is a else a
        rev = {**best.rev, "n": n, "p": _joined_past(other.rev.get("p"), best.rev.get("p"),
                                                   other.rev.get("h"))}
        return _State(None, rev), None, ""
    if a.doc is None or b.doc is None:  # an edit against a deletion: the edit stays
        edit, gone = (a, b) if b.doc is None else (b, a)
        rev = {**edit.rev, "n": n, "p": _joined_past(gone.rev.get("p"), edit.rev.get("p"),
                                                   gone.rev.get("h"))}
        return _State(edit.doc, rev), None, KEPT_EDIT
    winner = max((a, b), key=lambda s: _when(s.rev))
    loser = b if winner is a else a
    rev = {**winner.rev, "n": n, "p": _joined_past(loser.rev.get("p"), winner.rev.get("p"),
                                                 loser.rev.get("h"))}
    return _State(winner.doc, rev), loser, CONFLICT


def _states(tables: dict[str, Any], name: str) -> dict[str, tuple[Any, Revision | None]]:
    """record id -> (its document, None for a tombstone; its stored revision, None
    when it has none: implied by its content, worked out only when needed)."""
    table = tables.get(name)
    revs = side(tables, REVISIONS).get(name)
    revs = revs if isinstance(revs, dict) else {}
    out: dict[str, tuple[Any, Revision | None]] = {}
    tombs = side(tables, TOMBSTONES).get(name)
    for rid, rev in (tombs.items() if isinstance(tombs, dict) else ()):
        if isinstance(rev, dict):
            out[rid] = (None, rev)
    for doc in (table.values() if isinstance(table, dict) else ()):
        rid = record_id(doc)
        if rid is not None:
            rev = revs.get(rid)
            out[rid] = (doc, rev if isinstance(rev, dict) else None)
    return out


def _state(found: tuple[Any, Revision | None] | None) -> _State | None:
    if found is None:
        return None
    doc, rev = found
    return _State(doc, rev if rev is not None else implied(doc))


def _same(a: tuple[Any, Revision | None], b: tuple[Any, Revision | None]) -> bool:
    """The same version on both sides (cheap: no hashing)."""
    (da, ra), (db, rb) = a, b
    if ra is None and rb is None:
        return bool(da == db)
    return ra == rb and (da is None) == (db is None)


def _inner(found: object) -> dict[str, Any]:
    return found if isinstance(found, dict) else {}


def _versions(found: object) -> list[Any]:
    return found if isinstance(found, list) else []


def _union_history(*lists: list[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for entries in lists:
        for entry in entries:
            if isinstance(entry, dict):
                seen.setdefault(_key(entry.get("rev") or {}) + content_hash(entry.get("doc")),
                                entry)
    ordered = sorted(seen, key=lambda k: (_when(seen[k].get("rev") or {}), k))
    return [seen[k] for k in ordered[-HISTORY_KEPT:]]  # the latest (the same both ways)


class _Writer:
    """Copy-on-write edits of our tables: only what changes is copied."""

    def __init__(self, ours: dict[str, Any]) -> None:
        self.ours = ours
        self.out = dict(ours)
        self._copied: set[tuple[str, ...]] = set()

    def table(self, *path: str) -> dict[str, Any]:
        node = self.out
        for depth in range(len(path)):
            name = path[depth]
            if path[:depth + 1] not in self._copied:
                found = node.get(name)
                node[name] = dict(found) if isinstance(found, dict) else {}
                self._copied.add(path[:depth + 1])
            node = node[name]
        return node

    def set_side(self, side_name: str, name: str, rid: str, value: Any) -> None:
        current = side(self.out, side_name).get(name)
        current = current if isinstance(current, dict) else {}
        if value is None:
            if rid in current:
                del self.table(side_name, name)[rid]
        elif current.get(rid) != value:
            self.table(side_name, name)[rid] = value


def merge_tables(ours: dict[str, Any], theirs: dict[str, Any]) -> Merged:
    """Our tables with theirs merged in (`ours` itself is never changed)."""
    writer = _Writer(ours)
    events: list[Event] = []
    names = [n for n in dict.fromkeys([*ours, *theirs]) if not is_side_table(n)]
    for name in names:
        if not isinstance(ours.get(name, {}), dict) or not isinstance(theirs.get(name, {}), dict):
            continue  # a damaged table stays as it is (check --repair handles it)
        events += _merge_table(writer, name, ours, theirs)
    changed = any(writer.out.get(name) is not ours.get(name) for name in writer.out)
    return Merged(writer.out, events, changed)


def _merge_table(writer: _Writer, name: str, ours: dict[str, Any],
                 theirs: dict[str, Any]) -> list[Event]:
    mine, other = _states(ours, name), _states(theirs, name)
    ours_table = ours.get(name) if isinstance(ours.get(name), dict) else {}
    assert isinstance(ours_table, dict)
    keys: dict[str | None, str] = {}  # record id -> its key in our table, when needed
    hist_ours, hist_theirs = _inner(side(ours, HISTORY).get(name)), _inner(
        side(theirs, HISTORY).get(name))
    if len(_inner(theirs.get(name))) > sum(1 for doc, _ in other.values() if doc is not None):
        _merge_idless(writer, name, ours, theirs)  # documents without an id there
    # After those came in: a record coming in never takes the key of one of them.
    next_key = max((int(k) for k in _inner(writer.out.get(name))
                    if k.isascii() and k.isdigit()), default=0) + 1
    events: list[Event] = []
    for rid in sorted(set(mine) | set(other)):
        found_a, found_b = mine.get(rid), other.get(rid)
        if (found_a is not None and found_b is not None and rid not in hist_theirs
                and _same(found_a, found_b)):
            continue  # the common case, decided without hashing a thing
        a, b = _state(found_a), _state(found_b)
        result, loser, what = resolve(a, b)
        kept = _versions(hist_ours.get(rid))
        history = _union_history(kept, _versions(hist_theirs.get(rid)), [] if loser is None
                                 else [{"rev": loser.rev, "doc": loser.doc}])
        if history != kept:
            writer.table(HISTORY, name)[rid] = history
        mine_doc = None if a is None else a.doc
        if mine_doc is not None and not keys:
            keys = {record_id(doc): key for key, doc in ours_table.items()}
        if result.doc is None:
            writer.set_side(TOMBSTONES, name, rid, result.rev)
            writer.set_side(REVISIONS, name, rid, None)
            if mine_doc is not None:
                del writer.table(name)[keys[rid]]
                events.append(Event(DELETED, name, rid, mine_doc, theirs_won=True))
            continue
        writer.set_side(TOMBSTONES, name, rid, None)
        # A record's first version stores no revision: its content implies it.
        writer.set_side(REVISIONS, name, rid, None if is_implied(result.rev) else result.rev)
        if mine_doc is not None and result.doc is mine_doc:
            if what:
                events.append(Event(what, name, rid, mine_doc))
            continue
        if mine_doc is not None:
            writer.table(name)[keys[rid]] = result.doc
        else:
            writer.table(name)[str(next_key)] = result.doc
            next_key += 1
        kind = what or (CAME_IN if mine_doc is None else UPDATED)
        # Two versions of the same words (their revisions apart, as a re-import that
        # moved partner ids makes them) won nothing from the other copy.
        same_words = kind == CONFLICT and result.doc == mine_doc
        events.append(Event(kind, name, rid, result.doc, theirs_won=not same_words))
    return events


def _merge_idless(writer: _Writer, name: str, ours: dict[str, Any],
                  theirs: dict[str, Any]) -> None:
    """Documents without an id (the sealed quarantine): a union by content."""
    ours_table, theirs_table = ours.get(name) or {}, theirs.get(name) or {}
    if not any(record_id(d) is None for d in theirs_table.values()):
        return
    have = {content_hash(d) for d in ours_table.values() if record_id(d) is None}
    for doc in theirs_table.values():
        if record_id(doc) is None and content_hash(doc) not in have:
            table = writer.table(name)
            key = max((int(k) for k in table if k.isascii() and k.isdigit()), default=0) + 1
            table[str(key)] = doc
            have.add(content_hash(doc))

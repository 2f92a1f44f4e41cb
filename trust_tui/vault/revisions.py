"""Revisions and tombstones (issue 14): what lets two copies of a vault be merged.

Every record carries a revision in the side table `_revisions` (table -> record id
-> revision), and a deletion leaves one in `_tombstones`; the losing side of a
merge conflict is kept in `_history` (table -> record id -> [{"rev", "doc"}]).
A revision is a small JSON object:

    n   a counter, one more than the revision it replaced
    at  the wall time of the save (UTC, ISO 8601)
    by  the id of the partner whose unlock made it (None when unknown)
    h   a short hash of the record's canonical JSON (a tombstone: of the deletion)
    p   the hashes of the revisions before it, oldest first (the last few)

`p` is how a merge tells "changed on one side" (the other side's hash is in this
side's past) from "changed on both" (neither is in the other's past). A record
written before revisions existed (a version 1 vault) has an implied revision 0
made from its content: `implied`.

The stamping runs in one place, just before every write (`stamp`): it diffs only
the tables that are not the same object as before (writes are copy-on-write), and
in them only the documents that are not the same object, then compares those.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from orjson import OPT_SORT_KEYS
from orjson import dumps as _orjson_dumps

REVISIONS = "_revisions"
TOMBSTONES = "_tombstones"
HISTORY = "_history"
SIDE_TABLES = (REVISIONS, TOMBSTONES, HISTORY)
PAST_KEPT = 16  # hashes of earlier revisions kept in `p`

Revision = dict[str, Any]


def is_side_table(name: str) -> bool:
    """Bookkeeping, never records: left out of counts, exports and checks."""
    return name.startswith("_")


def record_tables(tables: dict[str, Any]) -> dict[str, Any]:
    """The tables that hold records (the side tables left out)."""
    return {name: table for name, table in tables.items() if not is_side_table(name)}


def content_hash(doc: object) -> str:
    """A short hash of a document's canonical JSON (keys sorted)."""
    try:
        raw = _orjson_dumps(doc, option=OPT_SORT_KEYS)
    except TypeError:  # a lone surrogate: the slower, exact path
        raw = json.dumps(doc, sort_keys=True, ensure_ascii=False,
                         separators=(",", ":")).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:16]


def implied(doc: object) -> Revision:
    """The revision of a record that has none (written before revisions)."""
    return {"n": 0, "at": "", "by": None, "h": content_hash(doc), "p": []}


def is_implied(rev: object) -> bool:
    """Is this the revision a first version's content implies (`implied`)?"""
    return isinstance(rev, dict) and rev.get("n") == 0 and not rev.get("at")


def now_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def after(prior: Revision | None, h: str, at: str, by: str | None) -> Revision:
    """The revision that follows `prior` (None: a new record)."""
    if prior is None:
        return {"n": 1, "at": at, "by": by, "h": h, "p": []}
    past = [*_past(prior), str(prior.get("h", ""))][-PAST_KEPT:]
    return {"n": _n(prior) + 1, "at": at, "by": by, "h": h, "p": past}


def deletion_hash(prior: Revision) -> str:
    return hashlib.sha256(b"deleted\x00" + str(prior.get("h", "")).encode()).hexdigest()[:16]


def _n(rev: Revision) -> int:
    n = rev.get("n")
    return n if type(n) is int else 0


def _past(rev: Revision) -> list[str]:
    past = rev.get("p")
    return [p for p in past if isinstance(p, str)] if isinstance(past, list) else []


def record_id(doc: object) -> str | None:
    found = doc.get("id") if isinstance(doc, dict) else None
    return found if isinstance(found, str) else None


def as_changes(current: dict[str, Any], replacement: dict[str, Any]) -> dict[str, Any]:
    """`replacement` (whole tables from elsewhere: a backup put back) with the
    current revisions and tombstones, so each difference is stamped as a change
    made now, after what is current (a merge with another copy then sees it so)."""
    out = {name: table for name, table in replacement.items() if not is_side_table(name)}
    for name in SIDE_TABLES:
        if name in current:
            out[name] = current[name]
    return out


def side(tables: dict[str, Any], name: str) -> dict[str, Any]:
    found = tables.get(name)
    return found if isinstance(found, dict) else {}


def _inner(table: object) -> dict[str, Any]:
    return table if isinstance(table, dict) else {}


def stamp(old: dict[str, Any] | None, new: dict[str, Any], at: str,
          by: str | None) -> dict[str, Any]:
    """`new` with a revision for every record changed since `old` and a tombstone
    for every record gone. A revision or tombstone the caller set itself (a merge:
    not the same object as in `old`) is left as given."""
    if old is None or old is new:
        return new
    old_revs, new_revs = side(old, REVISIONS), side(new, REVISIONS)
    old_tombs, new_tombs = side(old, TOMBSTONES), side(new, TOMBSTONES)
    revs_out: dict[str, Any] | None = None
    tombs_out: dict[str, Any] | None = None
    for name, table in new.items():
        if is_side_table(name) or not isinstance(table, dict):
            continue
        before = old.get(name)
        if before is table:
            continue
        before = before if isinstance(before, dict) else {}
        changed, gone = _diff(before, table)
        if not changed and not gone:
            continue
        given_revs, kept_revs = _inner(new_revs.get(name)), _inner(old_revs.get(name))
        given_tombs, kept_tombs = _inner(new_tombs.get(name)), _inner(old_tombs.get(name))
        revs: dict[str, Any] | None = None
        tombs: dict[str, Any] | None = None
        for rid, (prior_doc, doc) in changed.items():
            if rid in given_revs and given_revs[rid] is not kept_revs.get(rid):
                continue  # set by the caller (a merge)
            prior = given_revs.get(rid) or kept_revs.get(rid)
            if prior is None and prior_doc is not None:
                prior = implied(prior_doc)
            tomb = given_tombs.get(rid)
            if prior is None and isinstance(tomb, dict):
                prior = tomb  # brought back after a deletion (undo): it follows it
            if prior is None:
                continue  # a new record: its first revision is implied by its content
            if revs is None:
                revs = dict(given_revs)
            revs[rid] = after(prior, content_hash(doc), at, by)
            if tomb is not None and given_tombs.get(rid) is kept_tombs.get(rid):
                if tombs is None:
                    tombs = dict(given_tombs)
                tombs.pop(rid, None)
        for rid, prior_doc in gone.items():
            if rid in given_tombs and given_tombs[rid] is not kept_tombs.get(rid):
                continue  # set by the caller
            prior = given_revs.get(rid) or kept_revs.get(rid) or implied(prior_doc)
            if tombs is None:
                tombs = dict(given_tombs)
            tombs[rid] = after(prior, deletion_hash(prior), at, by)
            if rid in given_revs:
                if revs is None:
                    revs = dict(given_revs)
                del revs[rid]
        if revs is not None:
            revs_out = revs_out if revs_out is not None else dict(new_revs)
            revs_out[name] = revs
        if tombs is not None:
            tombs_out = tombs_out if tombs_out is not None else dict(new_tombs)
            tombs_out[name] = tombs
    if revs_out is None and tombs_out is None:
        return new
    out = dict(new)
    if revs_out is not None:
        out[REVISIONS] = revs_out
    if tombs_out is not None:
        out[TOMBSTONES] = tombs_out
    return out


def _diff(before: dict[str, Any], table: dict[str, Any]) -> tuple[
        dict[str, tuple[Any, Any]], dict[str, Any]]:
    """(record id -> (its earlier document or None, its document now)) for every
    record added or changed, and (record id -> its last document) for every record
    gone. Unchanged documents are the same object: one identity check each."""
    changed: dict[str, tuple[Any, Any]] = {}
    gone: dict[str, Any] = {}
    for key, doc in table.items():
        prior = before.get(key)
        if prior is doc:
            continue
        rid = record_id(doc)
        if prior is not None and prior == doc:
            continue
        prior_id = record_id(prior)
        if prior_id is not None and prior_id != rid:
            gone[prior_id] = prior
            prior = None
        if rid is not None:
            changed[rid] = (prior, doc)
    for key, prior in before.items():
        if key not in table:
            rid = record_id(prior)
            if rid is not None:
                gone[rid] = prior
    if gone:  # a record may have moved to another key: not gone, maybe changed
        here = {record_id(doc): doc for doc in table.values()}
        for rid in [r for r in gone if r in here]:
            prior = gone.pop(rid)
            if prior != here[rid]:
                changed[rid] = (prior, here[rid])
            else:
                changed.pop(rid, None)
    return changed, gone


def revision_of(tables: dict[str, Any], table: str, doc: object) -> Revision:
    """A record's revision as stored, or the one implied by its content."""
    rid = record_id(doc)
    found = _inner(side(tables, REVISIONS).get(table)).get(rid) if rid else None
    return found if isinstance(found, dict) else implied(doc)


def all_revisions(tables: dict[str, Any]) -> dict[str, dict[str, Revision]]:
    """Every record's revision (stored or implied), by table and record id."""
    out: dict[str, dict[str, Revision]] = {}
    for name, table in record_tables(tables).items():
        if not isinstance(table, dict):
            continue
        stored = _inner(side(tables, REVISIONS).get(name))
        revs = {}
        for doc in table.values():
            rid = record_id(doc)
            if rid is not None:
                found = stored.get(rid)
                revs[rid] = found if isinstance(found, dict) else implied(doc)
        out[name] = revs
    return out


Clock = Callable[[], datetime]


class Revisions:
    """The revisions part of `Vault` (a mixin; Vault defines what is declared here)."""

    _slot_id: str
    _ids: dict[str, Any]
    revision_clock: Clock  # the wall time a revision says

    if TYPE_CHECKING:
        from pathlib import Path

        from trust_tui.vault.fileformat import Header, Tables, VaultFile
        from trust_tui.vault.storage import EncryptedStorage

        _storage: EncryptedStorage

        def _require_unlocked(self) -> None: ...
        def _fresh_lockers(self, data: Tables) -> Tables: ...

    def _before_write(self, data: dict[str, Any]) -> dict[str, Any]:
        """Every write, in one place: the lockers sealed afresh, then a revision for
        each record changed and a tombstone for each record removed."""
        from trust_tui.vault.lazy import settle

        held, data = settle(self._storage.tables_held, data)  # what it reads, parsed
        data = self._fresh_lockers(data)
        me = next((d.get("id") for d in side(data, "partners").values()
                   if isinstance(d, dict) and d.get("slot_id") == self._slot_id), None)
        return stamp(held, data, now_text(self.revision_clock()),
                     me if isinstance(me, str) else None)

    @property
    def header(self) -> Header:
        """The file's header as last read (keyslots, vault id, key id; no secret)."""
        return self._storage.header

    def open_copy(self, parsed: VaultFile, path: Path) -> dict[str, Any] | None:
        """Another copy's tables, read with this vault's data key when it holds the
        very same keyslots and key id (whatever opens this vault opens it alike);
        None otherwise (unlock it with a passphrase). Its body must authenticate."""
        self._require_unlocked()
        ours = self._storage.header
        if (parsed.header.key_id != ours.key_id or [s.as_dict() for s in parsed.header.slots]
                != [s.as_dict() for s in ours.slots]):
            return None
        return parsed.decrypt(self._storage.data_key, path)

    def raw_tables(self) -> dict[str, Any]:
        """The stored tables as they are (side tables too): for a merge, which
        moves documents still sealed and never reads them."""
        self._require_unlocked()
        return self._storage.read()

    def write_raw(self, data: dict[str, Any], after_generation: int = 0) -> None:
        """Write tables made from `raw_tables()` (a merge): inside `transaction()`."""
        self._storage.write(data, after_generation=after_generation)
        self._ids.clear()

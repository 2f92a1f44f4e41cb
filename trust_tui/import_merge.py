"""Revisions in a JSON export, and an import by the merge's rules (issue 14).

An export carries each record's revision and the vault's tombstones (`revisions`
and `tombstones` beside `tables`), so importing it brings back edits and
deletions too, by the rules of `trust-tui merge` (store/merging.py): a record
changed only in the export comes back changed, one deleted there goes, one
changed on both sides keeps the later and the other in its history. An export
without them (an older trust-tui) is treated as revision 0 with no tombstones,
so it only adds records whose id is new, as before. An export from a vault with
other partner ids (the two of you moved to a new vault) is matched version by
version through its content with the ids put back (`_in_this_vaults_terms`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trust_tui.import_checks import ImportRefused
from trust_tui.models import Partner, Record, Settings
from trust_tui.store.merging import MergeReport, merge_into
from trust_tui.vault import Vault
from trust_tui.vault.revisions import (
    REVISIONS,
    TOMBSTONES,
    all_revisions,
    content_hash,
    implied,
    is_implied,
    is_side_table,
    record_id,
    side,
)

MAX_HASH = 64


def export_revisions(vault: Vault, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """`revisions` (of the records exported) and `tombstones`, for an export."""
    raw = vault.raw_tables()
    stored = all_revisions(raw)
    revisions = {}
    for name, rows in tables.items():
        revs = stored.get(name, {})
        revisions[name] = {row["id"]: revs[row["id"]] for row in rows if row.get("id") in revs}
    tombstones = {name: dict(table) for name, table in side(raw, TOMBSTONES).items()
                  if isinstance(table, dict) and table}
    return {"revisions": revisions, "tombstones": tombstones}


def _revision(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    n, at, by, h, past = (value.get(k) for k in ("n", "at", "by", "h", "p"))
    return (type(n) is int and n >= 0 and isinstance(at, str) and len(at) <= 64
            and (by is None or isinstance(by, str)) and isinstance(h, str)
            and 0 < len(h) <= MAX_HASH
            and (past is None or (isinstance(past, list) and len(past) <= 64
                                  and all(isinstance(p, str) and len(p) <= MAX_HASH
                                          for p in past))))


def read_revisions(data: dict[str, Any],
                   source: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The export's revisions and tombstones (None: an older export without them);
    ImportRefused when they are not what trust-tui writes."""
    if "revisions" not in data and "tombstones" not in data:
        return None
    found = []
    for part in ("revisions", "tombstones"):
        tables = data.get(part, {})
        if not isinstance(tables, dict) or not all(
                isinstance(t, dict) and all(isinstance(i, str) and _revision(r)
                                            for i, r in t.items()) for t in tables.values()):
            raise ImportRefused(f"The {part} part of {source} is not what a trust-tui export "
                                "holds, so nothing was imported.")
        found.append(tables)
    return found[0], found[1]


def merge_import(vault: Vault, records: list[Record],
                 revisions: tuple[dict[str, Any], dict[str, Any]], *,
                 back: Mapping[str, str] | None = None) -> tuple[MergeReport, int]:
    """Import these records (partners left out: the vault keeps its own) by the merge's
    rules, in one write: (the report, how many were already here unchanged).
    `back`: this vault's partner id -> the export's, when `remap` changed them."""
    theirs: dict[str, Any] = {}
    for record in records:
        if isinstance(record, Partner):
            continue
        table = theirs.setdefault(type(record).table, {})
        table[str(len(table) + 1)] = record.model_dump(mode="json")
    revs, tombs = revisions
    # A first version's revision is implied by its content (its hash): with the
    # partner ids changed, the content is this vault's now, and so is the hash it
    # implies; the export's, of the content before, would make the same words a
    # conflict with themselves (and a deletion here older than them).
    theirs[REVISIONS] = {name: {rid: rev for rid, rev in revs.get(name, {}).items()
                                if not (back and is_implied(rev))}
                         for name in theirs}
    theirs[TOMBSTONES] = {name: t for name, t in tombs.items() if name != Partner.table}
    ours, here = vault.raw_tables(), 0
    if back:
        _in_this_vaults_terms(ours, theirs, back)
    for name, table in theirs.items():
        if not is_side_table(name) and name != Settings.table:
            known = {record_id(d) for d in side(ours, name).values()}
            here += sum(1 for doc in table.values() if doc.get("id") in known)
    report = merge_into(vault, theirs)
    # A record deleted here by the export's tombstone is not among its records, so
    # it was never counted in `here`: only those it changed come off (a conflict the
    # export's version won is a change too).
    return report, max(0, here - report.changed_as_theirs)


def _in_this_vaults_terms(ours: dict[str, Any], theirs: dict[str, Any],
                          back: Mapping[str, str]) -> None:
    """An export from a vault with other partner ids names each version by the hash
    of its content there, ids and all; here the same content has other ids and so
    another hash. Where a record here is a version the export names (its content,
    with the ids put back, hashes to it), the export's revision is told this
    vault's name for it: a deletion or an edit made after it there then follows
    it, as between copies of one vault, instead of meeting it as a conflict."""
    for part in (REVISIONS, TOMBSTONES):
        for name, revs in theirs[part].items():
            mine = side(ours, name)
            if not revs or not mine:
                continue
            ours_revs = side(side(ours, REVISIONS), name)
            by_id = {record_id(doc): doc for doc in mine.values()}
            for rid, rev in list(revs.items()):
                doc = by_id.get(rid)
                if doc is None:
                    continue
                there = content_hash(remap(doc, back, set()))
                stored = ours_revs.get(rid)
                here = stored.get("h") if isinstance(stored, dict) else None
                if not isinstance(here, str):  # none stored (or a damaged one): implied
                    here = implied(doc)["h"]
                if there != here and (rev["h"] == there or there in (rev.get("p") or ())):
                    revs[rid] = {**rev, "h": here if rev["h"] == there else rev["h"],
                                 "p": [here if h == there else h for h in rev.get("p") or ()]}


def _is_sealed(value: Any) -> bool:
    # (Its owner a string: a damaged vault's, read here too by `_in_this_vaults_terms`,
    # could hold a list there, which no set can be asked about.)
    return (isinstance(value, dict) and {"owner", "nonce", "ciphertext"} <= value.keys()
            and isinstance(value["owner"], str))


def remap(value: Any, mapping: Mapping[str, str], moved: set[str]) -> Any:
    """Partner ids replaced wherever they appear (fields, lists, dict keys).
    Text sealed to a partner of another vault cannot be opened here (their
    private key stayed there), so it is dropped from nested history."""
    if _is_sealed(value) and value["owner"] in moved:
        return None
    if isinstance(value, dict):
        return {mapping.get(k, k): remap(v, mapping, moved) for k, v in value.items()}
    if isinstance(value, list):
        return [remap(v, mapping, moved) for v in value]
    if isinstance(value, str):
        return mapping.get(value, value)
    return value

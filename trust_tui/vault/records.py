"""A stored table read as models, with the cyclic collector paused meanwhile.

Reading 12,000 journal entries (30 years) makes some 50,000 objects in one burst,
none of them in a cycle; with the collector running, that burst set off its young
and full collections (at 30 years a full one alone took 20-60 ms here, half the
read, bench/bench_journal.py). Reference counting still frees what is dropped; the
collector runs again as soon as the read is done.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

from trust_tui.vault.errors import UnreadableRecord
from trust_tui.vault.soundness import documents

R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (reentrant and safe across threads: whoever
    found it on turns it on again, so it is never left off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def validated(table: object, validate: Callable[[object], R]) -> tuple[list[tuple[object, R]], int]:
    """(document, record) pairs of a stored table's documents that `validate` reads,
    and how many it could not (UnreadableRecord)."""
    pairs: list[tuple[object, R]] = []
    skipped = 0
    with collector_paused():
        for doc in documents(table):
            try:
                pairs.append((doc, validate(doc)))
            except UnreadableRecord:
                skipped += 1
    return pairs, skipped


def newest(table: object, count: int, read: Callable[[object], R | None],
           field: str = "created_at") -> tuple[list[R], int]:
    """The `count` newest records of a stored table that `read` gives (None: left
    out), newest first by their stored time then id, reading only as many documents
    as that takes; and how many documents are not deleted (an estimate: one a full
    read finds unreadable is counted). For a first page of years of records."""
    dated: list[tuple[datetime, str, object]] = []
    records: list[R] = []
    moment_of = datetime.fromisoformat
    with collector_paused():
        # At 30 years this loop runs 12,000 times before anything shows: kept plain.
        for doc in documents(table):
            if type(doc) is not dict or doc.get("deleted") is True:
                continue
            raw = doc.get(field)
            if type(raw) is not str:
                continue  # the model's own reading, or its refusal, is for a full read
            try:
                moment = moment_of(raw)
            except ValueError:
                continue
            if moment.tzinfo is not None and moment.utcoffset() is not None:
                record_id = doc.get("id")
                dated.append((moment, record_id if type(record_id) is str else str(record_id),
                              doc))
        dated.sort(key=lambda found: found[:2], reverse=True)
        for _moment, _id, doc in dated:
            if len(records) >= count:
                break
            record = read(doc)
            if record is not None:
                records.append(record)
    return records, len(dated)

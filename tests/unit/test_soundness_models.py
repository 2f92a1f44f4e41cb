"""The vault's soundness check reads a model as it was validated, without dumping
it first (issue 17: opening the journal at 30 years): the answer is the same as
for its dump, for sound records and for every kind of problem."""

from __future__ import annotations

import base64
from datetime import date, datetime, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trust_tui.models import BreakTaken, CheckIn, JournalEdit, JournalEntry, TalkSession
from trust_tui.vault.soundness import record_problem

UTC = timezone.utc


def seal(nonce_bytes: int = 12, sealed_bytes: int = 40) -> dict[str, Any]:
    return {"owner": "sam", "nonce": base64.b64encode(b"n" * nonce_bytes).decode(),
            "ciphertext": base64.b64encode(b"c" * sealed_bytes).decode()}


def both(record: Any) -> tuple[str | None, str | None]:
    return record_problem(record), record_problem(record.model_dump())


RECORDS = {
    "sound": JournalEntry(author="sam", text="a day"),
    "sound private": JournalEntry(author="sam", private=True, sealed=seal()),
    "no zone": JournalEntry(author="sam", created_at=datetime(2024, 5, 1, 10)),
    "far future": JournalEntry(author="sam", created_at=datetime(2999, 1, 1, tzinfo=UTC)),
    "short nonce": JournalEntry(author="sam", private=True, sealed=seal(nonce_bytes=3)),
    "short seal in its history": JournalEntry(author="sam", text="now", history=[
        JournalEdit(at=datetime(2024, 5, 1, tzinfo=UTC), old_sealed=seal(sealed_bytes=2))]),
    "edit with no zone": JournalEntry(author="sam", text="now", history=[
        JournalEdit(at=datetime(2024, 5, 1), old_text="then")]),
    "deleted long ago": JournalEntry(author="sam", deleted=True,
                                     deleted_at=datetime(1800, 1, 1, tzinfo=UTC)),
    "a newer version's field": JournalEntry.model_validate(
        {"author": "sam", "text": "x", "mood_score": float("nan")}),
    "a newer version's seal": JournalEntry.model_validate(
        {"author": "sam", "text": "x", "attachment": seal(sealed_bytes=1)}),
    "a seal split over fields": JournalEntry.model_validate(
        {"author": "sam", "text": "x", "owner": "sam", "nonce": "", "ciphertext": ""}),
    "an endless break": TalkSession(topic="open", first_speaker_id="sam", breaks=[
        BreakTaken(called_by="sam", called_at=datetime(2024, 5, 1, tzinfo=UTC),
                   planned_seconds=float("inf"))]),
    "a day long ago": CheckIn(partner_id="sam", on=date(1066, 10, 14)),
}


@pytest.mark.parametrize("name", RECORDS)
def test_a_model_reads_as_its_dump(name):
    as_model, as_dump = both(RECORDS[name])
    assert as_model == as_dump
    assert (as_model is None) == name.startswith("sound")


moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                       timezones=st.sampled_from([None, UTC]))
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.builds(seal, st.integers(0, 14), st.integers(0, 20)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                max_size=3),
    max_leaves=6)


@settings(max_examples=150, deadline=None)
@given(created=moments, edited=st.lists(moments, max_size=2),
       sealed=st.none() | st.builds(seal, st.integers(0, 14), st.integers(0, 20)),
       extra=st.dictionaries(st.sampled_from(["a", "b", "nonce", "owner", "ciphertext"]),
                             values, max_size=3))
def test_any_journal_entry_reads_as_its_dump(created, edited, sealed, extra):
    entry = JournalEntry.model_validate({
        **extra, "author": "sam", "created_at": created, "text": None if sealed else "x",
        "private": sealed is not None, "sealed": sealed,
        "history": [{"at": at, "old_text": "y"} for at in edited]})
    assert record_problem(entry) == record_problem(entry.model_dump())

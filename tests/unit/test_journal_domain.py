"""The journal without Textual: filters, search, edits with history, soft delete
and undo, and what a private entry carries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from conftest import utc
from trust_tui.domain.journal import (
    DeleteUndo,
    JournalFilter,
    count_words,
    edited,
    filter_entries,
    parse_day,
    preview,
    private_payload,
    purgeable,
    read_private_payload,
    readable,
    restored,
    soft_deleted,
)
from trust_tui.models import JournalEntry, SealedText

T0 = utc(2026, 3, 2, 18)
SEALED = SealedText(owner="alex", nonce="bm9uY2U=", ciphertext="c2VjcmV0")


def utc_day(moment: datetime) -> date:
    return moment.date()


def entry(author: str, text: str | None, days_ago: int = 0, **more) -> JournalEntry:
    return JournalEntry(author=author, text=text, created_at=T0 - timedelta(days=days_ago),
                        **more)


def seen(entries, unseal=lambda s: None):
    return [readable(e, unseal, utc_day) for e in entries]


ENTRIES = [
    entry("sam", "Kept our plan tonight. Felt good.", 0, feeling="hopeful"),
    entry("alex", "I forgot to text when I left work.", 1, feeling="guilty", kind="slip"),
    entry("sam", "Long day. Talked about the plan for the weekend.", 3, feeling="tired"),
    entry("alex", "Walk by the river, quiet and calm.", 10, feeling="calm"),
    entry("alex", None, 2, private=True, sealed=SEALED),
]


def texts(items) -> list[str | None]:
    return [i.text for i in items]


def test_no_filter_shows_everything_newest_first() -> None:
    shown = filter_entries(seen(ENTRIES), JournalFilter())
    assert texts(shown) == [
        "Kept our plan tonight. Felt good.", "I forgot to text when I left work.", None,
        "Long day. Talked about the plan for the weekend.", "Walk by the river, quiet and calm."]


def test_filter_by_author_feeling_and_kind() -> None:
    items = seen(ENTRIES)
    assert [i.entry.author for i in filter_entries(items, JournalFilter(author="alex"))] == \
        ["alex", "alex", "alex"]
    assert texts(filter_entries(items, JournalFilter(feeling="Calm"))) == \
        ["Walk by the river, quiet and calm."]
    assert texts(filter_entries(items, JournalFilter(kinds=frozenset({"slip"})))) == \
        ["I forgot to text when I left work."]


def test_filter_by_date_range_is_inclusive() -> None:
    items = seen(ENTRIES)
    how = JournalFilter(since=date(2026, 2, 27), until=date(2026, 3, 1))
    assert [i.day for i in filter_entries(items, how)] == [date(2026, 3, 1), date(2026, 2, 28),
                                                           date(2026, 2, 27)]


def test_search_needs_every_word_in_any_case() -> None:
    items = seen(ENTRIES)
    assert texts(filter_entries(items, JournalFilter(search="PLAN"))) == [
        "Kept our plan tonight. Felt good.", "Long day. Talked about the plan for the weekend."]
    assert texts(filter_entries(items, JournalFilter(search="plan weekend"))) == [
        "Long day. Talked about the plan for the weekend."]
    assert filter_entries(items, JournalFilter(search="holiday")) == []


def test_a_private_entry_that_cannot_be_read_never_matches_a_search_or_feeling() -> None:
    items = seen(ENTRIES)
    assert all(i.text is not None for i in filter_entries(items, JournalFilter(search="a")))
    assert None not in texts(filter_entries(items, JournalFilter(feeling="guilty")))


def test_a_readable_private_entry_has_its_text_and_feeling_back() -> None:
    payload = private_payload("Only mine [bold]", "ashamed")
    item = readable(entry("alex", None, private=True, sealed=SEALED),
                    lambda sealed: payload, utc_day)
    assert (item.text, item.feeling, item.locked) == ("Only mine [bold]", "ashamed", False)
    assert filter_entries([item], JournalFilter(search="only", feeling="ashamed")) == [item]
    assert read_private_payload("plain words") == ("plain words", None)


def test_edit_keeps_the_old_words_in_history() -> None:
    first = entry("sam", "I was late.", feeling="guilty")
    later = T0 + timedelta(hours=1)
    second = edited(first, later, text="I was late and did not text.", feeling="ashamed")
    third = edited(second, later + timedelta(hours=1), text="I was late, no text. Sorry.",
                   feeling="ashamed")
    assert third.text == "I was late, no text. Sorry."
    assert [h.old_text for h in third.history] == ["I was late.", "I was late and did not text."]
    assert [h.old_feeling for h in third.history] == ["guilty", "ashamed"]
    assert third.history[0].at == later
    assert third.id == first.id and first.history == []  # the original is untouched


def test_making_an_entry_private_keeps_no_words_or_feeling_in_the_clear() -> None:
    first = entry("alex", "Something tender.", feeling="scared")
    sealed = edited(first, T0, sealed=SEALED, feeling="scared")
    assert sealed.private and sealed.text is None and sealed.feeling is None
    assert sealed.history[0].old_text == "Something tender."
    with pytest.raises(ValueError):
        edited(first, T0, text="a", sealed=SEALED)


def test_soft_delete_hides_and_undo_brings_back_the_latest_first() -> None:
    a, b = entry("sam", "one"), entry("sam", "two", 1)
    undo = DeleteUndo()
    gone_a = soft_deleted(a, T0)
    undo.deleted(a.id)
    gone_b = soft_deleted(b, T0)
    undo.deleted(b.id)
    assert filter_entries(seen([gone_a, gone_b]), JournalFilter()) == []
    assert undo.take_last() == b.id
    back = restored(gone_b)
    assert texts(filter_entries(seen([gone_a, back]), JournalFilter())) == ["two"]
    assert undo.take_last() == a.id
    assert undo.take_last() is None


def test_deleted_entries_are_removed_for_good_a_day_later_unless_undoable_now() -> None:
    old = soft_deleted(entry("sam", "old"), T0 - timedelta(days=2))
    fresh = soft_deleted(entry("sam", "fresh"), T0 - timedelta(hours=2))
    alive = entry("sam", "alive")
    assert purgeable([old, fresh, alive], T0) == [old.id]
    undo = DeleteUndo()
    undo.deleted(old.id)
    assert purgeable([old, fresh, alive], T0, undo) == []


def test_dates_are_typed_as_iso_and_other_words_are_refused() -> None:
    assert parse_day(" 2026-03-02 ") == date(2026, 3, 2)
    assert parse_day("") is None
    with pytest.raises(ValueError):
        parse_day("last week")


def test_preview_is_the_first_line_cut_short() -> None:
    assert preview("\n  first line \nsecond") == "first line …"
    assert preview("x" * 100, limit=10) == "x" * 9 + "…"
    assert preview("only") == "only"


def test_count_words() -> None:
    assert count_words(0, 0) == "No entries yet."
    assert count_words(1, 1) == "1 entry"
    assert count_words(3, 40) == "3 of 40 entries match"


def test_when_label_says_today_yesterday_or_the_date(monkeypatch) -> None:
    import time

    from trust_tui.domain.journal import when_label

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        today = date(2026, 3, 2)
        assert when_label(T0, today) == "Today 18:00"
        assert when_label(T0 - timedelta(days=1), today) == "Yesterday 18:00"
        assert when_label(T0 - timedelta(days=5), today) == "Wed 25 Feb 18:00"
        assert when_label(T0 - timedelta(days=400), today) == "26 Jan 2025 18:00"
    finally:
        monkeypatch.undo()
        time.tzset()

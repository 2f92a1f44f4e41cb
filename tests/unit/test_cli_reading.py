"""The plain-text readers, `trust-tui journal | agreements | wins | checkin`, for
scripts and screen readers: what they show, their filters, private entries (only
their writer's passphrase opens them), control characters never echoed, bad dates
refused in one sentence, and an empty vault said kindly. In-process through
`main([...])`, today fixed at 10 March 2026 in a UTC time zone."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ALEX_PASS, SAM_PASS, ids, utc

from trust_tui import cli
from trust_tui.cli import output, reading
from trust_tui.domain import agreements as rules
from trust_tui.domain.journal import EntryDraft
from trust_tui.models import AgreementKind, CheckIn
from trust_tui.store import agreements as agreements_store
from trust_tui.store import wins as wins_store
from trust_tui.store.checkins import Answer, save_today
from trust_tui.store.journal import save_entry
from trust_tui.vault import Vault

NOW = utc(2026, 3, 10, 12)
ESCAPE = "\x1b]0;pwned\x07\x1b[31m"  # retitles and recolours a terminal that acts on it


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch, local_utc):
    monkeypatch.setattr(reading, "_now", lambda: NOW)
    monkeypatch.setattr(output, "interactive", lambda: False)
    monkeypatch.delenv("TRUST_TUI_PASSPHRASE_FILE", raising=False)
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)  # Sam unlocks, unless said


def run(vault_path, *argv: str) -> int:
    return cli.main([*argv, "--vault", str(vault_path)])


def write(vault: Vault, who: str, text: str, at, *, private: bool = False,
          feeling: str | None = None, kind: str = "entry") -> None:
    draft = EntryDraft(author=ids(vault)[who], kind=kind, feeling=feeling, text=text,
                       private=private)
    save_entry(vault, draft, at)


def as_alex(vault_path) -> Vault:
    return Vault.open(vault_path, ALEX_PASS)


# --- journal -------------------------------------------------------------------------------

def test_journal_lists_entries_oldest_first_with_who_when_and_feeling(vault, vault_path,
                                                                      capsys):
    write(vault, "Sam", "A quiet evening.\nIt was good.", utc(2026, 3, 2, 18, 5),
          feeling="calm")
    write(vault, "Alex", "I told the truth about the bill.", utc(2026, 3, 4, 9),
          kind="honesty")
    assert run(vault_path, "journal") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Journal: 2 entries, oldest first.",
        "",
        "2 March 2026 at 18:05, by Sam, feeling calm:",
        "  A quiet evening.",
        "  It was good.",
        "",
        "4 March 2026 at 09:00, by Alex, honesty log:",
        "  I told the truth about the bill.",
        "",
    ]


def test_journal_filters_by_days_words_and_newest_n(vault, vault_path, capsys):
    for day in range(1, 8):
        write(vault, "Sam", f"Day {day}: a walk" if day % 2 else f"Day {day}: tea",
              utc(2026, 3, day, 20))
    assert run(vault_path, "journal", "--since", "2026-03-02", "--until", "2026-03-06",
               "--contains", "WALK") == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("  ")] == [
        "  Day 3: a walk", "  Day 5: a walk"]
    assert out.startswith("Journal: 2 of 7 entries, oldest first.")
    assert run(vault_path, "journal", "-n", "2") == 0
    assert [line for line in capsys.readouterr().out.splitlines()
            if line.startswith("  ")] == ["  Day 6: tea", "  Day 7: a walk"]
    assert run(vault_path, "journal", "--contains", "nowhere") == 0
    assert capsys.readouterr().out == "None of the 7 entries match: try other dates or words.\n"


def test_private_entries_open_only_with_their_writers_passphrase(vault, vault_path, capsys):
    write(vault, "Sam", "Only mine to read.", utc(2026, 3, 3, 21), private=True,
          feeling="hurt")
    write(as_alex(vault_path), "Alex", "Alex's own private words.", utc(2026, 3, 5, 22),
          private=True)
    assert run(vault_path, "journal") == 0  # opened with Sam's passphrase
    out = capsys.readouterr().out
    assert "3 March 2026 at 21:00, by Sam, private, only you can read it, feeling hurt:" in out
    assert "  Only mine to read." in out
    assert ("A private entry by Alex, 5 March 2026 (only Alex's passphrase opens it)."
            in out.splitlines())
    assert "Alex's own private words" not in out
    assert run(vault_path, "journal", "--contains", "words") == 0
    said = capsys.readouterr().out
    assert "Alex's own private words" not in said
    assert said.splitlines()[-1] == ("Private entries by Alex are not searched: only their "
                                     "writer's passphrase opens them.")


def test_alex_reads_alexs_private_entry_and_not_sams(vault, vault_path, capsys, monkeypatch):
    write(vault, "Sam", "Sam's sealed words.", utc(2026, 3, 3, 21), private=True)
    write(as_alex(vault_path), "Alex", "Alex's own private words.", utc(2026, 3, 5, 22),
          private=True)
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", ALEX_PASS)
    assert run(vault_path, "journal") == 0
    out = capsys.readouterr().out
    assert "  Alex's own private words." in out and "Sam's sealed words" not in out
    assert "A private entry by Sam, 3 March 2026 (only Sam's passphrase opens it)." in out


def test_a_control_character_typed_in_words_or_a_name_is_never_echoed(tmp_path, capsys):
    path = tmp_path / "odd.vault"
    from trust_tui.vault import FAST_TEST_KDF

    odd = Vault.create(path, [(f"Sam{ESCAPE}", SAM_PASS), ("Alex", ALEX_PASS)],
                       kdf=FAST_TEST_KDF)
    write(odd, f"Sam{ESCAPE}", f"Title {ESCAPE}\u202eevil", utc(2026, 3, 2, 18))
    wins_store.add_card(odd, "win", f"A win {ESCAPE}", odd.me.id, at=utc(2026, 3, 2, 19))
    save_today(odd, [Answer(odd.me.id, "calm", 7)], date(2026, 3, 10), NOW)
    odd.add(rules.new_agreement(AgreementKind.EXPECTATION, f"Call me {ESCAPE}", odd.me.id,
                                now=NOW))
    for command in ("journal", "wins", "checkin", "agreements"):
        assert run(path, command) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, command
        assert "\\x1b]0;pwned\\x07" in out, command  # shown as a visible code instead


@pytest.mark.parametrize("argv, words", [
    (["--since", "2026-02-30"], "Argument --since: it takes a day as year-month-day, such as "
                                "2026-03-02, and '2026-02-30' is not one."),
    (["--until", "yesterday"], "Argument --until: it takes a day as year-month-day"),
    (["--since", "2026-03-09", "--until", "2026-03-01"], "--since 2026-03-09 comes after "
                                                         "--until 2026-03-01"),
    (["-n", "0"], "-n takes a number from 1 up"),
])
def test_bad_dates_and_counts_are_refused_in_one_sentence(vault, vault_path, capsys, argv,
                                                          words):
    assert run(vault_path, "journal", *argv) == 1  # a wrong use, as --help says
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert err.splitlines()[-1].startswith("trust-tui: ")


def test_an_empty_vault_is_said_kindly_by_every_reader(vault, vault_path, capsys):
    expected = {
        "journal": "No journal entries yet.",
        "agreements": "No expectations or boundaries written down yet.",
        "wins": "No wins, thank-yous or mini-goals yet.",
        "checkin": "No check-ins yet.",
    }
    for command, words in expected.items():
        assert run(vault_path, command) == 0
        out = capsys.readouterr().out
        assert out.startswith(words) and out.count("\n") == 1, command


# --- agreements ---------------------------------------------------------------------------

def test_agreements_say_wording_who_status_follow_through_and_next_review(vault, vault_path,
                                                                         capsys):
    sam, alex = ids(vault)["Sam"], ids(vault)["Alex"]
    both = [sam, alex]
    asked = rules.new_agreement(AgreementKind.EXPECTATION, "Text me if you will be home "
                                "after 7.", alex, now=utc(2026, 3, 1, 12), category="time")
    agreed = rules.confirm(rules.confirm(asked, sam, both, utc(2026, 3, 1, 13)), alex, both,
                           utc(2026, 3, 1, 13))
    vault.add(agreed)
    for day, kept in ((3, True), (5, False), (6, True)):
        agreements_store.log_follow_through(vault, agreed.id, by=alex, kept=kept,
                                            on=date(2026, 3, day), now=NOW,
                                            note="Forgot, said so." if not kept else "")
    draft = rules.confirm(rules.new_agreement(AgreementKind.BOUNDARY, "My phone is mine.",
                                              sam, now=NOW), sam, both, NOW)
    vault.add(draft)
    assert run(vault_path, "agreements") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Expectations: 1",
        "",
        "1. Text me if you will be home after 7.",
        "  Agreed by both on 1 March 2026. Next review: 15 March 2026.",
        "  Asked for by: Alex.",
        "  About: time.",
        "  Follow-through logged since 3 March 2026: 2 kept, 1 missed.",
        "  Since 1 Mar: 2 kept, 1 missed.",
        "  Lately:",
        "    6 March 2026: kept (noted by Alex)",
        "    5 March 2026: missed (noted by Alex): Forgot, said so.",
        "    3 March 2026: kept (noted by Alex)",
        "",
        "Boundaries: 1",
        "",
        "1. My phone is mine.",
        "  Draft, not agreed by both yet; Sam agreed; waiting for Alex.",
        "  Whose boundary: Sam.",
        "",
    ]


# --- wins ---------------------------------------------------------------------------------

def test_wins_show_the_wall_by_week_and_goals_in_words(vault, vault_path, capsys):
    sam, alex = ids(vault)["Sam"], ids(vault)["Alex"]
    wins_store.add_card(vault, "win", "We talked it through calmly.", sam,
                        at=utc(2026, 3, 9, 19))
    wins_store.add_card(vault, "thanks", "Thank you for the tea.", alex,
                        at=utc(2026, 3, 10, 8), to=sam)
    wins_store.add_card(vault, "setback", "We skipped the weekly meeting.", None,
                        at=utc(2026, 3, 4, 20))
    goal = wins_store.set_goal(vault, "A walk after work", owner=None, target=7,
                               unit="days_in_a_row", at=utc(2026, 3, 1, 9))
    for day in (7, 8, 9, 10):
        wins_store.log_step(vault, goal.id, date(2026, 3, 10), NOW, day=date(2026, 3, day)
                            if day >= 9 else None)
    assert run(vault_path, "wins") == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:6] == [
        "Wins wall, newest first.",
        "",
        "This week: 1 win, 1 thank-you.",
        "  Tue 10 Mar, a thank-you from Alex to Sam:",
        "    Thank you for the tea.",
        "  Mon 9 Mar, a win, noticed by Sam:",
    ]
    assert "Last week: 1 setback." in lines
    assert "  Wed 4 Mar, a setback, noted by both of you:" in lines
    assert lines[-4:] == ["", "Set on 1 March 2026, for both of you, aim 7 days in a row:",
                          "  A walk after work", "  2 of 7 days in a row."]
    assert "missed" not in out and "lost" not in out  # what is there, never what is not


# --- check-ins ----------------------------------------------------------------------------

def test_checkin_lists_recent_days_newest_first_and_whose_is_open(vault, vault_path, capsys):
    sam, alex = ids(vault)["Sam"], ids(vault)["Alex"]
    save_today(vault, [Answer(sam, "calm", 7), Answer(alex, None, 5)], date(2026, 3, 8),
               utc(2026, 3, 8, 20))
    save_today(vault, [Answer(sam, "hopeful", None)], date(2026, 3, 10), NOW)
    vault.add(CheckIn(partner_id=sam, on=date(2026, 1, 2), safety=3))  # long ago
    assert run(vault_path, "checkin") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Check-ins of the last 14 days, newest first (how safe each of you felt, from 1 "
        "to 10).",
        "",
        "Today's check-in is still open for Alex, whenever you are ready.",
        "10 March 2026: Sam felt hopeful.",
        "8 March 2026: Sam felt calm, how safe 7 of 10; Alex, how safe 5 of 10.",
    ]
    assert run(vault_path, "checkin", "--days", "1") == 0
    assert "8 March" not in capsys.readouterr().out
    # More days than the calendar holds: every check-in, not an unexpected stop.
    assert run(vault_path, "checkin", "--days", "800000") == 0
    assert "2 January 2026" in capsys.readouterr().out


def test_checkin_add_saves_todays_and_replaces_an_earlier_one(vault, vault_path, capsys):
    assert run(vault_path, "checkin", "--add", "--by", "alex", "--feeling", "Let  down",
               "--safety", "4") == 0
    assert capsys.readouterr().out == "Saved Alex's check-in for 10 March 2026.\n"
    assert run(vault_path, "checkin", "--add", "--by", "Alex", "--safety", "6") == 0
    assert "in place of the one given earlier today" in capsys.readouterr().out
    saved = [(c.feeling, c.safety) for c in as_alex(vault_path).all(CheckIn)]
    assert saved == [(None, 6)]


@pytest.mark.parametrize("argv, words", [
    (["--add", "--safety", "5"], "needs --by NAME"),
    (["--add", "--by", "Sam", "--safety", "11"], "from 1 to 10"),
    (["--add", "--by", "Sam", "--feeling", "meh"], "one of the app's feeling words"),
    (["--add", "--by", "Sam"], "needs --feeling WORD or --safety N"),
    (["--by", "Sam", "--safety", "5"], "go with --add"),
    (["--days", "0"], "--days takes a number from 1 up"),
])
def test_checkin_add_refuses_what_it_cannot_save(vault, vault_path, capsys, argv, words):
    assert run(vault_path, "checkin", *argv) == 1
    assert words in capsys.readouterr().err
    assert Vault.open(vault_path, SAM_PASS).all(CheckIn) == []


def test_checkin_add_for_a_name_it_does_not_know_is_refused(vault, vault_path, capsys):
    assert run(vault_path, "checkin", "--add", "--by", "Robin", "--safety", "5") == 2
    assert "Robin" in capsys.readouterr().err


def test_words_kept_unsaved_are_marked_as_a_draft(vault, vault_path, capsys):
    from trust_tui.store.journal import keep_draft

    draft = EntryDraft(author=ids(vault)["Alex"], kind="entry", feeling=None,
                       text="Half a thought", private=False)
    keep_draft(vault, draft, utc(2026, 3, 9, 23))
    assert run(vault_path, "journal") == 0
    assert ("9 March 2026 at 23:00, by Alex (a draft, not saved yet):"
            in capsys.readouterr().out.splitlines())

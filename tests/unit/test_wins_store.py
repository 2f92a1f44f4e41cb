"""The wins wall's use cases, as a couple would notice them: a card lands on the
wall, a day counts once even from two windows, reaching a goal puts one card up."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from conftest import ALEX_PASS, SAM_PASS
from trust_tui.models import MiniGoal, Setback, Win
from trust_tui.store import wins
from trust_tui.vault import Vault

UTC = timezone.utc
NOW = datetime(2026, 3, 2, 18, tzinfo=UTC)
TODAY = date(2026, 3, 2)


def two_windows(path) -> tuple[Vault, Vault]:
    """Sam's window and Alex's, on the same file."""
    return Vault.open(path, SAM_PASS), Vault.open(path, ALEX_PASS)


def people(vault: Vault) -> dict[str, str]:
    return {p.name: p.id for p in vault.partners}


def test_a_win_a_thank_you_and_a_setback_land_where_the_wall_reads_them(vault):
    ids = people(vault)
    win = wins.add_card(vault, "win", "We laughed at dinner", ids["Sam"], at=NOW)
    thanks = wins.add_card(vault, "thanks", "for the tea", ids["Alex"], to=ids["Sam"], at=NOW)
    setback = wins.add_card(vault, "setback", "I forgot our plan", ids["Sam"], at=NOW)
    assert isinstance(setback, Setback) and vault.all(Setback) == [setback]
    assert sorted(vault.all(Win), key=lambda w: w.kind) == [thanks, win]
    assert (thanks.noticed_by, thanks.to) == (ids["Alex"], ids["Sam"])
    # Only a thank-you goes to someone.
    assert wins.add_card(vault, "win", "x", ids["Sam"], to=ids["Alex"], at=NOW).to is None


def test_a_goal_is_set_in_the_couples_words(vault):
    goal = wins.set_goal(vault, "Honest about small things", owner=None, target=3,
                         unit="days_in_a_row", at=NOW)
    assert vault.get(MiniGoal, goal.id) == goal
    assert (goal.owner, goal.target, goal.progress) == (None, 3, [])


def test_two_windows_logging_the_same_day_count_it_once(vault_path, vault):
    goal = wins.set_goal(vault, "kind words", owner=None, target=7,
                         unit="days_in_a_row", at=NOW)
    sam, alex = two_windows(vault_path)
    first = wins.log_step(sam, goal.id, TODAY, NOW)
    second = wins.log_step(alex, goal.id, TODAY, NOW)
    assert (first.counted, second.counted) == (True, False)
    assert second.goal.progress == [TODAY]
    assert Vault.open(vault_path, SAM_PASS).get(MiniGoal, goal.id).progress == [TODAY]


def test_a_step_logged_in_another_window_is_kept(vault_path, vault):
    goal = wins.set_goal(vault, "kind words", owner=None, target=7,
                         unit="days_in_a_row", at=NOW)
    sam, alex = two_windows(vault_path)
    sam.all(MiniGoal)  # Sam's window has read the goal before Alex logs yesterday
    wins.log_step(alex, goal.id, TODAY - timedelta(days=1), NOW - timedelta(days=1))
    logged = wins.log_step(sam, goal.id, TODAY, NOW)
    assert logged.goal.progress == [TODAY - timedelta(days=1), TODAY]


def test_reaching_a_goal_puts_up_one_card_and_only_once(vault_path, vault):
    ids = people(vault)
    goal = wins.set_goal(vault, "one kind word", owner=ids["Alex"], target=2,
                         unit="times", at=NOW)
    sam, alex = two_windows(vault_path)
    assert not wins.log_step(sam, goal.id, TODAY, NOW).reached_now
    reached = wins.log_step(alex, goal.id, TODAY, NOW)
    assert reached.reached_now and reached.goal.reached_at == NOW
    # A reached goal counts no more ("Reached: 2 times" never sits beside 3 dates).
    more = wins.log_step(sam, goal.id, TODAY + timedelta(days=1), NOW + timedelta(days=1))
    assert not more.counted and not more.reached_now and more.why == "reached"
    assert len(Vault.open(vault_path, SAM_PASS).get(MiniGoal, goal.id).progress) == 2
    [card] = Vault.open(vault_path, SAM_PASS).all(Win)
    assert (card.kind, card.goal_id, card.noticed_by) == ("goal_reached", goal.id, ids["Alex"])
    assert card.text == "one kind word (2 times), Alex's goal"


def test_a_goal_for_both_says_so_on_its_card(vault):
    goal = wins.set_goal(vault, "a walk", owner=None, target=1, unit="times", at=NOW)
    wins.log_step(vault, goal.id, TODAY, NOW)
    [card] = vault.all(Win)
    assert card.text == "a walk (1 time), a goal for both of you"


def test_logging_a_goal_that_is_gone_changes_nothing(vault):
    with pytest.raises(KeyError):
        wins.log_step(vault, "no-such-goal", TODAY, NOW)
    assert vault.all(MiniGoal) == [] and vault.all(Win) == []


def test_a_reached_goal_and_its_card_land_together_or_not_at_all(vault, monkeypatch):
    """If the "goal reached" card cannot be written, the reach is not written either
    (no goal marked reached without its card); the next try puts up exactly one."""
    goal = wins.set_goal(vault, "A calm talk", owner=None, target=1, unit="times", at=NOW)

    def broken_card(self, *args, **kwargs):
        raise RuntimeError("the card could not be written")

    monkeypatch.setattr(Win, "model_dump", broken_card)
    with pytest.raises(RuntimeError):
        wins.log_step(vault, goal.id, TODAY, NOW)
    monkeypatch.undo()
    assert vault.get(MiniGoal, goal.id).reached_at is None
    assert [w for w in vault.all(Win) if w.kind == "goal_reached"] == []
    assert wins.log_step(vault, goal.id, TODAY, NOW).reached_now
    assert len([w for w in vault.all(Win) if w.kind == "goal_reached"]) == 1


def test_a_forgotten_day_can_be_logged_the_day_after_and_no_earlier(vault):
    goal = wins.set_goal(vault, "a walk", owner=None, target=3, unit="days_in_a_row", at=NOW)
    wins.log_step(vault, goal.id, TODAY - timedelta(days=2), NOW)
    # Yesterday was forgotten: logged today for yesterday, the run holds.
    late = wins.log_step(vault, goal.id, TODAY, NOW, day=TODAY - timedelta(days=1))
    assert late.counted
    assert wins.log_step(vault, goal.id, TODAY, NOW).reached_now
    older = wins.log_step(vault, goal.id, TODAY, NOW, day=TODAY - timedelta(days=3))
    assert not older.counted


def test_a_days_goal_counts_one_log_a_day(vault):
    goal = wins.set_goal(vault, "a walk", owner=None, target=5, unit="days_in_a_row", at=NOW)
    assert wins.log_step(vault, goal.id, TODAY, NOW).counted
    again = wins.log_step(vault, goal.id, TODAY, NOW)
    assert not again.counted and again.why == "already"
    assert vault.get(MiniGoal, goal.id).progress == [TODAY]

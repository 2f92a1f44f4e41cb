"""The wins wall: a card (a win, a thank-you, a setback noted), a mini-goal set,
and today's step logged on a goal.

Logging reads and writes the goal under the vault's lock: the other partner may
log the same goal from another window, and a day counts once. The log that first
reaches a goal also puts one "goal reached" card on the wall.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from trust_tui.domain.wins import goal_progress, log_progress, progress_words, reached_card_text
from trust_tui.models import MiniGoal, Setback, Win
from trust_tui.store.undo import Change, Undo
from trust_tui.vault import Vault

CardKind = Literal["win", "thanks", "setback"]
GoalUnit = Literal["days_in_a_row", "times"]


def add_card(vault: Vault, kind: CardKind, text: str, by: str, *, at: datetime,
             to: str | None = None) -> Win | Setback:
    """A card on the wall: a win `by` noticed, a thank-you from `by` to `to`, or a
    setback `by` noted (it stays on the record beside the wins)."""
    record: Win | Setback
    if kind == "setback":
        record = Setback(text=text, noted_by=by, created_at=at)
    else:
        record = Win(kind=kind, text=text, noticed_by=by,
                     to=to if kind == "thanks" else None, created_at=at)
    vault.add(record)
    return record


def set_goal(vault: Vault, text: str, *, owner: str | None, target: int, unit: GoalUnit,
             at: datetime) -> MiniGoal:
    """A mini-goal in the couple's words; `owner` None: a goal for both of them."""
    goal = MiniGoal(text=text, owner=owner, target=target, unit=unit, created_at=at)
    vault.add(goal)
    return goal


@dataclass(frozen=True)
class StepLogged:
    goal: MiniGoal  # as it is on disk now
    counted: bool  # False: the day was already counted (here or in another window)
    reached_now: bool  # this step reached the goal for the first time: a card is up
    why: str | None = None  # why it was not counted (domain.wins: ALREADY, REACHED, ...)


def log_step(vault: Vault, goal_id: str, today: date, now: datetime,
             day: date | None = None) -> StepLogged:
    """Today's step on a goal, counted on the latest file under the lock. A day a
    days-in-a-row goal already has is not written again; a first reach adds one
    "goal reached" card (noticed by whoever logged it)."""
    with vault.transaction():
        goal = vault.get(MiniGoal, goal_id)
        if goal is None:
            raise KeyError(goal_id)
        logged = log_progress(goal, today, day)
        if not logged.counted:
            return StepLogged(goal, counted=False, reached_now=False, why=logged.why)
        update: dict[str, object] = {"progress": logged.progress}
        if logged.reached_now:
            update["reached_at"] = now
        goal = goal.model_copy(update=update)
        changed: list[MiniGoal | Win] = [goal]
        if logged.reached_now:
            text = f"{reached_card_text(goal)}, {whose(vault, goal)}"
            changed.append(Win(kind="goal_reached", text=text, noticed_by=vault.me.id,
                               goal_id=goal.id, created_at=now))
        vault.put_many(changed)  # the step and its card land together, or neither
        return StepLogged(goal, counted=True, reached_now=logged.reached_now)


def whose(vault: Vault, goal: MiniGoal) -> str:
    if goal.owner is None:
        return "a goal for both of you"
    return f"{vault.name_of(goal.owner)}'s goal"


# --- changing and taking off: each answers with how to undo it ---------------------------

GONE = "That one is no longer on the wall, so nothing was changed."


def card_model(kind: str) -> type[Win] | type[Setback]:
    return Setback if kind == "setback" else Win


def change_card(vault: Vault, kind: str, record_id: str, text: str, by: str,
                to: str | None = None) -> Change:
    """New words (and who) on a card, on the latest stored one."""
    model = card_model(kind)
    with vault.transaction():
        before = vault.get(model, record_id)
        if before is None:
            return Change(None, problem=GONE)
        update: dict[str, object] = {"text": text}
        if isinstance(before, Setback):
            update["noted_by"] = by
        else:
            update["noticed_by"] = by
            if before.kind == "thanks":
                update["to"] = to
        after = before.model_copy(update=update)
        vault.put(after)
    return Change(after, Undo(restore=((before, after),)))


def remove_card(vault: Vault, kind: str, record_id: str) -> Change:
    """Take a card off the wall (ctrl+z puts it back)."""
    return _removed(vault, card_model(kind), record_id)


def change_goal(vault: Vault, goal_id: str, text: str, *, owner: str | None, target: int,
                unit: GoalUnit) -> Change:
    """New words, owner or target for a goal; the days logged stay."""
    with vault.transaction():
        before = vault.get(MiniGoal, goal_id)
        if before is None:
            return Change(None, problem=GONE)
        after = before.model_copy(update={"text": text, "owner": owner, "target": target,
                                          "unit": unit})
        vault.put(after)
    return Change(after, Undo(restore=((before, after),)))


def remove_goal(vault: Vault, goal_id: str) -> Change:
    return _removed(vault, MiniGoal, goal_id)


def _removed(vault: Vault, model: type[Win] | type[Setback] | type[MiniGoal],
             record_id: str) -> Change:
    with vault.transaction():
        before = vault.get(model, record_id)
        if before is None:
            return Change(None, problem=GONE)
        vault.remove(model, record_id)
    return Change(before, Undo(add_back=(before,)))


def added(record: Win | Setback | MiniGoal) -> Undo:
    """How to take back a card or goal just added."""
    return Undo(remove=(record,))


def due_lines(vault: Vault, today: date) -> list[str]:
    """Home's gentle reminder: goals under way whose today is not logged yet (here,
    not in the wins screens, so home imports none of them: issue 17)."""
    lines = []
    for goal in vault.all(MiniGoal):
        p = goal_progress(goal, today)
        if not p.reached and not p.counted_today and goal.progress:
            lines.append(f"Mini-goal: {goal.text}, {progress_words(p)} (w)")
    return lines[:2]

"""A ritual (weekly meeting, setback) kept as it goes and finished once.

A run under way is saved after each step, so a lock or a crash loses at most a
step, and it can be continued later. Finishing writes the run with what its
marked notes became (thank-yous, mini-goals, draft expectations, a setback)
and the reviews chosen. Two windows may end the same ritual: the setback is
recorded once, and the later one keeps the other's notes beside its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from trust_tui.domain import agreements as agreement_rules
from trust_tui.domain.agreements import Outcome
from trust_tui.domain.break_clock import open_break
from trust_tui.domain.clock import Clock
from trust_tui.domain.rituals import SETBACK, WEEKLY, weekly_due
from trust_tui.domain.shared_ritual import merge_run
from trust_tui.models import Agreement, Record, RitualRun, Setback
from trust_tui.store import talks
from trust_tui.vault import Vault

RITUAL_NAMES = {WEEKLY: "Weekly meeting", SETBACK: "Talking through a setback"}


def unfinished(vault: Vault) -> RitualRun | None:
    """The newest ritual left under way (by a lock, a crash or a closed terminal)."""
    runs = vault.all_where(RitualRun, lambda r: r.in_progress and r.ritual in RITUAL_NAMES)
    return max(runs, key=lambda r: r.started_at, default=None)


def break_under_way(vault: Vault, clock: Clock) -> RitualRun | None:
    """The ritual under way with a break open, on a step or in its floor's talk."""
    run = unfinished(vault)
    if run is None:
        return None
    partners = tuple(p.id for p in vault.partners[:2])
    floor = talks.under_way(vault, ritual_id=run.id)
    for events in (run.events, floor.events if floor is not None else []):
        if open_break(clock, partners, events) is not None:
            return run
    return None


def keep_progress(vault: Vault, run: RitualRun, seen: RitualRun | None = None) -> RitualRun:
    """Save a ritual under way, unless it has ended meanwhile (a late save of the
    progress must never bring an ended ritual back). `seen` is the copy kept this
    app last saw: another app's moves made since are merged with this copy's
    (domain/shared_ritual.py). Returns what is kept (the app adopts it)."""
    with vault.transaction():
        current = vault.get(RitualRun, run.id)
        if current is None or current.in_progress:
            if current is not None:
                run = merge_run(current, run, seen)
            vault.put(run)
            return run
        return current


def keep_their_notes(run: RitualRun, theirs: RitualRun) -> None:
    """Notes the other window wrote that this one never saw join this run."""
    ours = {step.step: step for step in run.steps}
    for step in theirs.steps:
        mine = ours.get(step.step)
        if mine is None:
            run.steps.append(step)
            continue
        have = {(n.by, n.text, n.item) for n in mine.notes}
        mine.notes.extend(n for n in step.notes if (n.by, n.text, n.item) not in have)


def finish(vault: Vault, run: RitualRun, records: Sequence[Record],
           reviews: Mapping[str, tuple[Outcome, str]], *, by: str, now: datetime) -> RitualRun:
    """The ended run, the records its marked notes became, and each review chosen
    (agreement id -> (outcome, note)). Safe to run again after a failed try: the
    same ids, and a review already recorded at `now` is not recorded twice."""
    ended = run.model_copy(deep=True)
    with vault.transaction():
        fresh = list(records)
        current = vault.get(RitualRun, ended.id)
        if (current is not None and not current.in_progress and current.setback_id
                and current.setback_id != ended.setback_id):
            # Ended in another window, which recorded the setback already: this
            # one adds its notes to theirs, never a second setback.
            ended.setback_id = current.setback_id
            fresh = [r for r in fresh if not isinstance(r, Setback)]
            keep_their_notes(ended, current)
        vault.put(ended)  # over the copy saved as it went
        vault.add_many(fresh, skip_existing=True)
    for agreement_id, (outcome, note) in reviews.items():
        try:
            vault.update(Agreement, agreement_id, _reviewing(outcome, note, by=by, now=now))
        except (KeyError, agreement_rules.AgreementRuleError):
            pass  # edited or removed meanwhile: the meeting's notes still hold it
    return ended


def _reviewing(outcome: Outcome, note: str, *, by: str,
               now: datetime) -> Callable[[Agreement], Agreement | None]:
    def reviewed(agreement: Agreement) -> Agreement | None:
        if any(r.at == now for r in agreement.reviews):
            return None  # already recorded by an earlier try
        return agreement_rules.review(agreement, working={}, outcome=outcome, now=now,
                                      by=by, note=note)

    return reviewed


def kept(vault: Vault, run_id: str) -> RitualRun | None:
    """The run as the vault holds it now (another app may have moved it)."""
    return vault.get(RitualRun, run_id)


def due_rituals(vault: Vault, today: date) -> list[str]:
    """Home's gentle lines: a ritual left under way, and when a weekly meeting is due
    (here, not in the rituals screens, so home imports none of them: issue 17)."""
    lines = []
    run = unfinished(vault)
    if run is not None:
        lines.append(f"{under_way(run)}: still open (r)")
    # Only the weekly ones are kept as models (home asks at every visit: issue 17).
    line = weekly_due(vault.all_where(RitualRun, lambda r: r.ritual == WEEKLY), today)
    return lines + ([line] if line else [])


def started_words(run: RitualRun) -> str:
    """E.g. 'Weekly meeting from Mon 02 Mar'."""
    return f"{RITUAL_NAMES.get(run.ritual, run.ritual)} from {run.started_at.astimezone():%a %d %b}"


def under_way(run: RitualRun) -> str:
    """E.g. 'Weekly meeting from Mon 02 Mar, left at step 3 of 6'."""
    keys = [s.step for s in run.steps]
    at = keys.index(run.at_step) + 1 if run.at_step in keys else 1
    return f"{started_words(run)}, left at step {at} of {len(keys)}"

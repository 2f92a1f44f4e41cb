"""What a ritual's end becomes: records from the marked notes, the setback, the
reviews chosen, and the few lines the couple reads at the end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from trust_tui.domain import agreements as agreement_rules
from trust_tui.domain import rituals
from trust_tui.domain.agreements import Outcome
from trust_tui.domain.flow import Ritual
from trust_tui.models import AgreementKind, MiniGoal, Record, RitualRun, Setback, Win
from trust_tui.screens.rituals.notes import EXPECTATION, GOAL, THANKS
from trust_tui.widgets.limits import limit_of, shortened


@dataclass
class Ending:
    """The ended run and everything it becomes (for `store.rituals.finish`)."""

    run: RitualRun
    now: datetime  # when it ended (a second try records its reviews at the same moment)
    records: list[Record] = field(default_factory=list)
    reviews: dict[str, tuple[Outcome, str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {THANKS: 0, GOAL: 0,
                                                            EXPECTATION: 0})


def ending(ritual: Ritual, run: RitualRun, marks: Mapping[tuple[str, int], str],
           outcomes: Mapping[str, str], *, linked: str | None,
           other: Mapping[str, str | None], me: str, now: datetime) -> Ending:
    """`other` maps a partner id to the other partner (a thank-you goes to them)."""
    end = Ending(run, now)
    for (step_key, index), mark in sorted(marks.items()):
        notes = run.steps[[s.step for s in run.steps].index(step_key)].notes
        if index >= len(notes):
            continue
        note = notes[index]
        by = note.by or me
        if mark == THANKS:
            end.records.append(Win(kind="thanks", text=note.text, noticed_by=by,
                                   to=other.get(by), created_at=now))
        elif mark == GOAL:
            # Marked "…" if it had to be shortened; the meeting keeps the whole note.
            end.records.append(MiniGoal(text=shortened(note.text, limit_of(MiniGoal, "text")),
                                        owner=note.by, created_at=now))
        else:
            end.records.append(agreement_rules.new_agreement(
                AgreementKind.EXPECTATION, note.text, by, now=now))
        end.counts[mark] += 1
    if ritual.key == rituals.SETBACK:
        what = [n for s in run.steps if s.step == "what" for n in s.notes]
        if what:
            # One author when only one of you wrote it; a "Both of you" note, or
            # notes from each, are the couple's (None reads "both of you").
            authors = {n.by for n in what}
            noted_by = authors.pop() if len(authors) == 1 else None
            setback = Setback(text=shortened("\n".join(n.text for n in what),
                                             limit_of(Setback, "text")),
                              noted_by=noted_by, agreement_id=linked,
                              talked_through_id=run.id, created_at=now)
            end.records.append(setback)
            run.setback_id = setback.id
        run.agreement_id = linked
    for key, outcome in outcomes.items():
        # A review's note holds everything said about it.
        note = "; ".join(n.text for s in run.steps if s.step == "reviews"
                         for n in s.notes if n.item == key)
        end.reviews[key] = (outcome, note)  # type: ignore[assignment]
    return end


def summary_lines(ritual: Ritual, end: Ending) -> list[str]:
    run, counts = end.run, end.counts
    done = [s for s in run.steps if not s.skipped]
    left_out = [s for s in run.steps if s.skipped]
    lines = [f"Steps taken: {len(done)} of {len(run.steps)}."]
    if left_out:
        titles = ", ".join(ritual.step(s.step).title for s in left_out)
        lines.append(f"Left out: {titles}. That is fine.")
    if run.breaks:
        lines.append(f"Breaks: {len(run.breaks)}. Taking one is part of doing this well.")
    if counts[THANKS]:
        thanks = counts[THANKS]
        lines.append(f"On the wins wall: {thanks} thank-you{'' if thanks == 1 else 's'}.")
    if counts[GOAL]:
        lines.append(f"New mini-goals: {counts[GOAL]}.")
    if counts[EXPECTATION]:
        lines.append(f"Draft expectations: {counts[EXPECTATION]}, waiting in "
                     "Expectations for both of you to agree.")
    if end.reviews:
        lines.append(f"Reviews recorded: {len(end.reviews)}.")
    if run.setback_id:
        lines.append("The setback is on the record, as a normal part of rebuilding.")
    return lines

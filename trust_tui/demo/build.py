"""The sample couple's records, built through the same rules the app uses.

An agreement is made, confirmed by each of them and reviewed (domain.agreements);
follow-through is logged with the same rule (domain.follow_through); a talk goes
turn by turn across the floor, with the feeling, the saying back and "that's it"
(domain.floor); a weekly meeting runs step by step through the flow engine
(domain.flow); a mini-goal's progress is logged day by day (domain.wins). A sample
clock stands in for the wall clock, so nothing waits and the same seed always tells
the same story.

Each record's id is drawn from the seed at the moment the first version of this
generator drew it, so a seed keeps giving the same couple it always gave. Review
dates are counted on the local calendar by the agreement rules, as the app counts
them; the story's own schedule (and so every other record) does not depend on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TypeVar

from trust_tui.demo.story import (
    APOLOGIES,
    BOUNDARIES,
    CONCERNS,
    DETAILS,
    EARLY_FEELINGS_ELI,
    EARLY_FEELINGS_NOOR,
    EXPECTATIONS,
    FOLLOW_NOTES,
    GOALS,
    HARD_DAY_FEELINGS,
    HEARD_FROM_ELI,
    HEARD_FROM_NOOR,
    HEAVY_CLOSINGS,
    HEAVY_OPENINGS,
    HONESTY,
    LATE_FEELINGS,
    LIGHT_CLOSINGS,
    LIGHT_OPENINGS,
    MIDDLE_FEELINGS,
    NEXT_STEPS,
    OWNING_FEELINGS,
    REFINEMENTS,
    RITUAL_NOTES,
    SAMPLE_NAMES,
    SETBACKS,
    SLIPS,
    THANKS,
    WINS,
)
from trust_tui.domain import agreements as rules
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import Floor
from trust_tui.domain.flow import Flow
from trust_tui.domain.follow_through import log_follow_through
from trust_tui.domain.journal import private_payload
from trust_tui.domain.prompts import TOPIC_ORDER
from trust_tui.domain.rituals import weekly
from trust_tui.domain.wins import log_progress, reached_card_text
from trust_tui.models import (
    Agreement,
    AgreementKind,
    BreakTaken,
    CheckIn,
    JournalEntry,
    MiniGoal,
    RaisedConcern,
    Record,
    SealedText,
    Setback,
    TalkSession,
    Win,
)

JOURNAL_CHANCE = 0.55  # each partner, each day: about 400 entries a year
PRIVATE_CHANCE = 0.03  # of Noor's entries, when sealing is possible
TURN_MINUTES = 3
BREAK_SECONDS = 20 * 60

Seal = Callable[[str], SealedText]
R = TypeVar("R", bound=Record)


@dataclass
class _Couple:
    noor: str
    eli: str

    def both(self) -> tuple[str, str]:
        return self.noor, self.eli

    def other(self, partner_id: str) -> str:
        return self.eli if partner_id == self.noor else self.noor


def _stamped(record: R, record_id: str, created_at: datetime | None = None) -> R:
    """The record with the sample's own id (and moment), drawn from the seed."""
    record.id = record_id
    if created_at is not None:
        record.created_at = created_at
    return record


class Sample:
    def __init__(self, noor_id: str, eli_id: str, years: int, seed: int, end: date,
                 seal: Seal | None) -> None:
        self.rng = random.Random(f"trust-tui demo {seed}")
        self.couple = _Couple(noor_id, eli_id)
        self.end = end
        self.days = 365 * years
        self.start = end - timedelta(days=self.days - 1)
        self.seal = seal
        self.records: list[Record] = []
        self.setback_days: list[date] = []

    # small helpers

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def at(self, day: date, hour: int, minute: int | None = None) -> datetime:
        minute = self.rng.randrange(60) if minute is None else minute
        return datetime.combine(day, time(hour, minute), tzinfo=timezone.utc)

    def calm(self, day: date) -> float:
        """0 at the start, 1 after about ten months: how settled things are."""
        return min(1.0, (day - self.start).days / 300)

    def wobble(self, day: date) -> int:
        """A dip in the days after a setback (setbacks are normal)."""
        return -2 if any(0 <= (day - s).days < 10 for s in self.setback_days) else 0

    def early(self, partner: str) -> tuple[str, ...]:
        return EARLY_FEELINGS_NOOR if partner == self.couple.noor else EARLY_FEELINGS_ELI

    def feeling(self, day: date, partner: str) -> str:
        c = self.calm(day)
        pool = self.early(partner) if c < 0.3 else MIDDLE_FEELINGS if c < 0.7 else LATE_FEELINGS
        if self.wobble(day):
            pool = MIDDLE_FEELINGS
        return self.rng.choice(pool)

    def safety(self, day: date) -> int:
        base = 3 + 5 * self.calm(day) + self.wobble(day) + self.rng.uniform(-1.2, 1.2)
        return max(1, min(10, round(base)))

    def add(self, record: R) -> R:
        self.records.append(record)
        return record

    def day(self, offset: int) -> date:
        return self.start + timedelta(days=offset)

    # the parts, oldest first

    def build(self) -> list[Record]:
        self.setbacks()  # first: later parts dip around them
        agreements = self.agreements()
        self.follow_through(agreements)
        self.concerns([a for a in agreements if a.kind == AgreementKind.BOUNDARY])
        self.talks()
        self.wins_and_thanks()
        self.goals()
        self.rituals()
        self.check_ins()
        self.journal()
        self.records.sort(key=lambda r: (r.created_at, r.id))
        return self.records

    def setbacks(self) -> None:
        for year in range(self.days // 365):
            for _ in range(4):
                offset = year * 365 + self.rng.randrange(20, 360)
                day = self.day(min(offset, self.days - 1))
                self.setback_days.append(day)
                self.add(Setback(id=self.new_id(), created_at=self.at(day, 21),
                                 text=self.rng.choice(SETBACKS),
                                 noted_by=self.rng.choice(self.couple.both())))

    def agreements(self) -> list[Agreement]:
        made: list[Agreement] = []
        plan = [(AgreementKind.EXPECTATION, e) for e in EXPECTATIONS] + \
               [(AgreementKind.BOUNDARY, b) for b in BOUNDARIES]
        self.rng.shuffle(plan)
        years = self.days // 365
        for index, (kind, (wording, category, by_noor)) in enumerate(plan):
            # Most in the first months; the rest spread over the later years.
            if index < 9 or years == 1:
                offset = 7 + index * self.rng.randrange(8, 30)
            else:
                offset = self.rng.randrange(365, self.days - 30)
            offset = min(offset, self.days - 10)
            made.append(self.agreement(kind, wording, category, by_noor, self.day(offset)))
        return made

    def agreed_by_both(self, agreement: Agreement, now: datetime) -> Agreement:
        both = self.couple.both()
        for partner in both:  # each of them confirms it, in their own words' name
            agreement = rules.confirm(agreement, partner, both, now)
        return agreement

    def agreement(self, kind: AgreementKind, wording: str, category: str, by_noor: bool,
                  day: date) -> Agreement:
        asker = self.couple.noor if by_noor else self.couple.eli
        agreed = self.at(day, 20)
        made = rules.new_agreement(kind, wording, asker, now=agreed - timedelta(minutes=30),
                                   category=category)
        made = self.agreed_by_both(made, agreed)
        # Reviewed every two weeks, then monthly once it has held four times.
        every = rules.DEFAULT_REVIEW_DAYS
        review_day = day + timedelta(days=every)
        while review_day < self.end:
            at = self.at(review_day, 19)
            if made.wording in REFINEMENTS and not made.history:
                note = "Made it a little more exact."
                working = self.working()
                made = rules.review(made, working=working, outcome="adjust", now=at, by=asker,
                                    note=note, new_wording=REFINEMENTS[made.wording])
                made = self.agreed_by_both(made, at)  # new words: both agree again
            else:
                working = self.working()
                if all(working.values()):
                    note = self.rng.choice(("", "", "Working for both of us.",
                                            "Easier than at first.", "Still matters."))
                    made = rules.review(made, working=working, outcome="keep", now=at,
                                        by=asker, note=note)
                else:
                    # Not yet working for one of them: the same words, looked at sooner.
                    made = rules.review(made, working=working, outcome="adjust", now=at,
                                        by=asker, note="Not there yet; we talked it through.")
                    made = self.agreed_by_both(made, at)
            if len(made.reviews) >= 4 and every != 30:
                every = 30  # checked less often once it holds
                made = rules.edit(made, by=asker, now=at, review_every_days=every)
            review_day += timedelta(days=every)
        return self.add(_stamped(made, self.new_id()))

    def working(self) -> dict[str, bool]:
        return {p: self.rng.random() < 0.85 for p in self.couple.both()}

    def follow_through(self, agreements: list[Agreement]) -> None:
        expectations = [a for a in agreements if a.kind == AgreementKind.EXPECTATION]
        for _ in range(30 * self.days // 365):
            day = self.day(self.rng.randrange(self.days))
            # Agreed that evening, half an hour after it was first written down.
            live = [a for a in expectations if a.created_at.date() <= day]
            if not live:
                continue
            agreement = self.rng.choice(live)
            kept = self.rng.random() < 0.78 + 0.17 * self.calm(day)
            record_id, now = self.new_id(), self.at(day, 22)
            entry = log_follow_through(
                agreement, by=self.couple.other(agreement.asked_by), kept=kept, on=day,
                now=now, note=self.rng.choice(FOLLOW_NOTES[kept]))
            self.add(_stamped(entry, record_id))

    def concerns(self, boundaries: list[Agreement]) -> None:
        for year in range(self.days // 365):
            for _ in range(2):
                day = self.day(year * 365 + self.rng.randrange(30, 360))
                about = self.rng.choice(boundaries) if boundaries else None
                self.add(RaisedConcern(
                    id=self.new_id(), created_at=self.at(day, 20),
                    by=self.rng.choice(self.couple.both()), text=self.rng.choice(CONCERNS),
                    agreement_id=about.id if about else None,
                    addressed=day < self.end - timedelta(days=14)))

    def talks(self) -> None:
        offset = 2
        while offset < self.days:
            day = self.day(offset)
            self.add(self.talk(day, offset))
            # Weekly in the first two months, then every two weeks or so.
            offset += 7 if offset < 60 else self.rng.randrange(11, 18)

    def talk(self, day: date, offset: int) -> TalkSession:
        first = self.couple.noor if self.rng.random() < 0.6 else self.couple.eli
        topic = (TOPIC_ORDER[min(offset // 14, 2)] if offset < 42
                 else self.rng.choice(TOPIC_ORDER))
        clock = FakeClock(self.at(day, 19), mono=0.0)
        floor = Floor.begin(clock, topic_key=topic, turn_minutes=TURN_MINUTES,
                            first_speaker_id=first, partners=self.couple.both())
        took_a_break = False
        for _ in range(self.rng.randrange(4, 9)):
            speaker = floor.speaker_id
            spoken = float(self.rng.randrange(60, 181))
            floor.set_feeling(self.feeling(day, speaker), self.rng.randrange(2, 9))
            heard = self.rng.choice(HEARD_FROM_NOOR if speaker == self.couple.noor
                                    else HEARD_FROM_ELI)
            attempts = self.rng.choice((1, 1, 1, 2))
            floor.start_speaking()
            clock.advance(spoken)
            floor.end_turn()
            for attempt in range(1, attempts + 1):
                floor.paraphrased(heard)
                if attempt < attempts:
                    floor.try_again()
            floor.confirm()  # "that's it": the floor passes
            clock.advance(self.rng.randrange(30, 90))
            if self.rng.random() < 0.25 - 0.18 * self.calm(day) and not took_a_break:
                actual = float(self.rng.randrange(1200, 1900))
                floor.add_break(BreakTaken(called_by=self.rng.choice(self.couple.both()),
                                           called_at=clock.now(), planned_seconds=BREAK_SECONDS,
                                           actual_seconds=actual))
                clock.advance(actual)
                took_a_break = True
        talk = floor.end()
        for partner in self.couple.both():
            floor.check_in(partner, self.safety(day))
        talk.next_steps = self.rng.sample(NEXT_STEPS, self.rng.randrange(1, 3))
        return _stamped(talk, self.new_id(), created_at=talk.started_at)

    def dealt(self, phrases: Sequence[str], count: int) -> list[str]:
        """`count` phrases dealt from shuffled decks: none comes twice until every
        one has come once (one thank-you is not said on two dates in a row of weeks)."""
        out: list[str] = []
        while len(out) < count:
            deck = list(phrases)
            self.rng.shuffle(deck)
            out += deck
        return out[:count]

    def wins_and_thanks(self) -> None:
        for text in self.dealt(WINS, 20 * self.days // 365):
            day = self.day(self.rng.randrange(5, self.days))
            self.add(Win(id=self.new_id(), created_at=self.at(day, 21), text=text,
                         noticed_by=self.rng.choice(self.couple.both())))
        for text in self.dealt(THANKS, 12 * self.days // 365):
            day = self.day(self.rng.randrange(5, self.days))
            by = self.rng.choice(self.couple.both())
            self.add(Win(id=self.new_id(), created_at=self.at(day, 21), kind="thanks",
                         text=text, noticed_by=by, to=self.couple.other(by)))

    def goals(self) -> None:
        count = 4 * self.days // 365
        for n in range(count):
            text, unit, target = GOALS[n % len(GOALS)]
            start_offset = self.rng.randrange(20, self.days - 3)
            if n == count - 1:
                start_offset = self.days - 4  # one still under way, to log today
                unit, target = "days_in_a_row", 7
            set_on = self.day(start_offset)
            owner = self.rng.choice((None, None, *self.couple.both()))
            goal = MiniGoal(text=text, owner=owner, target=target, unit=unit)  # type: ignore[arg-type]
            day = set_on
            while day <= self.end and goal.reached_at is None:
                logged = log_progress(goal, day)  # one key press a day
                goal.progress = logged.progress
                if logged.reached_now:
                    goal.reached_at = self.at(day, 21, 30)
                day += timedelta(days=1 if unit == "days_in_a_row"
                                 else self.rng.randrange(1, 5))
            self.add(_stamped(goal, self.new_id(), created_at=self.at(set_on, 20)))
            if goal.reached_at is not None:
                whose = "a goal for both of you" if owner is None else (
                    f"{SAMPLE_NAMES[0] if owner == self.couple.noor else SAMPLE_NAMES[1]}'s goal")
                self.add(Win(id=self.new_id(), created_at=goal.reached_at, kind="goal_reached",
                             text=f"{reached_card_text(goal)}, {whose}",
                             noticed_by=owner or self.couple.noor, goal_id=goal.id))

    def rituals(self) -> None:
        for _ in range(10 * self.days // 365):
            day = self.day(self.rng.randrange(14, self.days))
            clock = FakeClock(self.at(day, 18), mono=0.0)
            meeting = Flow(weekly(), clock, self.couple.both())
            while meeting.step is not None:
                if self.rng.random() < 0.6:
                    by = self.rng.choice((None, *self.couple.both()))  # None: both of them
                    meeting.add_note(self.rng.choice(RITUAL_NOTES[meeting.step.key]), by=by)
                clock.advance(float(self.rng.randrange(180, 900)))
                meeting.next()
            meeting.run_id = self.new_id()
            self.add(meeting.finish())

    def check_ins(self) -> None:
        # Each of them, once a week, on Sunday.
        day = self.start + timedelta(days=(6 - self.start.weekday()) % 7)
        while day <= self.end:
            for partner in self.couple.both():
                safety = self.safety(day)
                pool = (self.early(partner) if safety <= 4 else MIDDLE_FEELINGS if safety <= 6
                        else LATE_FEELINGS)
                self.add(CheckIn(id=self.new_id(), created_at=self.at(day, 20),
                                 partner_id=partner, on=day, feeling=self.rng.choice(pool),
                                 safety=safety))
            day += timedelta(days=7)

    def journal(self) -> None:
        for offset in range(self.days):
            day = self.day(offset)
            for author in self.couple.both():
                if self.rng.random() < JOURNAL_CHANCE:
                    self.add(self.entry(day, author))

    def entry(self, day: date, author: str) -> JournalEntry:
        roll = self.rng.random()
        if roll < 0.70:
            kind = "entry"
            # The words and the feeling word go together: a heavy day reads heavy.
            heavy = self.rng.random() > self.calm(day) + self.wobble(day) / 10
            if heavy:
                feeling = self.rng.choice(self.early(author) if self.calm(day) < 0.5
                                          else HARD_DAY_FEELINGS)
                parts = [self.rng.choice(HEAVY_OPENINGS), self.rng.choice(DETAILS),
                         self.rng.choice(HEAVY_CLOSINGS)]
            else:
                feeling = self.rng.choice(LATE_FEELINGS)
                parts = [self.rng.choice(LIGHT_OPENINGS), self.rng.choice(DETAILS),
                         self.rng.choice(LIGHT_CLOSINGS)]
            text = " ".join(p for p in parts if p)
            if self.rng.random() < 0.15:  # some run to a second paragraph
                text += "\n\n" + self.rng.choice(DETAILS)
        elif roll < 0.86:
            feeling = self.rng.choice(OWNING_FEELINGS)
            kind, text = "honesty", self.rng.choice(HONESTY)
        elif roll < 0.96:
            feeling = self.rng.choice(OWNING_FEELINGS)
            kind, text = "slip", self.rng.choice(SLIPS)
        else:
            feeling = self.rng.choice(OWNING_FEELINGS)
            kind, text = "apology", self.rng.choice(APOLOGIES)
        created = self.at(day, self.rng.randrange(18, 23))
        # Drawn every time, so the rest of the sample is the same with or without sealing.
        private_roll = self.rng.random()
        private = (self.seal is not None and author == self.couple.noor
                   and kind == "entry" and private_roll < PRIVATE_CHANCE)
        if private:
            assert self.seal is not None
            return JournalEntry(id=self.new_id(), created_at=created, author=author,
                                kind="entry", private=True,
                                sealed=self.seal(private_payload(text, feeling)))
        return JournalEntry(id=self.new_id(), created_at=created, author=author, kind=kind,  # type: ignore[arg-type]
                            feeling=feeling, text=text)

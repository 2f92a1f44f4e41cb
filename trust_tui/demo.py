"""A sample couple, Noor and Eli, with years of plausible records of every kind.

Newcomers use it to look around without typing their own secrets; the
benchmarks use it for realistic sizes (about 400 journal entries and 200 other
records a year). Generated here, no network; the same seed and end day give the
same records (ids included). Every record is built first, then saved in one write.

Their story: Eli kept a debt hidden for a year and Noor found out from a letter.
They are rebuilding, slowly, with the ordinary ups and downs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from trust_tui.domain.journal import private_payload
from trust_tui.domain.prompts import TOPIC_ORDER
from trust_tui.models import (
    Agreement,
    AgreementEdit,
    AgreementKind,
    AgreementReview,
    AgreementStatus,
    BreakTaken,
    CheckIn,
    FollowThrough,
    JournalEntry,
    MiniGoal,
    Partner,
    RaisedConcern,
    Record,
    RitualNote,
    RitualRun,
    RitualStepResult,
    SafetyCheckIn,
    SealedText,
    Setback,
    TalkSession,
    Turn,
    Win,
)
from trust_tui.vault import KdfParams, Vault

SAMPLE_NAMES = ("Noor", "Eli")
# Printed by `trust-tui demo`: sample data, nobody's secret.
SAMPLE_PASSPHRASES = ("noor-sample-passphrase", "eli-sample-passphrase")
DEFAULT_SEED = 6

JOURNAL_CHANCE = 0.55  # each partner, each day: about 400 entries a year
PRIVATE_CHANCE = 0.03  # of Noor's entries, when sealing is possible


# --- the words ------------------------------------------------------------------------

HEAVY_OPENINGS = (
    "Hard day today.",
    "I keep going back to the letter.",
    "Woke up at four again and couldn't stop thinking.",
    "Still raw after last night's talk.",
    "I wanted to write this down before it fades.",
    "Some days the whole thing feels very close.",
    "Quiet evening, a bit heavy.",
    "I noticed I was checking the post again.",
    "Today was mostly all right, with a dip in the afternoon.",
    "It took me a while to get going this morning.",
)
LIGHT_OPENINGS = (
    "Good day, mostly.",
    "A calm evening, for a change.",
    "Ordinary day, which is its own kind of good.",
    "Busy at work, easy at home.",
    "Something small made me smile today.",
    "Slept well for once.",
    "I feel lighter than I did a month ago.",
    "Nothing big to report, and that is fine.",
    "We laughed a lot at dinner.",
    "A slow Sunday.",
    "Rain all day; we stayed in.",
    "Long walk after work, clears my head every time.",
)
DETAILS = (
    "The train was late both ways, so I read most of my book.",
    "We made the lentil soup from your grandmother's recipe.",
    "Work was mostly meetings; the new project starts next month.",
    "I called my sister and we talked for an hour.",
    "The plants on the balcony are finally coming back.",
    "We went through the bills together after dinner and it was fine.",
    "I finished the shelf in the hallway.",
    "Picked up the bike from the repair shop.",
    "We watched the second half of that documentary.",
    "I managed a run before work.",
    "Lunch with a colleague who is moving to Lisbon.",
    "The neighbours' cat came in through the window again.",
    "We planned the weekend at the lake.",
    "I cooked, you washed up, we both sat outside after.",
    "Spent the evening sorting old photos.",
    "I told my friend a little about what we are working on.",
    "The car needs new tyres; we agreed to look together on Saturday.",
    "We tried the new bakery on the corner.",
    "I worked late and texted when I left, like we said.",
    "Your mum rang and we had a good chat.",
    "We did the weekly shop together and stuck to the list.",
    "I stayed off my phone all evening and noticed the difference.",
    "Made a start on the tax papers; less scary than I thought.",
    "We talked about maybe getting a dog next year.",
    "I fixed the dripping tap, finally.",
    "Walked to the river and back at sunset.",
    "We played cards until late.",
    "Dentist in the morning, all fine.",
)
HEAVY_CLOSINGS = (
    "Tomorrow is another go.",
    "Writing it down helps.",
    "I'll bring it up at the weekly meeting.",
    "Going to bed early.",
    "One day at a time.",
    "I could have said more; maybe tomorrow.",
    "",
)
LIGHT_CLOSINGS = (
    "I'm glad we are doing this.",
    "I want to remember that this was an easy one.",
    "It felt good to be honest about it.",
    "I noticed I trusted what you said without checking.",
    "That's all for today.",
    "I'm proud of us for this week.",
    "",
)
HONESTY = (
    "Spent 14 on a book at the station; I hadn't planned to.",
    "Had a coffee with Priya from work; we talked about her move.",
    "I checked the old bank app out of habit. Nothing new in there.",
    "I was twenty minutes later than I said because I stopped at the shop.",
    "I bought lunch out three times this week instead of once.",
    "Mum asked how we are; I said we are working on things and left it there.",
    "I felt irritated at dinner and didn't say so. It was about work, not you.",
    "I skipped the gym and went for a drink with Sam instead.",
    "I lent Tom 30 until Friday.",
    "I had a letter from the bank: just the new card, nothing else. It's on the desk.",
    "I was tempted to order the headphones and decided to ask first.",
    "I told a colleague we had a rough year. I didn't go into detail.",
    "I forgot to water the plants and blamed the heat. It was me.",
    "I looked at flights for your birthday; that's why the tab was open.",
    "I went to the pub after the match and stayed longer than I meant to.",
    "I paid the phone bill late by two days; there is a small fee.",
    "I worried all afternoon that you were upset with me, and didn't ask.",
    "I sent my brother 50 for his course. I should have mentioned it first.",
    "I ate the last of the cake. Sorry, it was very good.",
    "I was short with you on the phone because I was tired.",
)
SLIPS = (
    "I said I'd text when I left work and forgot until I was home. Telling you now rather than hoping it didn't matter.",
    "I used the joint card for something of mine. It was 22; I've moved the money back.",
    "I told you I'd sorted the insurance. I hadn't yet. It's done now, this evening.",
    "I went quiet instead of saying I needed space. That was the old habit.",
    "I missed our Sunday look at the statements; can we do it tomorrow?",
    "I said 'fine' when it wasn't fine.",
    "I was on my phone during dinner after we agreed not to be.",
    "I forgot to mention the parking fine from last week. Here it is.",
    "I rolled my eyes when you asked where I'd been. You had every reason to ask.",
    "I brought up the big topic at eleven at night, after we agreed not to.",
    "I didn't say the meeting would run late until it already had.",
    "I opened your post by mistake and closed it again without reading. Wanted you to know.",
)
APOLOGIES = (
    "I cut you off when you were talking about your sister. That was unkind of me. I'd like to hear the rest tonight.",
    "I hurt you when I joked about the money in front of Tom. I won't do that again. What would help?",
    "I made a mistake not telling you about the card letter straight away. I understand why it scared you.",
    "I was dismissive when you asked about my day. You deserved a real answer.",
    "I snapped at you this morning. That was about my stress, and you got the brunt of it.",
    "I broke our agreement about late texts. I know that takes us a step back, and I'm owning it.",
    "I got defensive in our talk. You were telling me how you felt, and I made it about me.",
    "I forgot your appointment. I should have written it down. Can I come next time?",
)

# What the listener says back: to Noor (Eli listening) and to Eli (Noor listening).
HEARD_FROM_NOOR = (
    "What I heard: the money mattered less than finding out from a letter instead of from me.",
    "You felt alone with the bills for a whole year without knowing why.",
    "You're scared that if you stop checking, it will happen again.",
    "It helps you when I say things before you have to ask.",
    "You want us to look at the statements together, not you looking alone.",
    "When I go quiet, you fill the silence with the worst version.",
    "You felt I made the talk about my guilt instead of your hurt.",
    "What you're asking for is small and specific: a text if I'm late.",
    "You're tired of being the one who brings it up.",
    "It hurt you that my mum knew something before you did.",
    "You noticed I told you about the headphones before buying them, and it mattered.",
    "You'd like me to ask what would help, instead of guessing.",
)
HEARD_FROM_ELI = (
    "You're ashamed, and the shame made you keep it hidden longer.",
    "You thought you could fix it before I noticed, and you see now it made it worse.",
    "When I check the account you feel watched, and you also understand why I do it.",
    "You want to show me you've changed, not only tell me.",
    "You were afraid I'd leave if I knew.",
    "You felt proud of us this week, and a bit afraid to say so.",
    "You'd like the hard talks earlier in the evening, not at midnight.",
    "The weekend felt like us again, and you want more of that.",
    "You'd like me to say when something helps, not only when it doesn't.",
    "It matters to you that I come back after a break, even when it's hard.",
)
NEXT_STEPS = (
    "Sit down with the statements on Sunday morning.",
    "Eli texts when leaving work, every day this week.",
    "Book a session with the counsellor Noor found.",
    "Pick up tonight's talk again on Thursday at 7.",
    "Each of us writes one honest line in the journal every evening.",
    "No big topics after 10 pm; we write them down for the next day.",
    "Eli calls the bank about the payment plan on Monday.",
    "Plan one evening out together this month.",
    "Look again at the 'late text' agreement at the weekly meeting.",
    "Noor says when she needs space instead of going quiet.",
)
WINS = (
    "You told me about the bank letter the moment it arrived.",
    "A whole week of texts when running late, without a reminder.",
    "We got through the statements in twenty minutes and then watched a film.",
    "I asked a hard question and got a straight answer.",
    "We took a break in the middle of the talk and actually came back to it.",
    "Dinner without phones, three nights running.",
    "I didn't check the banking app all week and didn't need to.",
    "We laughed about something from last year. That felt new.",
    "You said 'I was wrong' without a 'but'.",
    "We made a decision about the car together, calmly.",
    "I said I needed space and it was fine.",
    "The weekly meeting took forty minutes and ended on a joke.",
    "We told your parents a little about this year, together.",
    "You noticed I was anxious and asked instead of guessing.",
    "First Sunday in a while where the statements were boring.",
    "We talked about next summer. Planning ahead felt possible.",
    "I owned a slip the same day and it went fine.",
    "Slept in the same room all week after a rough month.",
    "We disagreed about money and nobody raised their voice.",
    "Eli's payment plan is halfway done.",
    "Noor trusted me with the joint account again.",
    "We finished a talk with time to spare.",
)
THANKS = (
    "Thank you for listening all the way through last night.",
    "Thank you for making dinner when I was wiped out.",
    "Thank you for telling me about the card before I asked.",
    "Thank you for coming back after the break, like you said you would.",
    "Thank you for the note in my coat pocket.",
    "Thank you for giving me the morning to myself.",
    "Thank you for asking what would help instead of fixing it.",
    "Thank you for staying in the room when it got hard.",
    "Thank you for telling your mum we're okay, and meaning it.",
    "Thank you for the walk; I needed that.",
    "Thank you for being honest about the drink with Sam.",
    "Thank you for noticing I was tired and taking the calls.",
    "Thank you for not bringing it up at your brother's.",
    "Thank you for sitting with the statements without a sigh.",
)
GOALS = (
    ("One honest small thing each evening", "days_in_a_row", 7),
    ("Dinners without phones", "times", 5),
    ("A text whenever either of us runs late", "days_in_a_row", 14),
    ("A walk together after work", "times", 6),
    ("Statements together on Sundays", "times", 4),
    ("Say one thank-you a day", "days_in_a_row", 10),
    ("No big topics after 10 pm", "days_in_a_row", 7),
    ("Cook together on weekends", "times", 4),
)
SETBACKS = (
    "Eli moved money between accounts and didn't mention it for a week. We talked it through on Sunday.",
    "A bad night: an old argument came back and neither of us took a break in time.",
    "Noor read Eli's messages while he was in the shower. She told him the next morning.",
    "We skipped two weekly meetings in a row and felt it.",
    "Eli was vague about where he'd been on Friday. It was innocent, but it stung.",
    "The anniversary of finding the letter was harder than either of us expected.",
    "A payment bounced and we both panicked before finding out it was a bank error.",
)
CONCERNS = (
    "Being asked where I was twice in one evening felt like checking up. Can we talk about it?",
    "I'd like us to look again at the phone agreement; it feels tight now.",
    "The 10 pm rule is hard when the only quiet time we get is late. Can we adjust it?",
)
RITUAL_NOTES = {  # by step of the weekly meeting
    "appreciations": ("Thanks for the soup on Tuesday.", "Thanks for the patience on Wednesday.",
                      "Thank you for the walk on Sunday."),
    "went_well": ("The late-text agreement is working for both of us.",
                  "We kept to the statements three Sundays running."),
    "reviews": ("The phone agreement needs a small change; done.",
                "Kept the 10 pm rule as it is; it still helps."),
    "issue": ("The weekend plans; we agreed to decide by Thursday.",
              "Who calls the bank; Eli will, on Monday."),
    "close": ("This week: Eli books the car service; Noor plans Saturday.",
              "This week: a walk together twice."),
}
FOLLOW_NOTES = {
    True: ("Texted at 6:10 that the train was late.", "Mentioned it the same day.",
           "Told me before I asked.", "Done, without a reminder.", "", "", ""),
    False: ("Forgot; told me the next morning.", "Remembered halfway through the evening.",
            "Slipped; we talked about it at the weekly meeting.", ""),
}
EXPECTATIONS = (
    # (wording, category, asked by Noor?)
    ("Tell me by text if you'll be more than 20 minutes later than you said.", "time", True),
    ("We look at the bank statements together on the first Sunday of each month.", "money", True),
    ("If you spend more than 100 on anything, mention it the same day.", "money", True),
    ("When I ask a direct question, answer it directly, even when it's awkward.", "honesty", True),
    ("Tell me when you need space, instead of going quiet for the evening.", "other", False),
    ("Phones stay off the table at dinner.", "devices", False),
    ("Tell me about small slips the same day, before I find out some other way.", "honesty", True),
    ("Let me finish explaining before deciding what I meant.", "other", False),
    ("Call your mum back within a day, so I'm not the one taking her calls.", "family", False),
)
BOUNDARIES = (
    ("My journal and my phone are mine; please ask before reading anything on them.",
     "privacy", True),
    ("After 10 pm we don't start on the big topics; we note them for the next day.",
     "topics", False),
    ("Saturday mornings are my time for a run, alone.", "personal space", True),
    ("Please don't bring up the debt in front of friends or family.", "topics", False),
    ("If an old friend gets in touch about money, we talk about it before you answer.",
     "contact with others", True),
)
REFINEMENTS = {
    "Tell me by text if you'll be more than 20 minutes later than you said.":
        "Tell me by text if you'll be more than 15 minutes later than you said.",
    "After 10 pm we don't start on the big topics; we note them for the next day.":
        "After 10:30 pm we don't start on the big topics; we note them for the next day.",
}
# Early on the two of them feel differently: Noor was hurt, Eli did the hurting.
EARLY_FEELINGS_NOOR = ("hurt", "scared", "anxious", "confused", "let down", "angry", "sad",
                       "tired", "lonely")
EARLY_FEELINGS_ELI = ("guilty", "ashamed", "scared", "anxious", "sad", "tired", "lonely")
MIDDLE_FEELINGS = ("hopeful", "tired", "calm", "anxious", "relieved", "confused", "sad")
LATE_FEELINGS = ("calm", "hopeful", "grateful", "close", "safe", "relieved", "loved", "proud")
HARD_DAY_FEELINGS = ("tired", "anxious", "sad", "confused")  # a heavy day, later on
OWNING_FEELINGS = ("guilty", "tired", "calm", "hopeful", "anxious", "relieved")  # slips, honesty


# --- the generator ----------------------------------------------------------------------

Seal = Callable[[str], SealedText]


@dataclass
class _Couple:
    noor: str
    eli: str

    def both(self) -> tuple[str, str]:
        return self.noor, self.eli

    def other(self, partner_id: str) -> str:
        return self.eli if partner_id == self.noor else self.noor


class _Sample:
    def __init__(self, couple: _Couple, years: int, seed: int, end: date,
                 seal: Seal | None) -> None:
        self.rng = random.Random(f"trust-tui demo {seed}")
        self.couple = couple
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

    def add(self, record: Record) -> Record:
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

    def agreement(self, kind: AgreementKind, wording: str, category: str, by_noor: bool,
                  day: date) -> Agreement:
        asker = self.couple.noor if by_noor else self.couple.eli
        agreed = self.at(day, 20)
        history: list[AgreementEdit] = []
        reviews: list[AgreementReview] = []
        every = 14
        review_day = day + timedelta(days=every)
        while review_day < self.end:
            at = self.at(review_day, 19)
            if wording in REFINEMENTS and not history:
                new = REFINEMENTS[wording]
                history.append(AgreementEdit(at=at, by=asker, old_wording=wording,
                                             new_wording=new))
                wording = new
                outcome = "adjust"
                note = "Made it a little more exact."
            else:
                outcome = "keep"
                note = self.rng.choice(("", "", "Working for both of us.",
                                        "Easier than at first.", "Still matters."))
            working = {p: self.rng.random() < 0.85 for p in self.couple.both()}
            reviews.append(AgreementReview(at=at, working=working, outcome=outcome, note=note))
            if len(reviews) >= 4:
                every = 30  # checked less often once it holds
            review_day += timedelta(days=every)
        return self.add(Agreement(
            id=self.new_id(), created_at=agreed - timedelta(minutes=30), kind=kind,
            wording=wording, asked_by=asker, category=category,
            status=AgreementStatus.AGREED, confirmed_by=list(self.couple.both()),
            agreed_at=agreed, review_every_days=every, next_review=review_day,
            history=history, reviews=reviews))  # type: ignore[return-value]

    def follow_through(self, agreements: list[Agreement]) -> None:
        expectations = [a for a in agreements if a.kind == AgreementKind.EXPECTATION]
        for _ in range(30 * self.days // 365):
            day = self.day(self.rng.randrange(self.days))
            live = [a for a in expectations if a.agreed_at and a.agreed_at.date() <= day]
            if not live:
                continue
            agreement = self.rng.choice(live)
            kept = self.rng.random() < 0.78 + 0.17 * self.calm(day)
            self.add(FollowThrough(id=self.new_id(), created_at=self.at(day, 22),
                                   agreement_id=agreement.id, on=day, kept=kept,
                                   by=self.couple.other(agreement.asked_by),
                                   note=self.rng.choice(FOLLOW_NOTES[kept])))

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
        started = self.at(day, 19)
        clock = started
        turns: list[Turn] = []
        breaks: list[BreakTaken] = []
        speaker = first
        for _ in range(self.rng.randrange(4, 9)):
            spoken = float(self.rng.randrange(60, 181))
            turns.append(Turn(
                speaker_id=speaker, feeling=self.feeling(day, speaker),
                intensity=self.rng.randrange(2, 9), started_at=clock, spoken_seconds=spoken,
                paraphrase=self.rng.choice(HEARD_FROM_NOOR if speaker == self.couple.noor
                                           else HEARD_FROM_ELI),
                paraphrase_attempts=self.rng.choice((1, 1, 1, 2)),
                paraphrase_confirmed=True))
            clock += timedelta(seconds=spoken + self.rng.randrange(30, 90))
            if self.rng.random() < 0.25 - 0.18 * self.calm(day) and not breaks:
                actual = float(self.rng.randrange(1200, 1900))
                breaks.append(BreakTaken(called_by=self.rng.choice(self.couple.both()),
                                         called_at=clock, planned_seconds=1200.0,
                                         actual_seconds=actual))
                clock += timedelta(seconds=actual)
            speaker = self.couple.other(speaker)
        checks = [SafetyCheckIn(partner_id=p, rating=self.safety(day)) for p in self.couple.both()]
        steps = self.rng.sample(NEXT_STEPS, self.rng.randrange(1, 3))
        return TalkSession(id=self.new_id(), created_at=started, topic=topic,
                           turn_minutes=3, first_speaker_id=first, started_at=started,
                           ended_at=clock, turns=turns, breaks=breaks, check_ins=checks,
                           next_steps=steps)

    def wins_and_thanks(self) -> None:
        for _ in range(20 * self.days // 365):
            day = self.day(self.rng.randrange(5, self.days))
            self.add(Win(id=self.new_id(), created_at=self.at(day, 21),
                         text=self.rng.choice(WINS),
                         noticed_by=self.rng.choice(self.couple.both())))
        for _ in range(12 * self.days // 365):
            day = self.day(self.rng.randrange(5, self.days))
            by = self.rng.choice(self.couple.both())
            self.add(Win(id=self.new_id(), created_at=self.at(day, 21), kind="thanks",
                         text=self.rng.choice(THANKS), noticed_by=by,
                         to=self.couple.other(by)))

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
            progress: list[date] = []
            day = set_on
            reached_at = None
            while day <= self.end and len(progress) < target:
                progress.append(day)
                day += timedelta(days=1 if unit == "days_in_a_row"
                                 else self.rng.randrange(1, 5))
            if len(progress) >= target:
                reached_at = self.at(progress[-1], 21, 30)
            goal = MiniGoal(id=self.new_id(), created_at=self.at(set_on, 20), text=text,
                            owner=owner, target=target, unit=unit, progress=progress,  # type: ignore[arg-type]
                            reached_at=reached_at)
            self.add(goal)
            if reached_at is not None:
                whose = "a goal for both of you" if owner is None else (
                    f"{SAMPLE_NAMES[0] if owner == self.couple.noor else SAMPLE_NAMES[1]}'s goal")
                words = (f"{target} days in a row" if unit == "days_in_a_row"
                         else f"{target} times")
                self.add(Win(id=self.new_id(), created_at=reached_at, kind="goal_reached",
                             text=f"{text} ({words}), {whose}",
                             noticed_by=owner or self.couple.noor, goal_id=goal.id))

    def rituals(self) -> None:
        for _ in range(10 * self.days // 365):
            day = self.day(self.rng.randrange(14, self.days))
            started = self.at(day, 18)
            steps = []
            for key in ("appreciations", "went_well", "reviews", "issue", "close"):
                notes = [RitualNote(by=self.rng.choice((None, *self.couple.both())),
                                    text=self.rng.choice(RITUAL_NOTES[key]))
                         ] if self.rng.random() < 0.6 else []
                steps.append(RitualStepResult(step=key, notes=notes,
                                              seconds=float(self.rng.randrange(180, 900))))
            spent = sum(s.seconds for s in steps)
            self.add(RitualRun(id=self.new_id(), created_at=started, ritual="weekly",
                               started_at=started, ended_at=started + timedelta(seconds=spent),
                               steps=steps, finished=True))

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


def sample_records(noor_id: str, eli_id: str, *, years: int = 1, seed: int = DEFAULT_SEED,
                   end: date, seal: Seal | None = None) -> list[Record]:
    """Every record of the sample couple (partners excluded), oldest first.

    Pure apart from `seal` (which encrypts a few of Noor's entries as private):
    the same ids, seed, years and end day give the same records."""
    if years < 1:
        raise ValueError("A sample needs at least one year.")
    return _Sample(_Couple(noor_id, eli_id), years, seed, end, seal).build()


def create_demo(path: Path, *, years: int = 1, seed: int = DEFAULT_SEED,
                passphrases: Sequence[str] = SAMPLE_PASSPHRASES, end: date,
                kdf: KdfParams | None = None) -> tuple[Vault, int]:
    """A new vault for the sample couple (refuses an existing file), filled in one
    write. Returns it unlocked as Noor, and the number of records added."""
    vault = Vault.create(Path(path), [(SAMPLE_NAMES[0], passphrases[0]),
                                      (SAMPLE_NAMES[1], passphrases[1])], kdf=kdf)
    noor = vault.partner_named(SAMPLE_NAMES[0])
    eli = vault.partner_named(SAMPLE_NAMES[1])
    # They have been at it since the sample's first day, not since today.
    began = datetime.combine(end - timedelta(days=365 * years - 1), time(9, 0),
                             tzinfo=timezone.utc)
    for partner in (noor, eli):
        vault.update(Partner, partner.id, lambda p: p.model_copy(update={"created_at": began}))
    records = sample_records(noor.id, eli.id, years=years, seed=seed, end=end,
                             seal=lambda text: vault.seal(text, noor.id))
    return vault, vault.add_many(records)

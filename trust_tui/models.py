"""The vocabulary of the whole app: every record the vault keeps.

Each persisted record is a pydantic model with a `table` (its TinyDB table), an
`id` that stays the same across export/import (so import never duplicates), and
a `schema_version` so older records can be upgraded when they are read.
Times are timezone-aware UTC; durations are seconds.
"""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime, timezone
from enum import Enum
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

# No pydantic plugins: one installed beside the app (a tracing or telemetry package)
# would be handed every decrypted record as it is validated. Read at each
# model's build, below; looking for plugins also cost 20-40 ms of each start.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

SCHEMA_VERSION = 1

# One word for a feeling: the same list in talks, check-ins and the journal.
FEELINGS: tuple[str, ...] = (
    "hurt", "sad", "scared", "anxious", "confused", "let down", "angry",
    "lonely", "ashamed", "guilty", "tired", "numb", "hopeful", "calm",
    "relieved", "grateful", "close", "safe", "loved", "proud",
)


def new_id() -> str:
    return uuid.uuid4().hex


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Record(BaseModel):
    """Base of every persisted record."""

    # extra="allow": a field written by a newer trust-tui survives this version's
    # read-modify-write (update, put) instead of being silently dropped.
    model_config = ConfigDict(extra="allow", validate_assignment=True)

    table: ClassVar[str] = ""

    id: str = Field(default_factory=new_id)
    schema_version: int = SCHEMA_VERSION
    created_at: datetime = Field(default_factory=utc_now)


# --- partners ---------------------------------------------------------------

class Partner(Record):
    table: ClassVar[str] = "partners"

    name: str = Field(min_length=1, max_length=60)
    # Which vault keyslot holds this partner's passphrase-wrapped keys.
    slot_id: str
    # Names this partner's current private key (a one-way check value, never the
    # key): a window still holding a key replaced by `passwd` refuses to seal.
    key_check: str | None = None


class Settings(Record):
    """One record of couple-wide settings (the first one wins)."""

    table: ClassVar[str] = "settings"

    idle_lock_minutes: int = Field(default=10, ge=1, le=240)
    default_turn_minutes: int = Field(default=3, ge=1, le=15)
    default_break_minutes: int = Field(default=20, ge=20, le=24 * 60)
    breathing_pattern: str = "slow"
    safety_note_seen: bool = False
    break_bell: bool = True  # ring the terminal bell when a break's time is up
    theme: str | None = Field(default=None, max_length=80)  # chosen with ctrl+p, Theme


# --- talks and breaks ---------------------------------------------------------

class LiveEvent(BaseModel):
    """One move in a live session (a talk, a ritual's floor, a break), as it happened.

    A session keeps its events in order and is saved after each one; replaying
    them (domain/live.py) gives back the exact state: whose turn, the phase, the
    prompt, the feeling, time left, a break under way.
    """

    kind: str  # one of domain/live.py's kinds ("speak", "hand over", "break asked", ...)
    at: datetime  # the wall clock when it happened (UTC)
    by: str | None = None  # the partner whose key made the move
    text: str | None = Field(default=None, max_length=20_000)  # a feeling, a said-back line, a note
    number: float | None = None  # an intensity, a length in minutes


class Turn(BaseModel):
    speaker_id: str
    feeling: str | None = None
    intensity: int | None = Field(default=None, ge=1, le=10)
    started_at: datetime
    spoken_seconds: float = 0.0
    paraphrase: str | None = None
    paraphrase_attempts: int = 0
    paraphrase_confirmed: bool = False
    handed_over_early: bool = False


class BreakTaken(BaseModel):
    called_by: str
    called_at: datetime
    planned_seconds: float
    actual_seconds: float | None = None
    ended_early: bool = False


class SafetyCheckIn(BaseModel):
    partner_id: str
    rating: int = Field(ge=1, le=10)


class TalkSession(Record):
    table: ClassVar[str] = "talks"

    topic: str  # a step key ("name_it", "feel", ...) or "open"
    turn_minutes: int = Field(default=3, ge=1, le=15)
    first_speaker_id: str
    started_at: datetime = Field(default_factory=utc_now)
    ended_at: datetime | None = None
    turns: list[Turn] = Field(default_factory=list)
    breaks: list[BreakTaken] = Field(default_factory=list)
    check_ins: list[SafetyCheckIn] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    # Set when the talk ran as part of a ritual (weekly meeting, setback).
    ritual_id: str | None = None
    # Every move as it happened (domain/live.py): replaying them gives the state of a
    # talk under way, so a lock, a closed terminal or a crash loses nothing.
    events: list[LiveEvent] = Field(default_factory=list)
    # In a talk about what broke the trust: the partner who names it (and owns it).
    naming_id: str | None = None
    # What the talk is about, in the couple's words (a next step it started from).
    subject: str | None = Field(default=None, max_length=2_000)
    # Half-typed lines (partner id -> words) kept at a lock, back in their box after.
    typing: dict[str, str] = Field(default_factory=dict)


# --- agreements: expectations and boundaries ----------------------------------

class AgreementKind(str, Enum):
    EXPECTATION = "expectation"
    BOUNDARY = "boundary"


class AgreementStatus(str, Enum):
    DRAFT = "draft"
    AGREED = "agreed"
    PAUSED = "paused"
    RETIRED = "retired"


class AgreementEdit(BaseModel):
    at: datetime
    by: str
    old_wording: str
    new_wording: str


class AgreementReview(BaseModel):
    at: datetime
    working: dict[str, bool] = Field(default_factory=dict)  # partner id -> working?
    outcome: Literal["keep", "adjust", "retire"]
    note: str = ""


class Agreement(Record):
    """An expectation or a boundary: one model, one editor (issue 4)."""

    table: ClassVar[str] = "agreements"

    kind: AgreementKind
    wording: str = Field(min_length=1, max_length=4000)
    asked_by: str  # partner id ("whose it is" for a boundary)
    category: str = "other"
    status: AgreementStatus = AgreementStatus.DRAFT
    confirmed_by: list[str] = Field(default_factory=list)
    agreed_at: datetime | None = None
    review_every_days: int = Field(default=14, ge=7, le=30)
    next_review: date | None = None
    history: list[AgreementEdit] = Field(default_factory=list)
    reviews: list[AgreementReview] = Field(default_factory=list)
    source_talk_id: str | None = None


class FollowThrough(Record):
    table: ClassVar[str] = "follow_through"

    agreement_id: str
    by: str
    kept: bool
    on: date
    note: str = ""


class RaisedConcern(Record):
    """"Raise it now": something about a boundary starts to bother a partner."""

    table: ClassVar[str] = "concerns"

    by: str
    text: str = Field(min_length=1, max_length=4000)
    agreement_id: str | None = None
    addressed: bool = False
    addressed_at: datetime | None = None  # when it was marked talked through


# --- wins, thank-yous, goals, setbacks ---------------------------------------

class Win(Record):
    table: ClassVar[str] = "wins"

    kind: Literal["win", "thanks", "goal_reached"] = "win"
    text: str = Field(min_length=1, max_length=4000)
    noticed_by: str
    to: str | None = None  # a thank-you's recipient
    goal_id: str | None = None


class MiniGoal(Record):
    table: ClassVar[str] = "goals"

    text: str = Field(min_length=1, max_length=1000)
    owner: str | None = None  # None: both
    target: int = Field(default=7, ge=1, le=365)
    unit: Literal["days_in_a_row", "times"] = "days_in_a_row"
    progress: list[date] = Field(default_factory=list)
    reached_at: datetime | None = None


class Setback(Record):
    table: ClassVar[str] = "setbacks"

    text: str = Field(min_length=1, max_length=4000)
    noted_by: str | None = None  # None: written by both of you together
    agreement_id: str | None = None
    talked_through_id: str | None = None


# --- journal, honesty log, check-ins ------------------------------------------

class SealedText(BaseModel):
    """Text encrypted under one partner's private key (nonce + ciphertext, b64)."""

    owner: str
    nonce: str
    ciphertext: str
    # Where it belongs (e.g. "journal:<entry id>:<seal id>"), in its associated
    # data: moved or replayed, it does not open. None: sealed before binding.
    context: str | None = None


class JournalEdit(BaseModel):
    at: datetime
    old_text: str | None = None  # None while the entry is private
    old_sealed: SealedText | None = None
    old_feeling: str | None = None


class JournalEntry(Record):
    table: ClassVar[str] = "journal"

    author: str
    feeling: str | None = None
    kind: Literal["entry", "honesty", "slip", "apology"] = "entry"
    text: str | None = Field(default=None, max_length=100_000)
    sealed: SealedText | None = None  # set instead of text when private
    private: bool = False
    # Private: a fresh id on every save, bound into the sealed words (see
    # domain.journal.sealed_context); the kind, feeling and history are sealed too.
    seal_id: str | None = None
    history: list[JournalEdit] = Field(default_factory=list)
    deleted: bool = False
    # When it was deleted: undo works for the rest of that session; a day later
    # the journal removes it for good.
    deleted_at: datetime | None = None
    # Words rescued from an open editor when the app locked or closed: not yet
    # saved by the writer, so the journal marks them and offers to finish them.
    draft: bool = False
    # A draft of new words for this saved entry (an edit closed before saving):
    # editing that entry brings them back, and saving the edit lets the draft go.
    draft_of: str | None = None


class CheckIn(Record):
    table: ClassVar[str] = "check_ins"

    partner_id: str
    on: date
    feeling: str | None = None
    safety: int | None = Field(default=None, ge=1, le=10)  # None: a feeling word alone


# --- rituals and the solo safety check ----------------------------------------

class RitualNote(BaseModel):
    by: str | None = None  # partner id; None: both of them
    text: str = Field(min_length=1, max_length=4000)
    item: str | None = None  # what the note is about, e.g. the agreement reviewed


class RitualStepResult(BaseModel):
    step: str
    skipped: bool = False
    notes: list[RitualNote] = Field(default_factory=list)
    seconds: float = 0.0  # time spent on the step, breaks left out
    answers: dict[str, bool] = Field(default_factory=dict)  # partner id -> yes (e.g. calm)


class RitualMark(BaseModel):
    """A note marked to become a record when the ritual ends (kept while under way)."""

    step: str
    index: int  # the note's place in that step's notes
    mark: str  # "thanks", "goal" or "expectation"


class RitualRun(Record):
    table: ClassVar[str] = "rituals"

    ritual: str  # "weekly", "setback"
    started_at: datetime = Field(default_factory=utc_now)
    ended_at: datetime | None = None
    steps: list[RitualStepResult] = Field(default_factory=list)
    talk_id: str | None = None
    agreement_id: str | None = None
    breaks: list[BreakTaken] = Field(default_factory=list)
    finished: bool = False  # False: they stopped early (the rest is marked skipped)
    setback_id: str | None = None
    # Saved after every step while under way, so a lock or crash loses at most a
    # step: such a run can be continued (from `at_step`) or ended from the list.
    in_progress: bool = False
    at_step: str | None = None
    marks: list[RitualMark] = Field(default_factory=list)
    outcomes: dict[str, str] = Field(default_factory=dict)  # agreement id -> review outcome
    # A break's moves on a step (a floor step's join its talk's events): one under
    # way goes on after a lock or a restart.
    events: list[LiveEvent] = Field(default_factory=list)


class SafetyCheck(Record):
    """A solo safety check: answers sealed to the partner who gave them."""

    table: ClassVar[str] = "safety_checks"

    partner_id: str
    sealed: SealedText


class FormDraft(Record):
    """What was typed in a form (a check-in, a win, an agreement...) when a lock or
    quit closed it, offered again the next time that form opens."""

    table: ClassVar[str] = "form_drafts"

    form: str  # which form, e.g. "card:win", "checkin", "review:<agreement id>"
    fields: dict[str, str] = Field(default_factory=dict)  # field -> what was in it
    # Whose words, when the two of you sit apart (app_seats.py): they come back
    # only in that partner's window. None: kept at one keyboard, for both of you.
    by: str | None = None


class BreakSession(Record):
    """A break called away from any talk or ritual (one inside a session is kept in
    that session's events). Kept as its events so it goes on after a lock."""

    table: ClassVar[str] = "breaks"

    events: list[LiveEvent] = Field(default_factory=list)
    ended_at: datetime | None = None


ALL_RECORDS: tuple[type[Record], ...] = (
    Partner, Settings, TalkSession, Agreement, FollowThrough, RaisedConcern,
    Win, MiniGoal, Setback, JournalEntry, CheckIn, RitualRun, SafetyCheck, FormDraft,
    BreakSession,
)
RECORD_BY_TABLE: dict[str, type[Record]] = {m.table: m for m in ALL_RECORDS}

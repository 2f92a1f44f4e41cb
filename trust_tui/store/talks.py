"""A talk together, kept as it goes and finished with how it went.

The talk is saved whole after every move (each is an event in `events`), so a
crash or a lock loses nothing: a talk under way is continued from its events. At the end it is saved once
more with each partner's safety check-in and the next steps; a next step meant
as an expectation or a boundary becomes a draft agreement waiting for both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trust_tui.domain.floor import seats
from trust_tui.domain.shared_session import merge
from trust_tui.models import Agreement, AgreementKind, SafetyCheckIn, TalkSession
from trust_tui.vault import Vault

NOTE = "note"  # a next step that stays a note (no draft agreement)


@dataclass(frozen=True)
class NextStep:
    """One next step noted at the end of a talk."""

    text: str
    kind: str  # "note", "expectation" or "boundary"
    whose: str  # partner id: who asks for it


def save_progress(vault: Vault, session: TalkSession) -> TalkSession:
    """The talk so far (the whole session each time), merged under the file lock
    with the copy kept (domain/shared_session.py): a copy going on from it is kept
    as it is; an older copy never replaces it, nor brings an ended talk back; and
    another app's moves made meanwhile stay, this copy's new ones following where
    they still apply. Returns what is kept (the app adopts it)."""
    with vault.transaction():
        current = vault.get(TalkSession, session.id)
        if current is not None:
            session = merge(current, session, _partners(vault, current))
            if session == current:
                return current
        vault.put(session)
        return session


def _partners(vault: Vault, session: TalkSession) -> tuple[str, str]:
    ids = [p.id for p in vault.partners[:2]]
    if len(ids) != 2:
        return (session.first_speaker_id, "")
    return seats(session, (ids[0], ids[1]))


def keep_typing(vault: Vault, session: TalkSession, typing: Mapping[str, str]) -> TalkSession:
    """At a lock or quit: the talk under way with its half-typed lines (partner id ->
    words), back in their boxes when it is continued."""
    kept = {pid: words for pid, words in typing.items() if words.strip()}
    return save_progress(vault, session.model_copy(update={"typing": kept}))


def kept(vault: Vault, session_id: str) -> TalkSession | None:
    """The talk as the vault holds it now (another app may have moved it)."""
    return vault.get(TalkSession, session_id)


def under_way(vault: Vault, ritual_id: str | None = None) -> TalkSession | None:
    """The newest talk begun and not ended (left by a lock, a crash, a closed
    terminal): a talk of its own, or with `ritual_id`, that ritual's floor."""
    talks = vault.all_where(TalkSession, lambda t: t.ended_at is None and bool(t.events)
                            and t.ritual_id == ritual_id)  # not years of ended talks
    return max(talks, key=lambda t: t.events[-1].at, default=None)


def unended(vault: Vault) -> frozenset[str]:
    """The ids of every talk begun and not ended (a ritual's floor among them)."""
    return frozenset(t.id for t in vault.all_where(TalkSession, lambda t: t.ended_at is None))


def finish(vault: Vault, session: TalkSession, steps: Sequence[NextStep],
           ratings: Mapping[str, str] | None = None) -> TalkSession:
    """The ended talk with its next steps; steps meant as agreements become drafts.
    With `ratings` (the safety boxes this app shows, as typed), a partner whose box
    is not among them keeps the number kept (seated apart: given in their app)."""
    with vault.transaction():
        current = vault.get(TalkSession, session.id)  # read once, under the lock
        if ratings is not None:
            session = _over_kept(current, session, ratings)
            session = with_words(session, ratings, [step.text for step in steps])
        texts = _with_kept_steps(current, [step.text for step in steps])
        finished = session.model_copy(update={"next_steps": texts})
        drafts = [Agreement(kind=AgreementKind(step.kind), wording=step.text,
                            asked_by=step.whose, source_talk_id=finished.id)
                  for step in steps if step.kind != NOTE]
        vault.put(finished)
        if drafts:
            vault.add_many(drafts)
    return finished


def safety_ratings(typed: Mapping[str, str]) -> dict[str, int]:
    """The safety numbers typed so far that are whole numbers from 1 to 10."""
    return {pid: int(value.strip()) for pid, value in typed.items()
            if value.strip().isdigit() and 1 <= int(value.strip()) <= 10}


def with_words(session: TalkSession, ratings: Mapping[str, str],
               steps: Sequence[str]) -> TalkSession:
    """The talk with the numbers (those from 1 to 10) and next steps typed so far."""
    ratings_kept = safety_ratings(ratings)
    # A number typed (or a box emptied) replaces the one kept; a box holding something
    # else leaves it as it was.
    replaced = {pid for pid, value in ratings.items()
                if pid in ratings_kept or not value.strip()}
    check_ins = [c for c in session.check_ins if c.partner_id not in replaced]
    check_ins += [SafetyCheckIn(partner_id=pid, rating=rating)
                  for pid, rating in ratings_kept.items()]
    return session.model_copy(update={"check_ins": check_ins, "next_steps": list(steps)})


def keep_words(vault: Vault, session: TalkSession, ratings: Mapping[str, str],
               steps: Sequence[str]) -> TalkSession:
    """Left (escape), locked or closed on how-it-went before "save": the ended talk
    keeps the numbers and next steps typed so far. No draft agreements are made:
    those wait for "save"."""
    with vault.transaction():
        current = vault.get(TalkSession, session.id)  # read once, under the lock
        kept = with_words(_over_kept(current, session, ratings), ratings,
                          _with_kept_steps(current, steps))
        vault.put(kept)
    return kept


def _over_kept(current: TalkSession | None, session: TalkSession,
               ratings: Mapping[str, str]) -> TalkSession:
    """`session` with the kept copy's (`current`) check-ins of the partners whose
    boxes are not in `ratings` (seated apart, each app shows and saves only its own
    partner's)."""
    if current is None:
        return session
    mine = [c for c in session.check_ins if c.partner_id in ratings]
    theirs = [c for c in current.check_ins if c.partner_id not in ratings]
    return session.model_copy(update={"check_ins": [*mine, *theirs]})


def _with_kept_steps(current: TalkSession | None, steps: Sequence[str]) -> list[str]:
    """This app's next steps, then any the kept copy (`current`) has that it lacks:
    seated apart, the other app may have saved steps of its own since this one opened
    the form (no step is ever taken off there, so one missing here was never seen here)."""
    kept = current.next_steps if current is not None else []
    return [*steps, *(text for text in kept if text not in steps)]


"""Expectations and boundaries: every change the couple makes, as one call.

Each change is applied to the latest stored record under the vault's lock, so a
follow-through logged or a yes given in another window meanwhile is never lost.
A change answers with a `Change`: the record as saved (or, when nothing changed,
the plain sentence why) and the `Undo` that puts it back. `undo` puts back only
records still as this window left them: words changed in another window since
are never written over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from trust_tui.domain import agreements as rules
from trust_tui.domain import agreements_due, follow_through
from trust_tui.domain.agreements import Outcome
from trust_tui.domain.agreements_md import agreements_markdown
from trust_tui.files import describe_os_error, write_export
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    RaisedConcern,
    Record,
)
from trust_tui.store.undo import Change, Undo, Undone, undo
from trust_tui.vault import Vault

GONE = "That one is no longer here, so nothing was changed."
__all__ = ["Change", "Undo", "Undone", "undo"]  # re-exported: the screen knows one store


# --- adding ---------------------------------------------------------------------------------

def _added(vault: Vault, record: Record) -> Change:
    vault.add(record)
    return Change(record, Undo(remove=(record,)))


def add(vault: Vault, agreement: Agreement) -> Change:
    """A new expectation or boundary, as a draft (made by `rules.new_agreement`)."""
    return _added(vault, agreement)


def raise_concern(vault: Vault, concern: RaisedConcern) -> Change:
    """"Raise it now": kept with time and author until it is talked through."""
    return _added(vault, concern)


def log_follow_through(vault: Vault, agreement_id: str, *, by: str, kept: bool, on: date,
                       now: datetime, note: str = "") -> Change:
    """One kept or missed, checked against the agreement as it is now."""
    with vault.transaction():
        agreement = vault.get(Agreement, agreement_id)
        if agreement is None:
            return Change(None, problem=GONE)
        try:
            entry = follow_through.log_follow_through(agreement, by=by, kept=kept, on=on,
                                                      now=now, note=note)
        except rules.AgreementRuleError as error:
            return Change(None, problem=str(error))
        return _added(vault, entry)


# --- changing one agreement ------------------------------------------------------------------

def _change(vault: Vault, agreement_id: str, rule: Callable[[Agreement], Agreement],
            concern_ids: Sequence[str] = (), now: datetime | None = None) -> Change:
    """Apply `rule` to the latest stored agreement (and mark these concerns talked
    through), in one transaction."""
    with vault.transaction():
        before = vault.get(Agreement, agreement_id)
        if before is None:
            return Change(None, problem=GONE)  # removed meanwhile (an undo elsewhere)
        try:
            after = rule(before)
        except rules.AgreementRuleError as error:
            return Change(None, problem=str(error))
        talked = _talked_through(vault, concern_ids, now)
        # The agreement and the concerns it settles land in one write, or neither.
        vault.put_many([after, *(marked for _, marked in talked)])
        return Change(after, Undo(restore=((before, after), *talked)))


def edit(vault: Vault, agreement_id: str, *, by: str, now: datetime, wording: str,
         category: str, asked_by: str, review_every_days: int) -> Change:
    """New words go back to a draft; the earlier words stay in its history."""
    return _change(vault, agreement_id, lambda a: rules.edit(
        a, by=by, now=now, wording=wording, category=category, asked_by=asked_by,
        review_every_days=review_every_days))


def agree(vault: Vault, agreement_id: str, partner_id: str, partner_ids: Sequence[str],
          now: datetime) -> Change:
    """A partner's own yes on a draft (pressed again, it is taken back)."""
    return _change(vault, agreement_id,
                   lambda a: rules.toggle_confirm(a, partner_id, partner_ids, now))


def pause(vault: Vault, agreement_id: str) -> Change:
    return _change(vault, agreement_id, rules.pause)


def resume(vault: Vault, agreement_id: str, now: datetime) -> Change:
    return _change(vault, agreement_id, lambda a: rules.resume(a, now))


def review(vault: Vault, agreement_id: str, *, working: Mapping[str, bool], outcome: Outcome,
           now: datetime, by: str, note: str = "", new_wording: str | None = None,
           concern_ids: Sequence[str] = ()) -> Change:
    """A review or check-back: keep, adjust (a draft again) or retire. Concerns
    brought up in it are marked talked through in the same save."""
    return _change(vault, agreement_id, lambda a: rules.review(
        a, working=working, outcome=outcome, now=now, by=by, note=note,
        new_wording=new_wording), concern_ids, now)


# --- concerns ---------------------------------------------------------------------------------

def _talked_through(vault: Vault, concern_ids: Sequence[str],
                    now: datetime | None) -> list[tuple[Record, Record]]:
    pairs: list[tuple[Record, Record]] = []
    for concern_id in concern_ids:
        before = vault.get(RaisedConcern, concern_id)
        if before is None or before.addressed:
            continue  # gone, or marked already (another window): nothing to mark
        # Kept with when, so the history (on screen and in exports) still shows it.
        pairs.append((before, before.model_copy(update={"addressed": True,
                                                        "addressed_at": now})))
    return pairs  # written by the caller, with whatever else changes with them


def mark_talked_through(vault: Vault, concern_ids: Sequence[str],
                        now: datetime | None = None) -> Change:
    with vault.transaction():
        talked = _talked_through(vault, concern_ids, now)
        if not talked:  # marked already in another window: nothing of ours to undo
            return Change(None, problem="Already talked through.")
        vault.put_many([marked for _, marked in talked])
        return Change(None, Undo(restore=tuple(talked)))


# --- undo -------------------------------------------------------------------------------------

# --- reading and export ----------------------------------------------------------------------

def due_lines(vault: Vault, today: date, kind: AgreementKind) -> list[str]:
    """Home's short lines for one kind (concerns are raised about boundaries)."""
    concerns = vault.all(RaisedConcern) if kind == AgreementKind.BOUNDARY else []
    # Only what the lines can use is kept as models (home asks at every visit: issue
    # 17): this kind's agreements, and the misses of those agreed (up to today).
    mine = vault.all_where(Agreement, lambda a: a.kind == kind)
    agreed = {a.id for a in mine if a.status == AgreementStatus.AGREED}
    misses = vault.all_where(FollowThrough, lambda e: not e.kept and e.on <= today
                             and e.agreement_id in agreed)
    return agreements_due.due_lines(mine, today, kind, concerns, misses)


def export(vault: Vault, path: Path, *, today: date) -> str | None:
    """Write the agreed ones as Markdown, readable by this user only. Returns why
    nothing was written (plain words), or None once it is written."""
    names = {p.id: p.name for p in vault.partners}
    text = agreements_markdown(vault.all(Agreement), names, today,
                               vault.all(FollowThrough), vault.all(RaisedConcern))
    try:
        # errors="replace": a lone surrogate pasted into a wording cannot be UTF-8.
        write_export(path, text.encode("utf-8", errors="replace"))
    except OSError as error:
        return describe_os_error(error)
    return None

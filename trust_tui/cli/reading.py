"""Plain-text reading for scripts and screen readers (Textual has none):
`trust-tui journal`, `agreements`, `wins` and `checkin`.

Plain lines only: no colour, no markup, no box drawing, no symbols a screen reader
reads out oddly; each record starts with a line saying when and who, and the
couple's words follow on their own lines, indented. Every line goes through
`out()`, so a control or bidi character typed into a title is shown as a visible
code, never acted on by the terminal. The words are those the app and the Markdown
export use (follow-through "missed (noted by Sam)": what happened and who noted
it, never who is to blame).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone

from trust_tui.cli.opening import open_existing
from trust_tui.cli.output import EXIT_OK, Refusal, out
from trust_tui.domain import agreements as rules
from trust_tui.domain.agreements_md import history_lines, long_date
from trust_tui.domain.clock import local_day
from trust_tui.domain.follow_through import period_summary, repeated_miss_notice
from trust_tui.domain.journal import (
    KIND_WORDS,
    JournalFilter,
    Readable,
    filter_entries,
    readable,
)
from trust_tui.domain.wins import (
    SETBACK_NOTE,
    Card,
    cards_from,
    day_label,
    goal_progress,
    group_by_week,
    progress_words,
    target_words,
    week_label,
    week_summary,
)
from trust_tui.models import (
    FEELINGS,
    Agreement,
    AgreementKind,
    AgreementStatus,
    CheckIn,
    FollowThrough,
    JournalEntry,
    MiniGoal,
    RaisedConcern,
    Setback,
    Win,
)
from trust_tui.store import checkins
from trust_tui.vault import Vault

INDENT = "  "
CHECKIN_DAYS = 14  # `trust-tui checkin` without --days: the last two weeks
RECENT_FOLLOW_THROUGH = 5  # as the agreements page's "Lately"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _today() -> date:
    """Where the couple is (tests set both through `_now`)."""
    return local_day(_now())


# --- shared words ------------------------------------------------------------------------

def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{long_date(local)} at {local:%H:%M}"


def _quoted(text: str) -> list[str]:
    """The couple's words, exactly as written, each line indented under its heading."""
    return [f"{INDENT}{line}" if line.strip() else "" for line in text.strip("\n").split("\n")]


def _say(lines: Iterable[str]) -> None:
    for line in lines:
        out(line)


def _names(vault: Vault) -> dict[str, str]:
    return {p.id: p.name for p in vault.partners}


def _who(names: dict[str, str], partner_id: str | None) -> str:
    return "both of you" if partner_id is None else names.get(partner_id, "someone")


# --- journal -----------------------------------------------------------------------------

def _check_range(since: date | None, until: date | None) -> None:
    if since is not None and until is not None and since > until:
        raise Refusal(f"--since {since.isoformat()} comes after --until {until.isoformat()}, "
                      "so no entry could match; swap them.")


def _count(args: argparse.Namespace) -> int | None:
    number = getattr(args, "number", None)
    if number is not None and number < 1:
        raise Refusal("-n takes a number from 1 up: how many of the newest to show.")
    return number


def journal(args: argparse.Namespace) -> int:
    _check_range(args.since, args.until)
    number = _count(args)
    vault = open_existing(args)
    names = _names(vault)
    items = [readable(entry, vault.unseal, has_key=vault.can_read_private)
             for entry in vault.all(JournalEntry)]
    alive = [item for item in items if not item.entry.deleted]
    if not alive:
        out("No journal entries yet. Write the first one in the app's journal (j on "
            "home), or with `trust-tui add journal --by NAME \"...\"`.")
        return EXIT_OK
    how = JournalFilter(since=args.since, until=args.until, search=args.contains or "")
    matching = filter_entries(alive, how)  # newest first
    if number is not None:
        matching = matching[:number]
    if not matching:
        out(f"None of the {_entries(len(alive))} match: try other dates or words.")
    else:
        shown = f"{len(matching)} of {_entries(len(alive))}" if len(matching) < len(alive) \
            else _entries(len(alive))
        out(f"Journal: {shown}, oldest first.")
        out("")
        for item in reversed(matching):  # read as they were written
            _say(_journal_entry(item, names))
    if how.search.strip():
        sealed = sorted({names.get(i.entry.author, "someone") for i in alive if i.locked})
        if sealed:
            out(f"Private entries by {' and '.join(sealed)} are not searched: only their "
                "writer's passphrase opens them.")
    return EXIT_OK


def _entries(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def _journal_entry(item: Readable, names: dict[str, str]) -> list[str]:
    entry = item.entry
    name = _who(names, entry.author)
    draft = ("" if not entry.draft else " (changes to an entry, not saved yet)"
             if entry.draft_of else " (a draft, not saved yet)")
    if item.locked:
        # Its day only, as the app shows it: the time, kind and feeling are sealed too.
        why = ("its sealed words do not open, damaged or moved" if item.broken
               else f"only {name}'s passphrase opens it")
        return [f"A private entry by {name}, {long_date(item.day)}{draft} ({why}).", ""]
    facts = [f"{_when(entry.created_at)}, by {name}"]
    if entry.kind != "entry":
        facts.append(KIND_WORDS.get(entry.kind, entry.kind).lower())
    if entry.private:
        facts.append("private, only you can read it")
    if item.feeling:
        facts.append(f"feeling {item.feeling}")
    return [", ".join(facts) + f"{draft}:", *_quoted(item.text or ""), ""]


# --- agreements ----------------------------------------------------------------------------

_KINDS = (
    # kind, heading, "who" words, the review's name
    (AgreementKind.EXPECTATION, "Expectations", "Asked for by", "review"),
    (AgreementKind.BOUNDARY, "Boundaries", "Whose boundary", "check-back"),
)
_STATUS_ORDER = {AgreementStatus.DRAFT: 0, AgreementStatus.AGREED: 1,
                 AgreementStatus.PAUSED: 2, AgreementStatus.RETIRED: 3}


def agreements(args: argparse.Namespace) -> int:
    vault = open_existing(args)
    today = _today()
    names = _names(vault)
    every = vault.all(Agreement)
    follow = vault.all(FollowThrough)
    concerns = vault.all(RaisedConcern)
    if not every:
        out("No expectations or boundaries written down yet. Add the first one in the "
            "app (e or b on home); it counts once both of you have agreed to it.")
        return EXIT_OK
    for kind, heading, who_words, review in _KINDS:
        mine = sorted((a for a in every if a.kind == kind),
                      key=lambda a: (_STATUS_ORDER[a.status], a.created_at, a.id))
        out(f"{heading}: {len(mine) or 'none yet'}")
        out("")
        for number, agreement in enumerate(mine, start=1):
            _say(_agreement(agreement, number, who_words, review, names, today,
                            [f for f in follow if f.agreement_id == agreement.id],
                            [c for c in concerns if c.agreement_id == agreement.id]))
    return EXIT_OK


def _agreement(a: Agreement, number: int, who_words: str, review: str,
               names: dict[str, str], today: date, follow: list[FollowThrough],
               concerns: list[RaisedConcern]) -> list[str]:
    wording = a.wording.strip("\n").split("\n")
    lines = [f"{number}. {wording[0]}", *(_quoted("\n".join(wording[1:])) if wording[1:] else []),
             f"{INDENT}{_status(a, review, names, today)}",
             f"{INDENT}{who_words}: {_who(names, a.asked_by)}."]
    if a.category and a.category != "other":
        lines.append(f"{INDENT}About: {a.category}.")
    # The history the Markdown export writes (follow-through counts, concerns raised),
    # with the latest review only: the export keeps them all.
    latest = a.model_copy(update={"reviews": a.reviews[-1:]})
    lines += [f"{INDENT}{_sentence(line.removeprefix('- '))}"
              for line in history_lines(latest, names, follow, concerns)]
    if len(a.reviews) > 1:
        lines.append(f"{INDENT}Looked at together {len(a.reviews)} times in all.")
    if a.status == AgreementStatus.AGREED:
        lines.append(f"{INDENT}{period_summary(a, follow, today)}")
    recent = sorted(follow, key=lambda f: (f.on, f.created_at, f.id), reverse=True)
    if recent:
        lines.append(f"{INDENT}Lately:")
    for entry in recent[:RECENT_FOLLOW_THROUGH]:
        # What happened and who noted it, never who is to blame.
        what = "kept" if entry.kept else "missed"
        note = f": {' '.join(entry.note.split())}" if entry.note else ""
        lines.append(f"{INDENT}{INDENT}{long_date(entry.on)}: {what} "
                     f"(noted by {_who(names, entry.by)}){note}")
    if a.status == AgreementStatus.AGREED:
        notice = repeated_miss_notice(a, follow, today)
        if notice:
            lines.append(f"{INDENT}{notice}")
    return [*lines, ""]


def _sentence(line: str) -> str:
    """A full stop where a Markdown list item had none (a screen reader pauses there)."""
    return line if line.endswith((".", "?", "!")) else f"{line}."


def _status(a: Agreement, review: str, names: dict[str, str], today: date) -> str:
    if a.status == AgreementStatus.DRAFT:
        waiting = rules.waiting_for(a, list(names))
        said = [names.get(pid, "someone") for pid in a.confirmed_by]
        line = "Draft, not agreed by both yet"
        if said:
            line += f"; {' and '.join(said)} agreed"
        if waiting:
            line += f"; waiting for {' and '.join(names.get(p, 'someone') for p in waiting)}"
        return line + "."
    if a.status == AgreementStatus.AGREED:
        when = f" on {long_date(a.agreed_at)}" if a.agreed_at else ""
        line = f"Agreed by both{when}."
        if a.next_review is not None:
            due = ", due now" if rules.is_due(a, today) else ""
            line += f" Next {review}: {long_date(a.next_review)}{due}."
        return line
    if a.status == AgreementStatus.PAUSED:
        return f"Paused for now: no {review}s fall due."
    return "Retired: kept for the record."


# --- wins ------------------------------------------------------------------------------------

def wins(args: argparse.Namespace) -> int:
    vault = open_existing(args)
    today = _today()
    names = _names(vault)
    cards = cards_from(vault.all(Win), vault.all(Setback))
    goals = vault.all(MiniGoal)
    if not cards and not goals:
        out("No wins, thank-yous or mini-goals yet. Note the first one in the app (w on "
            "home), or with `trust-tui add win --by NAME \"...\"`.")
        return EXIT_OK
    out("Wins wall, newest first." if cards else "Nothing on the wins wall yet.")
    out("")
    for week in group_by_week(cards):
        out(f"{week_label(week.week, today)}: {week_summary(week)}.")
        for card in week.cards:
            out(f"{INDENT}{day_label(card.day)}, {_card_head(card, names)}:")
            _say(f"{INDENT}{line}" if line else "" for line in _quoted(card.text))
        out("")
    if any(card.kind == "setback" for card in cards):
        out(SETBACK_NOTE)
        out("")
    out(f"Mini-goals: {len(goals) or 'none set yet'}")
    for goal in sorted(goals, key=lambda g: (g.created_at, g.id)):
        _say(_goal(goal, names, today))
    return EXIT_OK


def _card_head(card: Card, names: dict[str, str]) -> str:
    if card.kind == "thanks":
        return f"a thank-you from {_who(names, card.by)} to {_who(names, card.to)}"
    if card.kind == "goal_reached":
        return "a goal reached"
    if card.kind == "setback":
        return f"a setback, noted by {_who(names, card.by)}"
    return f"a win, noticed by {_who(names, card.by)}"


def _goal(goal: MiniGoal, names: dict[str, str], today: date) -> list[str]:
    whose = "for both of you" if goal.owner is None else f"for {_who(names, goal.owner)}"
    reached_on = goal.reached_at.astimezone().date() if goal.reached_at else None
    # The app's words, with its separator dot said as a semicolon (read aloud plainly).
    progress = progress_words(goal_progress(goal, today), reached_on).replace(" · ", "; ")
    return ["", f"Set on {long_date(goal.created_at)}, {whose}, aim {target_words(goal)}:",
            *_quoted(goal.text), f"{INDENT}{progress}."]


# --- check-ins --------------------------------------------------------------------------------

def checkin(args: argparse.Namespace) -> int:
    if args.add:
        return _add_checkin(args)
    if args.by is not None or args.feeling is not None or args.safety is not None:
        raise Refusal("--by, --feeling and --safety go with --add, to give a check-in.")
    days = args.days if args.days is not None else CHECKIN_DAYS
    if days < 1:
        raise Refusal("--days takes a number from 1 up.")
    vault = open_existing(args)
    today = _today()
    partners = vault.partners
    every = vault.all(CheckIn)
    if not every:
        out("No check-ins yet. Each of you can give one a day in the app (c on home): "
            "a feeling word and how safe you feel, from 1 to 10.")
        return EXIT_OK
    # More days than the calendar has before today: every check-in (no date overflow).
    first = today - timedelta(days=min(days, today.toordinal()) - 1)
    latest: dict[tuple[date, str], CheckIn] = {}
    for check in sorted(every, key=lambda c: (c.created_at, c.id)):
        if first <= check.on <= today:
            latest[(check.on, check.partner_id)] = check  # the day's last one counts
    out(f"Check-ins of the last {days} day{'s' if days != 1 else ''}, newest first "
        "(how safe each of you felt, from 1 to 10).")
    out("")
    open_today = [p.name for p in partners if (today, p.id) not in latest]
    if open_today:
        out(f"Today's check-in is still open for {' and '.join(open_today)}, "
            "whenever you are ready.")
    for day in sorted({on for on, _ in latest}, reverse=True):
        parts = [_checkin_words(latest[(day, p.id)], p.name) for p in partners
                 if (day, p.id) in latest]
        out(f"{long_date(day)}: {'; '.join(parts)}.")
    if not latest:
        out(f"None in these {days} days; the earlier ones are in "
            "`trust-tui export --format markdown`.")
    return EXIT_OK


def _checkin_words(check: CheckIn, name: str) -> str:
    words = f"{name} felt {check.feeling}" if check.feeling else name
    if check.safety is not None:
        words += f", how safe {check.safety} of 10"
    return words


def _add_checkin(args: argparse.Namespace) -> int:
    """Today's check-in for one partner, as the app's check-in saves it (a second one
    today replaces the first)."""
    if args.by is None:
        raise Refusal("checkin --add needs --by NAME: whose check-in it is.")
    feeling = None
    if args.feeling is not None:
        feeling = " ".join(args.feeling.split()).casefold()
        if feeling not in FEELINGS:
            raise Refusal(f"--feeling takes one of the app's feeling words: {', '.join(FEELINGS)}.")
    if args.safety is not None and not 1 <= args.safety <= 10:
        raise Refusal("--safety takes a number from 1 to 10: how safe you feel today.")
    if feeling is None and args.safety is None:
        raise Refusal("A check-in needs --feeling WORD or --safety N (or both).")
    vault = open_existing(args)
    by = vault.partner_named(args.by)
    now = _now()
    today = local_day(now)
    earlier = by.id in checkins.todays(vault, today)
    checkins.save_today(vault, [checkins.Answer(by.id, feeling, args.safety)], today, now)
    again = ", in place of the one given earlier today" if earlier else ""
    out(f"Saved {by.name}'s check-in for {long_date(today)}{again}.")
    return EXIT_OK


HANDLERS = {"journal": journal, "agreements": agreements, "wins": wins, "checkin": checkin}

__all__: Sequence[str] = ["HANDLERS"]

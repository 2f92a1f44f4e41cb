"""Everything in a vault, decrypted, as JSON (a backup `import` can bring back) or
as Markdown (to read); and the import of a JSON export.

The couple's words are copied exactly: no escaping, no reflowing. Private text
stays sealed: an export carries its ciphertext (JSON) or says it is private
(Markdown), never the words. Nothing here touches TinyDB: it goes through the
Vault repository, so it sees what the app sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from trust_tui.domain.agreements_md import agreements_markdown, long_date
from trust_tui.domain.talk_history import count_text, minutes_text, past_talk
from trust_tui.domain.rituals import setback, weekly
from trust_tui.domain.wins import target_words
from trust_tui.models import (
    ALL_RECORDS,
    RECORD_BY_TABLE,
    Agreement,
    CheckIn,
    FollowThrough,
    JournalEntry,
    MiniGoal,
    Partner,
    RaisedConcern,
    Record,
    RitualRun,
    Setback,
    Settings,
    TalkSession,
    Win,
)
from trust_tui.import_checks import (
    PATH_CHARS,
    ImportRefused,
    check_count,
    check_shape,
    inert,
    load_json,
    record_problem,
)
from trust_tui.import_merge import export_revisions, merge_import, read_revisions, remap
from trust_tui.store.merging import MergeReport
from trust_tui.vault import Vault

EXPORT_FORMAT = "trust-tui-export"
EXPORT_VERSION = 1
FORMATS = ("json", "markdown")

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# In the JSON also as \u escapes (the same string once read): DEL, the C1 controls
# (a terminal may act on them as on ESC) and the bidirectional overrides.
_JSON_ESCAPED = re.compile("[\ud800-\udfff\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


__all__ = ["ImportRefused"]  # it lives with the import's checks, raised from both


# --- JSON --------------------------------------------------------------------------

def export_data(vault: Vault, exported_at: datetime) -> dict[str, Any]:
    """Every record of every table, as pydantic dumps them (mode="json")."""
    tables = {model.table: [_exported(r) for r in vault.all(model)] for model in ALL_RECORDS}
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": exported_at.isoformat(),
        "partners": [p.name for p in vault.partners],
        "tables": tables,
        **export_revisions(vault, tables),  # so an import brings edits and deletions back
    }


def _exported(record: Record) -> dict[str, Any]:
    """A record as JSON. A private entry's earlier words in plain text (kept by an
    older trust-tui when a shared entry was made private) are left out: only its
    writer may read them, and they are sealed again when it is next saved."""
    dumped = record.model_dump(mode="json")
    if isinstance(record, JournalEntry) and record.private:
        dumped["history"] = [edit for edit in dumped.get("history", [])
                             if edit.get("old_sealed") is not None]
    return dumped


def json_text(data: Mapping[str, Any]) -> str:
    """Readable JSON (unicode as itself) that is still valid UTF-8 when a text
    holds a lone surrogate: those, and characters a terminal would act on, become
    \\u escapes, which `json.loads` turns back into the same string."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def export_json(vault: Vault, exported_at: datetime) -> str:
    return json_text(export_data(vault, exported_at))


# --- import --------------------------------------------------------------------------

@dataclass
class Parsed:
    partners: list[Partner]
    records: list[Record]
    unknown_tables: list[str]
    revisions: tuple[dict[str, Any], dict[str, Any]] | None = None  # None: an older export


@dataclass
class Imported:
    added: int
    already_there: int
    private_left_out: int
    unknown_tables: list[str]
    merged: MergeReport | None = None  # by the merge's rules (an export with revisions)


def parse_export(raw: bytes, source: str) -> Parsed:
    """Check and read a JSON export, all of it before anything is written; raises
    ImportRefused (never with record text, nor a control character)."""
    source = inert(source, PATH_CHARS)
    not_ours = ImportRefused(f"{source} is not a trust-tui JSON export, so nothing was imported.")
    try:
        data = load_json(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise not_ours from None
    check_shape(data, source)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise not_ours
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise not_ours
    if version > EXPORT_VERSION:
        raise ImportRefused(f"{source} was written by a newer trust-tui (export format "
                            f"{version}); please update trust-tui to import it.")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise not_ours
    check_count(tables, source)
    partners: list[Partner] = []
    records: list[Record] = []
    unknown: list[str] = []
    for name, rows in tables.items():
        model = RECORD_BY_TABLE.get(name)
        if model is None:
            unknown.append(inert(name))  # from a newer trust-tui: left out, and said so
            continue
        if not isinstance(rows, list):
            raise not_ours
        for number, row in enumerate(rows, start=1):
            try:
                record = model.model_validate(row)
                problem = record_problem(record.model_dump())
            except ValidationError:
                # pydantic's message quotes the input: say where, never what.
                problem = "nothing this trust-tui can read"
            if problem is not None:
                raise ImportRefused(
                    f"Record {number} of the {name} part of {source} holds {problem}, "
                    "so nothing was imported.")
            (partners if model is Partner else records).append(record)
    return Parsed(partners, records, unknown, read_revisions(data, source))


def partner_map(theirs: Iterable[Partner], ours: Iterable[Partner]) -> dict[str, str]:
    """Export partner id -> this vault's partner id: the same id (a backup of this
    vault), else the same name (a merge into a new vault)."""
    ours = list(ours)
    by_id = {p.id for p in ours}
    by_name = {p.name.casefold(): p.id for p in ours}
    mapping: dict[str, str] = {}
    theirs = list(theirs)
    for partner in theirs:
        if partner.id in by_id:
            mapping[partner.id] = partner.id
        elif partner.name.casefold() in by_name:
            mapping[partner.id] = by_name[partner.name.casefold()]
        else:
            raise ImportRefused(
                f"The export is for {inert(_names(theirs), 200)} but this vault is for "
                f"{inert(_names(ours), 200)}, "
                "so nothing was imported (set up the new vault with the same two names).")
    return mapping


def _names(people: Iterable[Partner]) -> str:
    return " and ".join(p.name for p in people) or "nobody"


def import_into(vault: Vault, parsed: Parsed) -> Imported:
    """Bring the export's records in, in one write: by the merge's rules when it
    carries revisions (import_merge.py), else only those whose id is new. Partners
    stay the vault's own (and settings too, from an older export)."""
    mapping = partner_map(parsed.partners, vault.partners)
    moved = {old for old, new in mapping.items() if old != new}
    fresh: list[Record] = []
    private_left_out = 0
    for record in parsed.records:
        if isinstance(record, Settings) and (parsed.revisions is None or moved):
            continue
        if moved:
            sealed = getattr(record, "sealed", None)
            if sealed is not None and sealed.owner in moved:
                private_left_out += 1
                continue
            dumped = remap(record.model_dump(mode="json"), mapping, moved)
            record = type(record).model_validate(dumped)
        fresh.append(record)
    if parsed.revisions is not None:
        back = {ours: theirs for theirs, ours in mapping.items() if theirs != ours}
        report, there = merge_import(vault, fresh, parsed.revisions, back=back)
        return Imported(report.came_in, there, private_left_out, parsed.unknown_tables, report)
    added = vault.add_many(fresh, skip_existing=True) if fresh else 0
    return Imported(added=added, already_there=len(fresh) - added,
                    private_left_out=private_left_out, unknown_tables=parsed.unknown_tables)


# --- Markdown ------------------------------------------------------------------------

def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{long_date(local)}, {local:%H:%M}"


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.split("\n")]


def _by_time(records: Iterable[Record]) -> list:
    return sorted(records, key=lambda r: (r.created_at, r.id))


def export_markdown(vault: Vault, today: date) -> str:
    """Everything the two of you wrote, readable, oldest first in each part."""
    partners = vault.partners
    names = {p.id: p.name for p in partners}

    def who(partner_id: str | None) -> str:
        return "both of you" if partner_id is None else names.get(partner_id, "someone")

    out: list[str] = [f"# trust-tui: {_names(partners)}", "",
                      f"Written out on {long_date(today)}. This copy is not encrypted: "
                      "keep it where only the two of you can reach it. Private entries "
                      "stay sealed and are not shown here.", ""]

    out += ["# Partners", ""]
    out += [f"- {p.name}, since {long_date(p.created_at)}" for p in partners] + [""]

    out += _talks(vault.all(TalkSession), who, [p.id for p in partners])
    out += [agreements_markdown(vault.all(Agreement), names, today,
                                vault.all(FollowThrough),
                                vault.all(RaisedConcern)).rstrip("\n"), ""]
    out += _follow_through(vault, who)
    out += _wins(vault.all(Win), vault.all(Setback), who)
    out += _goals(vault.all(MiniGoal), who)
    out += _rituals(vault.all(RitualRun))
    out += _journal(vault.all(JournalEntry), who)
    out += _check_ins(vault.all(CheckIn), who)
    left_out = sum(vault.unreadable.values())
    if left_out:  # said plainly, never silently fewer (issue 13)
        out += ["# Left out", "", f"{left_out:,} record{'s' if left_out != 1 else ''} could "
                f"not be read and {'are' if left_out != 1 else 'is'} left out; "
                "`trust-tui check` lists them.", ""]
    text = "\n".join(out).rstrip("\n") + "\n"
    return visible_controls(_LONE_SURROGATE.sub("\ufffd", text))


def visible_controls(text: str) -> str:
    """Control characters as visible codes (ESC as `\\x1b`): the Markdown copy is
    for reading, and `cat` in a terminal would act on a pasted escape sequence
    (recolour, retitle, write to the clipboard). The JSON export keeps every
    character exactly."""
    return "".join(ch if ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160)
                   else f"\\x{ord(ch):02x}" for ch in text)


def _talks(talks: list[TalkSession], who, partners: list[str]) -> list[str]:
    out = ["# Talks", ""]
    if not talks:
        return out + ["No talks yet.", ""]
    for talk in sorted(talks, key=lambda t: (t.started_at, t.id)):
        past = past_talk(talk, partners)
        out += [f"## {_when(talk.started_at)}: {past.title}", ""]
        if past.subject:
            out += ["About:", ""] + _quote(past.subject) + [""]
        facts = [f"- {count_text(len(talk.turns), 'turn')}, "
                 f"{who(talk.first_speaker_id)} spoke first"]
        if past.naming_id is not None:
            facts.append(f"- {who(past.naming_id)} named what happened")
        if past.seconds_long is not None:
            facts.append(f"- Lasted {minutes_text(past.seconds_long)}")
        else:
            facts.append("- Still under way")
        for part in past.partners:
            facts.append(f"- {who(part.partner_id)}: {count_text(part.turns, 'turn')}, "
                         f"{minutes_text(part.spoken_seconds)} speaking")
        for pause in talk.breaks:
            taken = (f", back after {minutes_text(pause.actual_seconds)}"
                     if pause.actual_seconds is not None else "")
            facts.append(f"- A break called by {who(pause.called_by)} at "
                         f"{pause.called_at.astimezone():%H:%M}{taken}")
        if past.breaks and not talk.breaks:  # kept as the session's moves only
            facts.append(f"- {count_text(past.breaks, 'break')}, "
                         f"{minutes_text(past.break_seconds)} in all")
        ratings = [f"{who(p.partner_id)} {p.rating}" if p.rating is not None
                   else f"{who(p.partner_id)} not given" for p in past.partners]
        facts.append("- How safe afterwards (1 to 10): " + ", ".join(ratings))
        facts += [f"- {who(by)} reached for repair words: {' '.join(phrase.split())}"
                  for by, phrase in past.repairs]
        out += facts + [""]
        for number, turn in enumerate(talk.turns, start=1):
            feeling = ""
            if turn.feeling:
                feeling = f", feeling {turn.feeling}"
                if turn.intensity:
                    feeling += f" ({turn.intensity} of 10)"
            out.append(f"{number}. {who(turn.speaker_id)} spoke for "
                       f"{minutes_text(turn.spoken_seconds)}{feeling}.")
            if turn.paraphrase:
                heard = "confirmed" if turn.paraphrase_confirmed else "not confirmed yet"
                out += ["", f"   What the other heard ({heard}):", ""]
                out += [f"   {line}" for line in _quote(turn.paraphrase)]
            out.append("")
        if past.next_steps:
            out += ["Next steps:", ""] + [f"- {step}" for step in past.next_steps] + [""]
    return out


def _follow_through(vault: Vault, who) -> list[str]:
    entries = sorted(vault.all(FollowThrough), key=lambda f: (f.on, f.created_at, f.id))
    out = ["# Follow-through", ""]
    if not entries:
        return out + ["Nothing noted yet.", ""]
    wording = {a.id: a.wording for a in vault.all(Agreement)}
    for entry in entries:
        # What happened and who noted it, never who is to blame: the one who logs a
        # miss is often the one who asked for the agreement.
        what = "kept" if entry.kept else "missed"
        about = wording.get(entry.agreement_id, "an agreement no longer in the vault")
        first_line = about.split("\n", 1)[0]
        line = f"- {long_date(entry.on)}: {first_line}: {what} (noted by {who(entry.by)})"
        out.append(line)
        if entry.note:
            out += [f"  {q}" for q in _quote(entry.note)]
    return out + [""]


def _wins(wins: list[Win], setbacks: list[Setback], who) -> list[str]:
    out = ["# Wins and thank-yous", ""]
    if not wins:
        out += ["None written down yet.", ""]
    for win in _by_time(wins):
        if win.kind == "thanks":
            head = f"Thank you from {who(win.noticed_by)} to {who(win.to)}"
        elif win.kind == "goal_reached":
            head = "A goal reached"
        else:
            head = f"A win, noticed by {who(win.noticed_by)}"
        out += [f"## {_when(win.created_at)}: {head}", "", win.text, ""]
    out += ["# Setbacks", "", "Setbacks are part of the way; they are kept here without "
            "judgement.", ""]
    if not setbacks:
        out += ["None written down.", ""]
    for noted in _by_time(setbacks):
        out += [f"## {_when(noted.created_at)}: noted by {who(noted.noted_by)}", "",
                noted.text, ""]
    return out


def _goals(goals: list[MiniGoal], who) -> list[str]:
    out = ["# Mini-goals", ""]
    if not goals:
        return out + ["None set yet.", ""]
    for goal in _by_time(goals):
        state = (f"reached on {long_date(goal.reached_at)}" if goal.reached_at
                 else f"{len(goal.progress)} logged so far")
        out += [f"## Set on {long_date(goal.created_at)}, for {who(goal.owner)}", "",
                goal.text, "", f"- Aim: {target_words(goal)}; {state}", ""]
    return out


def _rituals(runs: list[RitualRun]) -> list[str]:
    if not runs:
        return []
    out = ["# Rituals", ""]
    rituals = {r.key: r for r in (weekly(), setback())}
    for run in sorted(runs, key=lambda r: (r.started_at, r.id)):
        ritual = rituals.get(run.ritual)
        steps = {s.key: s.title for s in ritual.steps} if ritual else {}
        done = ("finished" if run.finished else "still under way" if run.in_progress
                else "stopped early (that is fine)")
        out += [f"## {_when(run.started_at)}: {ritual.title if ritual else run.ritual}", "",
                f"- {len(run.steps)} steps, {done}"]
        for step in run.steps:
            for note in step.notes:
                out += [f"- {steps.get(step.step, step.step)}: {note.text}"]
        out.append("")
    return out


def _journal(entries: list[JournalEntry], who) -> list[str]:
    kinds = {"entry": "", "honesty": " (honesty log)", "slip": " (a small slip, owned)",
             "apology": " (an apology)"}
    out = ["# Journal", ""]
    shown = [e for e in _by_time(entries) if not e.deleted]
    if not shown:
        return out + ["No entries yet.", ""]
    for entry in shown:
        kind = "" if entry.private else kinds.get(entry.kind, "")  # private: sealed too
        # A private entry's time is sealed (midday of its day is kept): its day only.
        when = (long_date(entry.created_at.astimezone()) if entry.private
                else _when(entry.created_at))
        head = f"## {when}: {who(entry.author)}{kind}"
        if entry.draft:  # words kept from an editor closed before saving
            head += " (a draft, not saved yet)"
        if entry.private or entry.text is None:
            out += [head, "", "A private entry, kept sealed.", ""]
            continue
        feeling = [f"Feeling: {entry.feeling}", ""] if entry.feeling else []
        out += [head, "", *feeling, entry.text, ""]
    return out


def _check_ins(check_ins: list[CheckIn], who) -> list[str]:
    out = ["# Check-ins", ""]
    if not check_ins:
        return out + ["None yet.", ""]
    out += ["How safe each of you felt, from 1 to 10.", "", "| day | who | safe | feeling |",
            "|---|---|---|---|"]
    for check in sorted(check_ins, key=lambda c: (c.on, c.created_at, c.id)):
        safe = "" if check.safety is None else check.safety
        out.append(f"| {long_date(check.on)} | {who(check.partner_id)} | {safe} "
                   f"| {check.feeling or ''} |")
    return out + [""]

"""Merge another copy of this vault into it (issue 14): `trust-tui merge OTHER` and
the app's offer to merge a sync-conflict file both call `merge_from`.

The other copy opens with the same passphrase; its documents are merged as they
are stored (private entries and safety checks still sealed: vault/merging.py),
in one transaction and one durable write of this vault (its previous generation
kept as `.bak`). Nothing is written to the other copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from trust_tui.domain.agreements_md import long_date
from trust_tui.files import describe_read_error
from trust_tui.import_checks import PATH_CHARS, inert
from trust_tui.models import Partner
from trust_tui.vault import Vault
from trust_tui.vault.errors import CannotRead, WrongPassphrase
from trust_tui.vault.merging import (
    CAME_IN,
    CONFLICT,
    DELETED,
    KEPT_EDIT,
    UPDATED,
    Event,
    MergeRefused,
    NeedsPassphrase,
    merge_tables,
)

__all__ = ["MergeRefused", "MergeReport", "NeedsPassphrase", "merge_from", "merge_into", "report_of"]

# What a record is, in words (never its content).
_KINDS = {
    "journal": "journal entry", "agreements": "agreement", "follow_through":
    "follow-through note", "concerns": "raised concern", "wins": "win", "goals": "mini-goal",
    "setbacks": "setback", "check_ins": "check-in", "talks": "talk", "rituals": "ritual",
    "breaks": "break", "form_drafts": "unsaved form", "partners": "partner",
    "settings": "the settings", "safety_checks": "safety check", "lockers": "safety checks",
}


@dataclass
class MergeReport:
    """What a merge did (or, with dry_run, would do) to this vault."""

    came_in: int = 0
    updated: int = 0
    deleted: int = 0
    conflicts: int = 0
    conflicts_theirs_won: int = 0  # of the conflicts, those the other copy's version won
    kept_edits: int = 0  # an edit kept over a deletion on the other copy
    dry_run: bool = False
    changed: bool = False  # False: both copies held the same already
    details: list[str] = field(default_factory=list)  # one line per conflict / kept edit

    @property
    def changed_as_theirs(self) -> int:
        """Records of this vault now as the other copy has them: those changed only
        there, and those changed on both where the other copy's version won."""
        return self.updated + self.conflicts_theirs_won

    def lines(self) -> list[str]:
        """Plain sentences: the counts, then one line per conflict or kept edit."""
        if not self.changed:
            return ["Nothing to merge: both copies already hold the same records."]

        def done(n: int) -> str:
            verb = "would be" if self.dry_run else "was" if n == 1 else "were"
            return f"{_count(n, 'record')} {verb}"

        counts = [f"{done(self.came_in)} brought in", f"{done(self.updated)} updated",
                  f"{done(self.deleted)} removed (deleted on the other copy)"]
        head = "; ".join(counts) + "."
        if not (self.came_in or self.updated or self.deleted or self.conflicts
                or self.kept_edits):
            head = ("No record changes; only what keeps track of versions (and sealed safety "
                    f"checks) {'would be' if self.dry_run else 'was'} brought together.")
        if self.conflicts:
            head += (f" {_count(self.conflicts, 'record')} changed on both copies: the later "
                     "version is kept and the other is kept in its history.")
        if self.kept_edits:
            head += (f" {_count(self.kept_edits, 'edit')} against a deletion "
                     f"{'was' if self.kept_edits == 1 else 'were'} kept.")
        if self.dry_run:
            head += " This was a dry run: nothing was written."
        return [head, *self.details]


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _names(tables: dict[str, Any]) -> dict[str, str]:
    people = tables.get(Partner.table)
    return {str(d.get("id")): str(d.get("name")) for d in
            (people.values() if isinstance(people, dict) else []) if isinstance(d, dict)}


def _label(event: Event, names: dict[str, str]) -> str:
    """Which record, in a few words: its kind, its day and whose it is (never its
    words, private or not)."""
    doc = event.doc if isinstance(event.doc, dict) else {}
    kind = _KINDS.get(event.table, f"record in {event.table}")
    if event.table == "settings":
        return "The settings"
    if event.table == "partners":
        return f"The partner {doc.get('name', '')}"
    writer = next((str(doc[k]) for k in ("author", "partner_id", "noticed_by", "owner",
                                         "noted_by") if isinstance(doc.get(k), str)), "")
    private = "private " if doc.get("private") is True else ""
    if writer in names:
        whose = f"{names[writer]}'s "
    else:
        whose = "An " if (private or kind)[:1] in "aeiou" else "A "
    day = ""
    try:
        day = f" of {long_date(datetime.fromisoformat(str(doc.get('created_at'))))}"
    except ValueError:
        pass
    return f"{whose}{private}{kind}{day}"


def _was(event: Event) -> str:
    return "were" if event.table == "settings" else "was"


def report_of(events: list[Event], changed: bool, names: dict[str, str],
              dry_run: bool) -> MergeReport:
    report = MergeReport(dry_run=dry_run, changed=changed)
    for event in events:
        if event.table == "lockers":
            # Sealed afresh on every save of its owner's sessions (so the file never
            # shows when a check was kept): both copies nearly always differ. The other
            # copy's stays sealed in history, and its checks join the owner's locker
            # when their key is next here (vault/locker.py): nothing to say.
            continue
        if event.kind == CAME_IN:
            report.came_in += 1
        elif event.kind == UPDATED:
            report.updated += 1
        elif event.kind == DELETED:
            report.deleted += 1
        elif event.kind == CONFLICT:
            report.conflicts += 1
            report.conflicts_theirs_won += event.theirs_won
            won, lost = ("the other copy's", "this copy's") if event.theirs_won else (
                "this copy's", "the other copy's")
            report.details.append(f"{_label(event, names)} {_was(event)} changed on both "
                                  f"copies: the later version ({won}) is kept, and {lost} is "
                                  "in its history.")
        elif event.kind == KEPT_EDIT:
            report.kept_edits += 1
            report.details.append(f"{_label(event, names)} {_was(event)} deleted on one copy "
                                  "and edited on the other: the edit is kept.")
    report.details = [inert(line, limit=300) for line in report.details]
    return report


def merge_into(vault: Vault, theirs: dict[str, Any], *, dry_run: bool = False,
               their_generation: int = 0) -> MergeReport:
    """Merge these tables (another copy's, decrypted) into the vault in one write.
    The result is written as newer than both copies, even when only the other
    copy's generation was higher (a copy that saved more often)."""
    with vault.transaction():
        ours = vault.raw_tables()
        merged = merge_tables(ours, theirs)
        newer_there = their_generation > vault.generation
        if (merged.changed or newer_there) and not dry_run:
            vault.write_raw(merged.tables, after_generation=their_generation)
    return report_of(merged.events, merged.changed, _names(merged.tables), dry_run)


def merge_from(vault: Vault, other_path: Path, passphrase: str | None, *,
               dry_run: bool = False) -> MergeReport:
    """Merge the vault copy at `other_path` into `vault`; `passphrase` is one that
    opened `vault`, and must open the other copy too.

    When the other copy holds the very keyslots this vault holds (no passphrase was
    changed on either since they parted), that passphrase opens both alike, and the
    copy is read with the data key in hand; otherwise it is unlocked with the
    passphrase (one key derivation: slow, so run this in a worker); with no
    passphrase (the app, which keeps none after unlocking) that is NeedsPassphrase. Raises
    MergeRefused (one plain sentence of what to do) or another VaultError; nothing
    is written then."""
    other_path = Path(other_path)
    shown = inert(other_path, PATH_CHARS)
    try:
        if os.path.samefile(other_path, vault.path):
            raise MergeRefused(f"{shown} is this vault itself, so there is nothing to merge.")
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise CannotRead(other_path, describe_read_error(exc)) from None
    parsed = Vault.read_file(other_path)
    ours = vault.header
    theirs = parsed.header
    if ours.vault_id and theirs.vault_id and ours.vault_id != theirs.vault_id:
        raise MergeRefused(_ANOTHER_VAULT.format(shown))
    if ours.key_id != theirs.key_id:
        raise MergeRefused(f"The keys of {shown} or of this vault were renewed (trust-tui "
                           "rekey) on one copy only, so nothing was merged; export that copy "
                           "as JSON and import the file here instead.")
    tables = vault.open_copy(parsed, other_path)  # the same keyslots: no derivation
    if tables is None:
        if passphrase is None:
            raise NeedsPassphrase(f"The passphrases of {shown} differ from this vault's "
                                  "(one was changed since the copies parted), so nothing "
                                  "was merged; merge it with a passphrase that opens it.")
        try:
            _, data_key, _ = parsed.unlock(passphrase)
        except WrongPassphrase:
            raise MergeRefused(f"{shown} does not open with this passphrase (it may have been "
                               "changed there), so nothing was merged; merge again with a "
                               "passphrase that opens both copies.") from None
        tables = parsed.decrypt(data_key, other_path)
    _same_keys(vault, tables, shown)
    return merge_into(vault, tables, dry_run=dry_run,
                      their_generation=parsed.header.generation)


_ANOTHER_VAULT = ("{} is another vault, not a copy of this one, so nothing was merged; to "
                  "bring its records in, export it as JSON and import that file here "
                  "(trust-tui export, then trust-tui import).")


def _same_keys(vault: Vault, theirs: dict[str, Any], shown: str) -> None:
    """The same partners (by name and id), each with the same private key: one renewed
    on one copy only (passwd) would leave their sealed entries unopenable."""
    people = theirs.get(Partner.table)
    docs = [d for d in (people.values() if isinstance(people, dict) else [])
            if isinstance(d, dict)]
    checks = {d.get("id"): d.get("key_check") for d in docs}
    ours = {p.name.casefold(): p.id for p in vault.partners}
    if any(ours.get(str(d.get("name", "")).casefold(), d.get("id")) != d.get("id")
           for d in docs):  # the same names, other people: a vault made separately
        raise MergeRefused(_ANOTHER_VAULT.format(shown))
    for partner in vault.partners:
        found = checks.get(partner.id)
        if partner.key_check and found and found != partner.key_check:
            raise MergeRefused(f"{partner.name}'s passphrase was changed on one copy only, so "
                               "nothing was merged (their private entries would not open in "
                               "both); keep the copy with the new passphrase and bring the "
                               "other's records across with trust-tui export and import.")

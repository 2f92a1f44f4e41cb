"""Expectations and boundaries (method steps 3, 4 and 7): one screen, two kinds.

`ExpectationsScreen` and `BoundariesScreen` are the same editor. What differs is
named in `KindWords` (the words, the categories, review vs check-back) plus one
extra pair of keys on boundaries ("raise it now", "talked through"). Every rule
lives in `domain/agreements.py`; this module shows the records, saves each change
at once through `app.save`, and keeps the last change so ctrl+z can put it back.

Each partner agrees on their own key: the left partner (the first at setup) on
`1`, the right partner on `0`, the two ends of the number row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Label, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from trust_tui.domain import agreements as rules
from trust_tui.domain.agreements_md import agreements_markdown
from trust_tui.files import write_private_file
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    RaisedConcern,
    Record,
)
from trust_tui.screens.agreement_forms import (
    BOUNDARY_WORDS,
    EXPECTATION_WORDS,
    EXPORT_NAME,
    AgreementForm,
    AgreementInput,
    ConcernForm,
    ConcernInput,
    ExportForm,
    FollowThroughForm,
    FollowThroughInput,
    KindWords,
    ReviewForm,
    ReviewInput,
)
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.widgets.typed import typed

if TYPE_CHECKING:
    from trust_tui.vault import Vault

LEFT_KEY, RIGHT_KEY = "1", "0"
PARTNER_KEYS = (LEFT_KEY, RIGHT_KEY)
WIDE_FOOTER = 100  # columns from which the partners' agree keys fit in the footer

STATUS_LABELS = {
    AgreementStatus.DRAFT: "○ draft",
    AgreementStatus.AGREED: "● agreed",
    AgreementStatus.PAUSED: "‖ paused",
    AgreementStatus.RETIRED: "– retired",
}
STATUS_ORDER = {AgreementStatus.DRAFT: 0, AgreementStatus.AGREED: 1,
                AgreementStatus.PAUSED: 2, AgreementStatus.RETIRED: 3}


# --- undo -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class UndoStep:
    """How to put the last change back: records to restore, records to remove."""

    label: str
    restore: tuple[Record, ...] = ()
    remove: tuple[tuple[type[Record], str], ...] = ()

    def apply(self, vault: "Vault") -> None:
        for record in self.restore:
            vault.put(record)
        for model, record_id in self.remove:
            vault.remove(model, record_id)


# --- the screen ------------------------------------------------------------

@dataclass
class _Seen:
    """What the screen last read from the vault."""

    agreements: list[Agreement] = field(default_factory=list)
    follow: list[FollowThrough] = field(default_factory=list)
    concerns: list[RaisedConcern] = field(default_factory=list)


class AgreementsScreen(AreaScreen):
    """The list and editor for one kind of agreement."""

    CSS_PATH = sheet("agreements")

    WORDS: ClassVar[KindWords] = EXPECTATION_WORDS

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("k", "follow_through(True)", "Kept"),
        Binding("m", "follow_through(False)", "Missed"),
        Binding("r", "review", "Review"),
        Binding("escape", "app.go_home", "Home"),
        # Out of the footer so it fits 80 columns; named in the hint under the list
        # and in the palette's key panel (ctrl+p, "Keys").
        Binding("x", "export", "Export", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("p", "pause", "Pause or pick up again", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.seen = _Seen()
        self.last_change: UndoStep | None = None

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        words = self.WORDS
        yield Static(Content.assemble((words.title, "bold"), " - ", words.lead), id="agr-title")
        with Horizontal(id="agr-body"):
            with Vertical(id="agr-list-pane"):
                yield OptionList(id="agr-list")
                yield Static("", id="agr-keys", classes="hint")
                yield Static("", id="agr-concerns")
            with VerticalScroll(id="agr-detail"):
                yield Static("", id="agr-wording")
                yield Static("", id="agr-status")
                yield Static("", id="agr-notice")
                yield Static("Follow-through by week (oldest first, this week last)",
                             id="agr-chart-title", classes="section-title")
                with Horizontal(classes="spark-row"):
                    yield Label("kept  ", classes="spark-label")
                    yield Sparkline([], id="spark-kept")
                    yield Static("", id="numbers-kept", classes="spark-numbers")
                with Horizontal(classes="spark-row"):
                    yield Label("missed", classes="spark-label")
                    yield Sparkline([], id="spark-missed")
                    yield Static("", id="numbers-missed", classes="spark-numbers")
                yield Static("", id="agr-summary")
                yield Static("", id="agr-history")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._bind_partner_keys(self.app.size.width)
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        self._bind_partner_keys(event.size.width)

    def _bind_partner_keys(self, width: int) -> None:
        """Each partner's own key, named, first in the footer when it is wide; at 80
        columns the hint under the list names them and the footer keeps its room
        for the rest (Home, the break)."""
        show = width >= WIDE_FOOTER
        # (An explicit tooltip: a name in one would be read as markup on hover.)
        ordered = BindingsMap([Binding(key, f"agree('{pid}')", f"{name} agrees", show=show,
                                       tooltip="Agree on the highlighted draft, on your own key")
                               for key, (pid, name) in zip(PARTNER_KEYS, self.partner_pairs())])
        for key, bindings in self._bindings.key_to_bindings.items():
            if key not in PARTNER_KEYS:
                ordered.key_to_bindings.setdefault(key, []).extend(bindings)
        self._bindings = ordered
        self.refresh_bindings()
        self.query_one("#agr-list", OptionList).focus()

    # --- reading ---------------------------------------------------------------------

    def today(self) -> date:
        return rules.local_day(self.clock.now())

    def partner_pairs(self) -> list[tuple[str, str]]:
        return [(p.id, p.name) for p in self.vault.partners]

    def partner_ids(self) -> list[str]:
        return [p.id for p in self.vault.partners]

    def names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.vault.partners}

    @property
    def selected(self) -> Agreement | None:
        listing = self.query_one("#agr-list", OptionList)
        option = listing.highlighted_option
        if option is None:
            return None
        return next((a for a in self.seen.agreements if a.id == option.id), None)

    def mine(self, agreements: list[Agreement]) -> list[Agreement]:
        kind = [a for a in agreements if a.kind == self.WORDS.kind]
        return sorted(kind, key=lambda a: (STATUS_ORDER[a.status], a.created_at, a.id))

    def reload(self, select: str | None = None) -> None:
        self.seen = _Seen(self.mine(self.vault.all(Agreement)), self.vault.all(FollowThrough),
                          self.vault.all(RaisedConcern))
        listing = self.query_one("#agr-list", OptionList)
        keep = select or (listing.highlighted_option.id if listing.highlighted_option else None)
        today = self.today()
        options = [Option(self._list_prompt(a, today), id=a.id) for a in self.seen.agreements]
        if not options:
            options = [Option(Content(self.WORDS.empty), id="empty", disabled=True)]
        listing.set_options(options)
        ids = [a.id for a in self.seen.agreements]
        if ids:
            listing.highlighted = ids.index(keep) if keep in ids else 0
        self._draw_keys()
        self._draw_concerns()
        self._draw_detail()

    def _follow_of(self, agreement: Agreement) -> list[FollowThrough]:
        return [f for f in self.seen.follow if f.agreement_id == agreement.id]

    def _list_prompt(self, a: Agreement, today: date) -> Content:
        names = self.names()
        status = STATUS_LABELS[a.status]
        if rules.is_due(a, today):
            status = f"◆ {self.WORDS.review} due"
        parts = [names.get(a.asked_by, "someone")]
        if a.status == AgreementStatus.DRAFT:
            waiting = rules.waiting_for(a, self.partner_ids())
            parts.append("waiting for " + " and ".join(names.get(p, "someone") for p in waiting))
        elif a.status == AgreementStatus.AGREED and a.next_review:
            parts.append(f"{self.WORDS.review} {rules.short_date(a.next_review, today)}")
            mine = self._follow_of(a)
            week = rules.weekly_series(mine, today, weeks=1)[0]
            if week.total:
                parts.append(f"this week {week.kept} kept, {week.missed} missed")
            if rules.repeated_miss_notice(a, mine, today) is not None:
                parts.append("worth a look together")
        # Status and facts first, then the words on their own line(s), so a long
        # wording wraps cleanly at 80 columns.
        return Content.assemble((status, "bold"), (" · " + " · ".join(parts), "dim"), "\n",
                                typed(rules.short_text(a.wording, 120)))

    def _draw_keys(self) -> None:
        pairs = zip(PARTNER_KEYS, self.partner_pairs())
        keys = ", ".join(f"{key} {name}" for key, (_, name) in pairs)
        # The keys kept out of the footer are named here (and in ctrl+p, "Keys").
        self.query_one("#agr-keys", Static).update(typed(
            f"Agree on your own key: {keys} (again to take a yes back). "
            f"x export · p pause · ctrl+z undo"))

    def _draw_concerns(self) -> None:
        widget = self.query_one("#agr-concerns", Static)
        widget.display = False

    @on(OptionList.OptionHighlighted, "#agr-list")
    def _highlighted(self) -> None:
        self._draw_detail()

    @on(OptionList.OptionSelected, "#agr-list")
    def _selected(self) -> None:
        self.action_edit()

    def _draw_detail(self) -> None:
        a = self.selected
        detail = self.query_one("#agr-detail", VerticalScroll)
        detail.display = a is not None
        if a is None:
            return
        names = self.names()
        today = self.today()
        words = self.WORDS
        self.query_one("#agr-wording", Static).update(typed(a.wording))
        facts = [f"{words.who_label}: {names.get(a.asked_by, 'someone')}",
                 f"About: {a.category}"]
        if a.status == AgreementStatus.DRAFT:
            said_yes = [names.get(p, "someone") for p in a.confirmed_by]
            waiting = rules.waiting_for(a, self.partner_ids())
            line = "Draft: not agreed by both yet."
            if said_yes:
                line += " " + " and ".join(said_yes) + " agreed."
            if waiting:
                waiting_names = " and ".join(names.get(p, "someone") for p in waiting)
                line += f" Waiting for {waiting_names}."
            facts.append(line)
        elif a.status == AgreementStatus.AGREED:
            when = rules.short_date(rules.local_day(a.agreed_at), today) if a.agreed_at else "-"
            due = " (due now)" if rules.is_due(a, today) else ""
            facts.append(f"Agreed by both on {when}. Next {words.review}: "
                         f"{rules.short_date(a.next_review, today) if a.next_review else '-'}{due}, "
                         f"then every {a.review_every_days} days.")
        elif a.status == AgreementStatus.PAUSED:
            facts.append("Paused for now: no reviews fall due. Press p to pick it up again.")
        else:
            facts.append("Retired: kept here for the record.")
        self.query_one("#agr-status", Static).update(typed("\n".join(facts)))

        mine = self._follow_of(a)
        notice = rules.repeated_miss_notice(a, mine, today)
        notice_widget = self.query_one("#agr-notice", Static)
        notice_widget.display = notice is not None
        notice_widget.update(Content("A gentle note: " + notice) if notice else Content(""))

        series = rules.weekly_series(mine, today)
        self.query_one("#spark-kept", Sparkline).data = [w.kept for w in series]
        self.query_one("#spark-missed", Sparkline).data = [w.missed for w in series]
        self.query_one("#numbers-kept", Static).update(" ".join(str(w.kept) for w in series))
        self.query_one("#numbers-missed", Static).update(" ".join(str(w.missed) for w in series))
        self.query_one("#agr-summary", Static).update(typed(rules.consistency_summary(series)))
        self.query_one("#agr-history", Static).update(typed(self._history_text(a, mine)))

    def _history_text(self, a: Agreement, mine: list[FollowThrough]) -> str:
        today = self.today()
        names = self.names()
        lines: list[str] = []
        recent = sorted(mine, key=lambda f: (f.on, f.created_at), reverse=True)[:5]
        if recent:
            lines.append("Lately:")
            for f in recent:
                note = f" - {f.note}" if f.note else ""
                lines.append(f"  {rules.short_date(f.on, today)}: {'kept' if f.kept else 'missed'}"
                             f" (logged by {names.get(f.by, 'someone')}){note}")
        if a.reviews:
            lines.append(f"{self.WORDS.review_verb}s:")
            for r in reversed(a.reviews):
                how = ", ".join(f"{'working' if ok else 'not yet working'} for "
                                f"{names.get(p, 'someone')}" for p, ok in r.working.items())
                note = f" - {r.note}" if r.note else ""
                lines.append(f"  {rules.short_date(rules.local_day(r.at), today)}: {r.outcome}"
                             f"{' (' + how + ')' if how else ''}{note}")
        if a.history:
            lines.append("Earlier words:")
            for h in reversed(a.history):
                lines.append(f"  {rules.short_date(rules.local_day(h.at), today)}, changed by "
                             f"{names.get(h.by, 'someone')}. Before: {h.old_wording}")
        return "\n".join(lines)

    # --- saving -----------------------------------------------------------------------

    def _check(self, rule: Callable[[], Any]) -> bool:
        """Try a rule on what is on screen first, so its message shows before saving."""
        try:
            rule()
        except rules.AgreementRuleError as error:
            self.notify(str(error), markup=False)
            return False
        return True

    def _save_change(self, agreement_id: str, rule: Callable[[Agreement], Agreement],
                     label: str, message: Callable[[Agreement], str] | None = None,
                     extra: Callable[["Vault"], tuple[Record, ...]] | None = None) -> None:
        """Apply `rule` to the latest stored record and save; keep the old one for undo.
        `extra(vault)` may change more records and returns their earlier versions."""

        def change(vault: "Vault") -> tuple[Agreement, Agreement, tuple[Record, ...]] | None:
            before: list[Agreement] = []

            def apply(current: Agreement) -> Agreement:
                before.append(current.model_copy(deep=True))
                return rule(current)

            try:
                after = vault.update(Agreement, agreement_id, apply)
            except KeyError:
                return None  # removed meanwhile (an undo in another window)
            more = extra(vault) if extra else ()
            return before[0], after, more

        def done(result: tuple[Agreement, Agreement, tuple[Record, ...]] | None) -> None:
            if result is None:
                self.notify("That one is no longer here, so nothing was changed.",
                            markup=False)
                self.reload()
                return
            before, after, more = result
            self.last_change = UndoStep(label, restore=(before, *more))
            self.reload(select=after.id)
            if message is not None:
                self.notify(message(after), timeout=4, markup=False)

        self.trust_app.save(change, done=done, saved_message=None if message else "Saved.")

    def _save_new(self, record: Record, label: str, message: str) -> None:
        def done(_: object) -> None:
            self.last_change = UndoStep(label, remove=((type(record), record.id),))
            self.reload(select=record.id if isinstance(record, Agreement) else None)

        self.trust_app.save(lambda vault: vault.add(record), done=done, saved_message=message)

    # --- actions ---------------------------------------------------------------------------

    def _need_selection(self) -> Agreement | None:
        a = self.selected
        if a is None:
            self.notify(f"Add {self.WORDS.a_noun} first (press a).", markup=False)
        return a

    def action_add(self) -> None:
        form = AgreementForm(self.WORDS, self.partner_pairs(), self.vault.me.id)
        self.app.push_screen(form, callback=self._added)

    def _added(self, result: AgreementInput | None) -> None:
        if result is None:
            return
        try:
            record = rules.new_agreement(self.WORDS.kind, result.wording, result.asked_by,
                                         now=self.clock.now(), category=result.category,
                                         review_every_days=result.review_every_days)
        except rules.AgreementRuleError as error:
            self.notify(str(error), markup=False)
            return
        self._save_new(record, f"adding {self.WORDS.a_noun}",
                       "Saved as a draft. Each of you agrees on your own key.")

    def action_edit(self) -> None:
        a = self._need_selection()
        if a is None:
            return
        if a.status == AgreementStatus.RETIRED:
            self.notify("This one is retired. Add it again to agree on it anew.",
                        markup=False)
            return
        form = AgreementForm(self.WORDS, self.partner_pairs(), self.vault.me.id, a)
        self.app.push_screen(form, callback=lambda result: self._edited(a, result))

    def _edited(self, a: Agreement, result: AgreementInput | None) -> None:
        if result is None:
            return
        now = self.clock.now()

        def rule(current: Agreement) -> Agreement:
            return rules.edit(current, by=result.changed_by, now=now, wording=result.wording,
                              category=result.category, asked_by=result.asked_by,
                              review_every_days=result.review_every_days)

        if not self._check(lambda: rule(a)):
            return

        def message(after: Agreement) -> str:
            if after.status == AgreementStatus.DRAFT and a.status != AgreementStatus.DRAFT:
                return "Saved. New words are a draft again: each of you agrees on your own key."
            return "Saved."

        self._save_change(a.id, rule, f"changing {self.WORDS.a_noun}", message)

    def action_agree(self, partner_id: str) -> None:
        a = self._need_selection()
        if a is None:
            return
        names = self.names()
        who = names.get(partner_id, "someone")
        if a.status in (AgreementStatus.AGREED, AgreementStatus.PAUSED):
            self.notify("Already agreed by both.", markup=False)
            return
        partners = self.partner_ids()
        now = self.clock.now()

        def rule(current: Agreement) -> Agreement:
            return rules.toggle_confirm(current, partner_id, partners, now)

        if not self._check(lambda: rule(a)):
            return

        def message(after: Agreement) -> str:
            if after.status == AgreementStatus.AGREED:
                first = rules.short_date(after.next_review) if after.next_review else "-"
                return f"Agreed by both. First {self.WORDS.review}: {first}."
            if partner_id not in after.confirmed_by:
                return f"{who}'s yes is taken back; it stays a draft."
            waiting = [names.get(p, "someone") for p in rules.waiting_for(after, partners)]
            return f"{who} agreed. Waiting for {' and '.join(waiting)}."

        self._save_change(a.id, rule, f"{who} agreeing", message)

    def action_follow_through(self, kept: bool) -> None:
        a = self._need_selection()
        if a is None:
            return
        if a.status != AgreementStatus.AGREED:
            self.notify("Follow-through is logged once both of you have agreed on it.",
                        markup=False)
            return
        form = FollowThroughForm(a, kept, self.partner_pairs(), self.vault.me.id, self.today())
        self.app.push_screen(form, callback=lambda result: self._logged(a, result))

    def _logged(self, a: Agreement, result: FollowThroughInput | None) -> None:
        if result is None:
            return
        try:
            entry = rules.log_follow_through(a, by=result.by, kept=result.kept, on=result.on,
                                             now=self.clock.now(), note=result.note)
        except rules.AgreementRuleError as error:
            self.notify(str(error), markup=False)
            return
        message = "Logged: kept." if result.kept else "Logged: missed. Honest records help."
        self._save_new(entry, "logging follow-through", message)

    def concerns_for(self, a: Agreement | None) -> list[RaisedConcern]:
        """Open concerns to bring up at this one's check-back (boundaries only)."""
        return []

    def action_review(self) -> None:
        a = self._need_selection()
        if a is None:
            return
        if a.status not in (AgreementStatus.AGREED, AgreementStatus.PAUSED):
            self.notify(f"A {self.WORDS.review} is for an agreed one; agree on this draft "
                        "first.", markup=False)
            return
        so_far = rules.period_summary(a, self._follow_of(a), self.today())
        form = ReviewForm(self.WORDS, a, self.partner_pairs(), self.vault.me.id,
                          self.concerns_for(a), self.names(), so_far)
        self.app.push_screen(form, callback=lambda result: self._reviewed(a, result))

    def _reviewed(self, a: Agreement, result: ReviewInput | None) -> None:
        if result is None:
            return
        now = self.clock.now()

        def rule(current: Agreement) -> Agreement:
            return rules.review(current, working=result.working, outcome=result.outcome,
                                now=now, by=result.by, note=result.note.strip(),
                                new_wording=result.new_wording)

        if not self._check(lambda: rule(a)):
            return
        concern_ids = [c.id for c in self.concerns_for(a)]

        def mark_talked_through(vault: "Vault") -> tuple[Record, ...]:
            return _mark_addressed(vault, concern_ids)

        words = {"keep": "Kept. Next {review}: {date}.",
                 "adjust": "Back to a draft with the new words: each of you agrees again.",
                 "retire": "Retired. It stays here for the record."}

        def message(after: Agreement) -> str:
            when = rules.short_date(after.next_review) if after.next_review else "-"
            return words[result.outcome].format(review=self.WORDS.review, date=when)

        self._save_change(a.id, rule, self.WORDS.review, message, extra=mark_talked_through)

    def action_pause(self) -> None:
        a = self._need_selection()
        if a is None:
            return
        now = self.clock.now()
        if a.status == AgreementStatus.PAUSED:
            rule, message = (lambda current: rules.resume(current, now)), "Picked up again."
        else:
            rule, message = rules.pause, "Paused for now."
        if self._check(lambda: rule(a)):
            self._save_change(a.id, rule, "pausing", lambda _: message)

    def action_undo(self) -> None:
        step = self.last_change
        if step is None:
            self.notify("Nothing to undo here yet.", markup=False)
            return
        self.last_change = None

        def done(_: object) -> None:
            self.reload()
            self.notify(f"Undone: {step.label}.", timeout=4, markup=False)

        self.trust_app.save(step.apply, done=done, saved_message=None)

    # --- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        self.app.push_screen(ExportForm(Path.home() / EXPORT_NAME), callback=self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return
        text = agreements_markdown(self.vault.all(Agreement), self.names(), self.today())
        self._write_export(path, text)

    @work(thread=True, exclusive=True, group="agreements-export", exit_on_error=False)
    def _write_export(self, path: Path, text: str) -> None:
        try:
            # errors="replace": a lone surrogate pasted into a wording cannot be UTF-8.
            write_private_file(path, text.encode("utf-8", errors="replace"))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.app.call_from_thread(
                self.notify, f"Could not write {path}: {reason}. Nothing was written.",
                title="Not exported", severity="error", timeout=10, markup=False)
            return
        self.app.call_from_thread(
            self.notify, f"Written to {path} (readable by you only). It is not encrypted: "
            "keep it somewhere private.", timeout=8, markup=False)


def _mark_addressed(vault: "Vault", concern_ids: Sequence[str]) -> tuple[Record, ...]:
    before: list[Record] = []
    for concern_id in concern_ids:
        def talked(current: RaisedConcern) -> None:
            before.append(current.model_copy(deep=True))
            current.addressed = True

        try:
            vault.update(RaisedConcern, concern_id, talked)
        except KeyError:
            continue  # already gone (another terminal): nothing to mark
    return tuple(before)


class ExpectationsScreen(AgreementsScreen):
    WORDS = EXPECTATION_WORDS


class BoundariesScreen(AgreementsScreen):
    """Boundaries: check-backs instead of reviews, and "raise it now"."""

    WORDS = BOUNDARY_WORDS

    BINDINGS = [
        Binding("n", "raise_now", "Raise it now"),
        Binding("r", "review", "Check back"),
        # Named where it applies: the raised-concerns box says "t when talked through".
        Binding("t", "talked_through", "Talked through", show=False),
    ]

    def concerns_for(self, a: Agreement | None) -> list[RaisedConcern]:
        """Open concerns about this boundary, and those about none in particular."""
        known = {b.id for b in self.seen.agreements}
        return [c for c in self.seen.concerns if not c.addressed and (
            c.agreement_id == (a.id if a else None) or c.agreement_id not in known)]

    def _draw_concerns(self) -> None:
        widget = self.query_one("#agr-concerns", Static)
        open_ones = rules.open_concerns(self.seen.concerns)
        widget.display = bool(open_ones)
        if not open_ones:
            widget.update("")
            return
        names = self.names()
        by_id = {a.id: a for a in self.seen.agreements}
        lines = ["Raised (t when talked through):"]  # one line in a 36-wide pane
        for c in open_ones[-4:]:
            about = by_id.get(c.agreement_id or "")
            where = f" (about '{rules.short_text(about.wording, 24)}')" if about else ""
            when = rules.short_date(rules.local_day(c.created_at), self.today())
            lines.append(f"- {when}, {names.get(c.by, 'someone')}{where}: {c.text}")
        if len(open_ones) > 4:
            lines.append(f"  and {len(open_ones) - 4} earlier")
        widget.update(typed("\n".join(lines)))

    def action_raise_now(self) -> None:
        a = self.selected
        boundaries = [b for b in self.seen.agreements if b.status != AgreementStatus.RETIRED]
        form = ConcernForm(self.partner_pairs(), self.vault.me.id, boundaries,
                           a.id if a else None)
        self.app.push_screen(form, callback=self._raised)

    def _raised(self, result: ConcernInput | None) -> None:
        if result is None:
            return
        concern = RaisedConcern(by=result.by, text=result.text,
                                agreement_id=result.agreement_id, created_at=self.clock.now())
        self._save_new(concern, "raising a concern",
                       "Raised. It is here until you have talked it through.")

    def action_talked_through(self) -> None:
        ids = [c.id for c in self.concerns_for(self.selected)]
        if not ids:
            self.notify("Nothing raised about this one right now.", markup=False)
            return

        def done(before: tuple[Record, ...]) -> None:
            self.last_change = UndoStep("marking talked through", restore=before)
            self.reload()

        self.trust_app.save(lambda vault: _mark_addressed(vault, ids), done=done,
                            saved_message="Marked as talked through.")


# --- home's "what is due" -----------------------------------------------------------------------

def due_expectations(vault: "Vault", today: date) -> list[str]:
    return rules.due_lines(vault.all(Agreement), today, AgreementKind.EXPECTATION,
                           follow_through=vault.all(FollowThrough))


def due_boundaries(vault: "Vault", today: date) -> list[str]:
    return rules.due_lines(vault.all(Agreement), today, AgreementKind.BOUNDARY,
                           vault.all(RaisedConcern), vault.all(FollowThrough))

"""Expectations and boundaries (method steps 3, 4 and 7): one screen, two kinds.

`ExpectationsScreen` and `BoundariesScreen` are the same editor. What differs is
named in `KindWords` (the words, the categories, review vs check-back) plus one
extra pair of keys on boundaries ("raise it now", "talked through"). Every rule
lives in `domain/agreements.py` (and the follow_through, vague_wording and
agreements_due modules beside it), every write in `store/agreements.py`; this module
shows the records, asks the store for each change, and keeps the last change's
`Undo` so ctrl+z can put it back.

Each partner agrees on their own key: the left partner (the first at setup) on
`1`, the right partner on `0`, the two ends of the number row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static

from trust_tui.domain import agreements as rules
from trust_tui.domain.follow_through import period_summary
from trust_tui.models import Agreement, AgreementStatus, FollowThrough, RaisedConcern
from trust_tui.screens.agreements.agreement_form import AgreementForm, AgreementInput
from trust_tui.screens.agreements.concern_form import ConcernForm, ConcernInput
from trust_tui.screens.agreements.concerns import RaisedConcerns, open_about
from trust_tui.screens.agreements.detail import AgreementDetail
from trust_tui.screens.agreements.export_form import EXPORT_NAME, ExportForm
from trust_tui.screens.agreements.follow_through_form import (
    FollowThroughForm,
    FollowThroughInput,
)
from trust_tui.screens.agreements.listing import AgreementList
from trust_tui.screens.agreements.review_form import ReviewForm, ReviewInput
from trust_tui.screens.agreements.seen import Seen
from trust_tui.screens.agreements.words import (
    BOUNDARY_WORDS,
    EXPECTATION_WORDS,
    STATUS_ORDER,
    KindWords,
)
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.store import agreements as store
from trust_tui.widgets.form_modal import FormModal
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.shell import seated_among
from trust_tui.widgets.typed import typed

LEFT_KEY, RIGHT_KEY = "1", "0"
PARTNER_KEYS = (LEFT_KEY, RIGHT_KEY)
WIDE_FOOTER = 100  # columns from which the partners' agree keys fit in the footer

REVIEWED = {"keep": "Kept. Next {review}: {date}.",
            "adjust": "Back to a draft with the new words: each of you agrees again.",
            "retire": "Retired. It stays here for the record."}

Retry = Callable[[], None]  # opens the form again with the words typed in it


class AgreementsScreen(AreaScreen):
    """The list and editor for one kind of agreement."""

    CSS_PATH = sheet("agreements")

    WORDS: ClassVar[KindWords] = EXPECTATION_WORDS
    RAISES: ClassVar[bool] = False  # concerns are raised about boundaries only

    BINDINGS = keyed("agreements", [
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
    ])

    def __init__(self) -> None:
        super().__init__()
        self.seen = Seen(self.WORDS)
        self._agr_undo: tuple[str, store.Undo] | None = None  # this window's last change

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        words = self.WORDS
        yield Static(Content.assemble((words.title, "bold"), " - ", words.lead), id="agr-title")
        with Horizontal(id="agr-body"):
            with Vertical(id="agr-list-pane"):
                yield AgreementList(id="agr-list")
                yield Static("", id="agr-keys", classes="hint")
                yield RaisedConcerns("", id="agr-concerns")
            yield AgreementDetail(id="agr-detail")
        yield Footer(compact=True)

    _keys_seated: str | None = None  # whose agree key the footer names, when apart

    def on_mount(self) -> None:
        self._bind_partner_keys(self.app.size.width)
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        self._bind_partner_keys(event.size.width)

    def _bind_partner_keys(self, width: int, *, focus: bool = True) -> None:
        """Each partner's own key, named, first in the footer when it is wide; at 80
        columns the hint under the list names them and the footer keeps its room
        for the rest (Home, the break). Sitting apart, only this window's partner's."""
        me = self._keys_seated = seated_among(self, tuple(p for p, _ in self.partner_pairs()))
        # (An explicit tooltip: a name in one would be read as markup on hover.)
        ordered = BindingsMap([Binding(key, f"agree('{pid}')", f"{name} agrees",
                                       show=width >= WIDE_FOOTER and me in (None, pid),
                                       id=f"agreements.agree.{key}",
                                       tooltip="Agree on the highlighted draft, on your own key")
                               for key, (pid, name) in zip(PARTNER_KEYS, self.partner_pairs())])
        for key, bindings in self._bindings.key_to_bindings.items():
            if key not in PARTNER_KEYS:
                ordered.key_to_bindings.setdefault(key, []).extend(bindings)
        self._bindings = ordered
        self.refresh_bindings()
        if focus:
            self.query_one(AgreementList).focus()

    # --- reading ---------------------------------------------------------------------

    def partner_pairs(self) -> list[tuple[str, str]]:
        return [(p.id, p.name) for p in self.vault.partners]

    @property
    def selected(self) -> Agreement | None:
        return self.seen.agreement(self.query_one(AgreementList).highlighted_id)

    def reload(self, select: str | None = None) -> None:
        kind = [a for a in self.vault.all(Agreement) if a.kind == self.WORDS.kind]
        self.seen = Seen(
            self.WORDS, self.today(),
            sorted(kind, key=lambda a: (STATUS_ORDER[a.status], a.created_at, a.id)),
            self.vault.all(FollowThrough), self.vault.all(RaisedConcern),
            dict(self.partner_pairs()))
        self.query_one(AgreementList).show(self.seen, select)
        self.seats_changed()
        self.query_one(RaisedConcerns).show(self.seen, self.RAISES)
        self._draw_detail()

    def seats_changed(self) -> None:
        """The agree keys, named (app_seats.py calls this when the other app comes or
        goes): sitting apart, only this app's partner's key is theirs here."""
        me = seated_among(self, tuple(self.seen.partner_ids))
        if me != self._keys_seated:
            self._bind_partner_keys(self.app.size.width, focus=False)
        keys = ", ".join(f"{key} {name}" if me in (None, pid) else f"{name} in their window"
                         for key, (pid, name) in zip(PARTNER_KEYS, self.partner_pairs()))
        # The keys kept out of the footer are named here (and in ctrl+p, "Keys").
        self.query_one("#agr-keys", Static).update(typed(
            f"Agree on your own key: {keys} (again to take a yes back). "
            f"x export · p pause · ctrl+z undo"))

    @on(OptionList.OptionHighlighted, "#agr-list")
    def _draw_detail(self) -> None:
        self.query_one(AgreementDetail).show(self.selected, self.seen)

    @on(OptionList.OptionSelected, "#agr-list")
    def _selected(self) -> None:
        self.action_edit()

    def concerns_for(self, a: Agreement | None) -> list[RaisedConcern]:
        """Open concerns to bring up at this one's check-back (boundaries only)."""
        return open_about(self.seen, a) if self.RAISES else []

    # --- asking and saving ------------------------------------------------------------

    def _ask(self, make: Callable[..., FormModal[Any]], then: Callable[[Any, Retry], None],
             refill: Mapping[str, str] | None = None) -> None:
        """Open a form; `then(result, retry)` saves what it returns, and `retry()`
        opens it again with those words if the save does not go through."""
        form = make(refill=refill)

        def answered(result: Any) -> None:
            if result is not None:
                then(result, lambda: self._ask(make, then, form.words_to_keep()))

        self.app.push_screen(form, callback=answered)

    def _check(self, rule: Callable[[], Any]) -> bool:
        """Try a rule on what is on screen first, so its message shows before saving."""
        try:
            rule()
        except rules.AgreementRuleError as error:
            self.notify(str(error), markup=False)
            return False
        return True

    def _save(self, use_case: Callable[..., store.Change], *args: Any, label: str,
              said: str | Callable[[Agreement], str], retry: Retry | None = None,
              **kwargs: Any) -> None:
        """Ask the store for one change; keep its undo and say what happened."""

        def done(change: store.Change) -> None:
            if change.problem is not None:
                self.notify(change.problem, markup=False)
                self.reload()
                return
            self._agr_undo = (label, change.undo)
            record = change.record
            self.reload(select=record.id if isinstance(record, Agreement) else None)
            if not callable(said):
                self.notify(said, timeout=2, markup=False)
            elif isinstance(record, Agreement):
                self.notify(said(record), timeout=4, markup=False)

        # Said here, once the store has answered: a change it refused says why instead.
        self.store(use_case, *args, done=done,
                   failed=(lambda _error: retry()) if retry else None,
                   saved_message=None, **kwargs)

    # --- actions ---------------------------------------------------------------------------

    def _need_selection(self) -> Agreement | None:
        a = self.selected
        if a is None:
            self.notify(f"Add {self.WORDS.a_noun} first (press a).", markup=False)
        return a

    def action_add(self) -> None:
        self._ask(lambda **kw: AgreementForm(self.WORDS, self.partner_pairs(),
                                             self.vault.me.id, **kw), self._added)

    def _added(self, result: AgreementInput, retry: Retry) -> None:
        try:
            record = rules.new_agreement(self.WORDS.kind, result.wording, result.asked_by,
                                         now=self.clock.now(), category=result.category,
                                         review_every_days=result.review_every_days)
        except rules.AgreementRuleError as error:
            self.notify(str(error), markup=False)
            return
        self._save(store.add, record, label=f"adding {self.WORDS.a_noun}", retry=retry,
                   said="Saved as a draft. Each of you agrees on your own key.")

    def action_edit(self) -> None:
        a = self._need_selection()
        if a is None:
            return
        if a.status == AgreementStatus.RETIRED:
            self.notify("This one is retired. Add it again to agree on it anew.",
                        markup=False)
            return
        self._ask(lambda **kw: AgreementForm(self.WORDS, self.partner_pairs(),
                                             self.vault.me.id, a, **kw),
                  lambda result, retry: self._edited(a, result, retry))

    def _edited(self, a: Agreement, result: AgreementInput, retry: Retry) -> None:
        change = dict(by=result.changed_by, now=self.clock.now(), wording=result.wording,
                      category=result.category, asked_by=result.asked_by,
                      review_every_days=result.review_every_days)
        if not self._check(lambda: rules.edit(a, **change)):  # type: ignore[arg-type]
            return

        def said(after: Agreement) -> str:
            if after.status == AgreementStatus.DRAFT and a.status != AgreementStatus.DRAFT:
                return "Saved. New words are a draft again: each of you agrees on your own key."
            return "Saved."

        self._save(store.edit, a.id, label=f"changing {self.WORDS.a_noun}", said=said,
                   retry=retry, **change)

    def action_agree(self, partner_id: str) -> None:
        who = self.seen.name(partner_id)
        if seated_among(self, tuple(self.seen.partner_ids)) not in (None, partner_id):
            # Sitting apart (app_seats.py): the other's yes is theirs, in their window.
            self.notify(f"That yes is {who}'s to give, from their window.", markup=False)
            return
        a = self._need_selection()
        if a is None:
            return
        if a.status in (AgreementStatus.AGREED, AgreementStatus.PAUSED):
            self.notify("Already agreed by both.", markup=False)
            return
        partners, now = self.seen.partner_ids, self.clock.now()
        if not self._check(lambda: rules.toggle_confirm(a, partner_id, partners, now)):
            return

        def said(after: Agreement) -> str:
            if after.status == AgreementStatus.AGREED:
                first = rules.short_date(after.next_review) if after.next_review else "-"
                return f"Agreed by both. First {self.WORDS.review}: {first}."
            if partner_id not in after.confirmed_by:
                return f"{who}'s yes is taken back; it stays a draft."
            waiting = self.seen.names_of(rules.waiting_for(after, partners))
            return f"{who} agreed. Waiting for {waiting}."

        self._save(store.agree, a.id, partner_id, partners, now, label=f"{who} agreeing",
                   said=said)

    def action_follow_through(self, kept: bool) -> None:
        a = self._need_selection()
        if a is None:
            return
        if a.status != AgreementStatus.AGREED:
            self.notify("Follow-through is logged once both of you have agreed on it.",
                        markup=False)
            return
        self._ask(lambda **kw: FollowThroughForm(a, kept, self.partner_pairs(),
                                                 self.vault.me.id, self.today(), **kw),
                  lambda result, retry: self._logged(a, result, retry))

    def _logged(self, a: Agreement, result: FollowThroughInput, retry: Retry) -> None:
        said = "Logged: kept." if result.kept else "Logged: missed. Honest records help."
        self._save(store.log_follow_through, a.id, by=result.by, kept=result.kept,
                   on=result.on, now=self.clock.now(), note=result.note,
                   label="logging follow-through", said=said, retry=retry)

    def action_review(self) -> None:
        a = self._need_selection()
        if a is None:
            return
        if a.status not in (AgreementStatus.AGREED, AgreementStatus.PAUSED):
            self.notify(f"A {self.WORDS.review} is for an agreed one; agree on this draft "
                        "first.", markup=False)
            return
        so_far = period_summary(a, self.seen.follow_of(a), self.today())
        concerns = self.concerns_for(a)
        self._ask(lambda **kw: ReviewForm(self.WORDS, a, self.partner_pairs(),
                                          self.vault.me.id, concerns, self.seen.names,
                                          so_far, **kw),
                  lambda result, retry: self._reviewed(a, concerns, result, retry))

    def _reviewed(self, a: Agreement, concerns: list[RaisedConcern], result: ReviewInput,
                  retry: Retry) -> None:
        change = dict(working=result.working, outcome=result.outcome, now=self.clock.now(),
                      by=result.by, note=result.note.strip(), new_wording=result.new_wording)
        if not self._check(lambda: rules.review(a, **change)):  # type: ignore[arg-type]
            return

        def said(after: Agreement) -> str:
            when = rules.short_date(after.next_review) if after.next_review else "-"
            return REVIEWED[result.outcome].format(review=self.WORDS.review, date=when)

        self._save(store.review, a.id, concern_ids=[c.id for c in concerns],
                   label=self.WORDS.review, said=said, retry=retry, **change)

    def action_pause(self) -> None:
        a = self._need_selection()
        if a is None:
            return
        now = self.clock.now()
        if a.status == AgreementStatus.PAUSED:
            if self._check(lambda: rules.resume(a, now)):
                self._save(store.resume, a.id, now, label="picking up again",
                           said=lambda _: "Picked up again.")
        elif self._check(lambda: rules.pause(a)):
            self._save(store.pause, a.id, label="pausing", said=lambda _: "Paused for now.")

    def action_undo(self) -> None:
        if self._agr_undo is None:
            self.notify("Nothing to undo here yet.", markup=False)
            return
        label, step = self._agr_undo
        self._agr_undo = None

        def done(undone: store.Undone) -> None:
            self.reload()
            if not undone.left:
                said = f"Undone: {label}."
            elif undone.put_back:
                said = (f"Undone: {label}, except what was changed in another window since; "
                        "that stays as it is.")
            else:
                said = (f"Not undone ({label}): it was changed in another window since, "
                        "so it stays as it is.")
            self.notify(said, timeout=4, markup=False)

        def failed(_error: Exception) -> None:
            self._agr_undo = (label, step)  # still there to try again

        self.store(store.undo, step, done=done, failed=failed, saved_message=None)

    # --- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        self.app.push_screen(ExportForm(Path.home() / EXPORT_NAME), callback=self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return

        def done(problem: str | None) -> None:
            if problem is not None:
                self.notify(f"Could not write {path}: {problem}. Nothing was written.",
                            title="Not exported", severity="error", timeout=10, markup=False)
                return
            self.notify(f"Written to {path} (readable by you only). It is not encrypted: "
                        "keep it somewhere private.", timeout=8, markup=False)

        self.store(store.export, path, today=self.today(), done=done, saved_message=None)


class ExpectationsScreen(AgreementsScreen):
    WORDS = EXPECTATION_WORDS


class BoundariesScreen(AgreementsScreen):
    """Boundaries: check-backs instead of reviews, and "raise it now"."""

    WORDS = BOUNDARY_WORDS
    RAISES = True

    BINDINGS = keyed("agreements", [
        Binding("n", "raise_now", "Raise it now"),
        Binding("r", "review", "Check back"),
        # Named where it applies: the raised-concerns box says "t when talked through".
        Binding("t", "talked_through", "Talked through", show=False),
    ])

    def action_raise_now(self) -> None:
        a = self.selected
        boundaries = [b for b in self.seen.agreements if b.status != AgreementStatus.RETIRED]
        self._ask(lambda **kw: ConcernForm(self.partner_pairs(), self.vault.me.id, boundaries,
                                           a.id if a else None, **kw), self._raised)

    def _raised(self, result: ConcernInput, retry: Retry) -> None:
        concern = RaisedConcern(by=result.by, text=result.text,
                                agreement_id=result.agreement_id, created_at=self.clock.now())
        self._save(store.raise_concern, concern, label="raising a concern", retry=retry,
                   said="Raised. It is here until you have talked it through.")

    def action_talked_through(self) -> None:
        ids = [c.id for c in self.concerns_for(self.selected)]
        if not ids:
            self.notify("Nothing raised about this one right now.", markup=False)
            return
        self._save(store.mark_talked_through, ids, now=self.clock.now(),
                   label="marking talked through", said="Marked as talked through.")

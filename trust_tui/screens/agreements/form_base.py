"""What the agreements' forms share: the partners to choose from, the limits, and
opening again with the words typed when a save did not go through."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select

from trust_tui.models import Agreement
from trust_tui.widgets.form_modal import FormModal
from trust_tui.widgets.limits import limit_of
from trust_tui.widgets.typed import typed

ResultT = TypeVar("ResultT")

WORDING_LIMIT = limit_of(Agreement, "wording")
NOTE_LIMIT = 1000  # a note on a follow-through or a review: a line or two

Partners = Sequence[tuple[str, str]]  # (id, name), left partner first


def partner_options(partners: Partners) -> list[tuple[Content, str]]:
    # Names are typed by the couple: Content, never markup (a Select parses a str).
    return [(typed(name), pid) for pid, name in partners]


def partner_choice(label: str, partners: Partners, chosen: str,
                   field_id: str) -> ComposeResult:
    """One of the two partners, under its question (a column of a form row)."""
    with Vertical():
        yield Label(label, markup=False)
        yield Select(partner_options(partners), allow_blank=False, value=chosen, id=field_id)


class AgreementFormModal(FormModal[ResultT]):
    """A form of the agreements screens. `refill`: the words of a save that did not
    go through; the form opens with them, counted as typed (escape keeps them)."""

    FIRST: ClassVar[str] = ""  # the field the cursor starts in
    ENTER_SAVES: ClassVar[bool] = False  # Enter in a one-line box saves the form
    SAVE_LABEL: ClassVar[str] = "Save"

    def __init__(self, *, refill: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(typed_already=refill is not None, **kwargs)
        self._agr_refill = dict(refill or {})

    def start_keeping(self) -> bool:
        kept = super().start_keeping()
        if not self._agr_refill:
            return kept
        self.restore_fields(self._agr_refill)  # over any earlier draft: these are newer
        return False

    def compose_form(self) -> ComposeResult:
        with Vertical(id="agr-form-box", classes="form-box"):
            with VerticalScroll(classes="form-body"):
                yield from self.compose_fields()
            yield from self.form_foot(self.SAVE_LABEL)

    def compose_fields(self) -> ComposeResult:
        """The title and fields (they scroll; the buttons stay in view)."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # After the form's own on_mount (which may show or hide fields first).
        if self.FIRST:
            self.query_one(self.FIRST).focus()

    @on(Input.Submitted)
    def _agr_submitted(self) -> None:
        if self.ENTER_SAVES:
            self.action_save()

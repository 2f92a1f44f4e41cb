"""What the agreements' forms share: the partners to choose from, the limits, and
opening again with the words typed when a save did not go through."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from textual.content import Content

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


class AgreementFormModal(FormModal[ResultT]):
    """A form of the agreements screens. `refill`: the words of a save that did not
    go through; the form opens with them, counted as typed (escape keeps them)."""

    def __init__(self, *, refill: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(typed_already=refill is not None, **kwargs)
        self._agr_refill = dict(refill or {})

    def start_keeping(self) -> bool:
        kept = super().start_keeping()
        if not self._agr_refill:
            return kept
        self.restore_fields(self._agr_refill)  # over any earlier draft: these are newer
        return False

"""The list of one kind's agreements: status and facts first, then the words."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from trust_tui.domain import agreements as rules
from trust_tui.domain.follow_through import repeated_miss_notice, weekly_series
from trust_tui.models import Agreement, AgreementStatus
from trust_tui.screens.agreements.seen import Seen
from trust_tui.screens.agreements.words import STATUS_LABELS
from trust_tui.widgets.option_lists import replace_options
from trust_tui.widgets.typed import typed


def list_prompt(a: Agreement, seen: Seen) -> Content:
    words, today = seen.words, seen.today
    status = STATUS_LABELS[a.status]
    if rules.is_due(a, today):
        status = f"◆ {words.review} due"
    parts = [seen.name(a.asked_by)]
    if a.status == AgreementStatus.DRAFT:
        parts.append("waiting for " + seen.names_of(rules.waiting_for(a, seen.partner_ids)))
    elif a.status == AgreementStatus.AGREED and a.next_review:
        parts.append(f"{words.review} {rules.short_date(a.next_review, today)}")
        mine = seen.follow_of(a)
        week = weekly_series(mine, today, weeks=1)[0]
        if week.total:
            parts.append(f"this week {week.kept} kept, {week.missed} missed")
        if repeated_miss_notice(a, mine, today) is not None:
            parts.append("worth a look together")
    # Status and facts first, then the words on their own line(s), so a long
    # wording wraps cleanly at 80 columns.
    return Content.assemble((status, "bold"), (" · " + " · ".join(parts), "dim"), "\n",
                            typed(rules.short_text(a.wording, 120)))


class AgreementList(OptionList):
    """One option per agreement (its id is the option's id)."""

    def show(self, seen: Seen, keep: str | None = None) -> None:
        """Redraw; the highlight stays on `keep` (else the one highlighted now)."""
        options = [Option(list_prompt(a, seen), id=a.id) for a in seen.agreements]
        if not options:
            options = [Option(Content(seen.words.empty), id="empty", disabled=True)]
        replace_options(self, options, keep)

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return None if option is None else option.id

"""Progress: the last twelve weeks as bars of text with the numbers beside them.

Shapes and numbers carry the meaning (colour only repeats it): a bar's height is
the value, a dot is a week with nothing recorded. It shows a trend, never a
verdict: no score, no pass mark, no "healed" line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from trust_tui.domain import progress as pr
from trust_tui.domain.wins import day_label
from trust_tui.models import CheckIn, FollowThrough, TalkSession, Win
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.widgets.keys import keyed

BLOCKS = " ▁▂▃▄▅▆▇█"
GAP = "·"  # a week with nothing recorded: not zero, not bad, just empty
ZERO = "○"  # a week with something logged and none of it kept: a shape, not a colour
BAR_ROWS = 2
CELL = 2  # characters per week (plus one space)
TALK_WIDTH = pr.WEEKS * (CELL + 1) - 1  # as wide as the weekly bars
LABEL_WIDTH = 9  # the narrowest label column: a short name and a space
MAX_LABEL_WIDTH = 16


def bars(values: Sequence[float | None], top: float, rows: int = BAR_ROWS,
         cell: int = CELL, zero_shape: bool = False) -> list[str]:
    """Vertical bars, one column group per value, rows listed top to bottom.

    A positive value always shows at least a sliver, so "a little" never looks
    like "nothing"; None (nothing recorded) shows as a dot on the baseline, and a
    zero that was recorded (`zero_shape`, for rates: logged, none kept) as a ring.
    """
    steps = rows * 8
    lines = []
    for row in range(rows - 1, -1, -1):
        line = []
        for value in values:
            if not value:
                empty = ZERO if zero_shape and value == 0 else GAP
                ch = empty if row == 0 else " "
            else:
                level = max(1, round(min(value / top, 1.0) * steps)) if top else 0
                ch = BLOCKS[max(0, min(8, level - row * 8))]
            line.append(ch * cell)
        lines.append(" ".join(line))
    return lines


def axis(weeks: Sequence[date], cell: int = CELL) -> str:
    width = len(weeks) * (cell + 1) - 1
    left = f"from {weeks[0].day} {weeks[0]:%b}"
    return left + "this week".rjust(width - len(left))


def share_bar(share: float | None, width: int = TALK_WIDTH) -> str:
    filled = round((share or 0) * width)
    return "█" * filled + "░" * (width - filled)


def short_labels(names: Sequence[str], width: int) -> list[str]:
    """Each name cut to fit `width - 1` characters, told apart when cutting would make
    two the same ("Alexandra" and "Alexander" never both read "Alexand…")."""
    room = width - 1
    cut = [n if len(n) <= room else n[:room - 1] + "…" for n in names]
    if len(set(cut)) == len(cut):
        return cut
    tail = max(1, room // 3)
    return [n if len(n) <= room else n[:room - 1 - tail] + "…" + n[-tail:] for n in names]


def label_width(names: Sequence[str]) -> int:
    """Wide enough for the longest name, within bounds that keep 80 columns working."""
    longest = max((len(n) for n in names), default=0)
    return max(LABEL_WIDTH, min(MAX_LABEL_WIDTH, longest + 1))


class ChartRow(Horizontal):
    """A label and bars on the left, plain numbers beside them on the right."""

    def compose(self) -> ComposeResult:
        yield Static("", classes="chart")
        yield Static("", classes="numbers")

    def show(self, label: str, chart: Sequence[str], numbers: str,
             width: int = LABEL_WIDTH) -> None:
        # The label (cut to fit by the screen, one space kept) sits on the bars' bottom line.
        lines = [f"{(label if i == len(chart) - 1 else ''):<{width}}{line}"
                 for i, line in enumerate(chart)]
        chart_box = self.query_one(".chart", Static)
        chart_box.styles.width = width + max((len(line) for line in chart), default=0)
        chart_box.update(Content("\n".join(lines)))
        self.query_one(".numbers", Static).update(Content(numbers))


class ProgressScreen(AreaScreen):
    CSS_PATH = sheet("progress")

    BINDINGS = keyed("progress", [Binding("escape", "app.go_home", "Home")])

    def compose(self) -> ComposeResult:
        yield Static(f"Progress, last {pr.WEEKS} weeks: a trend, not a verdict or a score.",
                     id="progress-title")
        partners = self.vault.partners
        with VerticalScroll(id="progress-body"):
            yield Static("", id="axis", classes="axis")
            yield Static("How safe each of you feels  (check-ins 1 to 10, weekly average)",
                         classes="chart-title")
            for i, _ in enumerate(partners):
                yield ChartRow(id=f"checkin-{i}")
            yield Static(f"Follow-through  (kept, out of what was logged, per week; "
                         f"{GAP} nothing logged, {ZERO} logged, none kept)",
                         classes="chart-title")
            yield ChartRow(id="follow-through")
            yield Static("Wins and thank-yous per week", classes="chart-title")
            yield ChartRow(id="wins-row")
            yield ChartRow(id="thanks-row")
            yield Static("", id="talk-title", classes="chart-title")
            for i, _ in enumerate(partners):
                yield ChartRow(id=f"talk-{i}")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        today = self.today()
        partners = self.vault.partners
        weeks = pr.week_starts(today)
        self.query_one("#axis", Static).update(
            Content(" " * (label_width([p.name for p in partners]) - LABEL_WIDTH) + axis(weeks)))

        names = [p.name for p in partners]
        width = label_width(names)
        labels = short_labels(names, width)
        check_ins = self.vault.all(CheckIn)
        for i, partner in enumerate(partners):
            s = pr.checkin_series(check_ins, partner.id, today)
            self.query_one(f"#checkin-{i}", ChartRow).show(
                labels[i], bars(s.values, 10), checkin_numbers(s), width)

        ft = pr.follow_through_by_week(self.vault.all(FollowThrough), today)
        self.query_one("#follow-through", ChartRow).show(
            "kept", bars(ft.rates, 1.0, zero_shape=True), follow_through_numbers(ft), width)

        ws = pr.wins_by_week(self.vault.all(Win), today)
        top = max([*ws.wins, *ws.thanks, 1])
        self.query_one("#wins-row", ChartRow).show(
            "wins", bars(ws.wins, top), count_numbers(ws.wins, "win", "wins"), width)
        self.query_one("#thanks-row", ChartRow).show(
            "thanks", bars(ws.thanks, top), count_numbers(ws.thanks, "thank-you", "thank-yous"),
            width)

        since = weeks[0]
        balance = pr.talk_balance(self.vault.all(TalkSession), [p.id for p in partners], since)
        talks = "no talks yet" if not balance.talks else \
            f"{balance.talks} talk{'s' if balance.talks != 1 else ''}, {pr.minutes(balance.total)}"
        self.query_one("#talk-title", Static).update(
            Content(f"Talk time  (who held the floor since {day_label(since)}; {talks})"))
        for i, partner in enumerate(partners):
            share = balance.share(partner.id)
            # Minutes, not a share: a percentage beside a name reads as a score.
            numbers = "-" if share is None else \
                f"spoke for {pr.minutes(balance.seconds[partner.id])}"
            self.query_one(f"#talk-{i}", ChartRow).show(labels[i], [share_bar(share)], numbers,
                                                         width)


def checkin_numbers(s: pr.CheckInSeries) -> str:
    """Short lines so they sit beside the bars, even at 80 columns."""
    if not s.count:
        return "no check-ins in these weeks yet (c on home)"
    lines = [f"latest {s.latest} on {day_label(s.latest_on)}",
             f"last {pr.RECENT_WEEKS} weeks {pr.one_decimal(s.recent)}"]
    if s.earlier is not None:
        lines[1] += f" · before {pr.one_decimal(s.earlier)}"
    if s.trend:
        lines.append(s.trend)
    return "\n".join(lines)


def follow_through_numbers(ft: pr.FollowThroughSeries) -> str:
    if not ft.total:
        return "nothing logged yet (follow-through is logged with expectations)"
    # Plain counts of what was logged: no percentage, nothing that reads as a mark.
    week = ft.this_week
    this = f"this week: kept {week.kept} of {week.total} logged" if week.total \
        else "this week: nothing logged yet"
    return f"{this}\n{pr.WEEKS} weeks: kept {ft.kept} of {ft.total} logged"


def count_numbers(counts: Sequence[int], one: str, many: str) -> str:
    total = sum(counts)
    if not total:
        return f"no {many} in these weeks yet"
    return f"this week {counts[-1]}\n{pr.WEEKS} weeks {total} {one if total == 1 else many}"


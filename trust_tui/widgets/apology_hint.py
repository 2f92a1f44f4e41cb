"""A gentle second look at an apology while it is being written (step 6).

Wrap the field it should watch:

    with ApologyHint():
        yield TextArea(id="entry-text")

While they type, phrases that can undo an apology ("sorry, but", "sorry you
feel", "you made me"...) are named below the field with a direct form to try.
It never blocks saving and never colours alone: each note starts with a mark
and says its point in words. `ApologyHint.Flagged` is posted when the flags
change, for screens that want to do more (e.g. ask once before saving).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from trust_tui.domain.apology import ExcuseFlag, find_excuses, first_words, gaps

MAX_SHOWN = 2
GAPS_AFTER_WORDS = 10  # words typed before the hint mentions what an apology holds


class ApologyHint(Vertical):
    DEFAULT_CSS = """
    ApologyHint {
        height: auto;
        & > .apology-hint-text {
            height: auto;
            max-height: 6;
            overflow-y: auto;
            color: $text-muted;
            padding: 0 1;
            display: none;
        }
        &.-flagged > .apology-hint-text {
            display: block;
            border-left: outer $warning;
        }
    }
    """

    class Flagged(Message):
        """The flagged phrases changed (an empty list: nothing to look at)."""

        def __init__(self, hint: "ApologyHint", flags: list[ExcuseFlag]) -> None:
            super().__init__()
            self.hint = hint
            self.flags = flags

        @property
        def control(self) -> "ApologyHint":
            return self.hint

    def __init__(self, *children: Widget, max_shown: int = MAX_SHOWN, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(*children, id=id, classes=classes)
        self.max_shown = max_shown
        self._flags: list[ExcuseFlag] = []
        self._gaps: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", classes="apology-hint-text")

    def on_mount(self) -> None:
        for field in self.query(TextArea):
            self.check(field.text)
            return
        for box in self.query(Input):
            self.check(box.value)
            return

    @property
    def flags(self) -> list[ExcuseFlag]:
        return list(self._flags)

    @on(TextArea.Changed)
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        self.check(event.text_area.text)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self.check(event.value)

    def check(self, text: str) -> list[ExcuseFlag]:
        """Look at `text` now and show what is worth a second look."""
        flags = find_excuses(text)
        # What a strong apology holds is only mentioned once there is some of it to read.
        missing = gaps(text) if len(text.split()) >= GAPS_AFTER_WORDS else []
        seen = [(f.pattern, f.said) for f in flags]
        if seen != [(f.pattern, f.said) for f in self._flags] or missing != self._gaps:
            changed = seen != [(f.pattern, f.said) for f in self._flags]
            self._flags, self._gaps = flags, missing
            self.query_one(".apology-hint-text", Static).update(
                self.render_flags(flags, missing))
            self.set_class(bool(flags or missing), "-flagged")
            if changed:
                self.post_message(self.Flagged(self, list(flags)))
        return flags

    def render_flags(self, flags: list[ExcuseFlag], missing: list[str] | None = None) -> Content:
        lines = []
        more = len(flags) - self.max_shown
        if more > 0:
            # First, so a short box never cuts off that there is more to look at.
            lines.append(Content(f"{len(flags)} phrases to look at; the first "
                                 f"{self.max_shown} here, the rest as you change these."))
        for item in flags[: self.max_shown]:
            lines.append(Content.assemble(
                ("✎ ", "bold"), ('"' + first_words(item) + '"', "italic"), ": ", item.why,
                " Try: ", item.suggestion))
        for line in missing or []:
            lines.append(Content.assemble(("· ", "bold"), line))
        return Content("\n").join(lines)

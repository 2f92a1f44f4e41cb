"""Boxes that say how much they hold, and never cut what was typed or pasted.

A record keeps a bounded amount of text (`max_length` in models.py). A box that
cut a long paste to fit would drop words without a word said; a save that went
past the limit would stop the app. So:

- `LimitedInput` and `LimitedTextArea` let every character in; while the text is
  longer than the record holds, the box's bottom edge says how long it is and how
  much fits (words, not only the red edge), and `fits()` refuses to let it be
  saved until it is shortened, saying why in a notification: nothing is lost and
  nothing is saved half. The form calls `fits()` before it closes.
- `LimitedInput(..., refuse=True)` is for a short word with no save of its own to
  guard (a feeling word, a line said back): a paste that does not fit is not
  added, the box says why, and the paste is still on the clipboard.

A one-line box joins the lines of a pasted paragraph with spaces (Textual's Input
would keep only the first line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotated_types import MaxLen
from textual import events
from textual.validation import Length
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from pydantic import BaseModel

NOT_SAVED = "Not saved yet"


def limit_of(model: type["BaseModel"], field: str) -> int:
    """The most characters `model.field` keeps, read from the model itself, so a
    box and its record never disagree."""
    for rule in model.model_fields[field].metadata:
        if isinstance(rule, MaxLen):
            return rule.max_length
    raise LookupError(f"{model.__name__}.{field} has no max_length")


def _holds(noun: str, limit: int) -> str:
    return f"{noun[:1].upper()}{noun[1:]} holds up to {limit:,} characters"


def over_words(noun: str, limit: int, size: int) -> str:
    """Said when the text grows past the limit, and when a save is held back."""
    return (f"{_holds(noun, limit)}; this is {size:,}. Every word is still in the box: "
            "shorten it to save, or keep part of it for another one.")


def count_words(size: int, limit: int) -> str:
    """The box's bottom edge while it holds too much: the count first, as it is
    cut to the width of a narrow box."""
    return f"{size:,} characters, {limit:,} fit"


def refused_words(noun: str, limit: int) -> str:
    holds = _holds(noun, limit)  # mid-sentence after the colon: "a feeling word holds"
    return (f"That does not fit: {holds[:1].lower()}{holds[1:]}, so it was not added. "
            "Anything you pasted is still on your clipboard.")


def in_pieces(text: str, size: int) -> list[str]:
    """`text` in consecutive pieces of at most `size` characters, nothing dropped:
    for keeping words that are longer than one record holds (say, on a lock)."""
    return [text[start:start + size] for start in range(0, len(text), size)] or [""]


def shortened(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters; otherwise its start, ending in "…" so
    it reads as shortened. Only for a record made from words kept whole elsewhere."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rstrip() + "…"


class _Limited:
    """What both boxes share: the limit, the words, the count on the edge, `fits()`."""

    limit: int
    noun: str
    border_subtitle: str | None
    _over: bool = False
    _subtitle_before: str | None = None

    def _text_now(self) -> str:
        raise NotImplementedError

    def char_count(self) -> int:
        # The forms save the words without blank edges, so those do not count.
        return len(self._text_now().strip())

    @property
    def is_over(self) -> bool:
        return self.char_count() > self.limit

    def _tell(self, message: str, title: str = "") -> None:
        self.notify(message, title=title, severity="warning", timeout=10,  # type: ignore[attr-defined]
                    markup=False)

    def on_mount(self) -> None:
        self._followed()  # words brought back (a kept draft) may be long already

    def _followed(self) -> None:
        # Shown on the box while it is over (no toast at every key), gone once it fits.
        over = self.is_over
        if over:
            if not self._over:
                self._subtitle_before = self.border_subtitle  # type: ignore[attr-defined]
            self.border_subtitle = count_words(self.char_count(), self.limit)
        elif self._over:
            self.border_subtitle = self._subtitle_before
        self._over = over

    def fits(self) -> bool:
        """True when the words can be saved; otherwise says why, keeps them all in
        the box, and puts the focus there to shorten them."""
        if not self.is_over:
            return True
        self._tell(over_words(self.noun, self.limit, self.char_count()), title=NOT_SAVED)
        self.focus()  # type: ignore[attr-defined]
        return False


class LimitedInput(_Limited, Input):
    """A one-line box holding up to `limit` characters (see the module's note)."""

    def __init__(self, value: str | None = None, *, limit: int, noun: str,
                 refuse: bool = False, **kwargs: Any) -> None:
        self.limit = limit
        self.noun = noun
        self.refuse = refuse
        self._told = False
        if refuse:
            kwargs["max_length"] = limit
        else:
            kwargs.pop("max_length", None)  # a cut is exactly what this box avoids
            given = list(kwargs.get("validators") or [])
            kwargs["validators"] = [*given, Length(
                maximum=limit, failure_description=_holds(noun, limit) + ".")]
        super().__init__(value, **kwargs)

    def _text_now(self) -> str:
        return self.value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self:  # not stopped: the form follows the words too
            self._told = False
            self._followed()

    def restricted(self) -> None:
        # Textual refuses the whole change (it never cuts) and rings the bell; say why.
        if self.refuse and not self._told:
            self._told = True
            self._tell(refused_words(self.noun, self.limit))
            return
        super().restricted()

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's own, which keeps the first line only
        event.stop()
        text = " ".join(event.text.splitlines())
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class LimitedTextArea(_Limited, TextArea):
    """A text area holding up to `limit` characters (see the module's note)."""

    def __init__(self, text: str = "", *, limit: int, noun: str, **kwargs: Any) -> None:
        self.limit = limit
        self.noun = noun
        super().__init__(text, **kwargs)

    def _text_now(self) -> str:
        return self.text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self:
            self._followed()

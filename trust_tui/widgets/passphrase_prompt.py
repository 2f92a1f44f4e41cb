"""The one passphrase prompt as a dialog, built on `PassphraseField`.

    def check(passphrase: str) -> Partner:          # runs in a thread worker
        return vault.unlock_private(passphrase)     # VaultError: the wrong one

    app.push_screen(PassphraseModal(check, title="Your private entries",
                                    lead="Type your own passphrase ..."), opened)

`opened(result)` gets what `check` returned, or None if they changed their mind
(escape). How the passphrase is read, cleared, checked and refused is the
field's (see `widgets.passphrase_field`, which the unlock screen and the safety
check use as it is). A result arriving after escape goes to `release`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from trust_tui.widgets.form_modal import FormModal
from trust_tui.widgets.passphrase_field import WRONG, PassphraseField, TryAgain

T = TypeVar("T")

__all__ = ["WRONG", "PassphraseField", "PassphraseModal", "TryAgain"]


class PassphraseModal(FormModal[T | None], Generic[T]):
    """Ask for a passphrase; dismiss with `check(passphrase)`'s result (None: escape)."""

    draft_key = None  # a passphrase is never kept

    def __init__(self, check: Callable[[str], T], *, title: str | Content, lead: str = "",
                 wrong: str = WRONG, busy: str = "Opening...",
                 placeholder: str = "Your passphrase", field_id: str = "passphrase",
                 box_classes: str = "", save_label: str = "Open",
                 release: Callable[[T], object] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pass_field = PassphraseField(check, busy=busy, wrong=wrong,
                                           placeholder=placeholder, field_id=field_id,
                                           say_to=self.say, release=release)
        self._pass_title = title
        self._pass_lead = lead
        self._pass_box_classes = box_classes
        self._pass_save_label = save_label
        self._pass_opened: tuple[T] | None = None

    def compose_form(self) -> ComposeResult:
        with Vertical(classes=f"form-box passphrase-box {self._pass_box_classes}".strip()):
            title = self._pass_title
            yield Static(Content(title) if isinstance(title, str) else title,
                         classes="form-title")
            if self._pass_lead:
                yield Static(self._pass_lead, classes="form-lead", markup=False)
            yield self._pass_field
            yield from self.form_foot(self._pass_save_label, compact=True)

    def on_mount(self) -> None:
        self._pass_field.focus()

    @property
    def passphrase_field(self) -> PassphraseField:
        return self._pass_field

    def follow(self, widget: Any) -> None:
        """Typed words are not followed here: a passphrase is never held for keeping."""

    def action_save(self) -> None:
        self._pass_field.submit()

    def collect(self) -> T | None:  # the field checks in its worker instead
        return None

    def on_passphrase_field_accepted(self, event: PassphraseField.Accepted) -> None:
        if self._form_closed:  # escape closed the prompt while the passphrase was checked
            event.release()
        elif self.app.screen is self:
            self.finish(event.result)
        else:  # a break is on top: close with the result once it is gone
            self._pass_opened = (event.result,)

    def on_screen_resume(self) -> None:
        if self._pass_opened and not self._form_closed:
            self.finish(self._pass_opened[0])

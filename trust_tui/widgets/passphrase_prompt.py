"""The one way to ask for a passphrase and check it off the UI thread.

    def check(passphrase: str) -> Partner:          # runs in a thread worker
        return vault.unlock_private(passphrase)     # VaultError: the wrong one

    app.push_screen(PassphraseModal(check, title="Your private entries",
                                    lead="Type your own passphrase ..."), opened)

`opened(result)` gets what `check` returned, or None if they changed their mind
(escape). While `check` runs, the field is disabled and the modal says `busy`.
If `check` raises `VaultError`, the modal says `wrong` (one kind sentence) and
asks again; `TryAgain("...")` asks again with that sentence (e.g. "that is the
other partner's passphrase"); any other error is named by its type only, never
its text (it could hold the passphrase). The field is cleared as soon as the
passphrase is read: it is never kept, logged, echoed or saved as a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from trust_tui.vault import VaultError
from trust_tui.widgets.form_modal import FormModal

T = TypeVar("T")

WRONG = "That passphrase did not open it. Please try again."


class TryAgain(Exception):
    """Raised by a check to ask once more; its text is the sentence shown."""


class PassphraseModal(FormModal[T | None], Generic[T]):
    """Ask for a passphrase; dismiss with `check(passphrase)`'s result (None: escape)."""

    draft_key = None  # a passphrase is never kept

    def __init__(self, check: Callable[[str], T], *, title: str | Content, lead: str = "",
                 wrong: str = WRONG, busy: str = "Opening...",
                 placeholder: str = "Your passphrase", field_id: str = "passphrase",
                 box_classes: str = "", save_label: str = "Open", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pass_check = check
        self._pass_title = title
        self._pass_lead = lead
        self._pass_wrong = wrong
        self._pass_busy = busy
        self._pass_placeholder = placeholder
        self._pass_field_id = field_id
        self._pass_box_classes = box_classes
        self._pass_save_label = save_label

    def compose_form(self) -> ComposeResult:
        with Vertical(classes=f"form-box passphrase-box {self._pass_box_classes}".strip()):
            title = self._pass_title
            yield Static(Content(title) if isinstance(title, str) else title,
                         classes="form-title")
            if self._pass_lead:
                yield Static(self._pass_lead, classes="form-lead", markup=False)
            yield Input(password=True, id=self._pass_field_id,
                        placeholder=self._pass_placeholder)
            yield from self.form_foot(self._pass_save_label, compact=True)

    def on_mount(self) -> None:
        self.passphrase_field.focus()

    @property
    def passphrase_field(self) -> Input:
        return self.query_one(f"#{self._pass_field_id}", Input)

    def follow(self, widget: Any) -> None:
        """Typed words are not followed here: a passphrase is never held for keeping."""

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        field = self.passphrase_field
        passphrase = field.value
        field.value = ""  # the passphrase does not stay on screen
        if not passphrase or field.disabled:
            return
        field.disabled = True
        self.say(self._pass_busy)
        self._pass_run(passphrase)

    def collect(self) -> T | None:  # the check runs in a worker instead (action_save)
        return None

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _pass_run(self, passphrase: str) -> None:
        try:
            result = self._pass_check(passphrase)
        except TryAgain as again:
            self.app.call_from_thread(self._pass_again, str(again))
        except VaultError:
            self.app.call_from_thread(self._pass_again, self._pass_wrong)
        except Exception as error:  # never its text: it could hold the passphrase
            self.app.call_from_thread(self._pass_again, "That did not work "
                                      f"({type(error).__name__}). Please try again.")
        else:
            self.app.call_from_thread(self.finish, result)

    def _pass_again(self, sentence: str) -> None:
        field = self.passphrase_field
        field.disabled = False
        field.focus()
        self.say(Content(sentence))  # may hold a name: plain text, never markup

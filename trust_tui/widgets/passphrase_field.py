"""A passphrase field that checks what is typed off the UI thread: the one way
the app asks for a passphrase (unlock, the safety check, `PassphraseModal`).

    def check(passphrase: str) -> Partner:          # runs in a thread worker
        return vault.unlock_private(passphrase)     # VaultError: the wrong one

    yield PassphraseField(check, busy="Checking...", message_id="safety-message")

    def on_passphrase_field_accepted(self, event: PassphraseField.Accepted) -> None:
        ...  # event.result is what `check` returned

Enter (or `submit()`) reads the field and clears it at once: a passphrase is
never kept, logged, echoed or saved as a draft. Nothing typed: the field says
`empty`. Otherwise it is disabled, says `busy` and runs `check` in a thread
worker (so `check` may import the heavy vault layer there, after the first
paint). An error of a type in `catch` is said as `wrong` (None: the error's own
sentence, which a `VaultError` keeps fit to show); `TryAgain("...")` says its
sentence; any other error is named by its type only, never its text (it could
hold the passphrase). After any of these the field is enabled and focused again
and `Refused(sentence)` is posted.

`Accepted(result)` goes straight to the screen the field was on when Enter was
pressed, even if the field has gone meanwhile; if that screen no longer takes
messages, `release(result)` is called instead, so what was opened is let go
(an owner that is already leaving calls `event.release()` itself).

The worker holds neither the passphrase nor the field once the check is done
(a lock finds no copy: tests/app/test_memory_after_lock.py). With Textual's
devtools on the field is disabled and says why (`widgets.devtools_guard`).

This module stays light: the unlock screen paints before pydantic, TinyDB and
cryptography load (tests/unit/test_startup.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.content import Content
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.widgets import Input, Label

from trust_tui.vault.errors import VaultError
from trust_tui.widgets.devtools_guard import KEYS_LOGGED, keys_are_logged
from trust_tui.widgets.forgetting import let_go_of_this_worker

WRONG = "That passphrase did not open it. Please try again."
EMPTY = "Type your passphrase, then press Enter."


class TryAgain(Exception):
    """Raised by a check to ask once more; its text is the sentence shown."""


class _FieldMessage(Message):
    def __init__(self, field: PassphraseField) -> None:
        super().__init__()
        self.field = field

    @property
    def control(self) -> PassphraseField:
        return self.field


class PassphraseField(Widget):
    """An Input for a passphrase, its message line, and the worker that checks it."""

    DEFAULT_CSS: ClassVar[str] = """
    PassphraseField {
        layout: vertical;
        width: 1fr;
        height: auto;
    }
    """

    class Accepted(_FieldMessage):
        """The check passed: `result` is what it returned."""

        def __init__(self, field: PassphraseField, result: Any) -> None:
            super().__init__(field)
            self.result = result

        def release(self) -> None:
            """Let the result go: its owner has no use for it any more."""
            self.field.release(self.result)

    class Refused(_FieldMessage):
        """The check did not pass; `sentence` is what the field said."""

        def __init__(self, field: PassphraseField, sentence: str) -> None:
            super().__init__(field)
            self.sentence = sentence

    def __init__(self, check: Callable[[str], Any], *, busy: str, wrong: str | None = WRONG,
                 empty: str = EMPTY, catch: tuple[type[Exception], ...] = (VaultError,),
                 placeholder: str = "Your passphrase", field_id: str = "passphrase",
                 message_id: str | None = None,
                 say_to: Callable[[Content], object] | None = None,
                 release: Callable[[Any], object] | None = None, **kwargs: Any) -> None:
        """`message_id`: the id of the field's own message line (under the entry);
        `say_to` instead speaks through the owner's (a form's message line)."""
        super().__init__(**kwargs)
        self._pf_check = check
        self._pf_busy = busy
        self._pf_wrong = wrong
        self._pf_empty = empty
        self._pf_catch = catch
        self._pf_placeholder = placeholder
        self._pf_field_id = field_id
        self._pf_message_id = message_id or f"{field_id}-message"
        self._pf_say_to = say_to
        self._pf_release = release
        self._pf_owner: MessagePump | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._pf_placeholder, password=True, id=self._pf_field_id)
        if self._pf_say_to is None:
            yield Label("", id=self._pf_message_id, markup=False)

    @property
    def entry(self) -> Input:
        return self.query_one(f"#{self._pf_field_id}", Input)

    def on_mount(self) -> None:
        if keys_are_logged(self.app):  # devtools would log each key: no field at all
            self.entry.disabled = True
            self.say(KEYS_LOGGED)

    def focus(self, scroll_visible: bool = True) -> PassphraseField:
        self.entry.focus(scroll_visible)
        return self

    def say(self, sentence: str) -> None:
        """One line under the field; plain text (it may hold a name), never markup."""
        if self._pf_say_to is not None:
            self._pf_say_to(Content(sentence))
        else:
            self.query_one(f"#{self._pf_message_id}", Label).update(Content(sentence))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        """Read the field, clear it, and check what was typed in a worker."""
        entry = self.entry
        passphrase = entry.value
        entry.value = ""  # the passphrase does not stay on screen
        if entry.disabled or keys_are_logged(self.app):
            return  # a check is running already (or devtools are on)
        if not passphrase:
            self.say(self._pf_empty)
            return
        entry.disabled = True
        self.say(self._pf_busy)
        self._pf_owner = self.screen
        # The worker gets a ticket it empties at once, and runs on the app: a
        # finished Worker keeps its arguments and its node, and neither the
        # passphrase nor this field (its screen, the words under it) may outlive
        # the check (see the lock).
        self.app.run_worker(functools.partial(_check_in_thread, self.app, [self, passphrase]),
                            name="passphrase", group="passphrase", thread=True,
                            exit_on_error=False)
        del passphrase

    def _pf_accepted(self, result: Any) -> None:
        owner, self._pf_owner = self._pf_owner, None
        if owner is None or not owner.post_message(self.Accepted(self, result)):
            self.release(result)  # the prompt has gone: nobody will take it
        elif self.is_attached:
            self.say("")

    def release(self, result: Any) -> None:
        if self._pf_release is not None:
            self._pf_release(result)

    def _pf_refused(self, sentence: str) -> None:
        if not self.is_attached:
            return
        entry = self.entry
        entry.disabled = False
        entry.focus()
        self.say(sentence)
        owner, self._pf_owner = self._pf_owner, None
        if owner is not None:
            owner.post_message(self.Refused(self, sentence))


def _check_in_thread(app: App[Any], ticket: list[Any]) -> None:
    """The field's check, in a thread worker. `app` is passed in: a thread finds
    no app through a field that has gone."""
    try:
        _check(app, *ticket)
    finally:
        ticket.clear()
        let_go_of_this_worker()  # and the key derivation's copies in this thread's heap


def _check(app: App[Any], field: PassphraseField, passphrase: str) -> None:
    try:
        result = field._pf_check(passphrase)
    except TryAgain as again:
        sentence = str(again)
    except field._pf_catch as error:
        sentence = field._pf_wrong if field._pf_wrong is not None else str(error)
    except Exception as error:  # never its text: it could hold the passphrase
        sentence = f"That did not work ({type(error).__name__}). Please try again."
    else:
        app.call_from_thread(field._pf_accepted, result)
        return
    app.call_from_thread(field._pf_refused, sentence)

"""Saving through the app's one save worker, and hearing back as a message.

A screen or form asks with `self.store(use_case, *args, done=..., failed=...)`.
The app runs the use case on its single writer thread (saves land in the order
they were asked for) and answers the asker with `Store.Saved` or
`Store.NotSaved` (the plain sentence to show). `StoreClient` turns those into
the `done`/`failed` continuations; the app itself says "Saved" or "Not saved",
so a form already closed still leaves the person told.

Words still being typed are handed over, not written from `on_unmount`: a screen
that holds some answers `pending_words()` with the use case that keeps them, and
a lock or quit runs those through the same worker after the queue has drained.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from trust_tui.store import StoreCall, bind
from trust_tui.widgets.shell import shell_of

SAVED = "Saved."


@dataclass(eq=False)
class SaveRequest:
    """One use case to run, who asked, and what to say and do once it has run."""

    call: StoreCall
    requester: MessagePump | None = None
    done: Callable[[Any], None] | None = None
    failed: Callable[[Exception], None] | None = None
    saved_message: str | None = SAVED


class Store:
    """The save worker's answers (posted to the requester)."""

    class Saved(Message):
        """The change is durable on disk."""

        def __init__(self, request: SaveRequest, result: Any) -> None:
            super().__init__()
            self.request = request
            self.result = result

    class NotSaved(Message):
        """The change did not happen; `sentence` says why, in one plain sentence."""

        def __init__(self, request: SaveRequest, sentence: str, error: Exception) -> None:
            super().__init__()
            self.request = request
            self.sentence = sentence
            self.error = error


class StoreClient:
    """Mix into a Screen (or widget) that saves. Continuations run on the UI
    thread in the asker's own message loop, so one that has closed runs none."""

    def store(self, use_case: Callable[..., Any], *args: Any,
              done: Callable[[Any], None] | None = None,
              failed: Callable[[Exception], None] | None = None,
              saved_message: str | None = SAVED, **kwargs: Any) -> None:
        requester: MessagePump = self  # type: ignore[assignment]  # mixed into one
        shell_of(requester).request_save(SaveRequest(
            bind(use_case, *args, **kwargs), requester, done, failed, saved_message))

    def pending_words(self) -> list[StoreCall]:
        """Use cases that keep words typed but not saved yet (a lock or quit runs
        them before the screen goes). Default: nothing pending."""
        return []

    def on_store_saved(self, message: Store.Saved) -> None:
        message.stop()
        if message.request.done is not None:
            message.request.done(message.result)

    def on_store_not_saved(self, message: Store.NotSaved) -> None:
        message.stop()
        if message.request.failed is not None:
            message.request.failed(message.error)

    # A lock or quit asks every mounted client for its unsaved words.
    def on_mount(self) -> None:
        shell_of(self).keep_words_of(self)  # type: ignore[arg-type]

    def on_unmount(self) -> None:
        shell_of(self).forget_words_of(self)  # type: ignore[arg-type]

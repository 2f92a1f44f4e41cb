"""The app's saves: one writer thread, in the order they were asked for, each
asker told how it went; and the words not saved yet, handed to that writer before
a lock or quit takes the screens down. Mixed into TrustApp (an App)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.message import Message

from trust_tui.vault.errors import VaultError

if TYPE_CHECKING:
    from trust_tui.vault import Vault
    from trust_tui.widgets.saving import SaveRequest, StoreClient

LOCK_WRITE_SECONDS = 5.0  # a lock waits this long at most for unsaved words to be kept


def not_saved_sentence(error: Exception) -> str:
    """One plain sentence for a save that failed: never a traceback, never their words."""
    if isinstance(error, VaultError):
        return str(error)
    return ("Something went wrong while saving, so that change was not saved. "
            f"What you typed is still here. ({type(error).__name__})")


T = TypeVar("T")


class SavesInOrder:
    """The save queue's side of TrustApp (which sets `_save_queue`, `_word_keepers`
    and `_lock_problem`, and has the vault, notify and call_from_thread)."""

    _save_queue: concurrent.futures.ThreadPoolExecutor
    _word_keepers: set[StoreClient]
    _lock_problem: str | None

    if TYPE_CHECKING:
        @property
        def vault(self) -> Vault: ...
        @property
        def vault_open(self) -> bool: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def call_from_thread(self, callback: Any, *args: Any) -> Any: ...

    def on_the_writer(self, work: Callable[[], T]) -> T:
        """Run `work` on the writer thread and wait for it (from a worker thread,
        never the event loop). The unlock opens the vault there: what it decrypts,
        and the compressed tables it keeps, then come from the writer's heap, which
        a lock scrubs (widgets/forgetting.py); a worker's own heap no lock reaches."""
        return self._save_queue.submit(work).result()

    def request_save(self, request: SaveRequest) -> None:
        """Queue one use case; its asker hears back with Store.Saved / Store.NotSaved.
        It joins the writer's queue here, on the UI thread, so saves land in the
        order they were asked for; a thread worker waits for it."""
        from trust_tui.widgets.saving import Store

        try:
            future = self._save_queue.submit(request.call, self.vault)
        except VaultError as error:  # locked meanwhile: nothing to save into
            self._answer(Store.NotSaved(request, not_saved_sentence(error), error))
            return
        self._await_save(request, future)

    @work(thread=True, group="save", exit_on_error=False)
    def _await_save(self, request: SaveRequest, future: concurrent.futures.Future[Any]) -> None:
        from textual.worker import active_worker

        from trust_tui.widgets.saving import Store

        try:
            result = future.result()
        except Exception as error:
            answer: Message = Store.NotSaved(request, not_saved_sentence(error), error)
        else:
            answer = Store.Saved(request, result)
        self.call_from_thread(self._answer, answer)
        # Textual leaves this worker in its pool thread's context until that thread's
        # next job: with the request, its screen and the words on it, past a lock
        # (whose forgetting then waited 5 s for that screen to go, collecting all along).
        active_worker.set(None)  # type: ignore[arg-type]

    def _answer(self, answer: Message) -> None:
        from trust_tui.widgets.saving import Store

        request = answer.request  # type: ignore[attr-defined]
        if isinstance(answer, Store.NotSaved):
            self.notify(answer.sentence, title="Not saved", severity="error", timeout=10,
                        markup=False)
        elif request.saved_message:
            self.notify(request.saved_message, timeout=2, markup=False)
        if request.requester is None:  # the app's own request: continue here
            if isinstance(answer, Store.NotSaved):
                if request.failed is not None:
                    request.failed(answer.error)
            elif request.done is not None:
                request.done(answer.result)  # type: ignore[attr-defined]
        else:
            request.requester.post_message(answer)  # dropped if it has closed

    # --- words not saved yet: handed over on lock and quit ---------------------------

    def keep_words_of(self, keeper: StoreClient) -> None:
        self._word_keepers.add(keeper)

    def forget_words_of(self, keeper: StoreClient) -> None:
        self._word_keepers.discard(keeper)

    async def keep_pending_words(self) -> None:
        """Drain the save queue, then write every screen's unsaved words through it.

        Called before a lock or quit takes the screens down. Never stops them: a
        write that fails is told in one sentence (after the lock), never swallowed."""
        if not self.vault_open:
            return
        calls = [call for keeper in list(self._word_keepers)
                 for call in keeper.pending_words()]
        if not calls:
            return
        vault = self.vault
        futures = [self._save_queue.submit(call, vault) for call in calls]
        done, waiting = await asyncio.to_thread(
            concurrent.futures.wait, futures, timeout=LOCK_WRITE_SECONDS)
        failures = [f.exception() for f in done if f.exception() is not None]
        if waiting:
            self._lock_problem = ("Some words typed but not saved could not be kept in "
                                  "time; the disk may be busy or stuck.")
        elif failures:
            self._lock_problem = ("Some words typed but not saved could not be kept: "
                                  + not_saved_sentence(failures[0]))

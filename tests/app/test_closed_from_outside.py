"""An app closed from outside keeps the words typed in it, as ctrl+q does: under
`trust-tui serve` a closed browser tab (or a dropped ssh tunnel, or ctrl+c on the
server) reaches its app as textual's ExitApp, not as the app's own quit."""

from __future__ import annotations

from textual import messages

from conftest import SAM_PASS, settle
from trust_tui.models import FormDraft
from trust_tui.vault import Vault

WORDS = "a walk in the rain, and we laughed"


async def test_a_served_tab_closed_with_words_typed_keeps_them(unlocked_app):
    app, path, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "a")  # the wins wall: add a win
        await pilot.pause()
        app.screen.query_one("#card-text").value = WORDS
        await pilot.pause()
        # What textual-serve's web driver posts when its tab goes.
        app.post_message(messages.ExitApp())
        await settle(pilot)
    kept = Vault.open(path, SAM_PASS).all(FormDraft)
    assert any(WORDS in draft.fields.values() for draft in kept)


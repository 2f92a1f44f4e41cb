"""A lock lets go of the screens it took down, soon: a screen that asked for a save
is not kept alive by the worker that waited for it (with the words it showed)."""

from __future__ import annotations

import gc
import weakref

from conftest import settle

from trust_tui.screens.calm import CalmScreen
from trust_tui.widgets.forgetting import settling


async def test_a_lock_lets_go_of_a_break_screen_whose_moves_were_saved(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "f")  # a break, and Sam is ready: both saved from it
        await settle(pilot)
        calm = weakref.ref(app.screen)
        assert isinstance(calm(), CalmScreen)
        await pilot.press("ctrl+l")
        for _ in range(100):  # the lock's last forgetting, once the screens have gone
            if not settling(app):
                break
            await pilot.pause()
        gc.collect()
        assert calm() is None

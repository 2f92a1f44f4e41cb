"""The one yes/no question (widgets/confirm.py): keys, the safe default, 80x24."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Button, Static

from trust_tui.widgets.confirm import ConfirmModal

ODD = "[bold]Sam[/] [/] [@click=app.quit]x \x1b[31m"


class Asker(App):
    def __init__(self, modal: ConfirmModal) -> None:
        super().__init__()
        self.modal = modal
        self.answers: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.answers.append)


def ask(**kwargs) -> Asker:
    return Asker(ConfirmModal(kwargs.pop("question", "End the talk here?"), "End it",
                              "Keep talking", **kwargs))


@pytest.mark.parametrize(("keys", "answer"), [
    (("y",), True), (("n",), False), (("escape",), False),
    (("enter",), False),  # the focus is on "no": enter alone never ends anything
    (("shift+tab", "enter"), True),
])
async def test_keys_answer_the_question(keys, answer):
    app = ask(detail="Stopping is fine.")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.answers == [answer]


async def test_the_box_fits_80x24_and_words_are_literal():
    app = ask(question=f"Delete {ODD}?", detail=ODD * 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfirmModal)
        assert screen.query_one("#confirm-question", Static).content.plain == f"Delete {ODD}?"
        whole = screen.region
        for button in screen.query(Button):
            assert whole.contains_region(button.region), button.id
        labels = [str(b.label) for b in screen.query(Button)]
        assert labels == ["y  End it", "n  Keep talking"]
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.answers == [True]

"""Each partner's own keys on the floor, and what each does at this moment of a turn.

The left partner acts with s/d/f, the right with j/k/l (f and j carry the little
bumps); the speaker moves through the feelings with r/v or u/m. `FloorMoves` is mixed
into `FloorView` (floor_view.py), which holds the floor and draws it: a key turns into
a move on the pure `Floor`, a pause, or the question whether to end here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from trust_tui.domain.floor import NotNow, Phase
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.shell import seated_among

if TYPE_CHECKING:
    from textual.widget import Widget

    from trust_tui.domain.floor import Floor
    from trust_tui.widgets.floor_view import FloorMessage
    from trust_tui.widgets.partner_pane import PartnerPane

    class _HeldByTheView(Widget):
        """What FloorView holds and draws, as the moves see it (for type checks only)."""

        floor: Floor | None
        sides: tuple[str, str]
        shared: bool
        _floor_jot: bool
        # FloorView's messages (each takes the view itself)
        Moved: Callable[[Any], FloorMessage]
        Passed: Callable[[Any], FloorMessage]
        Ended: Callable[[Any], FloorMessage]

        @property
        def running(self) -> bool: ...
        def pane_of(self, pid: str) -> PartnerPane: ...
        def _who(self, pid: str) -> str: ...
        def _speaker_pane(self) -> PartnerPane: ...
        def _listener_pane(self) -> PartnerPane: ...
        def refresh_view(self) -> None: ...
else:
    _HeldByTheView = object


LEFT, RIGHT = "left", "right"
# The keys that are each partner's own: main, second, and "go to the text box".
SIDE_KEYS: dict[str, dict[str, str]] = {
    LEFT: {"primary": "f", "secondary": "d", "field": "s"},
    RIGHT: {"primary": "j", "secondary": "k", "field": "l"},
}
SLOTS = ("primary", "secondary", "field")
# Moving through the feelings, above and below each partner's main key (f, j).
PICK_KEYS = {LEFT: {"up": "r", "down": "v"}, RIGHT: {"up": "u", "down": "m"}}
# For the screen holding the floor: each partner's keys (its `action_side` passes
# them to `act`) and the break (b, beside f2), named in the footer as f2.
FLOOR_BINDINGS = keyed("floor", [
    *[Binding(key, f"side('{side}', '{slot}')", show=False)
      for side, keys in SIDE_KEYS.items() for slot, key in keys.items()],
    *[Binding(key, f"side('{side}', '{slot}')", show=False)
      for side, keys in PICK_KEYS.items() for slot, key in keys.items()],
    Binding("b", "app.take_break", "Break", show=False),
    # Each partner's card of repair phrases, beside their side keys (FloorHost).
    Binding("a", "repair_card('left')", show=False),
    Binding("semicolon", "repair_card('right')", show=False),
])

Action = tuple[str, Callable[[], object]]


class FloorMoves(_HeldByTheView):
    """Mix into `FloorView`: what each partner's own keys do on its floor."""

    def _actions(self, pid: str) -> dict[str, Action]:
        """What this partner's own keys do right now."""
        floor = self.floor
        if floor is None or floor.ended or floor.paused:
            return {}
        speaking = pid == floor.speaker_id
        prompt = ("another prompt", lambda: floor.next_prompt(by=pid))
        if speaking and floor.phase == Phase.NAMING:
            return {"primary": ("start speaking", lambda: self._start_speaking(pid)),
                    **({} if floor.answering else {"secondary": prompt}),
                    "field": ("your own word", self._speaker_pane().picker.open_own_word)}
        if speaking and floor.phase == Phase.SPEAKING:
            done = "hand over early" if floor.time_left() > 0 else "I'm done"
            return {"primary": (done, lambda: floor.end_turn(by=pid)),
                    **({} if floor.answering else {"secondary": prompt})}
        if not speaking and floor.phase == Phase.ASKING:
            return {"primary": ("ask a question", lambda: floor.ask_question(by=pid)),
                    "secondary": ("no question", lambda: self._confirm(pid, question=True))}
        if not speaking and floor.phase == Phase.SPEAKING and self._floor_jot:
            return {"field": ("jot a few words", self._open_summary)}
        if not speaking and floor.phase == Phase.PARAPHRASE:
            return {"primary": ("I've said it back", lambda: self._paraphrased(pid)),
                    "field": ("type what you heard", self._open_summary)}
        if speaking and floor.phase == Phase.CONFIRMING:
            return {"primary": ("that's it", lambda: self._confirm(pid)),
                    "secondary": ("try again", lambda: floor.try_again(by=pid))}
        return {}

    def seated_as(self) -> str | None:
        """The partner whose keys act here when the other sits at another app (both
        key sets are theirs then); None when both sit at this keyboard."""
        return seated_among(self, self.sides) if self.shared else None

    def act(self, side: str, slot: str) -> None:
        """A partner pressed one of their own keys (`slot`: primary, secondary, field)."""
        if not self.running:
            return
        me = self.seated_as()
        pid = me if me is not None else self.sides[0 if side == LEFT else 1]
        if slot in PICK_KEYS[side]:  # the speaker's feelings: the highlighted word counts
            if self._picking(pid):
                self.pane_of(pid).picker.move(-1 if slot == "up" else 1)
            return
        action = self._actions(pid).get(slot)
        if action is None:
            if me is not None:
                self._not_yours(me, slot)
            return
        moves = self._moves()
        try:
            action[1]()
        except NotNow:
            return  # a key pressed a moment too late; nothing to undo
        self.refresh_view()
        self._moved(moves)

    def _not_yours(self, me: str, slot: str) -> None:
        """A key pressed for a move that is the other partner's (in their window)."""
        other = self.sides[1] if me == self.sides[0] else self.sides[0]
        if slot in self._actions(other):
            self.app.notify(f"That move is {self._who(other)}'s, from their window.",
                            timeout=3, markup=False)

    def _moves(self) -> int:
        return len(self.floor.session.events) if self.floor is not None else 0

    def _moved(self, before: int) -> None:
        """Tell the screen when the floor has a new event (to save it)."""
        if self._moves() > before:
            self.post_message(self.Moved(self))

    def _start_speaking(self, pid: str) -> None:
        assert self.floor is not None
        picker = self._speaker_pane().picker
        if picker.feeling is not None or picker.intensity is not None:
            self.floor.set_feeling(picker.feeling, picker.intensity, by=pid)
        self.floor.start_speaking(by=pid)
        self.screen.set_focus(None)

    def _paraphrased(self, pid: str) -> None:
        assert self.floor is not None
        box = self._listener_pane().summary_input
        self.floor.paraphrased(box.value, by=pid)
        box.value = ""
        self.screen.set_focus(None)

    def _confirm(self, pid: str, *, question: bool = False) -> None:
        """"That's it" (or, `question`, no question): a new turn has a fresh feeling."""
        assert self.floor is not None
        self.floor.no_question(by=pid) if question else self.floor.confirm(by=pid)
        if self.floor.phase != Phase.NAMING:
            return  # the listener may ask a question first
        self._speaker_pane().picker.clear()
        self.post_message(self.Passed(self))

    def _picking(self, pid: str) -> bool:
        """This partner is choosing a feeling now (the speaker, before speaking)."""
        floor = self.floor
        return (floor is not None and not floor.ended and not floor.paused
                and pid == floor.speaker_id and floor.phase == Phase.NAMING)

    def _open_summary(self) -> None:
        """The listener's own box: a jot while listening, or the line said back."""
        assert self.floor is not None
        self._listener_pane().open_summary(says_back=self.floor.phase == Phase.PARAPHRASE)

    def toggle_pause(self) -> None:
        floor = self.floor
        if floor is None or floor.ended:
            return
        moves = self._moves()
        if floor.paused:
            floor.resume()
        else:
            floor.pause()
        self.refresh_view()
        self._moved(moves)

    def ask_to_end(self) -> None:
        """Ask both whether to end here; on yes the floor ends and `Ended` is posted."""
        if not self.running:
            return

        def answered(end: bool | None) -> None:
            if end and self.floor is not None and not self.floor.ended:
                self.floor.end()
                self.post_message(self.Ended(self))

        self.app.push_screen(ConfirmModal(
            "End the talk here?", "End and look back", "Keep talking",
            detail="You will see how it went, check in, and can note next steps. "
                   "Stopping is fine; you can always talk again."), answered)

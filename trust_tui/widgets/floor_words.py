"""What the floor says, in words: each partner's task, the clock's caption, the
phase line, the feeling named, and where the talk was (around a break)."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from trust_tui.domain.floor import Floor, Phase
from trust_tui.domain.turn_clock import ClockState, mm_ss
from trust_tui.widgets.typed import typed

Who = Callable[[str], str]  # partner id -> name

TASKS = {
    (True, Phase.NAMING): "Pick one word for how you feel (or type your own), "
                          "then start speaking.",
    (True, Phase.SPEAKING): "Speak from your own experience, in short pieces.",
    (True, Phase.PARAPHRASE): "Listen to what they heard.",
    (True, Phase.CONFIRMING): "Did they get the gist? Not word for word, just the heart "
                              "of it.",
    (False, Phase.NAMING): "In a moment, listen. You will say back what you heard.",
    (False, Phase.SPEAKING): "Listen without answering back. You will say back what "
                             "you heard.",
    (False, Phase.PARAPHRASE): "Say back, aloud and in your own words, what you heard. "
                               "A typed line is optional.",
    (False, Phase.CONFIRMING): "Wait for their answer.",
    (True, Phase.ASKING): "Your partner may ask one question. The answer is yours to give.",
    (False, Phase.ASKING): "You may ask one question about what you heard, or pass.",
}


def clock_caption(floor: Floor) -> tuple[str, str]:
    """(caption under the turn clock, its tone: "", "held", "near" or "over")."""
    state = floor.clock_state()
    if floor.paused:
        return "paused: p to go on", "held"
    if floor.phase in (Phase.NAMING, Phase.ASKING):
        return "ready when you are", ""
    if floor.phase != Phase.SPEAKING:
        return "turn over: say it back", "held"
    if state == ClockState.NEAR_END:
        return "nearly time: finish your thought", "near"
    if state == ClockState.OVERTIME:
        return "over time: nobody is cut off", "over"
    return "time left", ""


def feeling_line(floor: Floor, pid: str) -> str:
    """The speaker's feeling now; for the listener, the one they named last time."""
    if pid == floor.speaker_id:
        if not floor.feeling:
            return "Feeling: not named yet"
        return "Feeling: " + floor.feeling + (f" ({floor.intensity} of 10)"
                                              if floor.intensity else "")
    earlier = [t.feeling for t in floor.session.turns if t.speaker_id == pid and t.feeling]
    return f"Earlier you felt: {earlier[-1]}" if earlier else ""


def phase_text(floor: Floor, who: Who) -> Content:
    speaker, listener = who(floor.speaker_id), who(floor.listener_id)
    if floor.phase == Phase.NAMING:
        return typed(f"{speaker}: a feeling word first, then speak.")
    if floor.phase == Phase.SPEAKING:
        return typed(f"{speaker} is speaking.")
    if floor.phase == Phase.PARAPHRASE:
        return typed(f"{listener}: say back what you heard. The gist is enough.")
    if floor.phase == Phase.ASKING:
        return typed(f"{listener}: one question for {speaker}, if you have one.")
    turn = floor.turn
    assert turn is not None
    heard = typed(f"{speaker}: did {listener} get it?")
    if turn.paraphrase:
        heard = Content.assemble(heard, "\n", (f"{listener} heard: ", "dim"),
                                 typed(turn.paraphrase))
    return heard


def whose_turn(floor: Floor, who: Who) -> str:
    """Whose turn and the time left, in a line."""
    speaker, listener = who(floor.speaker_id), who(floor.listener_id)
    left = floor.time_left()
    time = f"{mm_ss(left)} left" if left > 0 else "over time"
    return {
        Phase.NAMING: f"{speaker} has the floor and is about to start ({time}).",
        Phase.SPEAKING: f"{speaker} has the floor, {time}.",
        Phase.PARAPHRASE: f"{listener} was saying back what {speaker} said.",
        Phase.CONFIRMING: f"{speaker} was about to say whether {listener} got it.",
        Phase.ASKING: f"{listener} was about to ask {speaker} a question.",
    }[floor.phase]


def prompt_text(floor: Floor) -> Content:
    """`Prompt 3 of 5` and the prompt (the question and its answer: the prompt alone)."""
    line = floor.prompt_line()
    if line is None or floor.phase not in (Phase.NAMING, Phase.SPEAKING, Phase.ASKING):
        return Content("")
    number, count, shown = line
    if not number:
        return typed(shown)
    return Content.assemble((f"Prompt {number} of {count}", "dim"), "\n", typed(shown))


def where_we_were(floor: Floor, who: Who, *, step_prompts: bool = False) -> str:
    """Whose turn, time left and the prompt, in a line (shown around a break)."""
    where = whose_turn(floor, who)
    line = floor.prompt_line()
    # A talk's prompt while one is speaking; a ritual step's prompt is its question.
    if line and (step_prompts or floor.phase in (Phase.NAMING, Phase.SPEAKING)):
        where += f" Prompt: {line[2]}"
    return where

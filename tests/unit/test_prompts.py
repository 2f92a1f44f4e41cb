"""The prompts follow the method: in a talk about what broke the trust, each
speaker's prompts depend on their part."""

from __future__ import annotations

import pytest

from trust_tui.domain import apology
from trust_tui.domain.prompts import (
    ANSWER_PROMPT, HURT, NAMING, PART_TITLES, PARTS, QUESTION_PROMPT, TOPICS, WHY_WE_ASK,
    has_parts, part_of, prompt_at, prompts_for, topic,
)

SAM, ALEX = "sam-id", "alex-id"


def test_talks_about_what_broke_the_trust_have_parts_and_the_others_do_not():
    assert has_parts("name_it") and has_parts("responsibility")
    assert not has_parts("feel") and not has_parts("open")
    assert not has_parts("no such topic")  # reads as an open talk


def test_each_speaker_gets_the_prompts_of_their_part():
    assert part_of("name_it", SAM, SAM) == NAMING
    assert part_of("name_it", SAM, ALEX) == HURT
    naming, hurt = prompts_for("name_it", NAMING), prompts_for("name_it", HURT)
    assert naming != hurt and not set(naming) & set(hurt)
    assert naming[0].startswith("Say what happened") and "\"I did...\"" in naming[0]
    assert hurt[0].startswith("Say what it did to you")
    # The one hurt may ask; the one naming it owns it.
    assert any("straight" in line for line in hurt)
    assert any("own" in line for line in naming)


def test_no_parts_without_a_chosen_partner_or_on_a_topic_without_them():
    assert part_of("name_it", None, SAM) is None
    assert part_of("feel", SAM, SAM) is None
    assert prompts_for("name_it", None) == TOPICS["name_it"].prompts
    assert prompts_for("feel", NAMING) == TOPICS["feel"].prompts
    assert prompts_for("open", None) == topic("open").prompts


def test_prompt_at_wraps_round_within_a_part():
    hurt = prompts_for("responsibility", HURT)
    assert prompt_at("responsibility", 1, HURT) == hurt[1]
    assert prompt_at("responsibility", len(hurt), HURT) == hurt[0]
    assert prompt_at("open", 2) == TOPICS["open"].prompts[2]


@pytest.mark.parametrize("key", [k for k, t in TOPICS.items() if t.parts])
def test_every_part_of_a_topic_with_parts_has_several_prompts(key):
    assert set(TOPICS[key].parts) == set(PARTS)
    for part in PARTS:
        assert len(prompts_for(key, part)) >= 4
        assert len(set(prompts_for(key, part))) == len(prompts_for(key, part))


def every_line() -> list[str]:
    lines = [QUESTION_PROMPT, ANSWER_PROMPT, WHY_WE_ASK, *PART_TITLES.values()]
    for each in TOPICS.values():
        lines += [each.guidance, *each.prompts]
        for prompts in each.parts.values():
            lines += prompts
    return lines


def test_no_prompt_reads_as_an_excuse_or_as_blame():
    # A part's prompts are said as an apology would be: the apology helper stays quiet.
    spoken = [QUESTION_PROMPT, ANSWER_PROMPT,
              *(line for t in TOPICS.values() for part in t.parts.values() for line in part)]
    for line in spoken:
        assert apology.find_excuses(line) == [], line
    guidance = {t.guidance for t in TOPICS.values()}  # "without blame" is fine there
    for line in set(every_line()) - guidance:
        for word in ("fault", "blame", "guilty", "cheat", "liar", "betray", "should have"):
            assert word not in line.lower(), line


def test_the_question_and_its_answer_are_short_and_plain():
    assert "one question" in QUESTION_PROMPT
    assert "straight" in ANSWER_PROMPT and "excuses" in ANSWER_PROMPT
    assert all(len(line) <= 160 for line in every_line() if line not in
               {t.guidance for t in TOPICS.values()})

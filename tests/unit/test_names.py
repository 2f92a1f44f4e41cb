"""A partner's name refuses what a screen would leave out or a terminal act on
(domain/names.py), and keeps what writes a name in any language or emoji."""

from __future__ import annotations

import pytest

from trust_tui.domain.names import has_control


@pytest.mark.parametrize("name", [
    "Sam\tJo", "Sam\nJo", "Sam\x1b[31m", "Sam\x7f", "Sam\x85", "Sam\u2028",
    "Sam\u202e", "Sam\u2066",  # a bidi override, an isolate
    "Sam\u200b", "Sam\u200e", "\ufeffSam", "Sa\u00adm", "Sam\u2060",  # invisible
])
def test_a_name_with_a_control_or_an_invisible_character_is_refused(name):
    assert has_control(name)


@pytest.mark.parametrize("name", [
    "Zoë", "Zoë 👨\u200d👩\u200d👧", "می\u200cخواهم",  # a joiner, a non-joiner
    "Ana 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # a flag's tags
    "Noor ❤\ufe0f", "李 小龙", "[/]", "Sam\u00a0Jo",
])
def test_a_name_in_any_language_or_with_emoji_is_kept(name):
    assert not has_control(name)

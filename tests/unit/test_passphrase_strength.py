"""The strength hint says in words how guessable a passphrase is, never calling a
long but trivial one strong (issue 17)."""

from __future__ import annotations

import pytest

from trust_tui.domain.passphrase import strength_hint


@pytest.mark.parametrize("weak", [
    "aaaaaaaaaaaaaaaaaaaa",
    "password password password password",
    "abcdefghijkl",
    "qwertyuiop",
])
def test_long_but_trivial_is_never_called_strong(weak):
    assert not strength_hint(weak).startswith(("Strong", "Good"))


@pytest.mark.parametrize("strong", [
    "river lantern quietly marmalade",
    "our cat Milo hates Tuesdays",
])
def test_a_few_words_only_you_would_pick_are_strong(strong):
    assert strength_hint(strong).startswith("Strong")


def test_short_ones_count_what_is_left():
    assert strength_hint("abc") == "5 more characters to go."

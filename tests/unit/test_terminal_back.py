"""A signal that ends the app (SIGTERM from `kill`, SIGHUP) gives the terminal back
as textual's own way out would: its modes as the app found them, the main screen,
the cursor, no mouse reports (app_seats.give_terminal_back)."""

from __future__ import annotations

import os
import termios
from types import SimpleNamespace

from trust_tui.app_seats import give_terminal_back


def test_a_terminal_left_by_a_signal_is_given_back_as_the_app_found_it():
    master, tty = os.openpty()
    try:
        found = termios.tcgetattr(tty)
        raw = termios.tcgetattr(tty)
        raw[3] &= ~(termios.ECHO | termios.ICANON)  # as the app sets it
        termios.tcsetattr(tty, termios.TCSANOW, raw)
        with os.fdopen(os.dup(tty), "w") as out:
            give_terminal_back(SimpleNamespace(fileno=tty, attrs_before=found, _file=out))
        assert termios.tcgetattr(tty)[3] == found[3]  # echo and lines again
        written = os.read(master, 4096)
        for mode in (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?1003l",
                     b"\x1b[?2004l"):
            assert mode in written
    finally:
        os.close(master)
        os.close(tty)


def test_no_terminal_to_give_back_is_nothing_to_do():
    give_terminal_back(SimpleNamespace())  # a headless or web driver: no error
    give_terminal_back(SimpleNamespace(fileno=None, attrs_before=None, _file=None))

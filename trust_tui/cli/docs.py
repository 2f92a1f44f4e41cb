"""Shell completion and a man page, both generated from the one parser (so they
never drift from what the commands take): `trust-tui completion bash|zsh|tcsh` and
`trust-tui man`. shtab and argparse-manpage are loaded only here."""

from __future__ import annotations

import argparse

from trust_tui.cli.output import EXIT_OK
from trust_tui.cli.parser import build_parser


def completion(args: argparse.Namespace) -> int:
    import shtab

    print(shtab.complete(build_parser(), shell=args.shell), end="")
    return EXIT_OK


def man_page(_args: argparse.Namespace) -> int:
    from argparse_manpage.manpage import Manpage

    parser = build_parser()
    parser.prog = "trust-tui"
    print(str(Manpage(parser)), end="")
    return EXIT_OK


HANDLERS = {"completion": completion, "man": man_page}

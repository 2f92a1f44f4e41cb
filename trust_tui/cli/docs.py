"""Shell completion and a man page, both generated from the one parser (so they
never drift from what the commands take): `trust-tui completion bash|zsh|tcsh` and
`trust-tui man`. shtab and argparse-manpage are loaded only here."""

from __future__ import annotations

import argparse

from trust_tui.cli.output import EXIT_OK
from trust_tui.cli.parser import _version, build_parser, example_lines, exit_lines


def completion(args: argparse.Namespace) -> int:
    import shtab

    print(shtab.complete(build_parser(), shell=args.shell), end="")
    return EXIT_OK


def man_page(_args: argparse.Namespace) -> int:
    from argparse_manpage.manpage import Manpage

    parser = build_parser()
    parser.prog = "trust-tui"
    parser.epilog = None  # said below as EXAMPLES and EXIT STATUS, in columns
    page = Manpage(parser)
    page.description = "a terminal app a couple runs together to rebuild trust"  # NAME
    page.manual = "trust-tui manual"
    page.source = f"trust-tui {_version()}"
    page.add_section("examples", ">", _unfilled(example_lines()))
    page.add_section("exit status", ">", _unfilled(exit_lines()))
    print(str(page), end="")
    return EXIT_OK


def _unfilled(text: str) -> str:
    """Lines kept as they are (roff's no-fill), escaped for roff."""
    escaped = text.replace("\\", "\\\\").replace("-", "\\-")
    return ".nf\n" + "\n".join(f"\\&{line}" for line in escaped.splitlines()) + "\n.fi"


HANDLERS = {"completion": completion, "man": man_page}

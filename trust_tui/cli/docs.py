"""Shell completion and a man page, both generated from the one parser (so they
never drift from what the commands take): `trust-tui completion bash|zsh|tcsh` and
`trust-tui man`. shtab and argparse-manpage are loaded only here."""

from __future__ import annotations

import argparse

from trust_tui.cli.output import EXIT_OK
from trust_tui.cli.parser import _version, build_parser, example_lines, exit_lines


# The arguments that name a file: completed with the shell's own file names.
FILE_METAVARS = ("FILE", "PATH", "OTHER_VAULT")


def completion(args: argparse.Namespace) -> int:
    import shtab

    parser = build_parser()
    _complete_files(parser, shtab.FILE)
    print(shtab.complete(parser, shell=args.shell), end="")
    return EXIT_OK


def _complete_files(parser: argparse.ArgumentParser, files: dict[str, str]) -> None:
    for action in parser._actions:
        if action.metavar in FILE_METAVARS:
            action.complete = files  # type: ignore[attr-defined]  # shtab reads it
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                _complete_files(sub, files)


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

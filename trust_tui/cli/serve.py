"""`trust-tui serve`: the app in a browser tab, through textual-serve (an optional
extra: `pip install 'trust-tui[serve]'`).

Each tab (each websocket) starts its own `trust-tui --vault PATH` process, which
shows its own unlock screen: nothing is unlocked here, and no passphrase reaches the
served app (none on its command line, none in its environment).

textual-serve has no login and no TLS of its own: anyone who reaches the port gets an
unlock screen, and what is typed crosses the network as it is. So it listens on
127.0.0.1 unless --host is given, and a partner on another machine comes through an
ssh tunnel (`ssh -L`), which brings its own login and encryption.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import getpass
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from trust_tui.cli.output import (
    ENV_PASSPHRASE,
    ENV_PASSPHRASE_FILE,
    EXIT_OK,
    FileProblem,
    Refusal,
    out,
    say,
    vault_path,
)

DEFAULT_HOST = "127.0.0.1"
INSTALL_HINT = ("trust-tui serve needs textual-serve, which is not installed here: "
                "`pip install 'trust-tui[serve]'` adds it.")
NO_LOGIN_WARNING = ("Warning: textual-serve has no login and no TLS, so anyone who can "
                    "reach {where} gets the unlock screen and what is typed there crosses "
                    "the network unencrypted; leaving out --host keeps it on 127.0.0.1, "
                    "for an ssh tunnel.")
_EVERYWHERE = ("0.0.0.0", "::")


def server_class() -> type:
    """textual-serve's Server, or the one sentence that says how to install it."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise Refusal(INSTALL_HINT) from None
    return Server


def closing_tabs(server_base: type) -> type:
    """textual-serve's Server, made to close every open tab (and so its app) when it
    stops: without it, ctrl+c waits for aiohttp's graceful timeouts on each websocket."""

    class TabsClosingServer(server_base):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.open_tabs: set[asyncio.Task[Any]] = set()

        async def handle_websocket(self, request: Any) -> Any:
            tab = asyncio.current_task()
            if tab is not None:
                self.open_tabs.add(tab)
            try:
                # Cancelled, it tells its app to quit, waits for it, and closes the tab.
                return await super().handle_websocket(request)
            finally:
                self.open_tabs.discard(tab)

        async def on_shutdown(self, app: Any) -> None:
            for tab in list(self.open_tabs):
                tab.cancel()
            await super().on_shutdown(app)

    return TabsClosingServer


def is_loopback(host: str) -> bool:
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def served_command(vault: Path) -> str:
    """The shell command each tab runs: this installation's trust-tui on the vault the
    command line resolved (absolute, quoted); never a passphrase."""
    script = Path(sys.executable).parent / ("trust-tui.exe" if os.name == "nt" else "trust-tui")
    program = [str(script)] if script.is_file() else [sys.executable, "-m", "trust_tui"]
    return shlex.join([*program, "--vault", str(vault.absolute())])


def public_url(host: str, port: int) -> str:
    """Where a browser finds it (the page names its websocket by this address)."""
    if host in _EVERYWHERE:
        host = socket.gethostname()
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return f"http://{host}:{port}"


def tunnel_line(host: str, port: int) -> str:
    """The ssh line a partner on another machine runs: their own port PORT then
    leads to HOST port PORT here (the same number: the page names that address)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name known to this system
        user = "you"
    if host.casefold() == "localhost":
        host = DEFAULT_HOST
    if ":" in host:
        host = f"[{host}]"
    return f"ssh -L {port}:{host}:{port} {user}@{socket.gethostname()}"


def _cannot_listen(host: str, port: int, problem: OSError) -> FileProblem:
    if problem.errno == errno.EADDRINUSE:
        return FileProblem(f"Port {port} on {host} is in use already; choose another "
                           "with --port N.")
    why = (problem.strerror or type(problem).__name__).split(" (while")[0]
    return FileProblem(f"Could not listen on {host} port {port} ({why[:1].lower()}{why[1:]}); "
                       "check --host and --port.")


def _check_can_listen(host: str, port: int) -> None:
    """Said before anything else is printed (aiohttp would say it after its banner)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, port), family=family):
            pass
    except OSError as problem:
        raise _cannot_listen(host, port, problem) from None


def _no_passphrase_passed_on() -> None:
    """Each tab inherits this process's environment: a passphrase given to the shell
    (or the name of its file) is taken out first."""
    dropped = [name for name in (ENV_PASSPHRASE, ENV_PASSPHRASE_FILE)
               if os.environ.pop(name, None) is not None]
    if dropped:
        say(f"Note: {' and '.join(dropped)} {'is' if len(dropped) == 1 else 'are'} not passed "
            "on; each tab asks for a passphrase on its own unlock screen.")


def serve(args: argparse.Namespace) -> int:
    port = args.port
    if not 1 <= port <= 65535:
        raise Refusal("--port takes a number from 1 to 65535.")
    host = args.host if args.host is not None else DEFAULT_HOST
    if not host.strip():
        raise Refusal("--host needs an address; leave it out to serve on 127.0.0.1 only.")
    Server = closing_tabs(server_class())
    vault = vault_path(args).absolute()
    url = public_url(host, port)
    _check_can_listen(host, port)
    _no_passphrase_passed_on()
    if not is_loopback(host):
        say(NO_LOGIN_WARNING.format(where=f"{host} port {port}"))
    out(f"Serving trust-tui for the vault at {vault} on {url} (ctrl+c stops it).")
    out("Each browser tab runs its own trust-tui and unlocks with its own passphrase.")
    if is_loopback(host):
        out("A partner on another machine opens a tunnel (with this machine's name or "
            "address as they reach it):")
        out(f"  {tunnel_line(host, port)}")
        out(f"and then opens {url} in their browser.")
    server = Server(served_command(vault), host=host, port=port, title="trust-tui",
                    public_url=url)
    try:
        server.serve()
    except OSError as problem:
        if problem.errno in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise _cannot_listen(host, port, problem) from None  # taken since the check
        raise
    return EXIT_OK

"""`trust-tui serve`: the app in a browser tab through textual-serve.

One test runs the real command in a process of its own and drives it as a browser
would (aiohttp: the page, then the websocket): each tab reaches its own unlock screen
and unlocks on its own. The others stand a recording Server in for textual-serve's, to
check what it is given (127.0.0.1, the command, no passphrase) and what is said.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAM_PASS

from trust_tui.cli import main, serve

UNLOCK_WORDS = "Either of you can unlock with your own passphrase."
HOME_WORDS = "Talk together"
# What a terminal does with, not what it shows: CSI and OSC sequences, charset picks.
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Za-z0-9]|[=>78])")


class RecordingServer:
    """Stands in for textual_serve.server.Server: keeps what it was given."""

    made: list[RecordingServer] = []

    def __init__(self, command: str, host: str, port: int, title: str, public_url: str):
        self.command, self.host, self.port = command, host, port
        self.title, self.public_url = title, public_url
        RecordingServer.made.append(self)

    def serve(self) -> None:
        self.environ = dict(os.environ)


@pytest.fixture
def recording(monkeypatch):
    RecordingServer.made = []
    monkeypatch.setattr(serve, "server_class", lambda: RecordingServer)
    for name in ("TRUST_TUI_PASSPHRASE", "TRUST_TUI_PASSPHRASE_FILE", "TRUST_TUI_VAULT"):
        monkeypatch.delenv(name, raising=False)
    return RecordingServer.made


def test_serve_listens_on_127_0_0_1_unless_told_and_prints_the_ssh_line(recording, tmp_path,
                                                                          capsys):
    odd = tmp_path / "our 'vault' $(touch x); ok.vault"
    assert main(["serve", "--vault", str(odd), "--port", "8123"]) == 0
    said = capsys.readouterr()
    server = recording[0]
    assert server.host == "127.0.0.1" and server.port == 8123
    assert server.public_url == "http://127.0.0.1:8123"
    # The served command: trust-tui on the vault the command line resolved, quoted.
    program, *rest = shlex.split(server.command)
    assert Path(program).name in ("trust-tui", "python", Path(sys.executable).name)
    assert rest[-2:] == ["--vault", str(odd)]
    assert "ssh -L 8123:127.0.0.1:8123 " in said.out
    assert "no login" not in said.err


def test_another_host_must_be_asked_for_and_is_warned_about(recording, capsys):
    assert main(["serve", "--host", "0.0.0.0", "--port", "8124"]) == 0
    said = capsys.readouterr()
    assert recording[0].host == "0.0.0.0"
    assert "textual-serve has no login and no TLS" in said.err
    assert main(["serve", "--host", "localhost"]) == 0  # still this machine only: no warning
    assert "no login" not in capsys.readouterr().err


def test_no_passphrase_is_passed_on_to_the_served_app(recording, monkeypatch, capsys):
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE_FILE", "/somewhere/pass.txt")
    assert main(["serve"]) == 0
    server = recording[0]
    assert "TRUST_TUI_PASSPHRASE" not in server.environ
    assert "TRUST_TUI_PASSPHRASE_FILE" not in server.environ
    assert SAM_PASS not in server.command
    assert "not passed on" in capsys.readouterr().err


def test_without_the_extra_serve_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import fails: not installed
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'trust-tui[serve]'" in err
    assert "Traceback" not in err


def test_a_port_in_use_or_out_of_range_is_one_sentence(recording, capsys):
    assert main(["serve", "--port", "70000"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    said = capsys.readouterr()
    assert said.err.count("\n") == 1 and f"Port {port} on 127.0.0.1 is in use" in said.err
    assert said.out == "" and recording == []  # said before anything else, nothing served


# --- the real thing, driven as a browser would ----------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


async def _screen_until(tab, words: str) -> str:
    """Read the tab's frames (the app's terminal output, forwarded) until `words` show."""
    import aiohttp

    seen = b""
    async for message in tab:
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
            text = ESCAPES.sub(b"", seen).decode("utf-8", "replace")
            if words in text:
                return text
    raise AssertionError(f"the tab closed before {words!r} showed")


async def _until_closed(tab) -> None:
    async for _message in tab:
        pass


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
async def test_a_served_tab_reaches_the_unlock_screen_and_unlocks_on_its_own(vault, vault_path):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed "
                                                "(pip install 'trust-tui[serve]')")
    aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")
    port = _free_port()
    env = {k: v for k, v in os.environ.items()  # TRUST_TUI_STATE_DIR stays: this test's own
           if k not in ("TRUST_TUI_VAULT", "TRUST_TUI_PASSPHRASE_FILE")}
    env["TRUST_TUI_PASSPHRASE"] = SAM_PASS  # set in the shell: must not reach a tab
    server = subprocess.Popen(
        [sys.executable, "-m", "trust_tui", "serve", "--vault", str(vault_path),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    apps: list[int] = []
    try:
        async with asyncio.timeout(15), aiohttp.ClientSession() as browser:
            page = None
            while page is None:  # until it listens (it prints before it binds)
                try:
                    page = await browser.get(f"http://127.0.0.1:{port}/")
                except aiohttp.ClientConnectorError:
                    assert server.poll() is None, server.stdout.read().decode()
                    await asyncio.sleep(0.05)
            assert page.status == 200
            assert f"ws://127.0.0.1:{port}/ws" in await page.text()
            ws_url = f"http://127.0.0.1:{port}/ws?width=80&height=24"
            async with browser.ws_connect(ws_url) as first:
                await first.send_json(["resize", {"width": 80, "height": 24}])
                assert UNLOCK_WORDS in await _screen_until(first, UNLOCK_WORDS)
                apps = _descendants(server.pid)
                app_pid = apps[-1]
                cmdline = Path(f"/proc/{app_pid}/cmdline").read_bytes().split(b"\0")
                assert b"--vault" in cmdline and str(vault_path).encode() in cmdline
                assert b"TRUST_TUI_PASSPHRASE" not in Path(f"/proc/{app_pid}/environ").read_bytes()
                await first.send_json(["stdin", SAM_PASS + "\r"])
                home = await _screen_until(first, HOME_WORDS)
                assert SAM_PASS not in home  # typed into a password field: never echoed
                async with browser.ws_connect(ws_url) as second:  # another tab, still locked
                    second_screen = await _screen_until(second, UNLOCK_WORDS)
                    assert HOME_WORDS not in second_screen
                    apps = _descendants(server.pid)
                    # ctrl+c with both tabs open: each is closed (and its app) at once.
                    server.send_signal(signal.SIGINT)
                    await asyncio.gather(_until_closed(first), _until_closed(second))
            assert await asyncio.to_thread(server.wait, 10) == 0
        printed = server.stdout.read().decode()
        assert f"ssh -L {port}:127.0.0.1:{port}" in printed
        assert SAM_PASS not in printed
        async with asyncio.timeout(5):
            while any(_running(pid) for pid in apps):  # each tab's app has gone
                await asyncio.sleep(0.05)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)  # only what this test started
            server.wait(timeout=5)
        server.stdout.close()

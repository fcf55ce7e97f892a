"""Save → reload with ``bvpp serve``: how long an officer waits to see an edit in the browser.

Two clocks, each started when the edited file has been saved: until the preview's reload
signal reaches a listening page (Server-Sent Events, read here over plain HTTP), and, when
Playwright and Debian's Chromium are installed, until a real browser tab showing the page has
reloaded itself and shows the new text.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

THEME = Path("themes") / "environment.yaml"
STATEMENT = "Improvements to park safety"
PAGE = "/outcomes/improved-park-safety/"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(project: Path) -> Iterator[int]:
    """``bvpp serve`` on ``project`` in a child process; yields its port, stops it after."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--project", str(project), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


class Events:
    """A reader of the preview's reload signal."""

    def __init__(self, port: int, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while True:  # the server takes a moment to start listening
            self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            try:
                self.connection.request("GET", "/__bvpp__/events")
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.response = self.connection.getresponse()

    def next_build(self) -> dict[str, Any]:
        """The next 'build' event's data (keep-alive comments are skipped)."""
        data = ""
        while True:
            line = self.response.fp.readline().decode("utf-8")
            if not line:
                raise ConnectionError("the preview server closed the event stream")
            if line.startswith("data: "):
                data = line[6:].strip()
            elif line == "\n" and data:
                return dict(json.loads(data))

    def close(self) -> None:
        """Hang up."""
        self.connection.close()


def _get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    text = connection.getresponse().read().decode("utf-8")
    connection.close()
    return text


def _edit(project: Path, marker: str) -> None:
    file = project / "content" / THEME
    text = file.read_text(encoding="utf-8")
    start = text.index(STATEMENT) + len(STATEMENT)
    end = text.index('"', start)
    file.write_text(text[:start] + marker + text[end:], encoding="utf-8")


def measure_reloads(project: Path, saves: int) -> dict[str, Any]:
    """Save the bundled plan's park-safety outcome ``saves`` times; seconds until each reload."""
    with serving(project) as port:
        events = Events(port)
        try:
            version = events.next_build()["version"]
            signal: list[float] = []
            for number in range(saves):
                _edit(project, f" (edit {number})")
                saved = time.perf_counter()
                while (state := events.next_build())["version"] == version:
                    pass
                signal.append(time.perf_counter() - saved)
                version = state["version"]
                if f"(edit {number})" not in _get(port, PAGE):
                    raise RuntimeError("the reloaded page does not show the edit")
                time.sleep(0.5)
        finally:
            events.close()
        browser = _browser_reloads(project, port, saves)
    return {"signal_s": signal, "browser_s": browser}


def _browser_reloads(project: Path, port: int, saves: int) -> list[float] | None:
    """Seconds from save to the new text on screen in headless Chromium; None without one."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    seconds: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{port}{PAGE}")
            for number in range(saves):
                marker = f" (browser edit {number})"
                tab.wait_for_timeout(500)  # the page's event stream is connected by now
                _edit(project, marker)
                saved = time.perf_counter()
                tab.wait_for_function(
                    "marker => document.querySelector('h1').textContent.includes(marker)",
                    arg=marker.strip(),
                    timeout=60_000,
                    polling=20,
                )
                seconds.append(time.perf_counter() - saved)
        finally:
            browser.close()
    return seconds

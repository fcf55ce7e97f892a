"""The preview's web server: the built site, plus a reload signal for the pages open in a browser.

Only ``bvpp serve`` uses this; the built site itself never contains any of it. Each HTML page is
sent with one extra ``<script>`` that names the build it came from; the script listens to
``/__bvpp__/events`` (Server-Sent Events) and reloads the page as soon as a newer build is
published, or shows the content's problems while a broken edit keeps the last good build on
screen. Everything is sent with ``Cache-Control: no-store`` so a reload never shows an old page.
"""

from __future__ import annotations

import http.server
import io
import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

EVENTS = "/__bvpp__/events"
SCRIPT = "/__bvpp__/live.js"
KEEPALIVE_SECONDS = 15.0

LIVE_JS = """\
// bvpp serve: reload this page when the preview is rebuilt; show content problems meanwhile.
(function () {
  var built = Number(new URL(document.currentScript.src).searchParams.get("v"));
  var box = null;
  function show(problems) {
    if (box) { box.remove(); box = null; }
    if (!problems.length) { return; }
    box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "bvpp-live-problems";
    box.style.cssText = "position:fixed;z-index:1000;left:0;right:0;bottom:0;max-height:40vh;" +
      "overflow:auto;background:#fff;color:#000;border-top:4px solid #b00;padding:1em;" +
      "font:14px/1.4 monospace;white-space:pre-wrap";
    box.textContent = "\\u26A0 The content has problems; this preview still shows the last good " +
      "build. Fix them and save:\\n\\n" + problems.join("\\n");
    document.body.appendChild(box);
  }
  var source = new EventSource("__EVENTS__");
  source.addEventListener("build", function (event) {
    var state = JSON.parse(event.data);
    if (state.version !== built) { source.close(); location.reload(); return; }
    show(state.problems);
  });
})();
""".replace("__EVENTS__", EVENTS)

NO_SITE_YET = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>No preview yet</title></head>
<body><h1>No preview yet</h1>
<p>The content has problems, so no site could be built. The terminal running
<code>bvpp serve</code> lists them; this page reloads by itself once they are fixed.</p>
</body></html>
"""


@dataclass
class LiveState:
    """The latest build's number and, while the content is broken, its problems."""

    version: int = 0
    problems: tuple[str, ...] = ()
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def built(self) -> None:
        """A new build was published: every open page should reload."""
        with self._changed:
            self.version += 1
            self.problems = ()
            self._changed.notify_all()

    def failed(self, problems: list[str]) -> None:
        """The content is broken: the last good build stays, open pages show the problems."""
        with self._changed:
            self.problems = tuple(problems)
            self._changed.notify_all()

    def wait(self, seen: tuple[int, tuple[str, ...]] | None, timeout: float) -> tuple[int, tuple[str, ...]]:
        """The state once it differs from ``seen``, or after ``timeout`` seconds whatever it is."""
        with self._changed:
            self._changed.wait_for(lambda: (self.version, self.problems) != seen, timeout)
            return self.version, self.problems


def inject(html: bytes, version: int) -> bytes:
    """The page with the reload script added just before ``</body>``."""
    tag = f'<script src="{SCRIPT}?v={version}" defer></script>'.encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at == -1 else html[:at] + tag + html[at:]


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server for which a browser that hangs up mid-answer is not an error
    (a page left or reloaded while its files were sent): no traceback on the terminal."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Report real failures; stay quiet when the other end went away."""
        if isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, reset by peer
            return
        super().handle_error(request, client_address)


class PreviewServer(QuietServer):
    """The preview's HTTP server: the site it serves, the live state its pages follow."""

    request_queue_size = 1024
    """Connections the kernel holds while the server is busy accepting: with the default of 5, a
    page that opens dozens of requests at once (or a burst of 200) had connections dropped and
    retried after a second or more (14-28 s for 200). Capped by the system's somaxconn."""

    def __init__(self, address: tuple[str, int], site: Path, state: LiveState) -> None:
        self.site = site
        self.state = state
        super().__init__(address, LiveHandler)


def stream_events(out: io.BufferedIOBase, state: LiveState) -> None:
    """Tell an open page of each new build (or of broken content) until it goes away; a comment
    line every :data:`KEEPALIVE_SECONDS` keeps the connection open meanwhile."""
    seen: tuple[int, tuple[str, ...]] | None = None
    try:
        while True:
            now = state.wait(seen, KEEPALIVE_SECONDS)
            if now == seen:
                out.write(b": still here\n\n")
            else:
                data = json.dumps({"version": now[0], "problems": list(now[1])})
                out.write(f"event: build\ndata: {data}\n\n".encode())
                seen = now
            out.flush()
    except (BrokenPipeError, ConnectionResetError):
        return  # the page was closed or reloaded


class LiveHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the preview's site with the reload script in every page, and the event stream."""

    server: PreviewServer

    def __init__(self, request: Any, client_address: Any, server: PreviewServer) -> None:
        super().__init__(request, client_address, server, directory=str(server.site))

    def end_headers(self) -> None:
        """Never cached: a page must be asked for again after each build."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows builds and problems, not requests."""
        del format, args

    def do_GET(self) -> None:
        """A page (with the reload script), the script, the event stream, or a plain file."""
        path = urlsplit(self.path).path
        site, state = self.server.site, self.server.state
        version = state.version  # read before the page: a newer page may then reload once more
        if path == EVENTS:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.close_connection = True
            stream_events(self.wfile, state)
        elif path == SCRIPT:
            self._send(200, "text/javascript; charset=utf-8", LIVE_JS.encode())
        elif not site.is_dir():
            self._send(503, "text/html; charset=utf-8", inject(NO_SITE_YET.encode(), version))
        else:
            page = self._html_file(path)
            try:
                body = None if page is None else page[1].read_bytes()
            except OSError:  # swapped out by a new build this very moment: answer as a plain file
                page = body = None
            if page is None or body is None:
                super().do_GET()
            else:
                self._send(page[0], "text/html; charset=utf-8", inject(body, version))

    def _html_file(self, path: str) -> tuple[int, Path] | None:
        """The HTML file for ``path`` (or the site's 404 page); None for anything else."""
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                return None  # the base class redirects to the folder's address
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            return 200, target
        missing = self.server.site / "404.html"
        if not target.exists() and missing.is_file():
            return 404, missing
        return None

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

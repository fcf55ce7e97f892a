"""``bvpp serve``'s live reload: a save makes every open page reload; broken content shows why.

Runs the real ``bvpp serve`` in a child process and listens to its reload signal as a page
would (the real browser does the same in tests/site_checks/test_live_reload_browser.py).
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import threading
import urllib.request

import pytest

from benchmarks.live import PAGE, Events, serving
from generator.pipeline import Project
from generator.preview.livereload import QuietServer, inject
from generator.preview.serve import PREVIEW

pytestmark = pytest.mark.site


def _get(port: int, path: str) -> tuple[int, str, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    return response.status, body, {k.lower(): v for k, v in response.getheaders()}


def _replace(project: Project, old: str, new: str) -> None:
    file = project.content / "themes" / "environment.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_save_reloads_open_pages_and_broken_content_is_shown(project: Project) -> None:
    with serving(project.root) as port:
        events = Events(port)
        try:
            assert events.next_build() == {"version": 1, "problems": []}
            status, page, headers = _get(port, PAGE)
            assert status == 200
            assert '<script src="/__bvpp__/live.js?v=1" defer></script></body>' in page
            assert headers["cache-control"] == "no-store"

            _replace(project, '"Improvements to park safety."', '"Improvements to park safety today."')
            assert events.next_build() == {"version": 2, "problems": []}
            _status, page, _headers = _get(port, PAGE)
            assert "Improvements to park safety today" in page  # the heading drops the closing full stop
            assert "live.js?v=2" in page

            _replace(project, 'lead_directorates: ["PF"]', "lead_directorates: 5")
            broken = events.next_build()
            assert broken["version"] == 2  # no new build: open pages stay, and show why
            assert any(
                p.startswith("content/themes/environment.yaml:") and "lead_directorates" in p
                for p in broken["problems"]
            )
            assert "Improvements to park safety today" in _get(port, PAGE)[1]

            _replace(project, "lead_directorates: 5", 'lead_directorates: ["PF"]')
            assert events.next_build() == {"version": 3, "problems": []}
        finally:
            events.close()
        status, script, headers = _get(port, "/__bvpp__/live.js")
        assert status == 200 and "EventSource" in script
        assert headers["content-type"].startswith("text/javascript")
        status, missing, _headers = _get(port, "/no-such-page/")
        assert status == 404 and "live.js" in missing  # the site's own 404 page, reloading too
    assert not project.site.exists()  # serve never publishes: only 'bvpp build' does
    assert (project.root / PREVIEW / "site" / "index.html").is_file()


def test_the_script_goes_before_the_end_of_the_body() -> None:
    assert inject(b"<html><body><p>x</p></BODY></html>", 7) == (
        b'<html><body><p>x</p><script src="/__bvpp__/live.js?v=7" defer></script></BODY></html>'
    )
    assert inject(b"<p>no body</p>", 1).endswith(b'<script src="/__bvpp__/live.js?v=1" defer></script>')


def test_a_browser_hanging_up_is_quiet_and_a_real_failure_is_reported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Failing(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            raise ConnectionResetError if self.path == "/gone" else ValueError("a real failure")

    server = QuietServer(("127.0.0.1", 0), Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for path in ("/gone", "/broken"):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}{path}", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    said = capsys.readouterr()
    printed = said.out + said.err
    assert "ValueError: a real failure" in printed
    assert printed.count("Exception occurred during processing of request") == 1  # not the hang-up

"""``bvpp serve``: serves the built site and rebuilds when a content file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from generator.pipeline import Project
from tests.conftest import ROOT

pytestmark = pytest.mark.site


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(predicate: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if callable(predicate) and predicate():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_serve_rebuilds_on_content_change(project: Project) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/outcomes/improved-park-safety/"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--project", str(project.root),
         "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert _wait_for(lambda: "Improvements to park safety" in _get(url), 60)
        theme = project.content / "themes" / "environment.yaml"
        theme.write_text(
            theme.read_text().replace(
                '"Improvements to park safety."', '"Improvements to park safety (edited)."'
            )
        )
        assert _wait_for(lambda: "park safety (edited)" in _get(url), 30)
        theme.write_text(theme.read_text().replace('lead_directorates: ["PF"]', "lead_directorates: 5"))
        time.sleep(3)
        assert "park safety (edited)" in _get(url)  # the last good site keeps being served
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "content has problems: still serving the last good site" in output
    assert "Traceback" not in output


def test_serve_answers_200_concurrent_requests_within_2_seconds(project: Project) -> None:
    """A burst of 200 connections at once: each answered, all within 2 s (the listen backlog)."""
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.live import serving

    with serving(project.root) as port:
        home = f"http://127.0.0.1:{port}/"
        assert _wait_for(lambda: "Best Value" in _get(home), 60), "the preview never came up"
        start = threading.Barrier(200)

        def fetch(_: int) -> int:
            start.wait()  # every thread connects at the same moment
            with urllib.request.urlopen(home, timeout=10) as response:
                response.read()
                return int(response.status)

        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=200) as pool:
            statuses = list(pool.map(fetch, range(200)))
        seconds = time.perf_counter() - began
    assert statuses == [200] * 200
    assert seconds < 2.0, f"200 concurrent requests took {seconds:.1f} s"


def test_module_entry_point_exists() -> None:
    assert (ROOT / "generator" / "__main__.py").is_file()


def test_settling_memory_collects_cycles_and_freezes_the_rest() -> None:
    import gc
    import weakref

    from generator.preview.serve import settle_memory

    class Node:
        other: object = None

    first, second = Node(), Node()
    first.other, second.other = second, first  # a cycle: only the collector frees it
    kept, again = Node(), Node()
    kept.other, again.other = again, kept  # still in use at the first settling, so frozen
    gone, later = weakref.ref(first), weakref.ref(kept)
    del first, second, again
    try:
        settle_memory()
        assert gone() is None and later() is not None
        assert gc.get_freeze_count() > 0
        del kept  # a later build stops using it
        settle_memory()  # frozen objects are thawed before collecting: it is freed
        assert later() is None
    finally:
        gc.unfreeze()

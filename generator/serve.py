"""Live preview: rebuild the site when content changes, and serve it on localhost."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator import pipeline
from generator.problems import ContentError
from generator.site import SiteBuildError


def _rebuild(project: pipeline.Project, say: Callable[[str], None]) -> None:
    try:
        result = pipeline.build(project)
        say(f"rebuilt {result.pages} pages in {sum(result.timings.stages.values()):.1f}s")
    except (ContentError, SiteBuildError) as exc:
        for problem in exc.problems:
            say(problem.format())
        say("content has problems: still serving the last good site")


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        sorted(
            (p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
            for p in folder.rglob("*")
            if p.is_file()
        )
    )


def serve_forever(project: pipeline.Project, host: str, port: int, say: Callable[[str], None]) -> None:
    """Build once, serve ``site/``, and rebuild whenever a content file changes."""
    _rebuild(project, say)
    handler = functools.partial(_QuietHandler, directory=str(project.site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"serving {project.site} at http://{host}:{port}/ (Ctrl+C to stop)")
    seen = _fingerprint(project.content)
    try:
        while True:
            time.sleep(0.5)
            now = _fingerprint(project.content)
            if now != seen:
                seen = now
                _rebuild(project, say)
    except KeyboardInterrupt:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args

"""A site folder served over http on a free local port, for the browser tests and the search
benchmark alike (Pagefind, like a resident's browser, needs http, not file://)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.preview.livereload import QuietServer


@contextmanager
def serve_folder(root: Path, handler: type[http.server.SimpleHTTPRequestHandler]) -> Iterator[str]:
    """``root`` served by ``handler`` on 127.0.0.1; yields the base address, stops after."""
    bound = functools.partial(handler, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), bound)  # a browser leaving a page mid-file is no error
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

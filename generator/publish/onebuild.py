"""One ``bvpp build`` of a project at a time.

A build writes ``build/docs/``, keeps its rendered pages in ``build/``, then publishes the site
from the docs folder. Two builds of the same project at once could each publish a mix of the
other's pages, so a build holds an exclusive ``flock`` on ``build/build.lock`` from before it
reads the content until the site is swapped in. A second build is refused at once, before it
reads or writes anything, naming the build that holds the lock. The lock goes with its process,
however it ends (even by SIGKILL), so a killed build never blocks the next one. ``bvpp serve``
writes its own folder (``build/preview/``) and does not take the lock.

Where the system has no ``flock`` (Windows) builds are not serialised; the docs say so.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.publish.outputs import writing

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = Path("build") / "build.lock"
"""The lock, in the project's folder; it holds who has it, for the message a second build gives."""


class BuildRunningError(Exception):
    """Another build of the project holds its lock: this one read and wrote nothing."""


@contextmanager
def one_build_at_a_time(root: Path) -> Iterator[None]:
    """Hold the project's build lock while the block runs; refuse if another build has it."""
    lock = root / LOCK_FILE
    with writing(lock):  # a read-only project or a full disk: a located message, not a traceback
        lock.parent.mkdir(parents=True, exist_ok=True)
        held = lock.open("a+", encoding="utf-8")
    with held:
        if fcntl is not None:
            try:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held.seek(0)
                holder = held.read().strip() or "its process is not named"
                raise BuildRunningError(
                    f"another bvpp build of this project is running ({holder}); "
                    "wait for it to finish, then build again"
                ) from None
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        with writing(lock):
            held.seek(0)
            held.truncate()
            held.write(f"process {os.getpid()}, started {started}\n")
            held.flush()
        yield

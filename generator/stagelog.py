"""Progress on long builds: each stage's name, what it did and how long it took, on stderr.

Only a person at a terminal sees it: when stderr is a pipe or a CI log the build stays as
quiet as before. While MkDocs works (a minute for a plan of thousands of outcomes) one line
counts its pages, rewritten in place about once a second.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from generator.pipeline import Progress

_MKDOCS_BUILD_LOGGER = "mkdocs.commands.build"


def stage_printer(stream: TextIO) -> Progress | None:
    """A progress callback printing one line per stage to ``stream``, or None if it is no terminal."""
    if not stream.isatty():
        return None

    def show(stage: str, seconds: float, detail: str) -> None:
        stream.write(f"\r\x1b[K  {stage:<9} {seconds:6.2f} s  {detail}\n")
        stream.flush()

    return show


class _PageCounter(logging.Handler):
    """Counts the pages MkDocs reads and builds, from its own debug messages."""

    def __init__(self, stream: TextIO, every: float) -> None:
        super().__init__(logging.DEBUG)
        self.stream = stream
        self.every = every
        self.read = 0
        self.built = 0
        self.shown = time.monotonic()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Reading: "):
            self.read += 1
        elif message.startswith("Building page "):
            self.built += 1
        else:
            return
        now = time.monotonic()
        if now - self.shown >= self.every:
            self.shown = now
            if self.built:
                doing = f"building page {self.built:,} of {self.read:,}"
            else:
                doing = f"reading page {self.read:,}"
            self.stream.write(f"\r\x1b[K  mkdocs    {doing}")
            self.stream.flush()

    def finish(self) -> None:
        """Clear the counting line (the stage line that follows says what was done)."""
        self.stream.write("\r\x1b[K")
        self.stream.flush()


@contextmanager
def mkdocs_pages(stream: TextIO, every: float = 1.0) -> Iterator[None]:
    """While inside, show MkDocs' page count on ``stream`` if it is a terminal."""
    if not stream.isatty():
        yield
        return
    logger = logging.getLogger(_MKDOCS_BUILD_LOGGER)
    counter = _PageCounter(stream, every)
    level = logger.level
    logger.setLevel(logging.DEBUG)  # MkDocs says "Building page …" at debug level only
    logger.addHandler(counter)
    try:
        yield
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
        counter.finish()

"""Parsed content kept between builds of one process (``bvpp serve``), keyed by the exact text.

Parsing and validating a content file is the slow part of loading a large plan; a live preview
that rebuilds after every save only needs to parse the file that changed. The key of an entry
is the file's name, what it was read as, and its *whole text*: an entry is reused only when the
file reads back identical, character for character. A file's modification time or size is
never trusted (an edit can keep both), so the cache can never hand back stale content.

The cache holds only what the latest load used: entries for files that changed or went away
are dropped at the end of each load, so memory stays that of one parsed plan.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class ParseCache:
    """What each content file parsed to, the last time it was loaded."""

    entries: dict[Hashable, Any] = field(default_factory=dict)
    used: dict[Hashable, Any] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``, computed only if no load has seen this key before."""
        if key in self.used:
            value: T = self.used[key]
        elif key in self.entries:
            value = self.entries[key]
            self.hits += 1
        else:
            value = compute()
            self.misses += 1
        self.used[key] = value
        return value

    def finish(self) -> None:
        """Keep only what this load used, ready for the next one."""
        self.entries, self.used = self.used, {}


_ACTIVE: ContextVar[ParseCache | None] = ContextVar("bvpp_parse_cache", default=None)


@contextmanager
def active(cache: ParseCache | None) -> Iterator[None]:
    """Use ``cache`` for the loads inside this block (None: parse everything afresh)."""
    token = _ACTIVE.set(cache)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
        if cache is not None:
            cache.finish()


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its earlier result for the same key when a cache is active."""
    cache = _ACTIVE.get()
    if cache is None:
        return compute()
    try:
        hash(key)
    except TypeError:  # a part of the key that cannot be compared safely: never reuse
        return compute()
    return cache.get(key, compute)


class SameObject:
    """A key part that matches only the very same object (and keeps it alive meanwhile)."""

    __slots__ = ("target",)

    def __init__(self, target: object) -> None:
        self.target = target

    def __hash__(self) -> int:
        return id(self.target)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SameObject) and other.target is self.target

"""A file offered for download (the PDF, the open data): what the pages say about it."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Download:
    """One downloadable file in the generated docs folder."""

    path: str
    """In the docs folder, e.g. ``data/outcomes.csv`` or ``downloads/harrow-bvpp-2004-05.pdf``."""
    title: str
    description: str
    format: str
    """``PDF``, ``CSV`` or ``JSON``."""
    size: int
    """In bytes."""
    records: int | None = None
    """How many records a data file holds."""
    page: str | None = None
    """The site page its records come from, if one page does."""

    @property
    def size_text(self) -> str:
        """The size as people read it: ``850 bytes``, ``12 KB``, ``1.4 MB``."""
        if self.size < 1000:
            return f"{self.size} bytes"
        if self.size < 1_000_000:
            return f"{round(self.size / 1000)} KB"
        return f"{self.size / 1_000_000:.1f} MB"


_compact = functools.partial(json.dumps, ensure_ascii=False)


def readable_json(data: Any) -> bytes:
    """JSON that people and diffs can read: one record (array item, or member) per line.

    Each line is written by ``json``'s C encoder; ``indent=`` would switch to its pure-Python
    encoder, which took a third of the open data's time at 5,000 outcomes. An object's members
    go one per line, and a member that is an array has its items one per line below it.
    """
    return (_lines(data, "") + "\n").encode("utf-8")


def _lines(data: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(data, list) and data:
        return "[\n" + ",\n".join(inner + _compact(item) for item in data) + "\n" + indent + "]"
    if isinstance(data, dict) and data:
        members = (
            f"{inner}{_compact(key)}: {_lines(value, inner) if isinstance(value, list) else _compact(value)}"
            for key, value in data.items()
        )
        return "{\n" + ",\n".join(members) + "\n" + indent + "}"
    return _compact(data)

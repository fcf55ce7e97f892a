"""A file offered for download (the PDF, the open data): what the pages say about it."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
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


compact_json = functools.partial(json.dumps, ensure_ascii=False)
"""One value as JSON on one line (json's C encoder)."""


def readable_json(data: Any) -> bytes:
    """JSON that people and diffs can read: one record (array item, or member) per line.

    Each line is written by ``json``'s C encoder; ``indent=`` would switch to its pure-Python
    encoder, which took a third of the open data's time at 5,000 outcomes. An object's members
    go one per line (an object inside one likewise), and an array's items one per line.
    """
    return (_lines(data, "") + "\n").encode("utf-8")


def json_lines(items: list[str]) -> bytes:
    """An array of items already written compactly, laid out as :func:`readable_json` lays one."""
    return (_array(items, "") + "\n").encode("utf-8")


def _array(items: Iterable[str], indent: str) -> str:
    body = ",\n".join(indent + "  " + item for item in items)
    return f"[\n{body}\n{indent}]" if body else "[]"


def _lines(data: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(data, list):
        return _array(map(compact_json, data), indent)
    if isinstance(data, dict) and data:
        members = (f"{inner}{compact_json(key)}: {_lines(value, inner)}" for key, value in data.items())
        return "{\n" + ",\n".join(members) + "\n" + indent + "}"
    return compact_json(data)

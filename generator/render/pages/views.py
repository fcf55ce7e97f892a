"""View types that more than one page (or the PDF) shows: each idea written once.

Templates read them by these field names; frozen, so the render cache can fingerprint them
(:mod:`generator.core.rendercache`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """A title and the page it leads to, or the title alone where there is no page to link
    (a body the source names, on the data river page)."""

    title: str
    path: str | None = None


"""A file offered for download (the PDF, the open data): what the pages say about it."""

from __future__ import annotations

from dataclasses import dataclass


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

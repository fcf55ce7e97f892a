"""Counts in words, the same on a page and in the terminal: ``1 outcome``, ``45 outcomes``.

Never "outcome(s)": CONTENT-STYLE.md rules the "(s)" plural out of public pages, and officers
reading ``bvpp check`` deserve the same plain words.
"""

from __future__ import annotations


def count_words(number: int, singular: str, plural: str | None = None) -> str:
    """``1 outcome``, ``45 outcomes``, ``1,250 tasks``; ``plural`` where adding "s" is wrong."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"

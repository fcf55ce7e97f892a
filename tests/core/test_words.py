"""Counts in words: the same plural rule for pages and the terminal."""

from __future__ import annotations

from generator.core.words import count_words


def test_count_words_never_writes_a_bracketed_plural() -> None:
    assert count_words(1, "outcome") == "1 outcome"
    assert count_words(0, "error") == "0 errors"
    assert count_words(1_200, "outcome") == "1,200 outcomes"
    assert count_words(2, "priority", "priorities") == "2 priorities"

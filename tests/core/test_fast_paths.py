"""The shortcuts taken for speed give exactly what the plain versions they replaced give.

Each was found by profiling a 5,000-outcome build (BENCHMARKS.md); each is checked here against
the slow original over many generated inputs, so the speed can never cost correctness.
"""

from __future__ import annotations

import html
import posixpath
import re
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.escape import collapse, escaped_chars, html_text, md_text
from generator.derive.citations import listed_by_outcome
from generator.derive.gaps import PLACEHOLDER, placeholders
from generator.model.urls import relative

_WORDS = ["to be", "To Be", "completed", "tbc", "TBC", "XXX", "xxxx", "£xxm", "??", "?", "[", "]",
          "\\[", "inserted", "when available", "not available", " ", "\n", ".", "*", "a", "Tbc."]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=4), max_size=12).map("".join))
def test_placeholders_finds_what_the_full_pattern_finds(text: str) -> None:
    assert [m.span() for m in placeholders(text)] == [m.span() for m in PLACEHOLDER.finditer(text)]


def test_placeholders_finds_each_kind() -> None:
    for text in ["[figures to be inserted]", "STATS to be completed.", "tbc", "from 9.98 to XXX",
                 "£xxm", "a ?? b", "\\[when available\\]"]:
        assert list(placeholders(text)), text


_SEGMENT = st.sampled_from(["a", "b", "themes", "index.md", "x.md", "priority-a.md", ".", ""])


_SITE_PATH = st.lists(_SEGMENT, max_size=4).map("/".join).filter(lambda p: not p.startswith("/"))


@given(_SITE_PATH, _SITE_PATH)
def test_relative_is_posix_relpath_for_site_paths(target: str, start: str) -> None:
    assert relative(target or ".", start or ".") == posixpath.relpath(target or ".", start or ".")


def _old_collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _old_md_text(text: str) -> str:
    chars = escaped_chars()
    escaped = html.escape(_old_collapse(text), quote=False)
    return "".join("\\" + c if c in chars else c for c in escaped)


def _old_html_text(text: str) -> str:
    references = {ord(c): f"&#{ord(c)};" for c in escaped_chars() - set("#+-.")}
    references.update({ord(c): html.escape(c, quote=True) for c in "&<>\"'"})
    return _old_collapse(text).translate(references)


@settings(max_examples=400)
@given(st.text())
def test_escaping_is_unchanged(text: str) -> None:
    assert collapse(text) == _old_collapse(text)
    assert str(md_text(text)) == _old_md_text(text)
    assert str(html_text(text)) == _old_html_text(text)


def test_collapse_splits_on_every_whitespace_character_as_the_pattern_did() -> None:
    spaces = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace()] + ["\u2028", "\u2029", "\x1c"]
    for space in spaces:
        assert collapse(f"{space}a{space}{space}b{space}") == "a b", repr(space)


@settings(max_examples=300)
@given(st.text())
def test_text_without_links_takes_the_plain_escape_unchanged(text: str) -> None:
    from markupsafe import Markup

    from generator.core.escape import _keep_spaces, _pieces, html_linked, md_linked

    flat = collapse(text)
    piecework_md = Markup().join(_keep_spaces(piece, md_text(piece)) for piece, _ in _pieces(flat, []))
    piecework_html = Markup().join(_keep_spaces(p, html_text(p)) for p, _ in _pieces(flat, []))
    assert md_linked(text, lambda _flat: []) == piecework_md
    assert html_linked(text, lambda _flat: []) == piecework_html


_LINKS = st.lists(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=4), max_size=8)


@settings(max_examples=300)
@given(_LINKS)
def test_listed_by_outcome_is_the_comprehension_it_replaced(links: list[list[str]]) -> None:
    indicators: list[Any] = [
        SimpleNamespace(id=f"i{n}", spec=SimpleNamespace(outcomes=outcomes)) for n, outcomes in enumerate(links)
    ]
    slow = {
        outcome_id: [i for i in indicators if outcome_id in i.spec.outcomes]
        for i in indicators
        for outcome_id in i.spec.outcomes
    }
    fast = listed_by_outcome(indicators)
    assert fast == slow and list(fast) == list(slow)

"""Indicator codes in outcome text: parsing, resolving against the catalogue, and safe links."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.core.escape import Span, collapse, html_linked, md_linked
from generator.core.problems import Severity
from generator.derive.citations import indicator_index
from generator.derive.codes import expand_range, find_codes
from generator.pipeline import Project
from generator.render import pages
from tests.conftest import ROOT, as_written
from tests.core.test_escape import TRAPS, Element, parse, plain, render


def labels(text: str) -> list[str]:
    return [m.label for m in find_codes(text)]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("BV 44, 45, 46", ["BVPI 44", "BVPI 45", "BVPI 46"]),
        ("LPSA 2.1, 2.2", ["LPSA 2.1", "LPSA 2.2"]),
        ("BVPI 157", ["BVPI 157"]),
        ("BV161", ["BVPI 161"]),
        ("PAF C26", ["PAF C26"]),
        ("BV 192a, 192b", ["BVPI 192a", "BVPI 192b"]),
        ("BV161 LPSA Target 3", ["BVPI 161", "LPSA 3"]),
        ("BVPIs 11, 16 & 17", ["BVPI 11", "BVPI 16", "BVPI 17"]),
        ("BV 53 and PAF 11", ["BVPI 53", "PAF 11"]),
        ("BV 40, 41, 181a – 181d, 194a", ["BVPI 40", "BVPI 41", "BVPI 181a", "BVPI 181b", "BVPI 181c",
                                          "BVPI 181d", "BVPI 194a"]),
        ("BV 44-46", ["BVPI 44", "BVPI 45", "BVPI 46"]),
        ("LAA 7 and LPI 3", ["LAA 7", "Local PI 3"]),
        ("falling from 9.98 to XXX in 2002-03 (BVPI 12).", ["BVPI 12"]),
        ("BV 117 to increase especially in 3 libraries", ["BVPI 117"]),
        ("BV REVIEWS", []),
        ("including LPSA targets.", []),
        ("ABV 12, XBVPI 3, BVPI12xy, bv 12", []),
        ("BV43a, 43b", ["BVPI 43a", "BVPI 43b"]),
    ],
)
def test_codes_in_text(text: str, codes: list[str]) -> None:
    assert labels(text) == codes


def test_a_written_code_keeps_its_place_and_a_range_member_has_none() -> None:
    text = "See BV 40, 181a – 181c."
    found = find_codes(text)
    assert [(m.written, m.span and text[m.span[0] : m.span[1]]) for m in found] == [
        ("BV 40", "BV 40"), ("181a", "181a"), ("181a – 181c", None), ("181c", "181c"),
    ]


@pytest.mark.parametrize(
    ("start", "end", "codes"),
    [
        ("181a", "181d", ["181a", "181b", "181c", "181d"]),
        ("181a", "c", ["181a", "181b", "181c"]),
        ("2.1", "2.3", ["2.1", "2.2", "2.3"]),
        ("C26", "C27", ["C26", "C27"]),
        ("12", "3", None),
        ("44", "45a", None),
        ("1", "500", None),
        ("2.1", "3.1", None),
    ],
)
def test_ranges(start: str, end: str, codes: list[str] | None) -> None:
    assert expand_range(start, end) == codes


# --- the bundled plan: every code resolves, and the outcome pages link them ------------------


@pytest.fixture(scope="module")
def bundled() -> pipeline.CheckResult:
    result = pipeline.check(Project.at(ROOT))
    assert result.plan is not None
    return result


def test_every_code_in_the_bundled_plan_resolves_to_an_indicator(bundled: pipeline.CheckResult) -> None:
    assert bundled.plan is not None
    index = indicator_index(bundled.plan)
    assert [f"{u.location}: {u.mention.written}" for u in index.unresolved] == []
    cited = {i for i, citations in index.citations.items() if citations}
    assert {"bvpi-157", "bvpi-12", "lpsa-2-4", "lpsa-3", "paf-c26", "bvpi-181c", "bvpi-192b"} <= cited
    assert not [p for p in bundled.report.problems if p.kind == "indicator"]


def test_an_outcome_page_links_its_codes_and_the_indicator_links_back(bundled: pipeline.CheckResult) -> None:
    assert bundled.plan is not None
    built = {path: as_written(text) for path, text in pages.build(bundled.plan).pages.items()}
    outcome = built["outcomes/behaviour-and-attendance-through-behaviour-support-plan.md"]
    assert (
        "- [BV 44](../indicators/bvpi-44.md), [45](../indicators/bvpi-45.md), [46](../indicators/bvpi-46.md)"
        in outcome
    )
    assert r"[LPSA 2\.1](../indicators/lpsa-2-1.md), [2\.2](../indicators/lpsa-2-2.md)" in outcome
    table = built["themes/customer-focussed-council/priority-d.md"]
    assert '<li><a href="../../../indicators/bvpi-157/">BVPI 157</a></li>' in table
    assert 'Started to monitor <a href="../../../indicators/bvpi-157/">BVPI 157</a> Quarterly' in table
    indicator = built["indicators/bvpi-157.md"]
    assert "(../outcomes/meeting-central-government-e-gov-targets.md)" in indicator


def test_an_unknown_or_ambiguous_code_is_a_located_warning_and_stays_unlinked(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    theme = (ROOT / "content/themes/lifelong-learning.yaml").read_text(encoding="utf-8")
    theme = theme.replace('"BV 48"', '"BV 999, BV 181"', 1)
    project = write_content({"themes/lifelong-learning.yaml": theme})
    result = pipeline.check(project)
    found = [p for p in result.report.problems if p.kind == "indicator"]
    assert {p.severity for p in found} == {Severity.WARNING}
    line = next(i for i, text in enumerate(theme.splitlines(), 1) if "BV 999" in text)
    assert [(p.location.file, p.location.line, p.message) for p in found] == [
        ("content/themes/lifelong-learning.yaml", line,
         'indicator code "BV 999" (BVPI 999) is not in the catalogue'),
        ("content/themes/lifelong-learning.yaml", line,
         'indicator code "BV 181" is ambiguous: it could be BVPI 181a, BVPI 181b, BVPI 181c, BVPI 181d'),
    ]
    assert result.plan is not None
    page = as_written(pages.build(result.plan).pages["outcomes/no-schools-under-achieving-or-with-serious-weaknesses.md"])
    assert "- BV 999, BV 181\n" in page


# --- links are escaped text plus link syntax, nothing else -----------------------------------

HREF = "../indicators/bvpi-1.md"
texts = st.lists(
    st.one_of(st.sampled_from([*TRAPS, "BV 44, 45", "LPSA 2.1", " BVPI 157 ", "[BV 1](x)"]),
              st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=4)),
    max_size=8,
).map("".join)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(texts)
    flat = collapse(text)
    cuts = sorted(draw(st.sets(st.integers(0, len(flat)), max_size=6)))
    spans = [(a, b, HREF) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    return text, spans


def _links(root: Element) -> list[Element]:
    return [e for e in root.elements() if e.tag == "a"]


def _check(out: str, text: str, spans: list[Span], container: str) -> None:
    root = parse(render(out))
    block = root.only()[0] if root.only() else root  # empty text: no paragraph at all
    assert block.tag in {container, "#root"}, out
    links = _links(block)
    assert [e.tag for e in block.elements()] == ["a"] * len(links), out
    assert [e.attrs for e in links] == [{"href": HREF}] * len(spans)
    flat = collapse(text)
    assert [plain(e) for e in links] == [flat[a:b] for a, b, _ in spans]
    assert block.text() == flat


@settings(max_examples=400, deadline=None)
@given(text_and_spans())
@example(("BV 44, 45", [(0, 5, HREF), (7, 9, HREF)]))
@example(("x!", [(1, 2, HREF)]))
def test_md_linked_is_the_escaped_text_with_only_the_given_links(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    _check(md_linked(text, lambda _flat: spans), text, spans, "p")


@settings(max_examples=400, deadline=None)
@given(text_and_spans())
def test_html_linked_is_the_escaped_text_with_only_the_given_links(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    _check(f"<div>{html_linked(text, lambda _flat: spans)}</div>", text, spans, "div")


def test_a_link_span_must_be_inside_the_text_and_a_plain_relative_address() -> None:
    with pytest.raises(ValueError, match="bad link span"):
        md_linked("BV 1", lambda _flat: [(0, 9, HREF)])
    with pytest.raises(ValueError, match="bad link span"):
        html_linked("BV 1", lambda _flat: [(0, 4, "javascript:alert(1)")])


def test_injected_text_around_a_real_code_stays_text(bundled: pipeline.CheckResult) -> None:
    assert bundled.plan is not None
    index = indicator_index(bundled.plan)
    text = '<img src=x onerror=alert(1)> BVPI 157 [x](javascript:alert(1)) {: onclick=x } BV 999'
    for out, container in (
        (index.links.md(text, "outcomes/x.md"), "p"),
        (f"<div>{index.links.html(text, 'outcomes/x.md')}</div>", "div"),
    ):
        (block,) = parse(render(out)).only()
        assert block.tag == container
        assert [(e.tag, e.attrs) for e in block.elements()] == [
            ("a", {"href": "../indicators/bvpi-157.md" if container == "p" else "../../indicators/bvpi-157/"})
        ]
        assert block.text() == text

"""The pieces every outcome and priority page repeats: text, lists and gaps, escaped once."""

from __future__ import annotations

from types import SimpleNamespace

from generator.core.escape import html_text
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.render.fragments import (
    directorate_links,
    gap_html,
    gap_marker,
    html_texts,
    md_texts,
    statement_html,
)

PAGE = "outcomes/x.md"


def test_a_gap_is_words_and_a_link_never_colour_alone() -> None:
    marker = gap_html(Gap(missing='to be <b>"done"</b>'), "../gaps/")
    assert marker == (
        '<span class="bvpp-gap"><span class="bvpp-gap__label">Not yet provided</span> '
        '<span class="bvpp-gap__source">(to be &lt;b&gt;&quot;done&quot;&lt;/b&gt;)</span> '
        '<a class="bvpp-gap__link" href="../gaps/">see all gaps</a></span>'
    )
    assert 'href="../../gaps/"' in gap_marker(Gap(missing="x"), PAGE)


def test_one_text_is_a_paragraph_several_a_list_a_gap_its_marker() -> None:
    assert md_texts(["Fish & <chips>"], PAGE) == "Fish &amp; &lt;chips&gt;"
    assert md_texts(["one", "two"], PAGE) == "- one\n- two"
    assert html_texts(["one", "<two>"], PAGE) == "<ul><li>one</li><li>&lt;two&gt;</li></ul>"
    assert html_texts(["only"], PAGE) == "only"
    assert "Not yet provided" in md_texts(Gap(missing="left blank"), PAGE)
    assert "Not yet provided" in html_texts(Gap(missing="left blank"), PAGE)


def test_a_statement_and_its_directorates(bundled_plan: Plan) -> None:
    _theme, _priority, outcome = next(bundled_plan.outcomes())
    assert isinstance(outcome.statement, str)
    assert statement_html(outcome, PAGE) == html_text(outcome.statement)
    missing = outcome.model_copy(update={"statement": Gap(missing="to be agreed")})
    assert "(to be agreed)" in statement_html(missing, PAGE)
    named = {code: SimpleNamespace(name=f"<{code}>", path=f"directorates/{code.lower()}.md")
             for code in bundled_plan.lead_counts()}
    links = directorate_links(outcome, PAGE, named)
    assert isinstance(outcome.lead_directorates, list)
    code = outcome.lead_directorates[0]
    assert f'<a href="../../directorates/{code.lower()}/"><abbr title="&lt;{code}&gt;">{code}</abbr></a>' in links

"""An indicator's pieces: its row in a listing, its chart and the chart's words, its facts."""

from __future__ import annotations

import pytest

from generator.derive.citations import IndicatorIndex, indicator_index
from generator.derive.facts import derive_facts
from generator.model import urls as paths
from generator.model.indicators import Indicator
from generator.model.plan import Plan
from generator.render.pages.chart import chart_svg, description, targets
from generator.render.pages.common import ContactView, DirectorateView, lookups
from generator.render.pages.indicator_facts import and_list, indicator_facts
from generator.render.pages.indicators import indicator_pages, summary, theme_indicators


@pytest.fixture(scope="module")
def index(bundled_plan: Plan) -> IndicatorIndex:
    return indicator_index(bundled_plan)


def indicator(index: IndicatorIndex, indicator_id: str) -> Indicator:
    return next(i for i in index.catalogue.indicators if i.id == indicator_id)


def test_a_listing_row_gives_the_latest_figure_the_target_and_the_status(index: IndicatorIndex) -> None:
    row = summary(index, indicator(index, "bvpi-157"))
    assert (row.label, row.path) == ("BVPI 157", "indicators/bvpi-157.md")
    assert row.latest == "35% (2003/04, third quarter)"
    assert row.target == "73% (March 2005)"
    assert (row.status, row.tag.slug, row.tag.words) == ("target ahead", "target-ahead", "Target due March 2005")
    assert row.has_figures and not row.at_risk


def test_a_theme_lists_the_indicators_its_outcomes_cite(bundled_plan: Plan, index: IndicatorIndex) -> None:
    environment = next(t for t in bundled_plan.themes if t.id == "environment")
    listed = [row.id for row in theme_indicators(index, environment)]
    assert "recycling-rate" in listed and "bvpi-157" not in listed
    assert all(any(c.theme.id == "environment" for c in index.citations[i]) for i in listed)


def test_the_chart_draws_the_values_and_says_them_in_words(index: IndicatorIndex) -> None:
    bvpi_157 = indicator(index, "bvpi-157")
    assert description(bvpi_157) == "Values: 2003/04, third quarter: 35%. Target for March 2005: 73%."
    assert [(t.period, t.text, t.kind) for t in targets(bvpi_157)] == [("March 2005", "73", "target")]
    svg = chart_svg(bvpi_157, "BVPI 157 & <more>")
    assert svg is not None and svg.startswith('<svg class="bvpp-chart__svg" role="img"')
    assert "<title id=\"chart-bvpi-157-title\">BVPI 157 &amp; &lt;more&gt;</title>" in svg
    assert f"<desc id=\"chart-bvpi-157-desc\">{description(bvpi_157)}" in svg


def test_no_values_means_no_chart(index: IndicatorIndex) -> None:
    empty = next(i for i in index.catalogue.indicators if summary(index, i).latest == "none yet")
    assert chart_svg(empty, "x") is None


def test_facts_are_only_what_the_plan_gives_and_the_rest_is_one_line(index: IndicatorIndex) -> None:
    spec = indicator(index, "bvpi-157").spec
    facts, unknown = indicator_facts(spec, "indicators/bvpi-157.md", "BVPI", None, [], None, None)
    labels = [f.label for f in facts]
    assert labels[:2] == ["Family", "Code"] and "Contact" not in labels
    assert "responsible directorate" in unknown and "contact officer" in unknown
    owner = DirectorateView("BS", "Business <Support>", "directorates/bs.md")
    contact = ContactView("jo", "Jo Bloggs", "020 8424 1000", "contacts.md#jo", role="Head of IT")
    facts, unknown = indicator_facts(spec, "indicators/bvpi-157.md", "BVPI", owner, [contact], "2004", "2005")
    html = {f.label: str(f.value) for f in facts}
    assert html["Responsible directorate"] == '<a href="../../directorates/bs/">Business &lt;Support&gt;</a>'
    assert html["Contact"].startswith('<a href="../../contacts/#jo">Jo Bloggs</a> (Head of IT), ')
    assert "responsible directorate" not in unknown and "last update" not in unknown


def test_and_list() -> None:
    assert and_list(["a"]) == "a"
    assert and_list(["a", "b", "c"]) == "a, b and c"


def test_every_indicator_has_its_page_the_index_and_the_rule(bundled_plan: Plan, index: IndicatorIndex) -> None:
    made = dict(indicator_pages(bundled_plan, lookups(bundled_plan, derive_facts(bundled_plan))))
    assert set(made) == {paths.INDICATORS, paths.RATING_RULE} | {
        paths.indicator(i.id) for i in index.catalogue.indicators
    }
    assert "BVPI 157" in made[paths.INDICATORS]

"""Indicator pages through the real ``mkdocs build --strict``: BVPI 157, its chart, links and downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.pipeline import Project
from tests.conftest import as_written, copy_project
from tests.core.test_escape import parse

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project: Project = copy_project(tmp_path_factory.mktemp("indicators") / "project")
    pipeline.build(project, pdf=False)
    return project.site


def _main(page: Path) -> str:
    html = as_written(page.read_text(encoding="utf-8"))
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start : html.index("</article>", start)]


def test_the_bvpi_157_page_shows_values_target_status_rule_chart_and_citing_outcome(site: Path) -> None:
    html = _main(site / "indicators/bvpi-157/index.html")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "BVPI 157: Types of interactions enabled for electronic delivery (e-government)" in text
    assert "legally permissible for electronic delivery" in text  # the definition
    opened = html.index('<table class="bvpp-list')
    table = html[opened : html.index("</table>", opened)]
    assert re.search(r"2003/04, third quarter</th> <td>2003-12-31</td> <td class=\"bvpp-num\">35%</td>", table)
    assert re.search(r"March 2005</th> <td>2005-03-31</td>.*?<td class=\"bvpp-num\">73%</td>", table)
    assert "Target is 73% by March 2005" in table  # the source sentence
    # the target is not due until March 2005: never "off target" before then (issue 16)
    assert 'bvpp-status--target-ahead"><span class="bvpp-status__icon" aria-hidden="true">▷</span> Target due March 2005' in html
    assert "Off target" not in text and "At risk" not in text
    assert "is 38 points below the 73% target due March 2005" in text
    assert "Too early to say — There is only one dated figure so far" in text
    assert 'href="../how-we-rate-performance/"' in html
    # the chart: an accessible image with the same numbers as the table, and no script
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert 'role="img"' in svg and 'aria-labelledby="chart-bvpi-157-title chart-bvpi-157-desc"' in svg
    assert "Values: 2003/04, third quarter: 35%. Target for March 2005: 73%." in svg
    assert ">35%</tspan>" in svg and "Target 73%" in svg and "stroke-dasharray" in svg
    assert "<script" not in html.lower()
    # the outcome that cites it, and the way back from that outcome
    assert 'href="../../outcomes/meeting-central-government-e-gov-targets/"' in html
    outcome = _main(site / "outcomes/meeting-central-government-e-gov-targets/index.html")
    assert outcome.count('href="../../indicators/bvpi-157/"') == 3  # what we did; plans and PIs; its figure


def test_the_chart_parses_and_names_every_figure_of_its_table(site: Path) -> None:
    html = _main(site / "indicators/recycling-rate/index.html")
    figure = html[html.index('<figure class="bvpp-chart">') : html.index("</figure>") + 9]
    svg = next(e for e in parse(figure).only()[0].elements() if e.tag == "svg")  # in its scroll box
    assert svg.tag == "svg"
    title, desc = (e for e in svg.elements() if e.tag in {"title", "desc"})
    assert title.text() == "Percentage of recyclables collected: values and targets"
    assert desc.text() == (
        "Values: June 2003: 11.9%; February 2004: 14.5%. Target for February 2004: 16%. "
        "Target for 2004/05 and later: 25.2%."
    )
    drawn = {e.text() for e in svg.elements() if e.tag == "text"}
    assert {"11.9%", "14.5%"} <= drawn
    assert any("25.2%" in t for t in drawn) and any("16%" in t for t in drawn)


def test_the_index_the_rule_and_the_theme_table(site: Path) -> None:
    index = _main(site / "indicators/index.html")
    for anchor in ("bvpi", "local", "theme-environment", "off-target", "target-ahead", "at-risk", "stale", "without-figures"):
        assert f'id="{anchor}"' in index, anchor
    assert 'href="../indicators/bvpi-157/"' not in index and 'href="bvpi-157/"' in index
    rule = _main(site / "indicators/how-we-rate-performance/index.html")
    assert "7 April 2004" in rule and "5% of the target" in rule
    theme = _main(site / "themes/customer-focussed-council/index.html")
    assert "Not yet provided" in theme  # the draft's own gap stays visible
    assert "Indicators cited by this theme" in theme and 'href="../../indicators/bvpi-157/"' in theme


def test_downloads_hold_the_page_figures(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "data/indicators/bvpi-157.csv").read_text(encoding="utf-8"))))
    assert [(r["period"], r["actual"], r["target"]) for r in rows] == [
        ("2003/04, third quarter", "35", ""), ("March 2005", "", "73"),
    ]
    everything = json.loads((site / "data/indicators.json").read_text(encoding="utf-8"))
    bvpi_157 = next(i for i in everything["indicators"] if i["id"] == "bvpi-157")
    assert (bvpi_157["status"], bvpi_157["outlook"], bvpi_157["at_risk"]) == ("target ahead", "too early to say", "")
    assert bvpi_157["cited_by_outcomes"] == ["meeting-central-government-e-gov-targets"]
    assert everything["rating_rule"]["as_at"] == "2004-04-07"
    summary = list(csv.DictReader(io.StringIO((site / "data/indicators.csv").read_text(encoding="utf-8"))))
    assert len(summary) == len(everything["indicators"])
    values = (site / "data/indicator-values.csv").read_text(encoding="utf-8")
    assert "bvpi-12,BVPI 12,2002-03,,9.98,,,," in values
    assert "bvpi-12,BVPI 12,2002-03 in the draft plan,,,,,actual: XXX," in values

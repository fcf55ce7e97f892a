"""Tables and gap markers placed in section pages, and the download page listing every file."""

from __future__ import annotations

from generator.derive.markers import placements
from generator.model.plan import Plan
from generator.render.opendata.package import build_data
from generator.render.opendata.registry import source_for
from generator.render.pages.downloads import downloads_page
from generator.render.pages.tables import place_tables, table_html


def test_each_marker_becomes_its_table_with_a_csv_link(bundled_plan: Plan) -> None:
    section, marker = placements(bundled_plan)["lpsa-areas"]
    body = place_tables(section, bundled_plan)
    assert marker.text not in body
    assert "Areas covered in the Local Public Services Agreement" in body
    assert "lpsa-areas.csv" in body
    assert body.count("<table") >= 1
    pdf = place_tables(section, bundled_plan, gaps_href="#gaps", csv_links=False)
    assert "lpsa-areas.csv" not in pdf  # the PDF has no downloads to link


def test_a_gap_marker_becomes_the_gap(bundled_plan: Plan) -> None:
    section = bundled_plan.sections[0].model_copy(update={"body": "Before\n{{ missing: figures to follow }}\nAfter"})
    body = place_tables(section, bundled_plan)
    assert body.startswith("Before\n<span class=\"bvpp-gap\">")
    assert "(figures to follow)" in body and body.endswith("\nAfter")


def test_a_table_says_what_its_checks_found(bundled_plan: Plan) -> None:
    table = next(t for t in bundled_plan.tables if t.id == "budget-change-analysis")
    html = table_html(table)
    assert html.startswith("<") and "Not yet provided" in html  # the draft leaves needed figures out
    assert "figures.csv" not in html
    assert 'href="figures.csv"' in table_html(table, csv_href="figures.csv")


def test_the_download_page_lists_every_data_file_and_the_descriptor(bundled_plan: Plan) -> None:
    data = build_data(source_for(bundled_plan))
    text = downloads_page(bundled_plan, data, None)
    for item in data.listing:
        assert item.path.rsplit("/", 1)[-1] in text
        assert item.size_text in text
    assert "datapackage.json" in text
    assert ".pdf" not in text  # no PDF built: none offered

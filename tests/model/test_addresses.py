"""Where the open data and the indicator pages and files live in the docs folder."""

from __future__ import annotations

from generator.model import data_urls, indicator_urls
from generator.model.urls import md_link


def test_open_data_files_live_under_data() -> None:
    assert data_urls.PAGE == "data/index.md"
    assert data_urls.DESCRIPTOR == "data/datapackage.json"
    assert data_urls.resource_file("outcomes", "csv") == "data/outcomes.csv"
    assert data_urls.resource_file("bvpi-12", "json", "indicators") == "data/indicators/bvpi-12.json"
    assert data_urls.table_csv("lpsa-areas") == "data/tables/lpsa-areas.csv"


def test_each_indicator_has_a_page_a_csv_and_a_json_file() -> None:
    assert indicator_urls.page("bvpi-157") == "indicators/bvpi-157.md"
    assert indicator_urls.csv_file("bvpi-157") == "data/indicators/bvpi-157.csv"
    assert indicator_urls.json_file("bvpi-157") == "data/indicators/bvpi-157.json"
    # the same folder the open data's own helper names: one address, two ways to ask
    assert indicator_urls.csv_file("x") == data_urls.resource_file("x", "csv", "indicators")


def test_no_indicator_id_can_take_the_index_or_the_rule_page() -> None:
    taken = {indicator_urls.INDEX, indicator_urls.RULE}
    assert {indicator_urls.page(reserved) for reserved in indicator_urls.RESERVED} == taken
    assert md_link(indicator_urls.page("bvpi-12"), indicator_urls.RULE) == "how-we-rate-performance.md"

"""Where the open data and the indicator pages and files live in the docs folder."""

from __future__ import annotations

from generator.model import urls as paths
from generator.model.urls import md_link


def test_open_data_files_live_under_data() -> None:
    assert paths.DATA_PAGE == "data/index.md"
    assert paths.DATA_DESCRIPTOR == "data/datapackage.json"
    assert paths.resource_file("outcomes", "csv") == "data/outcomes.csv"
    assert paths.resource_file("bvpi-12", "json", "indicators") == "data/indicators/bvpi-12.json"
    assert paths.table_csv("lpsa-areas") == "data/tables/lpsa-areas.csv"


def test_each_indicator_has_a_page_a_csv_and_a_json_file() -> None:
    assert paths.indicator("bvpi-157") == "indicators/bvpi-157.md"
    assert paths.indicator_csv("bvpi-157") == "data/indicators/bvpi-157.csv"
    assert paths.indicator_json("bvpi-157") == "data/indicators/bvpi-157.json"
    # the same folder the open data's own helper names: one address, two ways to ask
    assert paths.indicator_csv("x") == paths.resource_file("x", "csv", "indicators")


def test_no_indicator_id_can_take_the_index_or_the_rule_page() -> None:
    taken = {paths.INDICATORS, paths.RATING_RULE}
    assert {paths.indicator(reserved) for reserved in paths.RESERVED_INDICATOR_IDS} == taken
    assert md_link(paths.indicator("bvpi-12"), paths.RATING_RULE) == "how-we-rate-performance.md"

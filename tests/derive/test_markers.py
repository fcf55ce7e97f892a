"""Marker lines in narrative sections, found once: tables, missing figures, progress tables."""

from __future__ import annotations

from generator.core.problems import Location
from generator.derive.markers import (
    GAP_MARKER,
    missing_figures,
    placements,
    progress_placements,
    scan_markers,
    table_anchor,
)
from generator.model.plan import Plan


def test_markers_are_found_with_their_place_and_fences_are_skipped(bundled_plan: Plan) -> None:
    section = bundled_plan.sections[0].model_copy(update={
        "body": "Intro\n  {{ table: lpsa-areas }}\n```\n{{ table: in-a-fence }}\n```\n{{ tabel: typo }}\n",
        "body_line": 5,
    })
    found = scan_markers(section)
    assert [(m.table_id, m.text, m.index) for m in found] == [
        ("lpsa-areas", "{{ table: lpsa-areas }}", 1),
        (None, "{{ tabel: typo }}", 5),  # looks like a marker, names no table: the rules report it
    ]
    assert found[0].location == Location(section.where().file, 6, 3)


def test_each_bundled_table_is_placed_once_at_its_first_marker(bundled_plan: Plan) -> None:
    placed = placements(bundled_plan)
    assert set(placed) == {table.id for table in bundled_plan.tables}
    section, marker = placed["sources-of-income"]
    assert section.id == "councils-finances"
    assert marker.text == "{{ table: sources-of-income }}"
    assert marker.location.file == "content/sections/09-councils-finances.md"
    assert table_anchor(bundled_plan.tables[0]) == f"table-{bundled_plan.tables[0].id}"


def test_missing_figures_point_at_their_table_on_its_section_page(bundled_plan: Plan) -> None:
    missing = missing_figures(bundled_plan)
    assert missing, "the draft leaves figures of the budget change analysis out"
    assert {m.table.id for m in missing} == {"budget-change-analysis"}
    assert {m.page for m in missing} == {"plan/councils-finances.md#table-budget-change-analysis"}
    assert len({m.cell.location for m in missing}) == len(missing)  # each cell once


def test_progress_tables_are_placed_in_their_section(bundled_plan: Plan) -> None:
    assert progress_placements(bundled_plan) == {"bvpp-improvement-plan": "cpa-and-improvement-plan"}


def test_a_missing_marker_keeps_the_sources_words() -> None:
    match = GAP_MARKER.match("{{ missing: figures to follow }}")
    assert match is not None and match["words"] == "figures to follow"

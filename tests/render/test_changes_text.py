"""``bvpp changes`` in a terminal and as JSON, and the same changes as the site's page and data."""

from __future__ import annotations

import datetime as dt
import json

from generator.model.changes import Change, ChangeReport
from generator.model.plan import Plan
from generator.render.changes_text import as_json, as_text
from generator.render.opendata.changes_data import changes
from generator.render.pages.changes import changes_page

FIGURE = Change("figure changed", "bvpi-12", "BVPI 12 Days lost to sickness", "2003/04", "9.98", "9.1",
                "off target", "on target", "indicators/bvpi-12/")
REWORDED = Change("outcome reworded", "cleaner-streets", "Cleaner streets", "", "Cleaner streets\nin Harrow",
                  "Cleaner streets", page="outcomes/cleaner-streets/")
GAP = Change("gap filled", "actions planned", "Environment", "actions planned", "to be\ncompleted", "",
             page="outcomes/gone/")
REPORT = ChangeReport("Harrow BVPP 2004/05, Draft 1", dt.date(2004, 6, 30), (FIGURE, REWORDED, GAP))
FIRST = ChangeReport(None, None, ())


def test_the_terminal_says_what_was_compared_and_each_change() -> None:
    lines = list(as_text(REPORT, "site/"))
    assert lines[0] == "Compared with site/ (Harrow BVPP 2004/05, Draft 1, 30 June 2004):"
    assert "  figure changed: BVPI 12 Days lost to sickness, 2003/04: 9.98 → 9.1 (status: off target → on target)" in lines
    # a long or multi-line value gets its own lines, outcomes are named by id
    assert "  outcome reworded: cleaner-streets" in lines
    assert "    before: Cleaner streets / in Harrow" in lines
    assert "  gap filled: Environment, actions planned: “to be / completed”" in lines


def test_a_first_publication_has_nothing_to_compare_with() -> None:
    assert list(as_text(FIRST, "site/")) == ["Nothing to compare with: site/ holds no earlier publication."]
    assert json.loads(as_json(FIRST)) == {"compared_with": None, "summary": "", "changes": []}


def test_json_holds_every_change_whole() -> None:
    data = json.loads(as_json(REPORT))
    assert data["compared_with"] == {"title": "Harrow BVPP 2004/05, Draft 1", "date": "2004-06-30"}
    assert [c["kind"] for c in data["changes"]] == ["figure changed", "outcome reworded", "gap filled"]
    assert data["changes"][0]["status_after"] == "on target"
    assert data["summary"]


def test_the_open_data_has_one_record_per_change_and_no_json_when_there_are_none() -> None:
    [resource] = changes(REPORT)
    assert [row["kind"] for row in resource.rows] == ["figure changed", "outcome reworded", "gap filled"]
    assert resource.rows[2]["after"] is None  # empty is no value, not ""
    assert "Compared with Harrow BVPP 2004/05, Draft 1 (2004-06-30)." in resource.description
    [first] = changes(FIRST)
    assert first.rows == () and first.formats == ("csv",)
    assert "first publication" in first.description


def test_the_page_links_only_records_this_build_still_has(bundled_plan: Plan) -> None:
    path, text = changes_page(bundled_plan, REPORT, ["indicators/bvpi-12.md", "outcomes/cleaner-streets.md"])
    assert path == "changes.md"
    assert "30 June 2004" in text
    assert "../indicators/bvpi-12/" in text
    assert "../outcomes/cleaner-streets/" in text
    assert "outcomes/gone/" not in text  # removed since: no link that leads nowhere
    assert "Days lost to sickness" in text

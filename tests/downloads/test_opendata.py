"""Open data: the data package validates, every file matches its schema and the model's counts."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.core.escape import guard_formula
from generator.derive.arithmetic import check_table
from generator.derive.gaps import find_gaps
from generator.render.opendata.package import build_data
from generator.render.opendata.registry import resources, source_for
from tests.downloads.conftest import FullBuild


def _descriptor(full_build: FullBuild) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((full_build.data / "datapackage.json").read_text(encoding="utf-8"))
    return data


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_the_data_package_validates(full_build: FullBuild) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(full_build.data / "datapackage.json"))
    assert report.valid, report.flatten(["type", "title", "message"])[:10]


def test_a_file_that_does_not_match_its_schema_fails_validation(full_build: FullBuild, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    copy = tmp_path / "data"
    shutil.copytree(full_build.data, copy)
    themes = copy / "themes.csv"
    themes.write_text(themes.read_text(encoding="utf-8").replace(",priorities,", ",priority_count,", 1))
    contacts = copy / "contacts.csv"
    rows = contacts.read_bytes().decode("utf-8").split("\r\n")
    rows[1] = re.sub(r",\d+,", ",many,", rows[1], count=1)  # an integer column holding a word
    contacts.write_bytes("\r\n".join(rows).encode("utf-8"))
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    errors = {error[0] for error in report.flatten(["type"])}
    assert {"incorrect-label", "type-error"} <= errors


def test_every_resource_file_exists_and_its_header_matches_its_schema(full_build: FullBuild) -> None:
    package = _descriptor(full_build)
    assert package["profile"] == "tabular-data-package"
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))
    for resource in package["resources"]:
        path = full_build.data / resource["path"]
        assert path.is_file(), resource["path"]
        fields = [field["name"] for field in resource["schema"]["fields"]]
        assert all(field.get("description") and field.get("type") for field in resource["schema"]["fields"])
        if resource["format"] == "csv":
            header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
            assert header == fields, resource["path"]
        else:
            records = json.loads(path.read_text(encoding="utf-8"))
            assert all(list(record) == fields for record in records), resource["path"]


def test_row_counts_equal_the_model(full_build: FullBuild) -> None:
    plan = full_build.result.plan
    data = full_build.data
    expected = {
        "themes.csv": len(plan.themes),
        "priorities.csv": sum(len(t.priorities) for t in plan.themes),
        "outcomes.csv": sum(1 for _ in plan.outcomes()),
        "directorates.csv": len(plan.directorates),
        "contacts.csv": len(plan.contacts),
        "gaps.csv": len(find_gaps(plan)),
        "tables.csv": len(plan.tables),
        "table-checks.csv": sum(len(check_table(table)) for table in plan.tables),
        **{f"tables/{table.id}.csv": len(table.rows) for table in plan.tables},
    }
    if plan.progress:
        expected["progress-tasks.csv"] = sum(len(p.tasks()) for p in plan.progress)
        expected["progress-updates.csv"] = sum(len(f.updates) for p in plan.progress for f in p.updates.values())
    if plan.indicators is not None and plan.indicators.indicators:
        expected["indicators.csv"] = len(plan.indicators.indicators)
        expected["indicator-values.csv"] = sum(len(i.rows) for i in plan.indicators.indicators)
    assert expected["outcomes.csv"] == 106
    assert {name: len(_csv(data / name)) for name in expected} == expected
    for name in ["themes", "priorities", "outcomes", "directorates", "contacts", "gaps"]:
        records = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        assert len(records) == expected[f"{name}.csv"]


def test_a_gap_is_an_explicit_missing_value_never_blank_as_zero(full_build: FullBuild) -> None:
    by_id = {row["id"]: row for row in _csv(full_build.data / "outcomes.csv")}
    road = by_id["improvements-to-road-safety"]
    assert road["actions_planned"] == "" and road["actions_planned_missing"] == "to be completed"
    assert road["contacts"] == "" and road["contacts_missing"] == "left blank in the draft"
    recycling = by_id["improved-recycling-levels"]
    assert recycling["actions_planned"] and recycling["actions_planned_missing"] == ""
    records = json.loads((full_build.data / "outcomes.json").read_text(encoding="utf-8"))
    road_json = next(r for r in records if r["id"] == "improvements-to-road-safety")
    assert road_json["actions_planned"] is None and road_json["actions_planned_missing"] == "to be completed"
    assert isinstance(road_json["what_we_did"], list)
    budget = _csv(full_build.data / "tables/budget-change-analysis.csv")
    chief = next(row for row in budget if row["line"] == "Chief Executive's Office")
    assert chief["capital financing £000"] == ""  # empty in the source: empty here, never 0
    assert next(row for row in budget if row["line"] == "Organisational Development")["capital financing £000"] == "-"


def test_table_files_hold_the_figures_as_published(full_build: FullBuild) -> None:
    for table in full_build.result.plan.tables:
        rows = _csv(full_build.data / "tables" / f"{table.id}.csv")
        assert [[row[c] for c in table.columns] for row in rows] == [[cell.text for cell in r] for r in table.rows]


def test_text_a_spreadsheet_would_run_is_guarded_in_csv_only() -> None:
    assert guard_formula("=SUM(A1:A9)") == "'=SUM(A1:A9)"
    assert guard_formula("@cmd") == "'@cmd"
    assert guard_formula("-2+3") == "'-2+3"
    for figure in ["-0.377", "-1.75%", "-", "9,161", "£1,033.89", "Harrow"]:
        assert guard_formula(figure) == figure


def test_every_kind_is_registered_once_and_builds_its_files(full_build: FullBuild) -> None:
    plan = full_build.result.plan
    data = build_data(source_for(plan))
    listed = {item.path for item in data.listing}
    assert listed | {data.descriptor.path} == set(data.files)
    assert {r.name for r in resources(source_for(plan))} >= {
        "themes", "priorities", "outcomes", "directorates", "contacts", "gaps", "tables", "table-checks"
    }


def test_pages_link_the_data_they_come_from(full_build: FullBuild) -> None:
    site = full_build.project.site
    outcome = (site / "outcomes/improvements-to-road-safety/index.html").read_text(encoding="utf-8")
    assert 'href="../../data/outcomes.csv"' in outcome and 'href="../../data/outcomes.json"' in outcome
    for table in full_build.result.plan.tables:
        section = next(
            s for s in full_build.result.plan.sections if f"{{{{ table: {table.id} }}}}" in s.body
        )
        html = (site / "plan" / section.id / "index.html").read_text(encoding="utf-8")
        href = f"../../data/tables/{table.id}.csv"
        assert f'href="{href}"' in html
        assert (site / "plan" / section.id / href).resolve().is_file()
    page = (site / "data/index.html").read_text(encoding="utf-8")
    for item in build_data(source_for(full_build.result.plan)).listing:
        assert f'href="{item.path.removeprefix("data/")}"' in page, item.path
    assert 'href="datapackage.json"' in page
    nav = json.dumps(full_build.result.nav)
    assert '"Download the data": "data/index.md"' in nav


def test_every_link_on_the_download_and_home_pages_resolves(full_build: FullBuild) -> None:
    site = full_build.project.site
    broken = []
    for page in [site / "index.html", site / "data/index.html", site / "plan/councils-finances/index.html"]:
        for target in re.findall(r'href="([^"#?]*)(?:[#?][^"]*)?"', page.read_text(encoding="utf-8")):
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue
            resolved = (page.parent / target).resolve()
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} → {target}")
    assert broken == []


def test_the_download_page_says_what_every_column_means(full_build: FullBuild) -> None:
    """Each file but a data table's own lists its columns, in datapackage.json's order and words."""
    page = (full_build.project.site / "data/index.html").read_text(encoding="utf-8")
    shown = {
        html.unescape(summary): [html.unescape(re.sub(r"<[^>]+>", "", name)) for name in names]
        for summary, names in (
            (block[0], re.findall(r"<dt><code>(.*?)</code></dt>", block[1]))
            for block in re.findall(r"<summary>(.*?): \d+ columns?</summary>(.*?)</details>", page, re.S)
        )
    }
    expected = {
        resource["title"]: [field["name"] for field in resource["schema"]["fields"]]
        for resource in _descriptor(full_build)["resources"]
        if resource["format"] == "csv" and not resource["path"].startswith("tables/")
    }
    assert shown == expected
    meanings = re.findall(r"<dd>(.*?)</dd>", page)
    assert "How many priorities the theme has. A whole number, always given." in map(html.unescape, meanings)

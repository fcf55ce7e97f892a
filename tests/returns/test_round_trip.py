"""A quarter's return end to end: template, filled in with openpyxl, imported, checked, built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator import pipeline
from generator.pipeline import Project
from tests.conftest import as_written
from tests.returns.helpers import bvpp, fill, row_of, template


def _directorate_fills(indicators: Worksheet, tasks: Worksheet) -> None:
    row = row_of(indicators, "recycling-rate")
    indicators[f"I{row}"] = 17.5
    indicators[f"I{row}"].number_format = "0.00"  # shown as 17.50: it must enter as 17.50
    indicators[f"K{row}"] = "Waste data system, June 2004"
    indicators[f"I{row_of(indicators, 'bvpi-157')}"] = "48"
    task = row_of(tasks, "ict-strategy", 1)
    tasks[f"F{task}"] = "Task underway and further work required"
    tasks[f"G{task}"] = "Strategy agreed by Cabinet.\nSchedules in preparation."


def test_the_template_protects_what_is_not_filled_in_and_offers_the_plans_statuses(
    project: Project, tmp_path: Path
) -> None:
    book = load_workbook(template(project, tmp_path / "q1.xlsx"))
    assert book.sheetnames[:3] == ["Indicators", "Tasks", "Instructions"]
    sheet = book["Indicators"]
    assert sheet.freeze_panes == "A2" and sheet.protection.sheet
    assert [c.value for c in sheet[1]][8:] == ["Actual", "Note", "Source"]
    row = row_of(sheet, "recycling-rate")
    assert sheet[f"F{row}"].value == "14.5" and sheet[f"G{row}"].value == "February 2004"
    assert sheet[f"I{row}"].protection.locked is False and sheet[f"A{row}"].protection.locked is True
    tasks = book["Tasks"]
    assert tasks.data_validations.dataValidation, "the Status column has drop-downs"
    lists = book["Status lists"]
    assert lists.sheet_state == "hidden" and book["About this return"].sheet_state == "hidden"
    assert "Task underway and further work required" in [c.value for c in lists["A"]]


def test_directorate_filter_keeps_only_its_indicators(project: Project, tmp_path: Path) -> None:
    book = load_workbook(template(project, tmp_path / "ul.xlsx", "--directorate", "UL"))
    ids = [r[0].value for r in book["Indicators"].iter_rows(min_row=2)]
    everything = [r[0].value for r in load_workbook(template(project, tmp_path / "all.xlsx"))["Indicators"].iter_rows(min_row=2)]
    assert ids and len(ids) < len(everything) and "recycling-rate" in ids


@pytest.mark.site
def test_a_return_filled_in_imported_checks_and_shows_on_the_indicator_page(project: Project, tmp_path: Path) -> None:
    filled = fill(template(project, tmp_path / "q1.xlsx"), tmp_path / "q1-back.xlsx", _directorate_fills)
    dry = bvpp(project, "returns", "import", str(filled), "--dry-run")
    assert dry.exit_code == 0, dry.output
    values = project.content / "indicators/values.csv"
    before = values.read_bytes()
    assert values.read_bytes() == before, "--dry-run wrote nothing"
    done = bvpp(project, "returns", "import", str(filled))
    assert done.exit_code == 0, done.output
    assert 'added Percentage of recyclables collected (recycling-rate), "2004/05 Q1": 17.50' in done.output
    assert "recycling-rate,2004/05 Q1,2004-06-30,17.50,,,\"Waste data system, June 2004\"," in values.read_text()
    update = (project.content / "progress/cpa-idea-improvement-plan/updates/2004-06.yaml").read_text()
    assert '  - task: ict-strategy\n    status: underway\n    progress:\n      - "Strategy agreed by Cabinet."' in update
    content = {p: p.read_bytes() for p in project.content.rglob("*") if p.is_file()}
    again = bvpp(project, "returns", "import", str(filled))
    assert again.exit_code == 0 and "unchanged" in again.output
    assert {p: p.read_bytes() for p in project.content.rglob("*") if p.is_file()} == content
    assert bvpp(project, "check", "-q").exit_code == 0
    pipeline.build(project, pdf=False)
    page = as_written((project.site / "indicators/recycling-rate/index.html").read_text(encoding="utf-8"))
    assert re.search(r"2004/05 Q1</th> <td>2004-06-30</td> <td class=\"bvpp-num\">17.50%</td>", page), page[:0]
    assert "Waste data system, June 2004" in page


def test_replace_overwrites_a_published_figure_and_shows_the_old_one(project: Project, tmp_path: Path) -> None:
    blank = template(project, tmp_path / "q1.xlsx")
    first = fill(blank, tmp_path / "a.xlsx", lambda s, _t: s.cell(row_of(s, "bvpi-157"), 9, "48"))
    assert bvpp(project, "returns", "import", str(first)).exit_code == 0
    second = fill(blank, tmp_path / "b.xlsx", lambda s, _t: s.cell(row_of(s, "bvpi-157"), 9, "49"))
    refused = bvpp(project, "returns", "import", str(second))
    assert refused.exit_code == 1 and "already has 48 published" in refused.output
    replaced = bvpp(project, "returns", "import", str(second), "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert 'changed BVPI 157 (bvpi-157), "2004/05 Q1": 48 -> 49' in replaced.output


def test_the_csv_return_imports_like_the_workbook(project: Project, tmp_path: Path) -> None:
    folder = template(project, tmp_path / "q1", "--format", "csv")
    text = (folder / "indicators.csv").read_text()
    (folder / "indicators.csv").write_text(text.replace("bvpi-157,BVPI 157,", "bvpi-157,BVPI 157,", 1).replace(
        "\nbvpi-157,BVPI 157,Types of interactions enabled for electronic delivery (e-government),%,higher,35,"
        "\"2003/04, third quarter\",,,,", "\nbvpi-157,BVPI 157,Types of interactions enabled for electronic "
        "delivery (e-government),%,higher,35,\"2003/04, third quarter\",,48,,Council's e-government return"))
    done = bvpp(project, "returns", "import", str(folder / "indicators.csv"))
    assert done.exit_code == 0, done.output
    assert 'added BVPI 157 (bvpi-157), "2004/05 Q1": 48' in done.output

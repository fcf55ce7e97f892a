"""The returns' modules one by one: the layout as data, the template written, read back as it
was written, and the two commands (make a template, import a return) called directly."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.model.plan import Plan
from generator.returns.check import Changes
from generator.returns.commands import describe, import_return, make_template
from generator.returns.layout import (
    ABOUT,
    ABOUT_KEYS,
    CSV_FILES,
    INDICATORS,
    SHEETS,
    TASKS,
    column_letter,
    position,
)
from generator.returns.read import read_return
from generator.returns.rows import ReturnPeriod, ReturnRows, return_rows
from generator.returns.template import about_values, write_csv_files, write_workbook
from tests.conftest import ROOT

PERIOD = ReturnPeriod("2004/05 Q1", dt.date(2004, 6, 30))


@pytest.fixture(scope="module")
def rows(bundled_plan: Plan) -> ReturnRows:
    return return_rows(bundled_plan, PERIOD, None)


def test_column_letters_and_positions() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
    for sheet, columns in SHEETS.items():
        assert [position(sheet, c.heading) for c in columns] == list(range(len(columns)))
    assert set(CSV_FILES) == {INDICATORS, TASKS, ABOUT}


def test_the_about_rows_say_what_the_return_is_for(rows: ReturnRows) -> None:
    about = dict(about_values(rows, PERIOD, "UL"))
    assert list(about) == list(ABOUT_KEYS)
    assert (about["period"], about["ends"], about["directorate"]) == ("2004/05 Q1", "2004-06-30", "UL")
    assert about["fingerprint"] == rows.fingerprint


def test_a_workbook_is_read_back_as_it_was_written(tmp_path: Path, rows: ReturnRows) -> None:
    path = tmp_path / "return.xlsx"
    write_workbook(path, rows, PERIOD, None)
    book = load_workbook(path)
    assert {INDICATORS, TASKS, ABOUT} <= set(book.sheetnames)
    found, problems = read_return(path, "return.xlsx")
    assert problems == [] and found is not None
    assert {key: value for key, (value, _where) in found.about.items()} == dict(about_values(rows, PERIOD, None))
    body = found.sheets[INDICATORS]  # the rows under the headings, each cell located
    assert len(body) == len(rows.indicators)
    assert body[0][0].location.sheet == INDICATORS and body[0][0].location.cell == "A2"
    assert [c.text for c in body[0]][: len(rows.indicators[0])] == list(rows.indicators[0])


def test_csv_files_are_read_back_the_same(tmp_path: Path, rows: ReturnRows) -> None:
    written = write_csv_files(tmp_path / "return", rows, PERIOD, "UL")
    assert {p.name for p in written} >= set(CSV_FILES.values())
    found, problems = read_return(tmp_path / "return", "return/")
    assert problems == [] and found is not None
    assert found.about["directorate"][0] == "UL"
    assert [[c.text for c in row] for row in found.sheets[TASKS]] == [list(row) for row in rows.tasks]


def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "return.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    found, problems = read_return(path, "return.xlsx")
    assert found is None
    assert [p.message.split(",")[0] for p in problems] == ["expected a return workbook (.xlsx)"]


def test_a_template_for_an_unknown_directorate_is_refused(tmp_path: Path) -> None:
    made, problems = make_template(ROOT / "content", tmp_path / "r.xlsx", PERIOD, "ZZ", csv_files=False)
    assert made is None
    assert [(str(p.location), p.kind) for p in problems] == [("--directorate", "usage")]
    assert not (tmp_path / "r.xlsx").exists()


def test_an_untouched_template_imports_as_nothing_changed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    made, problems = make_template(content, tmp_path / "r.xlsx", PERIOD, None, csv_files=False)
    assert problems == [] and made is not None
    imported, problems = import_return(content, tmp_path / "r.xlsx", "r.xlsx", dry_run=True)
    assert problems == [] and imported is not None
    assert imported.changes.figures == [] and imported.changes.tasks == []
    assert imported.files == [] and all("unchanged" in line for line in imported.lines)


def test_describe_says_each_change_in_one_line() -> None:
    assert describe(Changes(PERIOD, "", unchanged=3)) == ["3 rows already published as they are: unchanged"]
    assert describe(Changes(PERIOD, "")) == []

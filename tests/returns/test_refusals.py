"""One golden message per kind of refusal; nothing is written when a return is refused.

Refresh the golden files after an intended change of wording, and read the diff:

    BVPP_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/returns/test_refusals.py
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from generator.pipeline import Project
from tests.returns.helpers import bvpp, fill, row_of, template

GOLDEN = Path(__file__).parent / "golden"
Edit = Callable[[Worksheet, Worksheet], object]


def _actual(indicator: str, value: str | dt.date) -> Edit:
    return lambda sheet, _tasks: sheet.cell(row_of(sheet, indicator), 9, value)


def _status(value: str) -> Edit:
    return lambda _sheet, tasks: tasks.cell(row_of(tasks, "ict-strategy", 1), 6, value)


def _rename(cell: str, value: str) -> Edit:
    def edit(sheet: Worksheet, _tasks: Worksheet) -> None:
        sheet[cell] = value
    return edit


def _merge(sheet: Worksheet, _tasks: Worksheet) -> None:
    sheet.merge_cells("J5:K5")


def _moved(sheet: Worksheet, _tasks: Worksheet) -> None:
    sheet.move_range("I1:I80", cols=3)


def _unknown_task(_sheet: Worksheet, tasks: Worksheet) -> None:
    row = row_of(tasks, "ict-strategy", 1)
    tasks.cell(row, 2, "ict-stratgey")
    tasks.cell(row, 6, "Task achieved by target date")


CASES: dict[str, Edit] = {
    "not-a-number": _actual("bvpi-157", "forty-eight"),
    "date-not-figure": _actual("bvpi-157", dt.date(2004, 6, 30)),
    "formula-without-value": _actual("bvpi-157", "=40+8"),
    "unknown-indicator": lambda s, _t: (s.cell(row_of(s, "bvpi-157"), 1, "bvpi-157x"), s.cell(row_of(s, "bvpi-157x"), 9, 4)),
    "unknown-task": _unknown_task,
    "status-not-in-key": _status("Done"),
    "merged-cells": _merge,
    "moved-column": _moved,
    "conflicting-figure": _actual("recycling-rate", "15"),
}


def _golden(name: str, output: str, tmp_path: Path) -> None:
    text = re.sub(re.escape(str(tmp_path)) + r"/", "", output)
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("BVPP_REFRESH_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _refused(project: Project, path: Path) -> str:
    before = {p: p.read_bytes() for p in project.content.rglob("*") if p.is_file()}
    result = bvpp(project, "returns", "import", str(path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in project.content.rglob("*") if p.is_file()} == before, "nothing written"
    return result.output


@pytest.fixture
def blank(project: Project, tmp_path: Path) -> Path:
    return template(project, tmp_path / "q1.xlsx")


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_refusal_has_its_golden_message(name: str, project: Project, blank: Path, tmp_path: Path) -> None:
    if name == "conflicting-figure":  # a period that already holds 14.5 for recycling
        blank = _for_period(project, tmp_path, "February 2004", "2004-02-29")
    filled = fill(blank, tmp_path / f"{name}.xlsx", CASES[name])
    _golden(name, _refused(project, filled), tmp_path)


def _for_period(project: Project, tmp_path: Path, label: str, ends: str) -> Path:
    out = tmp_path / "period.xlsx"
    result = bvpp(project, "returns", "template", "--period", label, "--ends", ends, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_a_file_that_is_not_a_workbook(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "figures.xlsx"
    path.write_text("indicator,actual\nbvpi-157,48\n")
    _golden("not-a-workbook", _refused(project, path), tmp_path)


def test_a_stale_template(project: Project, blank: Path, tmp_path: Path) -> None:
    indicators = project.content / "indicators/indicators.yaml"
    text = indicators.read_text()
    indicators.write_text(text.replace('    unit: "working days per employee"', '    unit: "days per employee"'))
    filled = fill(blank, tmp_path / "stale.xlsx", _actual("bvpi-157", "48"))
    _golden("stale-template", _refused(project, filled), tmp_path)


def test_a_formula_with_a_stored_value_is_read_as_that_value(project: Project, blank: Path, tmp_path: Path) -> None:
    filled = fill(blank, tmp_path / "formula.xlsx", _actual("bvpi-157", "=40+8"))
    stored = tmp_path / "saved-by-excel.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(stored, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # what Excel stores on saving
                data = data.replace(b"<f>40+8</f><v />", b"<f>40+8</f><v>48</v>")
                assert b"<v>48</v>" in data
            target.writestr(item, data)
    result = bvpp(project, "returns", "import", str(stored), "--dry-run")
    assert result.exit_code == 0, result.output
    assert 'added BVPI 157 (bvpi-157), "2004/05 Q1": 48' in result.output

"""Shared steps of the returns tests: make a template, fill it as a directorate would, import it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.cli import main
from generator.pipeline import Project

PERIOD = ("2004/05 Q1", dt.date(2004, 6, 30))


def bvpp(project: Project, *args: str) -> Result:
    """Run a bvpp command on the project, as an officer would in its folder."""
    return CliRunner().invoke(main, [*args[:2], "--project", str(project.root), *args[2:]], prog_name="bvpp")


def template(project: Project, out: Path, *more: str) -> Path:
    """A fresh return template for PERIOD, written by the real command."""
    result = bvpp(project, "returns", "template", "--period", PERIOD[0], "--ends", PERIOD[1].isoformat(),
                  "--out", str(out), *more)
    assert result.exit_code == 0, result.output
    return out


def fill(path: Path, out: Path, edit: Callable[[Worksheet, Worksheet], object]) -> Path:
    """Open the workbook with openpyxl, let ``edit`` change its two sheets, save it as ``out``."""
    book = load_workbook(path)
    edit(book["Indicators"], book["Tasks"])
    book.save(out)
    return out


def row_of(sheet: Worksheet, key: str, column: int = 0) -> int:
    """The row number whose cell in ``column`` (0: A) holds ``key``."""
    for row in sheet.iter_rows(min_row=2):
        if row[column].value == key:
            return int(row[column].row or 0)
    raise KeyError(key)

"""Write a return template: an ``.xlsx`` workbook, or one CSV file per sheet.

The workbook freezes its heading row, protects every cell except the ones the directorate fills
in, offers each plan's own status labels as a drop-down, and records the period and the
catalogue's fingerprint on a hidden sheet so that a stale return is recognised when it comes
back. The file is written to a temporary name and moved into place, so a failed write leaves
no half-made return.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.files import atomic_write
from generator.returns.layout import (
    ABOUT,
    ABOUT_KEYS,
    CSV_FILES,
    FORMAT,
    INDICATORS,
    INSTRUCTIONS,
    INSTRUCTIONS_FILE,
    INSTRUCTIONS_TEXT,
    LISTS,
    SHEETS,
    TASKS,
    Column,
    column_letter,
    position,
)
from generator.returns.rows import ReturnPeriod, ReturnRows

_PROTECTED_FILL = PatternFill("solid", fgColor="EEEEEE")
_HEADING_FONT = Font(bold=True)


def about_values(rows: ReturnRows, period: ReturnPeriod, directorate: str | None) -> list[tuple[str, str]]:
    """The About sheet's rows: what the return is for, checked again when it is imported."""
    values = (FORMAT, period.label, period.ends.isoformat(), directorate or "", rows.fingerprint)
    return list(zip(ABOUT_KEYS, values, strict=True))


def write_workbook(path: Path, rows: ReturnRows, period: ReturnPeriod, directorate: str | None) -> None:
    """Write the return as one ``.xlsx`` workbook at ``path``."""
    book = Workbook()
    instructions = book.active
    assert instructions is not None  # a new workbook always has one sheet
    instructions.title = INSTRUCTIONS
    for line in (
        *INSTRUCTIONS_TEXT,
        "",
        f"Period: {period.label}, ending {period.ends.day} {period.ends:%B %Y}",
    ):
        instructions.append([line])
    instructions.column_dimensions["A"].width = 110
    instructions["A1"].font = Font(bold=True, size=14)
    lists = book.create_sheet(LISTS)
    ranges = _status_lists(lists, rows.status_labels)
    _data_sheet(book.create_sheet(INDICATORS, 0), SHEETS[INDICATORS], rows.indicators)
    tasks = book.create_sheet(TASKS, 1)
    _data_sheet(tasks, SHEETS[TASKS], rows.tasks)
    _status_dropdowns(tasks, rows.tasks, ranges)
    about = book.create_sheet(ABOUT)
    for key, value in about_values(rows, period, directorate):
        about.append([key, value])
    for hidden in (about, lists):
        hidden.sheet_state = "hidden"
        hidden.protection.sheet = True
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())


def write_csv_files(
    folder: Path, rows: ReturnRows, period: ReturnPeriod, directorate: str | None
) -> list[Path]:
    """Write the return as CSV files (one per sheet) and the instructions into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[list[str]]] = {
        INDICATORS: [[c.heading for c in SHEETS[INDICATORS]], *map(list, rows.indicators)],
        TASKS: [[c.heading for c in SHEETS[TASKS]], *map(list, rows.tasks)],
        ABOUT: [list(pair) for pair in about_values(rows, period, directorate)],
    }
    written = []
    for sheet, records in files.items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(records)
        target = folder / CSV_FILES[sheet]
        text = buffer.getvalue()
        atomic_write(target, text.encode("utf-8"))
        written.append(target)
    labels = [f"  {plan}: {' | '.join(names)}" for plan, names in rows.status_labels.items()]
    guide = "\n".join([*INSTRUCTIONS_TEXT, "", "Status labels by plan:", *labels, ""])
    atomic_write(folder / INSTRUCTIONS_FILE, guide.encode("utf-8"))
    return [*written, folder / INSTRUCTIONS_FILE]


def _data_sheet(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
    sheet.append([c.heading for c in columns])
    for row in rows:
        sheet.append(list(row))
    for index, column in enumerate(columns):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        for (cell,) in sheet.iter_rows(min_col=index + 1, max_col=index + 1, min_row=1):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.row == 1:
                cell.font = _HEADING_FONT
                cell.fill = _PROTECTED_FILL
            elif column.fill_in:
                # Text, so that 48.50 stays as typed rather than becoming the number 48.5.
                cell.protection = Protection(locked=False)
                cell.number_format = "@"
            else:
                cell.fill = _PROTECTED_FILL
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    # Officers may still widen columns and filter rows; they cannot change the protected cells.
    sheet.protection.formatColumns = False
    sheet.protection.autoFilter = False


def _status_lists(sheet: Worksheet, labels: dict[str, tuple[str, ...]]) -> dict[str, str]:
    ranges: dict[str, str] = {}
    for index, (plan, names) in enumerate(labels.items()):
        letter = column_letter(index)
        sheet.cell(row=1, column=index + 1, value=plan)
        for row, name in enumerate(names, start=2):
            sheet.cell(row=row, column=index + 1, value=name)
        ranges[plan] = f"'{LISTS}'!${letter}$2:${letter}${len(names) + 1}"
    return ranges


def _status_dropdowns(sheet: Worksheet, rows: Sequence[Sequence[str]], ranges: dict[str, str]) -> None:
    status = column_letter(position(TASKS, "Status"))
    for plan, formula in ranges.items():
        check = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Status",
            error="Choose one of the plan's own status labels from the list.",
        )
        for number, row in enumerate(rows, start=2):
            if row[0] == plan:
                check.add(f"{status}{number}")
        sheet.add_data_validation(check)

"""Read a return back: an ``.xlsx`` workbook, or the CSV files of ``--format csv``.

Both come out as one :class:`ReturnFile`: the About values, and each sheet's rows of located
text cells in the layout's column order. A cell's text is what the officer typed or saw (the
number as its cell format displays it), never a float's digits. What cannot be read safely (a
moved column, merged cells, a formula with no stored value, a date where a figure belongs) is a
located problem; nothing here raises.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.csvfile import read_csv
from generator.core.files import ContentFiles
from generator.core.problems import Location, Problem
from generator.returns.cells import cell_text
from generator.returns.layout import ABOUT, CSV_FILES, SHEETS, column_letter

RETURN_HINT = (
    "import the workbook (or the folder of CSV files) that 'bvpp returns template' made, once filled in"
)


@dataclass(frozen=True)
class Cell:
    """One cell's text as typed or displayed, and where it is."""

    text: str
    location: Location


@dataclass
class ReturnFile:
    """A return as read: what it is for (About) and each sheet's rows of cells."""

    name: str
    about: dict[str, tuple[str, Location]] = field(default_factory=dict)
    sheets: dict[str, list[list[Cell]]] = field(default_factory=dict)


def read_return(path: Path, shown: str) -> tuple[ReturnFile | None, list[Problem]]:
    """Read the return at ``path`` (shown in messages as ``shown``)."""
    if path.is_dir() or path.suffix.lower() == ".csv":
        return _read_csv_return(path if path.is_dir() else path.parent, shown)
    return _read_workbook(path, shown)


def _not_a_return(shown: str, found: str) -> Problem:
    return Problem(Location(shown), "", f"expected a return workbook (.xlsx), found {found}", RETURN_HINT)


def _read_workbook(path: Path, shown: str) -> tuple[ReturnFile | None, list[Problem]]:
    try:
        formulas = load_workbook(path, data_only=False)
        values = load_workbook(path, data_only=True)
    except FileNotFoundError:
        return None, [_not_a_return(shown, "no such file")]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        reason = "a file that is not a workbook" if not isinstance(exc, OSError) else str(exc.strerror)
        return None, [_not_a_return(shown, reason)]
    result = ReturnFile(shown)
    problems: list[Problem] = []
    if ABOUT not in formulas.sheetnames:
        return None, [_not_a_return(shown, f'a workbook without its hidden "{ABOUT}" sheet')]
    for row in formulas[ABOUT].iter_rows(min_row=1, max_col=2):
        key, value = row[0].value, row[1].value
        if key is not None:
            result.about[str(key)] = (str(value or ""), _where(shown, ABOUT, row[1].row or 1, 1))
    for sheet, columns in SHEETS.items():
        if sheet not in formulas.sheetnames:
            problems.append(
                Problem(
                    Location(shown, sheet=sheet),
                    "",
                    f'expected the sheet "{sheet}", found no such sheet',
                    "do not rename or delete the return's sheets; make a new template if it was lost",
                )
            )
            continue
        found = _sheet_rows(formulas, values, sheet, [c.heading for c in columns], shown, problems)
        result.sheets[sheet] = found
    return result, problems


def _where(shown: str, sheet: str, row: int, column: int) -> Location:
    return Location(shown, row, column + 1, sheet=sheet, cell=f"{column_letter(column)}{row}")


def _sheet_rows(
    formulas: Workbook, values: Workbook, sheet: str, headings: list[str], shown: str, problems: list[Problem]
) -> list[list[Cell]]:
    with_formulas: Worksheet = formulas[sheet]
    cached: Worksheet = values[sheet]
    before = len(problems)
    top = [
        with_formulas.cell(row=1, column=i + 1).value
        for i in range(max(len(headings), with_formulas.max_column))
    ]
    for index, expected in enumerate(headings):
        found = str(top[index] or "").strip()
        if found != expected:
            problems.append(
                Problem(
                    _where(shown, sheet, 1, index),
                    "",
                    f'expected the column "{expected}" here, found "{found}"',
                    "columns must stay where the template put them: do not insert, move or delete "
                    "columns; copy the figures into a new template",
                )
            )
    for index in range(len(headings), len(top)):
        if top[index] not in (None, ""):
            problems.append(
                Problem(
                    _where(shown, sheet, 1, index),
                    "",
                    f'expected no column here, found "{top[index]}"',
                    "remove the added column; notes go in the Note column",
                )
            )
    if len(problems) > before:
        return []
    for merged in sorted(with_formulas.merged_cells.ranges, key=str):
        problems.append(
            Problem(
                _where(shown, sheet, merged.min_row, merged.min_col - 1),
                "",
                f"expected one value per cell, found the cells {merged.coord} merged",
                "unmerge the cells (Home > Merge > Unmerge) and type each value in its own cell",
            )
        )
    rows: list[list[Cell]] = []
    for number in range(2, with_formulas.max_row + 1):
        cells = []
        for index in range(len(headings)):
            where = _where(shown, sheet, number, index)
            raw = with_formulas.cell(row=number, column=index + 1)
            stored = cached.cell(row=number, column=index + 1)
            text, problem = cell_text(raw.value, stored.value, raw.number_format, raw.data_type == "f")
            if problem:
                problems.append(Problem(where, headings[index], problem[0], problem[1]))
            cells.append(Cell(text, where))
        if any(c.text for c in cells):
            rows.append(cells)
    return rows


def _read_csv_return(folder: Path, shown_path: str) -> tuple[ReturnFile | None, list[Problem]]:
    shown_folder = shown_path if Path(shown_path).suffix.lower() != ".csv" else str(Path(shown_path).parent)
    result = ReturnFile(shown_folder)
    # read as content is: no pipe, device or link out of the folder is ever opened
    files = ContentFiles(folder, folder)
    problems: list[Problem] = list(files.problems())
    tables: dict[str, list[list[tuple[str, Location]]]] = {}
    for sheet, name in CSV_FILES.items():
        file = f"{shown_folder}/{name}"
        text, found = files.read_text(folder / name, file)
        problems.extend(found)
        if text is None:
            continue
        records, found = read_csv(text, file)
        problems.extend(found)
        tables[sheet] = records
    for record in tables.get(ABOUT, []):
        if len(record) >= 2:
            result.about[record[0][0]] = (record[1][0], record[1][1])
    for sheet, columns in SHEETS.items():
        records = tables.get(sheet, [])
        if not records:
            continue
        header, *body = records
        headings = [c.heading for c in columns]
        names = [text.strip() for text, _ in header]
        if names != headings:
            problems.append(
                Problem(
                    header[0][1],
                    "",
                    f"expected the columns {', '.join(headings)}, found {', '.join(names)}",
                    "columns must stay where the template put them; copy the figures into a new template",
                )
            )
            continue
        for record in body:
            if len(record) != len(headings):
                problems.append(
                    Problem(
                        record[0][1],
                        "",
                        f"expected {len(headings)} cells as in the header, found {len(record)}",
                        "text containing a comma goes in double quotes",
                    )
                )
                continue
            cells = [Cell(text.strip().replace("\r\n", "\n"), where) for text, where in record]
            if any(c.text for c in cells):
                result.sheets.setdefault(sheet, []).append(cells)
        result.sheets.setdefault(sheet, [])
    return result, problems

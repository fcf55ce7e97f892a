"""Data tables: ``content/tables.yaml`` and ``content/tables/*.csv`` → located, resolved tables.

Each CSV is read strictly (UTF-8, the csv module in strict mode, one cell per column in every
row) and every cell keeps the file, line and column where it was written. Each check in
``tables.yaml`` is resolved against the real rows and columns here, so a check that names a
row or column that does not exist is a located error before anything is computed. Running
the checks is :mod:`generator.derive.arithmetic`'s job. Nothing here raises for bad content.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from generator.core.csvfile import read_csv
from generator.core.figures import parse_figure
from generator.core.problems import FirstGiven, Location, Problem, Severity, dotted, suggest_known
from generator.core.strictyaml import parse_yaml
from generator.load.documents import ContentLayout, validate_document
from generator.model.tables import (
    AcrossCheck,
    Cell,
    CellRef,
    CellsCheck,
    Direction,
    DownCheck,
    Sum,
    Table,
    TableCheck,
    TablesFile,
    TableSpec,
)

FieldPath = tuple[str | int, ...]
"""Where in ``tables.yaml`` a name is given, e.g. ``("checks", 0, "down", "add", 1)``."""
Named = list[tuple[FieldPath, str]]
"""Names a check gives, each with its path in ``tables.yaml`` (for the message if it is unknown)."""
SumPlan = list[tuple[int, str, str]]
"""One sum to make, as (sign, row label, column heading) per term; the total is last."""
Planned = tuple[list[Problem], list[SumPlan]]
"""A check's unknown names, and the sums it makes when it has none."""


def load_tables(layout: ContentLayout) -> tuple[list[Table], list[Problem]]:
    """Every table listed in ``tables.yaml``; the tables that loaded, and every problem."""
    meta = layout.tables_file
    csvs = layout.listing(layout.tables, "*.csv")
    problems: list[Problem] = []
    tables: list[Table] = []
    specs: list[TableSpec] | None = []  # None when tables.yaml is there but unreadable
    if layout.files.is_refused(meta):
        specs = None  # the survey said why; it is never opened
    elif meta.is_file():
        text = layout.text(meta, problems)
        doc, found = parse_yaml(text, layout.display(meta)) if text is not None else (None, [])
        problems += found
        tables_file = validate_document(doc, TablesFile, problems) if doc is not None else None
        specs = tables_file.tables if tables_file is not None else None
        problems.extend(_duplicate_specs(specs or []))
        for spec in specs or []:
            table = _load_table(layout, spec, problems)
            if table is not None:
                tables.append(table)
    listed = {spec.file for spec in specs} if specs is not None else {p.name for p in csvs}
    for path in csvs:
        if path.name not in listed:
            problems.append(
                Problem(
                    Location(layout.display(path)),
                    "",
                    "this table is not listed in content/tables.yaml, so it is not published",
                    f"add an entry with 'file: {path.name}' to content/tables.yaml",
                    Severity.WARNING,
                    kind="table",
                )
            )
    return tables, problems


def _duplicate_specs(specs: list[TableSpec]) -> Iterator[Problem]:
    for name in ("id", "file"):
        given: FirstGiven[str, TableSpec] = FirstGiven()
        for spec in specs:
            value = getattr(spec, name)
            if (first := given.earlier(value, spec)) is not None:
                yield Problem(
                    spec.where(name),
                    dotted(spec.field_path(name)),
                    f'{name} "{value}" is already used at {first.where(name)}',
                    "each table is listed once",
                )


def _load_table(layout: ContentLayout, spec: TableSpec, problems: list[Problem]) -> Table | None:
    path = layout.tables / spec.file
    file = layout.display(path)

    def missing() -> Problem:
        return Problem(
            spec.where("file"),
            dotted(spec.field_path("file")),
            f"no such table file: {file}",
            suggest_known(spec.file, [p.name for p in layout.listing(path.parent, "*.csv")])
            or "put the CSV in content/tables/",
        )

    text = layout.required_text(path, problems, missing)
    if text is None:
        return None
    records, found = read_csv(text, file)
    if found:
        problems.extend(found)
        return None
    table, found = _table(spec, file, records)
    problems.extend(found)
    return table if not found else None


def _table(
    spec: TableSpec, file: str, records: list[list[tuple[str, Location]]]
) -> tuple[Table | None, list[Problem]]:
    header, *body = records
    columns = tuple(text.strip() for text, _ in header)
    problems = [*_heading_problems(header, columns), *_unknown_headings(spec, columns, file)]
    rows = _rows(body, columns, problems)
    if spec.checks:
        problems.extend(_duplicate_labels(rows))
    if problems:
        return None, problems
    grid = _Grid(spec, file, columns, tuple(row[0].text for row in rows))
    sums = [
        one
        for index, check in enumerate(spec.checks)
        for one in _resolve(grid, index, check, rows, problems)
    ]
    problems.extend(_figures_needed(spec, sums))
    return Table(spec, file, columns, tuple(rows), tuple(sums)), problems


def _heading_problems(header: list[tuple[str, Location]], columns: tuple[str, ...]) -> Iterator[Problem]:
    """Every column needs a heading of its own: checks and readers find columns by heading."""
    for index, (name, (_, where)) in enumerate(zip(columns, header, strict=True)):
        if not name:
            yield Problem(where, "", "a column has no heading", "give every column a heading")
        elif name in columns[:index]:
            yield Problem(
                where,
                name,
                f'duplicate column heading "{name}"',
                "checks and readers find columns by heading; make each one different",
            )


def _unknown_headings(spec: TableSpec, columns: tuple[str, ...], file: str) -> Iterator[Problem]:
    for name in spec.headings:
        if name not in columns:
            yield _unknown(spec, ("headings", name), "column", name, columns, file)


def _rows(
    body: list[list[tuple[str, Location]]], columns: tuple[str, ...], problems: list[Problem]
) -> list[tuple[Cell, ...]]:
    """The rows with one cell per column; a row of another width is reported and left out."""
    rows: list[tuple[Cell, ...]] = []
    for record in body:
        label = record[0][0].strip()
        if len(record) != len(columns):
            where = record[len(columns)][1] if len(record) > len(columns) else record[-1][1]
            problems.append(
                Problem(
                    where,
                    "",
                    f'row "{label}" has {len(record)} cells but the header has {len(columns)} columns',
                    "give every row one cell per column; an empty cell is nothing between two "
                    "commas, and text containing a comma goes in double quotes",
                )
            )
            continue
        rows.append(
            tuple(
                Cell(label, column, text.strip(), parse_figure(text), where)
                for column, (text, where) in zip(columns, record, strict=True)
            )
        )
    return rows


def _duplicate_labels(rows: list[tuple[Cell, ...]]) -> Iterator[Problem]:
    labels: FirstGiven[str, Cell] = FirstGiven()
    for row in rows:
        label = row[0]
        if (first := labels.earlier(label.text, label)) is not None:
            yield Problem(
                label.location,
                label.column,
                f'duplicate row label "{label.text}" (first at line {first.location.line})',
                "the table's checks name rows by their first cell, so each must be different",
            )


def _unknown(
    spec: TableSpec, path: FieldPath, what: str, name: str, known: tuple[str, ...], file: str
) -> Problem:
    place = "labelled" if what == "row" else "headed"
    where = "the first cell of each row" if what == "row" else "the first line of the file"
    return Problem(
        spec.where(*path),
        dotted(spec.field_path(*path)),
        f'no {what} {place} "{name}" in {file}',
        f"{suggest_known(name, list(known))} {what}s are named by {where}".strip(),
    )


@dataclass(frozen=True)
class _Grid:
    """A table's row labels and column headings, which its checks must name."""

    spec: TableSpec
    file: str
    columns: tuple[str, ...]
    labels: tuple[str, ...]

    def unknown(self, named: Named, what: Literal["row", "column"]) -> list[Problem]:
        """A problem for each name that is not a row label (or a column heading) of the table."""
        known = self.labels if what == "row" else self.columns
        spec, file = self.spec, self.file
        return [_unknown(spec, path, what, name, known, file) for path, name in named if name not in known]


def _resolve(
    grid: _Grid, index: int, check: TableCheck, rows: list[tuple[Cell, ...]], problems: list[Problem]
) -> list[Sum]:
    """Expand one check into its sums, or report every name in it that does not exist."""
    path: FieldPath = ("checks", index)
    direction: Direction
    if check.down is not None:
        direction, (found, plans) = "down", _plan_down(grid, check.down, (*path, "down"))
    elif check.across is not None:
        direction, (found, plans) = "across", _plan_across(grid, check.across, (*path, "across"))
    else:
        assert check.cells is not None  # the model requires exactly one shape
        direction, (found, plans) = "cells", _plan_cells(grid, check.cells, (*path, "cells"))
    problems.extend(found)
    if found:
        return []
    by_label = {row[0].text: row for row in rows}
    at = {name: i for i, name in enumerate(grid.columns)}
    return [
        Sum(
            check.name,
            direction,
            tuple((sign, by_label[row][at[column]]) for sign, row, column in plan[:-1]),
            by_label[plan[-1][1]][at[plan[-1][2]]],
            check.tolerance,
        )
        for plan in plans
    ]


def _plan_down(grid: _Grid, down: DownCheck, path: FieldPath) -> Planned:
    """Rows into a total row, in each column the check names (every figure column if none)."""
    found = grid.unknown(_names(down.add, down.subtract, down.total, path), "row")
    found += grid.unknown(_listed(down.columns or [], (*path, "columns")), "column")
    signed = _signed(down.add, down.subtract, down.total)
    columns = down.columns or grid.columns[1:]
    return found, [[(sign, row, column) for sign, row in signed] for column in columns]


def _plan_across(grid: _Grid, across: AcrossCheck, path: FieldPath) -> Planned:
    """Columns into a total column, in each row the check names."""
    found = grid.unknown(_names(across.add, across.subtract, across.total, path), "column")
    found += grid.unknown(_listed(across.rows, (*path, "rows")), "row")
    signed = _signed(across.add, across.subtract, across.total)
    return found, [[(sign, row, column) for sign, column in signed] for row in across.rows]


def _plan_cells(grid: _Grid, cells: CellsCheck, path: FieldPath) -> Planned:
    """Named cells into a total cell: one sum."""
    signed: list[tuple[int, CellRef, FieldPath]] = [
        *((1, ref, (*path, "add", i)) for i, ref in enumerate(cells.add)),
        *((-1, ref, (*path, "subtract", i)) for i, ref in enumerate(cells.subtract)),
        (0, cells.total, (*path, "total")),
    ]
    found = grid.unknown([((*place, "row"), ref.row) for _, ref, place in signed], "row")
    found += grid.unknown([((*place, "column"), ref.column) for _, ref, place in signed], "column")
    return found, [[(sign, ref.row, ref.column) for sign, ref, _ in signed]]


def _listed(names: list[str], base: FieldPath) -> Named:
    return [((*base, i), name) for i, name in enumerate(names)]


def _signed(add: list[str], subtract: list[str], total: str) -> list[tuple[int, str]]:
    return [*((1, a) for a in add), *((-1, s) for s in subtract), (0, total)]


def _names(
    add: list[str], subtract: list[str], total: str, base: FieldPath
) -> Named:
    return [
        *(((*base, "add", i), name) for i, name in enumerate(add)),
        *(((*base, "subtract", i), name) for i, name in enumerate(subtract)),
        ((*base, "total"), total),
    ]


def _figures_needed(spec: TableSpec, sums: list[Sum]) -> Iterator[Problem]:
    """Cells a check adds up must hold figures (or nothing); figures must be of one kind."""
    reported: set[Location] = set()
    for s in sums:
        cells = [cell for _, cell in s.terms] + [s.total]
        for cell in cells:
            if cell.figure is None and cell.location not in reported:
                reported.add(cell.location)
                yield Problem(
                    cell.location,
                    spec.heading(cell.column),
                    f'{cell.row}: expected a figure such as 9,161, -1.75% or £1033.89, found "{cell.text}"',
                    f'the check "{s.check}" in content/tables.yaml adds this cell up; '
                    "leave the cell empty where the source gives no figure",
                )
        units = {cell.figure.unit for cell in cells if cell.figure is not None and not cell.figure.missing}
        if len(units) > 1:
            shown = " and ".join(sorted(f'"{u}"' if u else "plain numbers" for u in units))
            yield Problem(
                s.total.location,
                spec.heading(s.total.column),
                f'the check "{s.check}" adds figures of different kinds ({shown})',
                "a check adds like with like: amounts with amounts, percentages with percentages",
            )

"""The plan's data tables as open data: each table's figures as published, and what its checks found.

A table's CSV has the columns of ``content/tables/<id>.csv`` and its cells exactly as the
source publishes them (``9,161``, ``-1.75%``, ``-``); an empty cell is empty, never a zero.
The checks file has one record per sum a table's checks make, with its result.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.derive.arithmetic import check_table, describe, place
from generator.derive.markers import placements, table_anchor
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.model.tables import Table
from generator.render.opendata.resource import Column, ForeignKey, Resource, Row, Source


def _section_pages(plan: Plan) -> dict[str, str]:
    """Each placed table's section page, with the table's anchor."""
    placed = placements(plan)
    return {
        table.id: f"{paths.section(placed[table.id][0])}#{table_anchor(table)}"
        for table in plan.tables
        if table.id in placed
    }


def data_tables(source: Source) -> Iterator[Resource]:
    """An index of the data tables, then each table's figures as published."""
    plan = source.plan
    placed = _section_pages(plan)
    yield Resource(
        "tables",
        "The plan's data tables",
        "Each data table of the plan: what it shows, its size, and the result of its arithmetic checks.",
        (
            Column("id", "string", "The table's id; its figures are in tables/<id>.csv", required=True),
            Column("title", "string", "The source's own title for the table", required=True),
            Column("summary", "string", "What the table shows"),
            Column("units", "string", "The units of its figures"),
            Column("rows", "integer", "How many rows of figures it has", required=True),
            Column("columns", "integer", "How many columns it has", required=True),
            Column("checks", "integer", "How many sums its checks make"),
            Column(
                "checks_failing",
                "integer",
                "How many of those sums the published figures do not satisfy",
            ),
            Column(
                "checks_not_possible",
                "integer",
                "How many cannot be checked because the draft leaves a figure out",
            ),
            Column(
                "page",
                "string",
                "The address of the section page that shows it, relative to the site's root",
            ),
        ),
        tuple(_table_row(table, placed.get(table.id)) for table in plan.tables),
        primary_key=("id",),
    )
    for table in plan.tables:
        yield _figures(table, placed.get(table.id))


def _table_row(table: Table, page: str | None) -> Row:
    statuses = [comparison.status for comparison in check_table(table)]
    return {
        "id": table.id,
        "title": table.spec.title,
        "summary": table.spec.summary,
        "units": table.spec.units,
        "rows": len(table.rows),
        "columns": len(table.columns),
        "checks": len(statuses),
        "checks_failing": statuses.count("disagrees"),
        "checks_not_possible": statuses.count("cannot check"),
        "page": paths.site_url(page) if page is not None else None,
    }


def _figures(table: Table, page: str | None) -> Resource:
    units = f" Figures in {table.spec.units}." if table.spec.units else ""
    return Resource(
        f"table-{table.id}",
        table.spec.title,
        f"{table.spec.summary}{units} Cells exactly as the source publishes them; "
        "an empty cell is empty in the source.",
        tuple(
            Column(column, "string", table.heading(column) or "Row label", required=index == 0)
            for index, column in enumerate(table.columns)
        ),
        tuple({cell.column: cell.text or None for cell in row} for row in table.rows),
        formats=("csv",),
        folder="tables",
        page=page,
        stem=table.id,
    )


def table_checks(source: Source) -> Iterator[Resource]:
    """One record per sum the tables' checks make: the figures compared and the result."""
    plan = source.plan
    records: list[Row] = []
    for table in plan.tables:
        for comparison in check_table(table):
            total = comparison.sum.total
            records.append(
                {
                    "table_id": table.id,
                    "check": comparison.sum.check,
                    "direction": comparison.sum.direction,
                    "total": place(total, table),
                    "published": total.text or None,
                    "parts_add_up_to": _number(comparison.expected),
                    "difference": _number(comparison.difference),
                    "tolerance": _number(comparison.sum.tolerance),
                    "status": comparison.status,
                    "missing_figures": [place(cell, table) for cell in comparison.missing],
                    "finding": describe(comparison, table),
                }
            )
    yield Resource(
        "table-checks",
        "Arithmetic checks of the data tables",
        "Each sum implied by a data table's layout: the published parts added up and compared "
        "with the published total. A check never supplies a figure: where one is missing, the "
        "status is 'cannot check'.",
        (
            Column("table_id", "string", "The table checked", required=True),
            Column("check", "string", "What should add up, in words", required=True),
            Column(
                "direction",
                "string",
                "'down' (rows into a total row), 'across' (columns into a total column) or 'cells'",
                required=True,
            ),
            Column("total", "string", "The total's cell: its row label and column heading", required=True),
            Column(
                "published",
                "string",
                "The total as the table publishes it; empty when the draft leaves it out",
            ),
            Column(
                "parts_add_up_to",
                "number",
                "What the published parts add up to; empty when a part is missing",
            ),
            Column(
                "difference",
                "number",
                "The published total minus the sum of the parts; empty when they cannot be compared",
            ),
            Column("tolerance", "number", "The largest difference put down to rounding", required=True),
            Column("status", "string", "'agrees', 'disagrees' or 'cannot check'", required=True),
            Column(
                "missing_figures",
                "string",
                "The cells the check needs that hold no figure in the draft",
                many=True,
            ),
            Column("finding", "string", "What the check found, in words, as the site says it", required=True),
        ),
        tuple(records),
        foreign_keys=(ForeignKey("table_id", "tables", "id"),),
    )


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")

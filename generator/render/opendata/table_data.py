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
from generator.render.opendata.dictionary import declared, phrase
from generator.render.opendata.resource import Column, Resource, Row, Source

FOLDER = "tables"
"""The sub-folder of data/ holding each table's figures, one file per table."""


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
    yield declared("tables", tuple(_table_row(table, placed.get(table.id)) for table in plan.tables))
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
    spec = table.spec
    units = [phrase("figures_in", units=spec.units)] if spec.units else []
    return declared(
        "table-{id}",
        tuple({cell.column: cell.text or None for cell in row} for row in table.rows),
        words={"id": table.id, "title": spec.title, "summary_and_units": " ".join([spec.summary, *units])},
        columns=tuple(
            Column(column, "string", table.heading(column) or phrase("row_label"), required=index == 0)
            for index, column in enumerate(table.columns)
        ),
        formats=("csv",),
        folder=FOLDER,
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
    yield declared("table-checks", tuple(records))


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")

"""Data tables on section pages: each ``{{ table: ID }}`` line becomes the table and its check note.

The table is written as raw HTML (caption, ``th`` with ``scope``, figures right-aligned) by the
``data_table.md.j2`` template, so every value passes through :func:`generator.core.escape.html_text`.
Under it, a note says in words and with an icon whether the figures add up, where they do
not, and which sums cannot be checked because the draft leaves a figure out.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.derive.arithmetic import Comparison, check_table, describe, expression
from generator.derive.citations import IndicatorIndex
from generator.derive.markers import GAP_MARKER, PROGRESS_MARKER, scan_markers, table_anchor
from generator.model import urls as paths
from generator.model.base import Gap, Section
from generator.model.plan import Plan
from generator.model.tables import Table
from generator.model.urls import table_csv
from generator.render.fragments import gap_html
from generator.render.jinja import render
from generator.render.pages.progress import progress_table_html


@dataclass(frozen=True)
class ColumnView:
    """A column heading of a data table, and whether its figures align as numbers."""

    heading: str
    numeric: bool


@dataclass(frozen=True)
class CellView:
    """One cell as published: its text, how it aligns, whether a check misses its figure, and
    the indicator page it names (link and label), if any."""

    text: str
    numeric: bool
    gap: bool
    link: tuple[str, str] | None


@dataclass(frozen=True)
class CheckItem:
    """One arithmetic check of a table in words, with its sum written out."""

    text: str
    sum: str


def place_tables(
    section: Section,
    plan: Plan,
    gaps_href: str | None = None,
    csv_links: bool = True,
    index: IndicatorIndex | None = None,
) -> Markup:
    """The section's body with each table marker replaced by its table, each gap marker by a gap.

    On the site a gap links to the gaps page, each table to its CSV download and, given the
    plan's indicator ``index``, a column of codes to the indicators' pages; the PDF passes its
    own ``gaps_href`` (an anchor in the document) and no links.
    """
    tables = {table.id: table for table in plan.tables}
    page = paths.section(section)
    gaps_href = gaps_href or paths.html_link(page, paths.GAPS)
    lines = section.body.split("\n")
    for marker in scan_markers(section):
        table = tables.get(marker.table_id or "")
        if table is not None:
            csv_href = paths.file_href(page, table_csv(table.id)) if csv_links else None
            hrefs = _indicator_hrefs(table, page, index) if csv_links and index else {}
            lines[marker.index] = "\n" + table_html(table, csv_href, hrefs).rstrip("\n") + "\n"
        elif gap := GAP_MARKER.match(marker.text):
            lines[marker.index] = gap_html(Gap(missing=gap["words"]), gaps_href)
        elif (progress := PROGRESS_MARKER.match(marker.text)) and (
            summary := progress_table_html(plan, progress["id"], page, gaps_href, links=csv_links)
        ):
            lines[marker.index] = "\n" + summary.rstrip("\n") + "\n"
    # The body is the officer's Markdown, published as Markdown (validate refuses raw HTML in it).
    return Markup("\n".join(lines))


def _indicator_hrefs(table: Table, page: str, index: IndicatorIndex) -> dict[str, tuple[str, str]]:
    """Cell text → (link to its indicator's page, the indicator's label), for a column of codes.

    The link says the code in full ("LPSA 2", not "2"), so that it makes sense on its own.
    """
    linked = table.spec.indicators
    if linked is None:
        return {}
    found = {}
    for row in table.rows:
        for cell in row:
            indicator = index.codes.get((linked.family, cell.text.strip()))
            if cell.column == linked.column and indicator is not None:
                href = paths.html_link(page, paths.indicator(indicator.id))
                found[cell.text] = (href, indicator.label)
    return found


def table_html(
    table: Table, csv_href: str | None = None, hrefs: dict[str, tuple[str, str]] | None = None
) -> str:
    """One table as an accessible HTML block, followed by what its checks found.

    ``csv_href``, when given, links the table's figures as a CSV download; ``hrefs`` links the
    cells of the table's column of indicator codes (the LPSA areas) to their pages.
    """
    comparisons = check_table(table)
    numeric = _numeric_columns(table)
    return render(
        "data_table.md.j2",
        anchor=table_anchor(table),
        title=table.spec.title,
        summary=table.spec.summary,
        units=table.spec.units,
        notes=table.spec.notes,
        columns=[
            ColumnView(heading=table.heading(column), numeric=numeric.get(column, False))
            for column in table.columns
        ],
        rows=_cell_rows(table, numeric, _gap_cells(comparisons), hrefs or {}),
        **_check_note(comparisons, table),
        csv_href=csv_href,
    )


def _numeric_columns(table: Table) -> dict[str, bool]:
    """Columns whose every cell is a figure (or a dash) and at least one a real one: right-aligned."""
    return {
        column: any(cell.figure is not None and not cell.figure.missing for cell in cells)
        and all(cell.figure is not None for cell in cells)
        for column, cells in zip(table.columns, zip(*table.rows, strict=True), strict=False)
    }


def _gap_cells(comparisons: list[Comparison]) -> set[tuple[str, str]]:
    """(row, column) of each cell a check needs and the draft leaves empty; a published dash is
    shown as it is."""
    return {
        (cell.row, cell.column)
        for comparison in comparisons
        for cell in comparison.missing
        if cell.figure is not None and cell.figure.blank
    }


def _cell_rows(
    table: Table, numeric: dict[str, bool], gaps: set[tuple[str, str]], hrefs: dict[str, tuple[str, str]]
) -> list[list[CellView]]:
    linked = table.spec.indicators.column if table.spec.indicators else None
    return [
        [
            CellView(
                text=cell.text,
                numeric=numeric.get(cell.column, False),
                gap=(cell.row, cell.column) in gaps,
                link=hrefs.get(cell.text) if cell.column == linked else None,
            )
            for cell in row
        ]
        for row in table.rows
    ]


def _check_note(comparisons: list[Comparison], table: Table) -> dict[str, object]:
    """What the note under the table needs: its state and the checks in words, by result."""
    disagreements = [c for c in comparisons if c.status == "disagrees"]
    unchecked = [c for c in comparisons if c.status == "cannot check"]
    return {
        "checked": bool(comparisons),
        "state": "problem" if disagreements else "incomplete" if unchecked else "ok",
        "disagreements": _items(disagreements, table),
        "unchecked": _items(unchecked, table),
        "agreed": sum(1 for c in comparisons if c.status == "agrees"),
        "rounded": _items([c for c in comparisons if c.rounded], table),
        "check_names": list(dict.fromkeys(c.sum.check for c in comparisons)),
    }


def _items(comparisons: list[Comparison], table: Table) -> list[CheckItem]:
    return [CheckItem(text=describe(c, table), sum=expression(c, table)) for c in comparisons]

"""The typed model of ``content/tables.yaml``: what each data table is and how it must add up.

The figures themselves live in CSV files beside it (``content/tables/*.csv``) exactly as the
source publishes them; this file only says what each table is called, how to read it, and
which sums its structure implies. A check never supplies a figure: it compares the published
total with the sum of the published parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from generator.core.figures import Figure
from generator.core.problems import Location
from generator.model.base import Id, Line, Model

CsvName = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*\.csv$"),
    Field(description="A file name in content/tables/, e.g. `sources-of-income.csv`."),
]
Labels = Annotated[list[Line], Field(min_length=1)]


class DownCheck(Model):
    """Rows that add up to a total row, in each of some columns."""

    add: Labels = Field(description="First-column labels of the rows that are added.")
    subtract: list[Line] = Field(
        default_factory=list, description="First-column labels of rows that are taken away."
    )
    total: Line = Field(description="First-column label of the row that holds the total.")
    columns: list[Line] | None = Field(
        default=None,
        description="Column headings the sum holds in; leave out for every column but the first.",
    )


class AcrossCheck(Model):
    """Columns that add up to a total column, in each of some rows."""

    add: Labels = Field(description="Headings of the columns that are added.")
    subtract: list[Line] = Field(
        default_factory=list, description="Headings of columns that are taken away."
    )
    total: Line = Field(description="Heading of the column that holds the total.")
    rows: Labels = Field(description="First-column labels of the rows the sum holds in.")


class CellRef(Model):
    """One cell, named by its row's first-column label and its column heading."""

    row: Line = Field(description="The row's first-column label.")
    column: Line = Field(description="The column's heading.")


class CellsCheck(Model):
    """Named cells that add up to a total cell (for tables laid out in steps)."""

    add: Annotated[list[CellRef], Field(min_length=1)] = Field(description="Cells that are added.")
    subtract: list[CellRef] = Field(default_factory=list, description="Cells that are taken away.")
    total: CellRef = Field(description="The cell that holds the total.")


class TableCheck(Model):
    """One sum that the table's structure implies; give exactly one of down, across, cells."""

    name: Line = Field(description="What should add up, in words, e.g. `Service Total`.")
    down: DownCheck | None = Field(default=None, description="Rows adding up to a total row.")
    across: AcrossCheck | None = Field(
        default=None, description="Columns adding up to a total column."
    )
    cells: CellsCheck | None = Field(default=None, description="Cells adding up to a total cell.")
    tolerance: Annotated[Decimal, Field(ge=0)] = Field(
        description=(
            "The largest difference put down to rounding: one unit in the last published "
            "place, e.g. `0.001` for £m to three decimals, `1` for £000."
        )
    )

    @model_validator(mode="after")
    def _one_shape(self) -> TableCheck:
        given = [name for name in ("down", "across", "cells") if getattr(self, name) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none of them"
            raise ValueError(f"give exactly one of down, across or cells (found {found})")
        return self


class IndicatorColumn(Model):
    """A column whose cells are indicator codes of one family (the LPSA table's area numbers)."""

    column: str = Field(description="The CSV heading of the column, e.g. `number`.")
    family: Literal["BVPI", "LPSA", "PAF", "LAA", "local"] = Field(
        description="The family the codes belong to: `LPSA` makes the cell `2` link to LPSA 2's page."
    )


class TableSpec(Model):
    """One data table: its CSV file, what the source calls it, and the sums it must satisfy."""

    id: Id = Field(description="The table's id: its CSV file name without `.csv`.")
    title: Line = Field(description="The source's own title, e.g. `Table 1: Medium Term Budget Strategy`.")
    file: CsvName
    summary: Line = Field(description="One or two sentences saying what the table shows.")
    units: Line | None = Field(default=None, description="The units of its figures, e.g. `£000`.")
    headings: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Column headings to show instead of the CSV's own (CSV heading: shown heading); "
            "an empty shown heading leaves the corner cell blank, as in the source."
        ),
    )
    notes: list[Line] = Field(
        default_factory=list,
        description="How the table was transcribed, e.g. that a multi-row header was flattened.",
    )
    checks: list[TableCheck] = Field(
        default_factory=list, description="The sums the table's structure implies."
    )
    indicators: IndicatorColumn | None = Field(
        default=None,
        description="A column of indicator codes: each cell links to its indicator's page.",
    )

    def heading(self, column: str) -> str:
        """The heading shown for a CSV column."""
        return self.headings.get(column, column)


class TablesFile(Model):
    """`content/tables.yaml`: every data table the plan publishes."""

    tables: list[TableSpec]


Direction = Literal["down", "across", "cells"]


@dataclass(frozen=True)
class Cell:
    """One cell of a table as published, with where it was written."""

    row: str
    column: str
    text: str
    figure: Figure | None
    location: Location


@dataclass(frozen=True)
class Sum:
    """One comparison a check makes: published cells, each added or taken away, and a total."""

    check: str
    direction: Direction
    terms: tuple[tuple[int, Cell], ...]
    total: Cell
    tolerance: Decimal


@dataclass(frozen=True)
class Table:
    """A data table ready to publish: its metadata, its cells, and its resolved sums."""

    spec: TableSpec
    file: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    sums: tuple[Sum, ...]

    @property
    def id(self) -> str:
        """The table's id, as used in section markers."""
        return self.spec.id

    def heading(self, column: str) -> str:
        """The heading shown for a column."""
        return self.spec.heading(column)

"""One open data resource: its columns, its rows, and how they are written as CSV and JSON.

A missing value is ``None``: an empty CSV cell, declared in the schema as the one missing
value, and ``null`` in JSON; never a zero. Where the draft leaves a field out, the resource has
a companion ``<field>_missing`` column holding the draft's own words (``to be completed``), so
a gap is explicit and never mistaken for "none". A list (``many``) is an array in JSON and one
item per line in a CSV cell. In CSV only, text that a spreadsheet would run as a formula starts
with an apostrophe; JSON holds every text exactly as written.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ConfigDict

from generator.core.downloads import compact_json, json_lines
from generator.core.escape import collapse, guard_formula
from generator.core.rendercache import reuse
from generator.derive.facts import Facts
from generator.model.base import Gap
from generator.model.plan import Plan
from generator.model.urls import resource_file

ColumnType = Literal["string", "integer", "number", "boolean", "date"]
Value = str | int | bool | list[str] | None
Row = Mapping[str, Value]
Format = Literal["csv", "json"]

MEDIA_TYPES: dict[Format, str] = {"csv": "text/csv", "json": "application/json"}


@dataclass(frozen=True)
class Source:
    """What every provider of open data reads: the plan, its derived facts, and the indicator
    downloads (made once per build, and both described here and listed on the pages)."""

    plan: Plan
    facts: Facts
    indicator_files: Mapping[str, bytes]


@dataclass(frozen=True)
class Column:
    """One field of a resource, as its schema describes it."""

    name: str
    type: ColumnType
    description: str
    many: bool = False
    """A list of strings: an array in JSON, one item per line in CSV."""
    required: bool = False

    def schema(self, fmt: Format) -> dict[str, Any]:
        """This column as a Table Schema field for a file of the given format."""
        described: dict[str, Any] = {"name": self.name}
        if self.many:
            described["type"] = "array" if fmt == "json" else "string"
            how = "a list" if fmt == "json" else "one item per line"
            described["description"] = f"{self.description} ({how})"
        else:
            described["type"] = self.type
            described["description"] = self.description
        if self.required:
            described["constraints"] = {"required": True}
        return described


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values are keys of another resource (as the dictionary declares it)."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # the dictionary's loader refuses a stray key
    column: str
    resource: str
    key: str


@dataclass(frozen=True)
class Resource:
    """A table of records the plan publishes as open data."""

    name: str
    """Lower-case and hyphens; the file name without its extension."""
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    formats: tuple[Format, ...] = ("csv", "json")
    folder: str = ""
    """A sub-folder of data/, e.g. ``tables`` for the plan's data tables."""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    page: str | None = None
    """The site page the records come from, which links to the files."""
    stem: str = ""
    """The file name without its extension, when it is not the resource's name."""
    prebuilt: Mapping[Format, bytes] | None = None
    """Files another module writes (indicators): described and listed here, written as given."""

    def path(self, fmt: Format) -> str:
        """The file of this resource in the given format, in the docs folder."""
        return resource_file(self.stem or self.name, fmt, self.folder)

    def render(self, fmt: Format) -> bytes:
        """The resource's file in the given format."""
        if self.prebuilt is not None:
            return self.prebuilt[fmt]
        return to_csv(self) if fmt == "csv" else to_json(self)


def to_csv(resource: Resource) -> bytes:
    """RFC 4180 CSV in UTF-8: a header row of column names, then one row per record.

    Each record's line is reused by ``bvpp serve`` while the record is unchanged
    (:mod:`generator.core.rendercache`): after an edit only the edited records are written again.
    """
    names = tuple(column.name for column in resource.columns)
    lines = [_csv_line(names)]
    for row in resource.rows:
        line = functools.partial(_csv_record, names, row)
        lines.append(reuse("csv-record", (names, row), line))
    return "".join(lines).encode("utf-8")


def _csv_record(names: tuple[str, ...], row: Row) -> str:
    return _csv_line(_csv_cell(row.get(name)) for name in names)


def _csv_line(cells: Iterable[str]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "\n".join(guard_formula(collapse(item)) for item in value)
    return guard_formula(value)


def to_json(resource: Resource) -> bytes:
    """A JSON array with one object per record, keys in column order (lines reused as for CSV)."""
    names = tuple(column.name for column in resource.columns)
    lines = [reuse("json-record", (names, row), functools.partial(_json_record, names, row))
             for row in resource.rows]
    return json_lines(lines)


def _json_record(names: tuple[str, ...], row: Row) -> str:
    return compact_json({name: row.get(name) for name in names})


def text_fields(name: str, value: str | list[str] | Gap | None) -> dict[str, Value]:
    """A field that may be a gap, as its value column and its ``<name>_missing`` column."""
    if isinstance(value, Gap):
        return {name: None, f"{name}_missing": value.missing}
    if isinstance(value, list):
        return {name: list(value), f"{name}_missing": None}
    return {name: value, f"{name}_missing": None}


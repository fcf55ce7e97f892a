"""The open data's dictionary: every resource's published words and keys, read from ``dictionary.yaml``.

A resource's title, description and columns (name, type, meaning, required, a list or not, with
a ``<field>_missing`` companion or not) and its keys are words and facts residents read in
``datapackage.json``; they are data, kept in one file that can be reviewed against
CONTENT-STYLE.md as a whole. The providers beside this module compute only what the plan
decides: the records, and the few words made from the plan, passed in by name and written where
the dictionary puts a ``{placeholder}``. The file ships inside the package; a mistake in it (an
unknown key, a missing description, a placeholder no provider fills) fails loudly, in the tests.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Mapping
from typing import TypedDict, Unpack

from pydantic import BaseModel, ConfigDict

from generator.core.strictyaml import parse_yaml
from generator.render.opendata.resource import Column, ColumnType, ForeignKey, Format, Resource, Row

FILE = "dictionary.yaml"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnEntry(_Entry):
    """One column as the dictionary declares it."""

    name: str
    type: ColumnType = "string"
    description: str
    required: bool = False
    many: bool = False
    gap: bool = False
    """The draft may leave the field out: a ``<name>_missing`` column follows with its words."""


class ResourceEntry(_Entry):
    """One resource as the dictionary declares it; ``columns`` is left out where the plan
    decides them (each data table's own columns)."""

    title: str
    description: str
    columns: tuple[str | ColumnEntry, ...] | None = None
    """A bare name is one of the dictionary's ``shared_columns``."""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()


class Dictionary(_Entry):
    """The whole file: phrases several descriptions share, shared columns, and the resources."""

    phrases: dict[str, str]
    """Words any description may use as ``{name}``; ``missing`` describes every gap column."""
    shared_columns: tuple[ColumnEntry, ...]
    resources: dict[str, ResourceEntry]


class Placement(TypedDict, total=False):
    """Where a resource's files go and how they are made: decided by its provider, not worded."""

    formats: tuple[Format, ...]
    folder: str
    page: str | None
    stem: str
    prebuilt: Mapping[Format, bytes] | None


def parse(text: str, file: str = FILE) -> Dictionary:
    """A dictionary from its YAML text; a syntax error or a wrong field raises, naming it."""
    doc, problems = parse_yaml(text, file)
    if doc is None or problems:
        raise ValueError("; ".join(problem.format() for problem in problems) or f"{file}: empty")
    return Dictionary.model_validate(doc.data)


@functools.cache  # the packaged file, not plan data: it is the same for every plan and build
def dictionary() -> Dictionary:
    """The packaged dictionary."""
    text = importlib.resources.files(__package__ or __name__).joinpath(FILE).read_text("utf-8")
    return parse(text)


def phrase(name: str, **words: str) -> str:
    """One of the dictionary's phrases, its placeholders filled with ``words``."""
    return dictionary().phrases[name].format_map(words)


def declared(
    name: str,
    rows: tuple[Row, ...],
    words: Mapping[str, str] | None = None,
    columns: tuple[Column, ...] | None = None,
    **placement: Unpack[Placement],
) -> Resource:
    """The resource the dictionary declares as ``name``, holding ``rows``.

    ``words`` fill the placeholders of its name, title and descriptions (a placeholder nobody
    fills raises ``KeyError``); ``columns`` are given exactly when the dictionary leaves them to
    the plan.
    """
    book = dictionary()
    entry = book.resources[name]
    filled = {**book.phrases, **(words or {})}
    if (columns is None) == (entry.columns is None):
        raise ValueError(f"{FILE}: {name}: columns must come from the dictionary or the plan, not both")
    return Resource(
        name.format_map(filled),
        entry.title.format_map(filled),
        entry.description.format_map(filled),
        columns if columns is not None else _columns(book, entry, filled),
        rows,
        primary_key=entry.primary_key,
        foreign_keys=entry.foreign_keys,
        **placement,
    )


def _columns(book: Dictionary, entry: ResourceEntry, words: Mapping[str, str]) -> tuple[Column, ...]:
    columns: list[Column] = []
    shared = {column.name: column for column in book.shared_columns}
    for item in entry.columns or ():
        column = shared[item] if isinstance(item, str) else item
        description = column.description.format_map(words)
        columns.append(Column(column.name, column.type, description, column.many, column.required))
        if column.gap:
            missing = book.phrases["missing"].format_map({**words, "field": column.name})
            columns.append(Column(f"{column.name}_missing", "string", missing))
    return tuple(columns)

"""The "Download the data" page: the whole plan as a PDF, and every open data file."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.downloads import Download
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.render.jinja import render
from generator.render.opendata.package import DataFiles
from generator.render.opendata.resource import Column, ColumnType
from generator.render.pages.views import LabelledValue

NAV_TITLE = "Download the data"


@dataclass(frozen=True)
class FileView:
    """One downloadable file: its name, link, format and size."""

    name: str
    href: str
    format: str
    size: str


@dataclass(frozen=True)
class ResourceView:
    """One kind of record on the downloads page, with its files."""

    title: str
    description: str
    records: int | None
    page_href: str | None
    files: list[FileView]
    columns: list[LabelledValue[str]]
    """Each column's name and what it holds, in words; none for a data table's own file."""


TYPE_WORDS: dict[ColumnType, str] = {
    "string": "",
    "integer": "a whole number",
    "number": "a number",
    "date": "a date, written as 2004-03-31",
    "boolean": "true or false",
}
"""A column's type as a reader of the download page would say it (text needs no word)."""


def meaning(column: Column) -> str:
    """What a column holds, for people: its description, then its kind and whether it is always given.

    ``Column("priorities", "integer", "How many priorities the theme has", required=True)``
    → "How many priorities the theme has. A whole number, always given."
    """
    kind = "a list: one item per line in CSV, an array in JSON" if column.many else TYPE_WORDS[column.type]
    said = ", ".join(part for part in (kind, "always given" if column.required else "") if part)
    return f"{column.description}." + (f" {said[:1].upper()}{said[1:]}." if said else "")


def downloads_page(plan: Plan, data: DataFiles, pdf: Download | None) -> str:
    """The page listing the PDF (when built) and every open data file with its size."""
    page = paths.DATA_PAGE
    by_kind: dict[str, list[Download]] = {}
    for item in data.listing:
        by_kind.setdefault(item.title, []).append(item)
    kinds = [
        ResourceView(
            title=title,
            description=files[0].description,
            records=files[0].records,
            page_href=paths.html_link(page, files[0].page) if files[0].page else None,
            files=[
                FileView(
                    name=f.path.rsplit("/", 1)[-1],
                    href=paths.file_href(page, f.path),
                    format=f.format,
                    size=f.size_text,
                )
                for f in files
            ],
            columns=[LabelledValue(column.name, meaning(column)) for column in data.columns.get(title, ())],
        )
        for title, files in by_kind.items()
    ]
    return render(
        "downloads.md.j2",
        page=page,
        title=NAV_TITLE,
        plan=plan.plan,
        pdf=pdf,
        kinds=kinds,
        descriptor=data.descriptor,
    )

"""The "Download the data" page: the whole plan as a PDF, and every open data file."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.downloads import Download
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.render.jinja import render
from generator.render.opendata.package import DataFiles

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

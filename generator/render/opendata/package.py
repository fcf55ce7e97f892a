"""The open data files of a plan and their Frictionless Data Package descriptor.

:func:`build_data` is pure: the plan in, ``{path: bytes}`` out (paths inside the generated
docs folder), with a listing of every file for the "Download the data" page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

from generator.core.downloads import Download
from generator.derive.changes import report as change_report
from generator.load.published import read_records
from generator.model.changes import COMPARED, Baseline, ChangeReport, Record
from generator.model.plan import Plan
from generator.model.urls import DATA_DESCRIPTOR as DESCRIPTOR
from generator.model.urls import DATA_FOLDER as FOLDER
from generator.render.opendata.records import compared_records
from generator.render.opendata.registry import report_resources, resources, source_for
from generator.render.opendata.resource import MEDIA_TYPES, Column, Format, Resource, Source
from generator.render.opendata.table_data import FOLDER as TABLES_FOLDER


@dataclass(frozen=True)
class DataFiles:
    """Every open data file: their bytes, and how the download page lists them."""

    files: dict[str, bytes]
    listing: tuple[Download, ...]
    descriptor: Download
    changes: ChangeReport
    """What has changed since ``baseline`` (the last publication), as the changes files list it."""
    columns: dict[str, tuple[Column, ...]]
    """Each resource's columns, by its title as the download page groups files; not each data
    table's own file (its columns are the table's headings, shown on its page)."""


def package_name(plan: Plan) -> str:
    """A name for the plan's files, e.g. ``harrow-bvpp-2004-05`` for Harrow Council's BVPP 2004/05."""
    council = re.sub(r"\s+council$", "", plan.plan.council.strip(), flags=re.IGNORECASE)
    words = f"{council} {plan.plan.short_title}"
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or "plan"


def publication_title(plan: Plan) -> str:
    """The plan's title as its data package gives it, e.g. ``Harrow Council: … 2004/05, Draft 1``."""
    meta = plan.plan
    return f"{meta.council}: {meta.title}" + (f", {meta.draft_label}" if meta.draft_label else "")


def plan_baseline(plan: Plan) -> Baseline:
    """An earlier version of the plan (from git) as the baseline a build compares with."""
    found = resources(source_for(plan))
    earlier = {r.name: r.render("csv") for r in found if r.name in COMPARED and "csv" in r.formats}
    records = {name: read_records(data) for name, data in earlier.items()}
    return Baseline(records, publication_title(plan), plan.plan.date, earlier)


def build_data(source: Source, baseline: Baseline | None = None) -> DataFiles:
    """Every resource as CSV (and JSON where it has one), plus ``data/datapackage.json``.

    The changes files compare the plan's records with ``baseline``'s: read from the files just
    written, so the comparison sees exactly what is published.
    """
    files: dict[str, bytes] = {}
    listing: list[Download] = []
    described: list[dict[str, Any]] = []
    columns: dict[str, tuple[Column, ...]] = {}

    def add(resource: Resource) -> None:
        if resource.folder != TABLES_FOLDER:
            columns[resource.title] = resource.columns
        for fmt in resource.formats:
            path = resource.path(fmt)
            files[path] = resource.render(fmt)
            described.append(_describe(resource, fmt, path))
            listing.append(
                Download(
                    path, resource.title, resource.description, fmt.upper(), len(files[path]),
                    records=len(resource.rows), page=resource.page,
                )
            )

    plan = source.plan
    found = resources(source)
    for resource in found:
        add(resource)
    report = change_report(*_compared(found, files, baseline))
    for resource in report_resources(report):
        add(resource)
    descriptor = (json.dumps(_package(plan, described), ensure_ascii=False, indent=2) + "\n").encode()
    files[DESCRIPTOR] = descriptor
    about = Download(
        DESCRIPTOR, "Data package descriptor",
        "Describes every file above: its columns, their types and meanings (Frictionless Data Package).",
        "JSON", len(descriptor),
    )
    return DataFiles(files, tuple(listing), about, report, columns)


def _compared(
    found: list[Resource], files: dict[str, bytes], baseline: Baseline | None
) -> tuple[Baseline | None, dict[str, list[Record]]]:
    """The baseline and this build's records, less every resource whose file is unchanged byte
    for byte (no change can be in it; the indicators stay: they name the figures' indicators)."""
    if baseline is None:
        return None, {}
    skippable = set(COMPARED) - {"indicators"}
    same = {
        r.name for r in found if r.name in skippable and baseline.files.get(r.name) == files[r.path("csv")]
    }
    changed = [r for r in found if r.name not in same]
    now = compared_records(changed, lambda resource: files[resource.path("csv")])
    before = {name: baseline.records[name] for name in baseline.records if name not in same}
    return replace(baseline, records=before), now


def _relative(path: str) -> str:
    return path.removeprefix(f"{FOLDER}/")


def _describe(resource: Resource, fmt: Format, path: str) -> dict[str, Any]:
    name = resource.name if fmt == "csv" else f"{resource.name}-{fmt}"
    schema: dict[str, Any] = {
        "fields": [column.schema(fmt) for column in resource.columns],
        "missingValues": [""],
    }
    if resource.primary_key:
        schema["primaryKey"] = list(resource.primary_key)
    if resource.foreign_keys and fmt == "csv":
        schema["foreignKeys"] = [
            {"fields": key.column, "reference": {"resource": key.resource, "fields": key.key}}
            for key in resource.foreign_keys
        ]
    described: dict[str, Any] = {
        "name": name,
        "path": _relative(path),
        "title": resource.title,
        "description": resource.description,
        "profile": "tabular-data-resource",
        "format": fmt,
        "mediatype": MEDIA_TYPES[fmt],
        "encoding": "utf-8",
        "schema": schema,
    }
    if fmt == "csv":
        described["dialect"] = {"delimiter": ",", "header": True}
    return described


def _package(plan: Plan, described: list[dict[str, Any]]) -> dict[str, Any]:
    meta = plan.plan
    label = f", {meta.draft_label}" if meta.draft_label else ""
    status = "final"
    if meta.status == "draft":
        status = "a draft: it is not final, and some of it is still to be completed"
    return {
        "profile": "tabular-data-package",
        "name": package_name(plan),
        "title": publication_title(plan),
        "description": (
            f"The data of {meta.council}'s {meta.title} ({meta.date.isoformat()}), which is {status}. "
            "Where the draft leaves a value out, the value is empty and a '_missing' column "
            "gives the draft's own words; see the 'gaps' resource for every such place."
        ),
        "sources": [{"title": f"{meta.council}, {meta.title}{label}, {meta.date.isoformat()}"}],
        # path and title only: the spec's "name" must be an Open Definition id, which
        # plan.yaml does not give
        **({"licenses": [{"path": meta.licence.url, "title": meta.licence.name}]} if meta.licence else {}),
        "resources": described,
    }

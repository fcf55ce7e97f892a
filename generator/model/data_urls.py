"""Where the open data files live in the generated docs folder (and so on the site)."""

from __future__ import annotations

FOLDER = "data"
PAGE = f"{FOLDER}/index.md"
"""The "Download the data" page."""
DESCRIPTOR = f"{FOLDER}/datapackage.json"


def resource_file(name: str, extension: str, folder: str = "") -> str:
    """A resource's file in the docs folder, e.g. ``data/outcomes.csv``."""
    sub = f"{folder}/" if folder else ""
    return f"{FOLDER}/{sub}{name}.{extension}"


def table_csv(table_id: str) -> str:
    """A data table's CSV, figures as published, e.g. ``data/tables/lpsa-areas.csv``."""
    return resource_file(table_id, "csv", "tables")

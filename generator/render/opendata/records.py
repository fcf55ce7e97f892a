"""A plan as the records a comparison reads: its open data CSV files, read back as text.

Read back through the same reader as the last published build's files
(:func:`generator.load.published.read_records`), so two versions are compared cell by cell
exactly as their readers see them, however each was made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.load.published import read_records
from generator.model.changes import COMPARED, Record
from generator.model.plan import Plan
from generator.render.opendata.registry import resources, source_for
from generator.render.opendata.resource import Resource


def compared_records(
    found: Iterable[Resource], csv_of: Callable[[Resource], bytes]
) -> dict[str, list[Record]]:
    """The rows of each compared resource among ``found``, from its CSV file (``csv_of``)."""
    return {
        resource.name: read_records(csv_of(resource))
        for resource in found
        if resource.name in COMPARED and "csv" in resource.formats
    }


def plan_records(plan: Plan) -> dict[str, list[Record]]:
    """The compared resources of ``plan``, each as its CSV file's rows."""
    return compared_records(resources(source_for(plan)), lambda resource: resource.render("csv"))

"""The one place each kind of record registers its open data resources.

A provider takes the plan with its facts (a :class:`~generator.render.opendata.resource.Source`)
and yields :class:`~generator.render.opendata.resource.Resource` values;
the files, the data package descriptor and the "Download the data" page follow from this list
alone. To publish a new kind (indicators, progress tasks, …), write a provider beside the
others and add it here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.derive.citations import has_indicators
from generator.derive.facts import Facts, derive_facts
from generator.model.changes import ChangeReport
from generator.model.plan import Plan
from generator.render.opendata import changes_data, indicator_data, plan_data, progress_data, table_data
from generator.render.opendata.indicator_files import indicator_files
from generator.render.opendata.resource import Resource, Source

Provider = Callable[[Source], Iterable[Resource]]
ReportProvider = Callable[[ChangeReport], Iterable[Resource]]

PROVIDERS: tuple[Provider, ...] = (
    plan_data.themes,
    plan_data.priorities,
    plan_data.outcomes,
    plan_data.directorates,
    plan_data.contacts,
    plan_data.gaps,
    table_data.data_tables,
    table_data.table_checks,
    indicator_data.indicators,
    progress_data.progress_tasks,
    progress_data.progress_updates,
)
"""Every provider, in the order their resources are listed."""


def source_for(plan: Plan, facts: Facts | None = None) -> Source:
    """What the providers read, for a plan on its own (an earlier version from git, a test)."""
    facts = facts or derive_facts(plan)
    downloads = indicator_files(facts.indicators) if has_indicators(plan) else {}
    return Source(plan, facts, downloads)


def resources(source: Source) -> list[Resource]:
    """Every open data resource of the plan, in registry order."""
    return [resource for provider in PROVIDERS for resource in provider(source)]


REPORT_PROVIDERS: tuple[ReportProvider, ...] = (changes_data.changes,)
"""Providers of what a build finds by comparing the plan with the last publication (no plan
alone makes these), listed after the plan's own."""


def report_resources(report: ChangeReport) -> list[Resource]:
    """The open data resources of what a build found, in registry order."""
    return [resource for provider in REPORT_PROVIDERS for resource in provider(report)]

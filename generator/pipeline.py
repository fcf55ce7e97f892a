"""The whole pipeline as plain functions: load → validate → build → write → MkDocs.

The command line and the tests both call these. Nothing here prints or exits: content
problems come back in a :class:`~generator.problems.Report`, and a build that cannot go on
raises :class:`~generator.problems.ContentError` carrying every problem.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import pages
from generator.load import load_content
from generator.models import Plan
from generator.problems import ContentError, Report
from generator.site import MkDocsSettings, publish
from generator.validate import validate
from generator.write import WriteResult, write_tree


@dataclass(frozen=True)
class Project:
    """Where a project's parts live; by default all under one folder."""

    root: Path
    content: Path
    docs: Path
    site: Path

    @classmethod
    def at(cls, root: Path, content: Path | None = None, site: Path | None = None) -> Project:
        """The standard layout under ``root``, with optional other content or site folders."""
        root = root.resolve()
        return cls(
            root=root,
            content=(content or root / "content").resolve(),
            docs=root / "build" / "docs",
            site=(site or root / "site").resolve(),
        )

    @property
    def config_file(self) -> Path:
        """The project's mkdocs.yml."""
        return self.root / "mkdocs.yml"


@dataclass
class Timings:
    """Seconds spent in each stage, for progress output and the benchmark."""

    stages: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str, started: float) -> float:
        """Record a stage that began at ``started``; return now."""
        now = time.perf_counter()
        self.stages[stage] = now - started
        return now


@dataclass
class CheckResult:
    """What ``check`` found: the plan (when it loaded) and every problem."""

    plan: Plan | None
    report: Report


@dataclass
class BuildResult:
    """What ``build`` did."""

    plan: Plan
    report: Report
    pages: int
    nav: list[Any]
    written: WriteResult
    timings: Timings


def check(project: Project) -> CheckResult:
    """Load and validate; never raises for content problems."""
    report = Report()
    plan, problems = load_content(project.content)
    report.extend(problems)
    if plan is not None:
        report.extend(validate(plan))
    return CheckResult(plan, report)


def generate(project: Project, strict: bool = False) -> BuildResult:
    """Load, validate, build pages and write the generated docs folder (no MkDocs)."""
    timings = Timings()
    started = time.perf_counter()
    result = check(project)
    started = timings.mark("load_validate", started)
    failing = result.report.errors + (result.report.warnings if strict else [])
    if result.plan is None or failing:
        raise ContentError(failing or result.report.sorted())
    sources = pages.build(result.plan)
    started = timings.mark("build", started)
    written = write_tree(sources.pages, project.docs)
    timings.mark("write", started)
    return BuildResult(
        result.plan, result.report, len(sources.pages), sources.nav, written, timings
    )


def build(project: Project, strict: bool = False) -> BuildResult:
    """Generate, then build and publish the site; the old site stays if anything fails."""
    result = generate(project, strict=strict)
    started = time.perf_counter()
    plan = result.plan.plan
    publish(
        MkDocsSettings(
            config_file=project.config_file,
            docs_dir=project.docs,
            nav=result.nav,
            site_name=f"{plan.council}: {plan.title}",
            extra={
                "bvpp": {
                    "status": plan.status,
                    "draft_label": plan.draft_label or "Draft",
                    "council": plan.council,
                    "title": plan.title,
                }
            },
        ),
        project.site,
    )
    result.timings.mark("mkdocs", started)
    return result

"""Progress plans: their files loaded into one located :class:`ProgressPlan` each, and queries.

Loading follows :mod:`generator.load`: each YAML file is parsed strictly and validated against
its model in :mod:`generator.model.progress`; problems come back as values, all of them.
Rules that need a whole plan (a task named in an update exists, a status is in the key) are
:mod:`generator.rules.progress`' job. The queries here (a task's update in a period, its
latest status) are what every report and page is computed from.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.problems import Location, Problem, Severity
from generator.load.documents import ContentLayout, load_section, load_yaml_file
from generator.model.base import ID_PATTERN
from generator.model.progress import (
    ProgressPlan,
    ProgressPlanFile,
    TasksFile,
    UpdatesFile,
)

FOLDER = "progress"
"""The content folder holding one folder per progress plan."""
DOCUMENT = "document.md"
"""A plan folder's source prose, word for word: front matter (id, title), then Markdown."""


def load_progress(layout: ContentLayout) -> tuple[list[ProgressPlan], list[Problem]]:
    """Every plan under ``content/progress/``; the plans that loaded, and every problem."""
    root = layout.root / FOLDER
    if not root.is_dir():
        return [], []
    plans: list[ProgressPlan] = []
    problems: list[Problem] = []
    for folder in layout.listing(root, "*"):
        if not folder.is_dir():
            problems.append(_not_read(layout, folder, "put each plan in its own folder"))
            continue
        plan = _load_plan(layout, folder, problems)
        if plan is not None:
            plans.append(plan)
    plans.sort(key=lambda p: (p.first_date(), p.id))
    return plans, problems


def _load_plan(layout: ContentLayout, folder: Path, problems: list[Problem]) -> ProgressPlan | None:
    shown = layout.display(folder)
    if not re.fullmatch(ID_PATTERN, folder.name):
        problems.append(
            Problem(
                Location(shown),
                "",
                f'expected a plan id as the folder name, found "{folder.name}"',
                "the folder name is the plan's web address: lower-case letters, digits and "
                "single hyphens",
            )
        )
        return None
    before = len(problems)
    config = load_yaml_file(layout, folder / "plan.yaml", ProgressPlanFile, problems)
    tasks = load_yaml_file(layout, folder / "tasks.yaml", TasksFile, problems)
    updates: dict[str, UpdatesFile] = {}
    files: dict[str, str] = {}
    for path in layout.listing(folder / "updates", "*"):
        if path.suffix != ".yaml" or not path.is_file():
            problems.append(_not_read(layout, path, "update files are YAML: <period-id>.yaml"))
            continue
        loaded = load_yaml_file(layout, path, UpdatesFile, problems)
        if loaded is not None:
            updates[path.stem] = loaded
            files[path.stem] = layout.display(path)
    document = None
    if (folder / DOCUMENT).is_file():
        document = load_section(layout, folder / DOCUMENT, problems)
    for path in layout.listing(folder, "*"):
        if path.name not in {"plan.yaml", "tasks.yaml", "updates", DOCUMENT}:
            problems.append(
                _not_read(layout, path, f"a plan folder holds plan.yaml, tasks.yaml, {DOCUMENT} and updates/")
            )
    failed = any(p.severity is Severity.ERROR for p in problems[before:])
    if config is None or tasks is None or failed:
        return None
    return ProgressPlan(folder.name, shown, config, tasks, updates, files, document)


def _not_read(layout: ContentLayout, path: Path, hint: str) -> Problem:
    return Problem(
        Location(layout.display(path)),
        "",
        "this file is not read, so it is not published",
        hint,
        Severity.WARNING,
        kind="progress",
    )

"""The two things an officer does with returns: make the templates, import what comes back.

Both load and check the content first: a return is made from, and written into, content that
builds. An import is checked twice: cell by cell against the plan (:mod:`.check`), then by
loading and validating a copy of the content with the return written in; only when both pass is
anything written, each file through a temporary file moved into place.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.files import atomic_write
from generator.core.problems import Location, Problem, Severity
from generator.core.words import count_words
from generator.load.plan import load_content
from generator.model.plan import Plan
from generator.returns.check import Changes, check_return
from generator.returns.content import new_texts
from generator.returns.read import read_return
from generator.returns.rows import ReturnPeriod, ReturnRows, return_rows
from generator.returns.template import write_csv_files, write_workbook
from generator.rules.plan import validate


@dataclass
class Imported:
    """What an import did (or, with ``dry_run``, would do)."""

    changes: Changes
    files: list[Path] = field(default_factory=list)
    """The content files written (those that would be, on a dry run)."""
    lines: list[str] = field(default_factory=list)
    """What was added and changed, one line each, for the officer."""


def _checked_plan(content: Path) -> tuple[Plan | None, list[Problem]]:
    plan, problems = load_content(content)
    if plan is not None:
        problems += validate(plan)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return (plan if not errors else None), errors


def make_template(
    content: Path, out: Path, period: ReturnPeriod, directorate: str | None, csv_files: bool
) -> tuple[tuple[ReturnRows, list[Path]] | None, list[Problem]]:
    """Write a return template for ``period`` (one directorate's, when given) to ``out``."""
    plan, problems = _checked_plan(content)
    if plan is None:
        return None, problems
    if directorate is not None and plan.directorate(directorate) is None:
        known = ", ".join(d.code for d in plan.directorates)
        return None, [
            Problem(
                Location("--directorate"),
                "",
                f'expected a directorate code ({known}), found "{directorate}"',
                "use a code from directorates.yaml",
                kind="usage",
            )
        ]
    rows = return_rows(plan, period, directorate)
    if csv_files:
        return (rows, write_csv_files(out, rows, period, directorate)), []
    write_workbook(out, rows, period, directorate)
    return (rows, [out]), []


def import_return(
    content: Path, path: Path, shown: str, *, replace: bool = False, dry_run: bool = False
) -> tuple[Imported | None, list[Problem]]:
    """Check the return at ``path`` whole; write it into ``content`` only if all of it passed."""
    plan, problems = _checked_plan(content)
    if plan is None:
        return None, problems
    found, problems = read_return(path, shown)
    if found is None or problems:
        more = check_return(plan, found, replace)[1] if found is not None else []
        return None, sorted(problems + more, key=Problem.sort_key)
    changes, problems = check_return(plan, found, replace)
    if changes is None:
        return None, sorted(problems, key=Problem.sort_key)
    texts = new_texts(plan, content, changes)
    problems = _still_builds(content, texts)
    if problems:
        return None, problems
    done = Imported(changes, sorted(texts), describe(changes))
    if not dry_run:
        for target, text in sorted(texts.items()):
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, text.encode("utf-8"))
    return done, []


def describe(changes: Changes) -> list[str]:
    """One line per figure and update added or changed, as the officer reads them."""
    lines = []
    for figure in changes.figures:
        what = f'{figure.label} ({figure.indicator}), "{figure.period}"'
        if figure.old is None:
            lines.append(f"added {what}: {figure.actual}")
        else:
            lines.append(f"changed {what}: {figure.old} -> {figure.actual}")
    for task in changes.tasks:
        status = f": {task.update.status}" if task.update.status else ""
        verb = "added" if task.old is None else "changed"
        was = f" (was {task.old.status or 'no status'})" if task.old is not None else ""
        lines.append(f"{verb} update {task.plan}/{task.update.task} for {changes.period.label}{status}{was}")
    if changes.unchanged:
        lines.append(f"{count_words(changes.unchanged, 'row')} already published as they are: unchanged")
    return lines


def _still_builds(content: Path, texts: dict[Path, str]) -> list[Problem]:
    """The errors of a copy of the content with the return written in (the content had none)."""
    with tempfile.TemporaryDirectory(prefix="bvpp-return-") as scratch:
        copy = Path(scratch) / content.name  # the same name: messages show the same paths
        shutil.copytree(content, copy)
        for target, text in texts.items():
            (copy / target.relative_to(content)).write_text(text, encoding="utf-8")
        return _checked_plan(copy)[1]

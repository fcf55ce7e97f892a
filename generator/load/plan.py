"""content/ → a Plan: the plan's own files, its sections, its tables, indicators and progress
plans, each loaded strictly; every problem comes back as a value, all of them at once."""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Location, Problem, Severity
from generator.load.documents import ContentLayout, load_section, load_yaml_file
from generator.load.indicators import load_indicators
from generator.load.progress import load_progress
from generator.load.tables import load_tables
from generator.model.glossary import GlossaryFile
from generator.model.plan import ContactsFile, CorrectionsFile, DirectoryFile, Plan, PlanFile, Theme


def load_content(root: Path) -> tuple[Plan | None, list[Problem]]:
    """Load every content file under ``root``; the plan, or None and the problems."""
    layout = ContentLayout(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [
            Problem(
                Location(root.as_posix()),
                "",
                "the content folder does not exist",
                "pass --content with the folder holding plan.yaml",
                kind="usage",
            )
        ]
    problems.extend(layout.files.problems())  # before anything is opened
    plan_file = load_yaml_file(layout, layout.plan, PlanFile, problems)
    directory = load_yaml_file(layout, layout.directorates, DirectoryFile, problems)
    contacts = load_yaml_file(layout, layout.contacts, ContactsFile, problems)
    corrections = (
        load_yaml_file(layout, layout.corrections, CorrectionsFile, problems)
        if layout.corrections.exists() or layout.files.is_refused(layout.corrections)
        else CorrectionsFile(corrections=[])
    )
    glossary = (
        load_yaml_file(layout, layout.glossary, GlossaryFile, problems)
        if layout.glossary.exists()
        else None
    )
    themes = [
        theme
        for path in layout.listing(layout.themes, "*.yaml")
        if (theme := load_yaml_file(layout, path, Theme, problems)) is not None
    ]
    sections = [
        section
        for path in layout.listing(layout.sections, "*.md")
        if (section := load_section(layout, path, problems)) is not None
    ]
    tables, found = load_tables(layout)
    problems.extend(found)
    indicators, found = load_indicators(layout)
    problems.extend(found)
    progress, found = load_progress(layout)
    problems.extend(found)
    failed = any(p.severity is Severity.ERROR for p in problems)
    if plan_file is None or directory is None or contacts is None or failed:
        return None, problems
    order = {item: index for index, item in enumerate(plan_file.contents)}
    themes.sort(key=lambda theme: order.get(theme.id, len(order)))
    sections.sort(key=lambda section: order.get(section.id, len(order)))
    plan = Plan(
        plan=plan_file,
        directorates=list(directory.directorates),
        contacts=list(contacts.contacts),
        themes=themes,
        sections=sections,
        corrections=list(corrections.corrections) if corrections else [],
        tables=tuple(tables),
        indicators=indicators,
        progress=tuple(progress),
        glossary=tuple(glossary.terms) if glossary else (),
    )
    return plan, problems

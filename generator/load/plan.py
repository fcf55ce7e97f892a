"""content/ → a Plan: the plan's own files, its sections, its tables, indicators and progress
plans, each loaded strictly; every problem comes back as a value, all of them at once."""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Location, Problem, Severity
from generator.core.strictyaml import parse_yaml, read_text
from generator.load.documents import ContentLayout, load_yaml_file, validate_document
from generator.load.indicators import load_indicators
from generator.load.progress import load_progress
from generator.load.tables import load_tables
from generator.model.glossary import GlossaryFile
from generator.model.plan import (
    ContactsFile,
    CorrectionsFile,
    DirectoryFile,
    Plan,
    PlanFile,
    Section,
    Theme,
)


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
    plan_file = load_yaml_file(layout, layout.plan, PlanFile, problems)
    directory = load_yaml_file(layout, layout.directorates, DirectoryFile, problems)
    contacts = load_yaml_file(layout, layout.contacts, ContactsFile, problems)
    corrections = (
        load_yaml_file(layout, layout.corrections, CorrectionsFile, problems)
        if layout.corrections.exists()
        else CorrectionsFile(corrections=[])
    )
    glossary = (
        load_yaml_file(layout, (layout.root / "glossary.yaml"), GlossaryFile, problems)
        if (layout.root / "glossary.yaml").exists()
        else None
    )
    themes = [
        theme
        for path in sorted(layout.themes.glob("*.yaml"))
        if (theme := load_yaml_file(layout, path, Theme, problems)) is not None
    ]
    sections = [
        section
        for path in sorted(layout.sections.glob("*.md"))
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


def load_section(layout: ContentLayout, path: Path, problems: list[Problem]) -> Section | None:
    """A narrative Markdown file: front matter between ``---`` lines, then the body."""
    file = layout.display(path)
    text, found = read_text(path, file)
    if text is None:
        problems.extend(found)
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(
                Location(file, 1, 1),
                "",
                "expected front matter: a first line '---', the fields, then '---'",
                "start the file with ---, id: …, title: …, ---",
            )
        )
        return None
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        problems.append(
            Problem(
                Location(file, 1, 1),
                "",
                "front matter is not closed: no second '---' line",
                "add a line '---' after the last field",
            )
        )
        return None
    front = "\n" + "\n".join(lines[1:end])
    doc, found = parse_yaml(front, file)
    if doc is None:
        problems.extend(found)
        return None
    if isinstance(doc.data, dict) and ({"body", "body_line"} & doc.data.keys()):
        problems.append(
            Problem(doc.location(()), "body", "is set by the file's text, not front matter")
        )
        return None
    body = "\n".join(lines[end + 1 :]).strip("\n") + "\n"
    first_body_line = end + 2
    return validate_document(
        doc, Section, problems, extra={"body": body, "body_line": first_body_line}
    )

"""Shared fixtures: a throwaway copy of the project, so tests never touch the real one."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline
from generator.model.plan import Plan
from generator.pipeline import Project

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (holds mkdocs.yml, content/, theme/)."""


def copy_project(destination: Path, content: Path | None = None) -> Project:
    """A copy of mkdocs.yml, theme/ and content/ (or another content folder) under ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", destination / "theme")
    shutil.copytree(content or ROOT / "content", destination / "content")
    return Project.at(destination)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the bundled project in a temporary folder."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def write_content(tmp_path: Path) -> Callable[[dict[str, str]], Project]:
    """Make a project whose content is the bundled content with some files replaced.

    Pass ``{"themes/environment.yaml": "...text..."}``; a value of ``""`` deletes the file.
    """

    made = iter(range(1_000))

    def make(files: dict[str, str]) -> Project:
        project = copy_project(tmp_path / f"edited-{next(made)}")
        for rel, text in files.items():
            target = project.content / rel
            if text == "":
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        return project

    return make


def require(available: bool, what: str) -> None:
    """Skip a test when a system tool is missing on a developer's machine; fail under CI.

    CI installs everything (scripts/system-deps.sh), so a missing tool there is a broken setup,
    never a reason to pass quietly.
    """
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: scripts/system-deps.sh should have installed it")
    pytest.skip(f"{what} is not installed (run scripts/system-deps.sh as root)")


def without_card_markup(text: str) -> str:
    """A page's tables as their templates write them: the table roles and cell headings that
    make them cards on a phone (generator/render/cards.py) taken out, for tests about content."""
    return re.sub(r' (?:role="(?:table|rowgroup|row|rowheader|columnheader|cell)"|data-label="[^"]*")', "", text)


def as_written(text: str) -> str:
    """A page as its templates write it, before the finishing pass: no ``<abbr>`` around the
    first use of a term and no card markup, for tests about what the page says."""
    return without_card_markup(re.sub(r'<abbr title="[^"]*">([^<]*)</abbr>', r"\1", text))


@pytest.fixture(scope="session")
def bundled_plan() -> Plan:
    """The bundled plan, loaded and checked once: for tests that only read it."""
    result = pipeline.check(Project.at(ROOT))
    assert result.plan is not None, [p.format() for p in result.report.problems]
    return result.plan

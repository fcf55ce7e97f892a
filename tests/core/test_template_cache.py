"""Compiled templates are reused between builds, and an edited template is never served stale."""

from __future__ import annotations

import pytest

from generator import pipeline
from generator.core.templatecache import CACHE_DIR
from generator.pipeline import Project

pytestmark = pytest.mark.site


def test_an_edited_theme_template_is_compiled_afresh(project: Project) -> None:
    pipeline.build(project, pdf=False)
    cached = sorted((project.root / CACHE_DIR).rglob("*.cache"))
    assert cached, "the first build keeps its compiled templates"
    main = project.root / "theme" / "main.html"
    text = main.read_text(encoding="utf-8")
    marker = "Edited override, compiled afresh"
    main.write_text(text.replace(": not final.", f": not final. {marker}"))
    pipeline.build(project, pdf=False)
    assert marker in (project.site / "index.html").read_text(encoding="utf-8")
    main.write_text(text, encoding="utf-8")
    pipeline.build(project, pdf=False)  # and back: the old compiled version is right again
    assert marker not in (project.site / "index.html").read_text(encoding="utf-8")

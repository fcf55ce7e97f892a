"""One real build of the bundled plan, PDF included, shared by the PDF, open data and engine tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import pipeline
from generator.pipeline import Project
from generator.render.pdf import pdf_path
from tests.conftest import copy_project


@dataclass(frozen=True)
class FullBuild:
    """A project built with ``bvpp build`` (PDF and open data included), and what the build said."""

    project: Project
    result: pipeline.BuildResult

    @property
    def pdf(self) -> Path:
        """The published PDF."""
        return self.project.site / pdf_path(self.result.plan)

    @property
    def data(self) -> Path:
        """The published open data folder."""
        return self.project.site / "data"


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> FullBuild:
    """Build a copy of the bundled project once, the way ``bvpp build`` does (with the PDF)."""
    project = copy_project(tmp_path_factory.mktemp("downloads") / "project")
    return FullBuild(project, pipeline.build(project, pdf=True))

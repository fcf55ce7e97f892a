"""Board summaries lead with the source's own count; nothing reported is one sentence, never zeros."""

from __future__ import annotations

import re

import pytest

from generator import pipeline
from generator.pipeline import Project
from generator.render import pages
from generator.render.pages.progress_views import ICONS
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    result = pipeline.check(Project.at(ROOT))
    assert result.plan is not None
    return pages.build(result.plan, None).pages


def _headline(page: str) -> str:
    found = re.search(r'<p class="bvpp-headline">(.*?)</p>', page, re.S)
    assert found, "the report has no headline"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def test_the_work_plan_headline_leads_with_15_work_areas_12_completed(built: dict[str, str]) -> None:
    line = _headline(built["progress/hsp-work-plan/2007-06.md"])
    assert line.startswith("The source states: 15 work areas for completion by the Board during 2006, 12 completed")
    assert line.endswith("The data names 4 work areas: ✗ Outstanding 4.")
    assert "Completed 0" not in built["progress/index.md"]
    assert "15 work areas" in built["progress/index.md"]


@pytest.mark.parametrize(
    ("page", "sentence"),
    [
        ("progress/cpa-idea-improvement-plan/2003-09.md",
         "No status reported: the September 2003 report gives progress in words for 33 of the 34 tasks, "
         "but no status for any of them."),
        ("progress/bvpp-improvement-plan/2003-04.md",
         "No status reported: the 2003/04 report gives progress in words for 1 of the 32 tasks, "
         "but no status for any of them."),
    ],
)
def test_where_no_status_was_reported_one_sentence_replaces_the_zeros(
    built: dict[str, str], page: str, sentence: str
) -> None:
    assert _headline(built[page]) == sentence
    summary = built[page].split("## Summary", 1)[1].split("\n## ", 1)[0]
    assert "<table" not in summary  # no table of zero counts


def test_each_status_has_its_own_shape() -> None:
    assert len(set(ICONS.values())) == len(ICONS)
    circles = "○◌◯◍◎●◐◑"  # a dotted and an empty circle look alike at text size (issue 16)
    assert sum(1 for icon in ICONS.values() if icon in circles) <= 2  # "underway" and "not started" only

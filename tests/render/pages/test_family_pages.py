"""The family of plans and reports: progress headlines, programme records, the data river, the
family's listing and navigation, and the progress pages, each from the bundled plans."""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from generator.derive.facts import derive_facts
from generator.derive.progress_report import period_report
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.model.progress import ProgressPlan
from generator.render.pages.family import by_body, family, members, nav_entries
from generator.render.pages.programme import plural, programme_page, record_rows
from generator.render.pages.progress import progress_pages, progress_table_html
from generator.render.pages.progress_headline import headline, nothing_reported
from generator.render.pages.river import data_river_page, streams


def progress(plan: Plan, plan_id: str) -> ProgressPlan:
    return next(p for p in plan.progress if p.id == plan_id)


def test_a_headline_leads_with_the_sources_own_count(bundled_plan: Plan) -> None:
    work = progress(bundled_plan, "hsp-work-plan")
    report = period_report(work, work.config.periods[0])
    assert nothing_reported(report) is None
    text = str(headline(report))
    assert text.startswith("The source states: 15 work areas for completion by the Board during 2006, 12 completed;")
    assert "The data names 4 work areas: " in text


def test_words_without_a_status_and_no_update_at_all_are_one_sentence_each(bundled_plan: Plan) -> None:
    cpa = progress(bundled_plan, "cpa-idea-improvement-plan")
    period = cpa.config.periods[0]
    assert nothing_reported(period_report(cpa, period)) == (
        "No status reported: the September 2003 report gives progress in words for 33 of the 34 tasks, "
        "but no status for any of them."
    )
    silent = dataclasses.replace(cpa, updates={}, update_files={})
    assert nothing_reported(period_report(silent, period)) == (
        "Nothing reported yet: the September 2003 report has no update for any of the 34 tasks."
    )
    assert str(headline(period_report(silent, period))).startswith("Nothing reported yet")


def test_a_programmes_record_is_its_cover_in_order(bundled_plan: Plan) -> None:
    cip = progress(bundled_plan, "council-improvement-programme")
    rows = [(r.label, r.value) for r in record_rows(cip)]
    assert rows[:4] == [("From", "Harrow Council"), ("Kind", "Improvement programme"),
                        ("Meeting", "Cabinet"), ("Date", "19 July 2007")]
    assert ("Also printed", "(Executive-side only)") in rows
    assert rows[-1][0] == "Levels"
    page = programme_page(bundled_plan, cip, Markup("TASKS-HERE"))
    assert "TASKS-HERE" in page and "Cabinet" in page
    assert "the projects are not named in the source" in page  # 200 stated, none named: a gap


def test_plural() -> None:
    assert [plural(w) for w in ("Priority", "Project", "Actions", "Day")] == ["Priorities", "Projects", "Actions", "Days"]


def test_the_family_is_grouped_by_body_bvpp_first(bundled_plan: Plan) -> None:
    listed = members(bundled_plan)
    assert listed[0].path == paths.HOME and listed[0].title == bundled_plan.plan.title
    assert [m.title for m in listed[1:]] == [p.config.title for p in bundled_plan.progress]
    assert list(by_body(bundled_plan)) == ["Harrow Council", "Harrow Strategic Partnership"]
    nav = nav_entries(bundled_plan)
    assert nav[0] == {"All plans and reports": "progress/index.md"}
    assert str(family(bundled_plan, paths.HOME)).count("<caption") == 2


def test_the_data_river_follows_the_content(bundled_plan: Plan) -> None:
    groups = dict(streams(bundled_plan))
    assert next(iter(groups)) == bundled_plan.plan.title
    bvpp = [s.data for s in groups[bundled_plan.plan.title]]
    assert "The figures of Areas covered in the Local Public Services Agreement" in bvpp
    # the improvement plan's table is placed in a section of the BVPP: that stream says so
    improvement = groups["Harrow's Improvement Plan"]
    assert any(o.path == "plan/cpa-and-improvement-plan.md" for s in improvement for o in s.outlets)
    assert "Areas covered in the Local Public Services Agreement" in data_river_page(bundled_plan)


def test_progress_pages_for_each_plan_and_period(bundled_plan: Plan) -> None:
    made = dict(progress_pages(bundled_plan, derive_facts(bundled_plan).catalogue))
    assert "progress/index.md" in made
    for plan in bundled_plan.progress:
        assert f"progress/{plan.id}/index.md" in made
        for period in plan.config.periods:
            assert f"progress/{plan.id}/{period.id}.md" in made
    table = progress_table_html(bundled_plan, "bvpp-improvement-plan", "plan/cpa-and-improvement-plan.md")
    assert table is not None and "<table" in table
    assert progress_table_html(bundled_plan, "no-such-plan", "plan/x.md") is None

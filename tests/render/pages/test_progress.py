"""Progress tracking: plans of tasks, status updates per period, and the reports made from them.

The bundled plans are the real ones (the CPA/IDeA improvement plan, Harrow's Improvement Plan in
the BVPP 2004/05, the HSP Board's work and improvement plans). Every count on every page is
computed from the task data, so changing one status must change every page that summarises it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import pipeline
from generator.core.problems import Severity
from generator.derive.progress_report import period_report
from generator.pipeline import Project
from generator.render import pages
from generator.render.pages.progress_views import rich_html
from tests.conftest import ROOT, without_card_markup

WORK = "progress/hsp-work-plan"
BVPP = "progress/bvpp-improvement-plan"
SECTION = "plan/cpa-and-improvement-plan.md"


def built(project: Project) -> dict[str, str]:
    """Every generated page of a project (load, validate, build: no MkDocs)."""
    result = pipeline.check(project)
    assert result.plan is not None, [p.format() for p in result.report.errors]
    assert result.report.errors == []
    return {path: without_card_markup(text) for path, text in pages.build(result.plan, None).pages.items()}


def count(page: str, means: str, label: str) -> int:
    """The count a summary table gives beside one status badge."""
    badge = re.escape(f'bvpp-pstatus--{means}"><span class="bvpp-pstatus__icon" aria-hidden="true">')
    found = re.search(badge + r"[^<]*</span> " + re.escape(label) + r"</span></th> <td>(\d+)</td>", page)
    assert found, f"no count for {label}"
    return int(found.group(1))


def edit(project: Project, rel: str, old: str, new: str) -> str:
    text = (project.content / rel).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture(scope="module")
def bundled() -> dict[str, str]:
    return built(Project.at(ROOT))


def test_every_plan_has_an_index_entry_a_page_reports_and_a_browse_page(bundled: dict[str, str]) -> None:
    index = bundled["progress/index.md"]
    for plan, periods in {
        "cpa-idea-improvement-plan": ["2003-09"],
        "bvpp-improvement-plan": ["2003-04"],
        "hsp-work-plan": ["2007-06"],
        "hsp-improvement-plan": ["2007-06"],
    }.items():
        assert f'href="{plan}/"' in index
        for path in ["index.md", "browse.md", *(f"{p}.md" for p in periods)]:
            assert f"progress/{plan}/{path}" in bundled


def test_the_nav_presents_the_family_each_document_once_with_its_year() -> None:
    result = pipeline.check(Project.at(ROOT))
    assert result.plan is not None
    nav = pages.build_nav(result.plan)
    entries = [item["Plans and reports"] for item in nav if "Plans and reports" in item]
    assert len(entries) == 1
    family = entries[0]
    assert family[0] == {"All plans and reports": "progress/index.md"}
    assert family[-1] == {"Data river: which data feeds which report": "data-river.md"}
    bodies = {k: v for item in family[1:-1] for k, v in item.items()}
    assert list(bodies) == ["Harrow Council", "Harrow Strategic Partnership"]
    council = [next(iter(d)) for d in bodies["Harrow Council"]]
    assert "Council Improvement Programme 2007-10 (2007)" in council
    partnership = [next(iter(d)) for d in bodies["Harrow Strategic Partnership"]]
    assert "Progress Report from the Harrow Chief Executives Group (2009)" in partnership
    # Shallow: each plan's own page only, never its period reports.
    assert all(path.endswith("/index.md") for group in bodies.values() for d in group for path in d.values())
    assert "progress/" not in repr([item for item in nav if "Plans and reports" not in item])


def test_level_names_come_from_each_plans_config(bundled: dict[str, str]) -> None:
    assert "levels: Priority Area › Task" in bundled["progress/cpa-idea-improvement-plan/index.md"]
    assert "## Every work area in this report" in bundled[f"{WORK}/2007-06.md"]
    assert '<th scope="col">Work area</th>' in bundled[f"{WORK}/index.md"]
    assert "## Every action in this report" in bundled["progress/hsp-improvement-plan/2007-06.md"]
    # the counts by status count the plan's own things, under the plan's own word
    assert '<th scope="col">Status</th> <th scope="col">Work areas</th>' in bundled[f"{WORK}/2007-06.md"]


def test_a_report_is_reached_through_plans_and_reports(bundled: dict[str, str]) -> None:
    """The breadcrumbs name the index as the nav does: "Plans and reports"."""
    for page in (f"{WORK}/index.md", f"{WORK}/2007-06.md", f"{WORK}/browse.md"):
        assert "Plans and reports</a>" in bundled[page], page
        assert ">Progress</a>" not in bundled[page]


def test_status_is_text_and_shape_not_colour_alone(bundled: dict[str, str]) -> None:
    page = bundled[f"{WORK}/2007-06.md"]
    badges = re.findall(r'<span class="bvpp-pstatus bvpp-pstatus--(\S+?)"><span class="bvpp-pstatus__icon" '
                        r'aria-hidden="true">(.)</span> ([^<]+)</span>', page)
    assert badges
    shapes = {means: icon for means, icon, _label in badges}
    assert shapes["outstanding"] == "✗" and shapes["done"] == "✓"
    assert all(label.strip() for _m, _i, label in badges)


def test_overdue_is_judged_at_the_periods_end_never_today(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    rel = f"{WORK}/plan.yaml"
    page = built(project)[f"{WORK}/2007-06.md"]
    overdue = page.split("## Overdue at 14 June 2007", 1)[1].split("##", 1)[0]
    assert overdue.count("\n- [") == 3 and "laa-reward-funding-project-plan" not in overdue
    before = built(write_content({rel: edit(project, rel, 'end: "2007-06-14"', 'end: "2006-06-30"')}))
    assert "No task with a due date is overdue at the end of the period." in before[f"{WORK}/2007-06.md"]
    after = built(write_content({rel: edit(project, rel, 'end: "2007-06-14"', 'end: "2008-06-30"')}))
    late = after[f"{WORK}/2007-06.md"].split("## Overdue at 30 June 2008", 1)[1].split("##", 1)[0]
    assert late.count("\n- [") == 4


def test_changing_one_status_changes_every_page_that_summarises_it(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    rel = f"{WORK}/updates/2007-06.yaml"
    old = "  - task: good-and-best-practice-with-gol\n    status: outstanding\n"
    new = "  - task: good-and-best-practice-with-gol\n    status: completed\n"
    original, changed = built(project), built(write_content({rel: edit(project, rel, old, new)}))
    for site, completed, outstanding in ((original, 0, 4), (changed, 1, 3)):
        report = site[f"{WORK}/2007-06.md"]
        assert count(report, "done", "Completed") == completed
        assert count(report, "outstanding", "Outstanding") == outstanding
        assert f"Outstanding</span> {outstanding}" in site["progress/index.md"]
        assert f"Outstanding</span> {outstanding}" in site[f"{WORK}/index.md"]
        browse = site[f"{WORK}/browse.md"]
        assert f"Outstanding</span> ({outstanding})" in browse
        listed = report.split("## Outstanding items and the reasons given", 1)[1].split("##", 1)[0]
        assert ("good-and-best-practice-with-gol" in listed) is (completed == 0)
    # The source's own counts stay as stated; the named tasks beside them follow the data.
    assert '<th scope="row">Completed</th> <td>12</td> <td>1</td>' in changed[f"{WORK}/index.md"]
    assert '<th scope="row">Not completed</th> <td>3</td> <td>2</td>' in changed[f"{WORK}/index.md"]


def test_the_bvpp_table_follows_a_status_given_in_the_task_data(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    rel = f"{BVPP}/updates/2003-04.yaml"
    old = "  - task: harrow-strategic-partnership\n"
    changed = built(write_content({rel: edit(project, rel, old, old + "    status: achieved\n")}))
    row = next(r for r in changed[SECTION].split("<tr>") if "Create Harrow Strategic Partnership" in r)
    assert "bvpp-pstatus--done" in row and "Task achieved by target date" in row
    assert count(changed[f"{BVPP}/2003-04.md"], "done", "Task achieved by target date") == 1
    assert "Task achieved by target date</span> 1" in changed["progress/index.md"]
    assert "(1 of 32 tasks reported so far)" in changed[SECTION]


def test_changes_since_the_previous_period_are_listed(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    plan_rel = f"{WORK}/plan.yaml"
    period = (
        '  - id: "2007-12"\n    title: "December 2007"\n    end: "2007-12-31"\n'
        "stated_totals:\n"
    )
    updates = (
        "updates:\n  - task: project-plan-for-2020-vision\n    status: completed\n"
        '    progress:\n      - "done"\n'
    )
    site = built(
        write_content(
            {
                plan_rel: edit(project, plan_rel, "stated_totals:\n", period),
                f"{WORK}/updates/2007-12.yaml": updates,
            }
        )
    )
    report = site[f"{WORK}/2007-12.md"]
    changes = report.split("## Changes since the previous report", 1)[1].split("##", 1)[0]
    assert changes.count('<tr><th scope="row">') == 4  # one completed, three no longer reported
    row = next(r for r in changes.split("<tr>") if "project-plan-for-2020-vision" in r)
    assert row.index("Outstanding") < row.index("Completed")
    assert "Previous report: [June 2007](2007-06.md)" in report
    assert "Next report: [December 2007](2007-12.md)" in site[f"{WORK}/2007-06.md"]
    # the plan's page shows each task's latest update: the December one where there is one
    plan_row = next(r for r in site[f"{WORK}/index.md"].split("<tr") if 'id="project-plan-for-2020-vision"' in r)
    assert "Completed" in plan_row and "(December 2007)" in plan_row


def test_a_stated_total_the_tasks_contradict_is_a_located_warning(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    rel = f"{WORK}/plan.yaml"
    edited = write_content({rel: edit(project, rel, 'completed: "12"', 'completed: "13"')})
    result = pipeline.check(edited)
    warnings = [p for p in result.report.warnings if p.kind == "arithmetic" and "progress" in p.location.file]
    assert len(warnings) == 1
    (warning,) = warnings
    assert (warning.location.file, warning.location.line) == (f"content/{rel}", _line(edited, rel, 'total: "15"'))
    assert warning.message == (
        "the stated total and the tasks disagree: 3 named tasks have another status, "
        "but the stated counts leave only 2"
    )
    page = built(edited)[f"{WORK}/2007-06.md"]
    assert "The named tasks disagree with the stated counts:" in page


def test_progress_gaps_join_the_draft_gaps(bundled: dict[str, str]) -> None:
    gaps = bundled["gaps.md"]
    assert "Progress: Harrow Strategic Partnership Board Work Plan" in gaps
    assert "12 of the 15 are not named in the source" in gaps
    assert "some items" in gaps
    assert gaps.count("left blank in the source") == 7


# --- bad input: located, all at once -----------------------------------------------------


def _line(project: Project, rel: str, needle: str) -> int:
    lines = (project.content / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, row in enumerate(lines, 1) if needle in row)


BAD = [
    (
        "status not in the key",
        f"{WORK}/updates/2007-06.yaml", "status: outstanding\n    progress:\n      - \"this has",
        "status: outstandng\n    progress:\n      - \"this has", "status: outstandng",
        "status: expected a status from the plan's key (completed, outstanding), found \"outstandng\"",
        'did you mean "outstanding"?',
    ),
    (
        "update of an unknown task",
        f"{WORK}/updates/2007-06.yaml", "task: good-and-best-practice-with-gol",
        "task: good-and-best-practice-with-goll", "good-and-best-practice-with-goll",
        'task: no task has the id "good-and-best-practice-with-goll"',
        'did you mean "good-and-best-practice-with-gol"?',
    ),
    (
        "unknown owner role",
        "progress/cpa-idea-improvement-plan/tasks.yaml", "      chief-officer: [\"PO\", \"TL\"]",
        "      chef-officer: [\"PO\", \"TL\"]", "chef-officer",
        'owners.chef-officer: unknown owner role "chef-officer"', 'did you mean "chief-officer"?',
    ),
    (
        "tasks at the wrong level",
        f"{WORK}/tasks.yaml", "tasks:\n", "groups:\n  - title: \"x\"\n    tasks: []\ntasks:\n", '- title: "x"',
        'expected a list of tasks under "tasks:", as the plan has one level (Work area)', "levels in plan.yaml",
    ),
    (
        "unknown plan in a section marker",
        "sections/08-cpa-and-improvement-plan.md", "{{ progress: bvpp-improvement-plan }}",
        "{{ progress: bvpp-improvment-plan }}", "bvpp-improvment-plan",
        'body: unknown progress plan "bvpp-improvment-plan"', 'did you mean "bvpp-improvement-plan"?',
    ),
    (
        "periods out of order",
        f"{WORK}/plan.yaml", 'end: "2007-06-14"', 'end: "2007-06-14"\n  - id: "2007-01"\n    title: "x"\n'
        '    end: "2007-01-31"', 'end: "2007-01-31"',
        "periods[1].end: expected a date after 2007-06-14 (the period before ends then), found 2007-01-31",
        "oldest first",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "needle", "message", "hint"), [c[1:] for c in BAD],
                         ids=[c[0] for c in BAD])
def test_bad_progress_content_is_a_located_error(
    project: Project, write_content: Callable[[dict[str, str]], Project],
    rel: str, old: str, new: str, needle: str, message: str, hint: str,
) -> None:
    edited = write_content({rel: edit(project, rel, old, new)})
    result = pipeline.check(edited)
    found = [p for p in result.report.errors if message in p.message or message in p.format()]
    assert found, [p.format() for p in result.report.errors]
    problem = found[0]
    assert problem.location.file == f"content/{rel}"
    assert problem.location.line == _line(edited, rel, needle)
    assert hint in problem.hint
    assert problem.severity is Severity.ERROR


def test_an_update_file_for_an_unknown_period_is_an_error(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    result = pipeline.check(write_content({f"{WORK}/updates/2007-6.yaml": "updates: []\n"}))
    messages = [p.format() for p in result.report.errors]
    assert any(
        m.startswith(f"content/{WORK}/updates/2007-6.yaml: \"2007-6\" is not a period of the plan") for m in messages
    ), messages


def test_an_unknown_field_in_a_plan_file_is_located_with_the_known_fields(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    rel = f"{WORK}/plan.yaml"
    result = pipeline.check(write_content({rel: edit(project, rel, "levels:", "level:")}))
    formatted = [p.format() for p in result.report.errors]
    assert any('unknown field "level"' in m and 'did you mean "levels"?' in m for m in formatted), formatted


def test_a_stated_total_needs_no_invented_number(bundled: dict[str, str]) -> None:
    page = bundled[f"{WORK}/index.md"]
    row = next(r for r in page.split("<tr>") if r.startswith('<th scope="row">In all</th>') and "some items" in r)
    assert "Not yet provided" in row and row.endswith("<td>1</td> </tr>\n")


# --- escaping ------------------------------------------------------------------------------


def test_progress_text_is_escaped_and_only_asterisks_make_emphasis() -> None:
    html = str(rich_html('Education *Re: Ofsted* <script>alert(1)</script> [x](javascript:y) 2 * 3'))
    assert "<em>Re: Ofsted</em>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "](" not in html
    assert html.startswith("Education <em>") and "</em> &lt;" in html


@given(st.text(max_size=80))
def test_rich_text_never_lets_markup_through(text: str) -> None:
    html = str(rich_html(text))
    assert re.sub(r"</?em>", "", html).count("<") == 0
    assert html.count("<em>") == html.count("</em>")


def test_report_counts_cover_every_task_once() -> None:
    result = pipeline.check(Project.at(ROOT))
    assert result.plan is not None
    for progress in result.plan.progress:
        for period in progress.config.periods:
            report = period_report(progress, period)
            assert sum(c.count for c in report.counts) == len(progress.tasks())


# --- the real site ------------------------------------------------------------------------


@pytest.mark.site
def test_the_real_site_builds_the_progress_pages_and_the_plans_table(tmp_path: Path) -> None:
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    pipeline.build(project, pdf=False)  # mkdocs build --strict: a broken link or anchor fails it
    site = project.site
    for path in ["progress", "progress/hsp-work-plan", "progress/hsp-work-plan/2007-06",
                 "progress/cpa-idea-improvement-plan/2003-09", "progress/bvpp-improvement-plan/browse"]:
        assert (site / path / "index.html").is_file(), path
    section = (site / "plan/cpa-and-improvement-plan/index.html").read_text(encoding="utf-8")
    assert '<caption id="progress-bvpp-improvement-plan-caption">Harrow&#x27;s Improvement Plan</caption>' in section
    assert 'href="../../progress/bvpp-improvement-plan/#harrow-strategic-partnership"' in section
    report = (site / "progress/cpa-idea-improvement-plan/2003-09/index.html").read_text(encoding="utf-8")
    assert "Education <em>Re: Ofsted LEA Inspection</em> All key actions" in report
    assert "<script" not in report.split("<article", 1)[1].split("</article>", 1)[0]


def test_flagship_terms_directorates_and_bvpp_links_are_shown_and_checked(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    rel = f"{WORK}/tasks.yaml"
    old = '    due_as_stated: "2007/08"\n'
    extra = (
        '    directorates: ["CE"]\n    outcomes: ["improved-recycling-levels"]\n    priorities: ["environment/A"]\n'
        '    flagship:\n      measure: "plans produced"\n      target: "1"\n      date: "2008-03-31"\n'
    )
    site = built(write_content({rel: edit(project, rel, old, old + extra)}))
    row = next(r for r in site[f"{WORK}/index.md"].split("<tr") if 'id="laa-reward-funding-project-plan"' in r)
    assert "Flagship action: measure: plans produced; target: 1; by 31 March 2008" in row
    assert 'href="../../outcomes/improved-recycling-levels/"' in row and "environment/A" in row
    browse = site[f"{WORK}/browse.md"]
    assert "### Chief Executive" in browse and "3 of the 4 work areas name no directorate" in browse
    wrong = extra.replace('["CE"]', '["XX"]').replace("improved-recycling-levels", "improved-recycling").replace(
        "environment/A", "environment/Z"
    )
    result = pipeline.check(write_content({rel: edit(project, rel, old, old + wrong)}))
    messages = sorted(p.message for p in result.report.errors)
    assert messages == [
        'no outcome has the id "improved-recycling"',
        'no priority "environment/Z" in the plan',
        'unknown directorate "XX" (known: BC, CE, OD, PF, UL)',
    ]

"""What has changed, for real: two builds into one site folder, a git commit as the baseline,
``bvpp changes`` in the terminal, and report addresses that stay put as returns arrive."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.derive.changes import compare
from generator.pipeline import Project
from generator.preview.serve import preview_project
from generator.publish.outputs import SITE_MARKER
from generator.render import pages
from generator.render.opendata.records import plan_records
from tests.conftest import copy_project, without_card_markup

VALUE_ROW = 'bvpi-157,"2003/04, third quarter",2003-12-31,35,,,'
OUTCOME = 'statement: "Removal of all graffiti"'
EXPECTED = [
    {
        "kind": "figure changed",
        "id": "bvpi-157",
        "title": "BVPI 157: Types of interactions enabled for electronic delivery (e-government)",
        "detail": "2003/04, third quarter",
        "before": "35",
        "after": "48",
        "status_before": "target ahead",
        "status_after": "target ahead",
        "page": "indicators/bvpi-157/",
    },
    {
        "kind": "outcome reworded",
        "id": "removal-of-all-graffiti",
        "title": "Removal of all graffiti within 48 hours",
        "detail": "",
        "before": "Removal of all graffiti",
        "after": "Removal of all graffiti within 48 hours",
        "status_before": "",
        "status_after": "",
        "page": "outcomes/removal-of-all-graffiti/",
    },
]


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def _edit(project: Project) -> None:
    """A new return's figure (35 becomes 48) and a reworded outcome."""
    _replace(project.content / "indicators/values.csv", VALUE_ROW, VALUE_ROW.replace(",35,", ",48,"))
    _replace(project.content / "themes/environment.yaml", OUTCOME, OUTCOME[:-1] + ' within 48 hours"')


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _open_json(change: dict[str, str]) -> dict[str, str | None]:
    """A change as data/changes.json holds it: an empty value is null."""
    return {key: value or None for key, value in change.items()}


def test_a_second_build_lists_exactly_what_changed(project: Project) -> None:
    pipeline.build(project)
    first = (project.site / "changes/index.html").read_text(encoding="utf-8")
    assert "This is the first publication of this plan on this site" in first
    assert (project.site / "data/changes.csv").read_text(encoding="utf-8").count("\n") == 1  # its header
    assert not (project.site / "data/changes.json").exists()  # an empty JSON table is not valid data
    assert 'href="changes/"' in (project.site / "index.html").read_text(encoding="utf-8")

    _edit(project)
    shown = _cli("changes", "--project", str(project.root), "--format", "json")  # before publishing
    assert shown["changes"] == EXPECTED
    assert shown["summary"] == "1 figure changed and 1 outcome reworded"
    assert shown["compared_with"] == {
        "title": "Harrow Council: Best Value Performance Plan 2004/05, Draft 1", "date": "2004-04-07"
    }

    preview = preview_project(project)  # bvpp serve's build/preview/: what publishing would change
    pipeline.generate(preview)
    assert "Since then: 1 figure changed and 1 outcome reworded." in (preview.docs / "changes.md").read_text()

    pipeline.build(project)
    published = json.loads((project.site / "data/changes.json").read_text(encoding="utf-8"))
    assert published == [_open_json(change) for change in EXPECTED]
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(str(project.site / "data/datapackage.json")).valid
    csv_lines = (project.site / "data/changes.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == 3 and csv_lines[1].startswith("figure changed,bvpi-157,")
    page = without_card_markup((project.docs / "changes.md").read_text(encoding="utf-8"))
    assert "Since then: 1 figure changed and 1 outcome reworded." in page
    assert page.count("<tr><th scope=\"row\">") == 2
    assert "<td>35</td> <td>48</td>" in page
    assert "<td>Removal of all graffiti</td> <td>Removal of all graffiti within 48 hours</td>" in page
    html = (project.site / "changes/index.html").read_text(encoding="utf-8")
    assert 'href="../indicators/bvpi-157/"' in html and 'href="../outcomes/removal-of-all-graffiti/"' in html
    assert (project.site / "changes/../indicators/bvpi-157/index.html").is_file()

    pipeline.build(project)  # published again with no edit: nothing has changed since
    assert "Nothing has changed since then." in (project.docs / "changes.md").read_text(encoding="utf-8")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Officer", "-c", "user.email=officer@example.org", *args],
        cwd=folder, check=True, capture_output=True,
    )


def test_since_compares_with_the_content_at_a_commit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "repo")
    _git(project.root, "init", "-q")
    _git(project.root, "add", "content")
    _git(project.root, "commit", "-q", "-m", "The plan as published")
    _edit(project)
    shown = _cli("changes", "--project", str(project.root), "--since", "HEAD", "--format", "json")
    assert shown["changes"] == EXPECTED  # no site was ever built: the commit is the baseline
    text = CliRunner().invoke(main, ["changes", "--project", str(project.root), "--since", "HEAD"])
    assert text.exit_code == 0
    assert "1 figure changed and 1 outcome reworded" in text.output
    assert "figure changed: BVPI 157" in text.output and ": 35 → 48" in text.output

    unknown = CliRunner().invoke(main, ["changes", "--project", str(project.root), "--since", "no-such-tag"])
    assert unknown.exit_code == 1
    assert "--since: expected a git commit, branch or tag" in unknown.output and "no-such-tag" in unknown.output
    assert "Traceback" not in unknown.output


def test_with_no_published_site_bvpp_changes_says_so(project: Project) -> None:
    shown = _cli("changes", "--project", str(project.root), "--format", "json")
    assert shown == {"compared_with": None, "summary": "", "changes": []}
    text = CliRunner().invoke(main, ["changes", "--project", str(project.root)])
    assert text.exit_code == 0 and "Nothing to compare with" in text.output


NEW_PERIOD = """  - id: "2007-09"
    title: "September 2007"
    end: "2007-09-30"
    source: "A later report to the Board"
stated_totals:"""
NEW_RETURN = """updates:
  - task: councillors-in-management-groups
    status: completed
    progress:
      - "Portfolio holders now take part in the thematic groups."
"""


def test_an_earlier_report_keeps_its_address_when_a_new_return_arrives(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = pipeline.check(project).plan
    assert before is not None
    earlier = "progress/hsp-work-plan/2007-06.md"
    old_pages = pages.build(before).pages

    folder = project.content / "progress/hsp-work-plan"
    _replace(folder / "plan.yaml", "stated_totals:", NEW_PERIOD)
    (folder / "updates/2007-09.yaml").write_text(NEW_RETURN, encoding="utf-8")
    checked = pipeline.check(project)
    assert checked.plan is not None and checked.report.errors == []
    new_pages = pages.build(checked.plan).pages

    assert "progress/hsp-work-plan/2007-09.md" in new_pages and "progress/hsp-work-plan/2007-09.md" not in old_pages
    assert earlier in new_pages  # the same address, still reporting what June 2007 said
    old_row = next(line for line in old_pages[earlier].splitlines() if 'id="councillors-in-management-groups"' in line)
    new_row = next(line for line in new_pages[earlier].splitlines() if 'id="councillors-in-management-groups"' in line)
    assert old_row == new_row and "Outstanding" in new_row
    found = compare(plan_records(before), plan_records(checked.plan))
    assert [(c.kind, c.id, c.before, c.after) for c in found] == [
        ("task status changed", "hsp-work-plan/councillors-in-management-groups", "Outstanding", "Completed")
    ]


@pytest.mark.parametrize("damage", ["{not json", '{"resources": 3}'])
def test_a_damaged_published_site_stops_the_build_with_a_clear_message(project: Project, damage: str) -> None:
    data = project.site / "data"
    data.mkdir(parents=True)
    (project.site / SITE_MARKER).write_text("", encoding="utf-8")  # a site bvpp made
    (data / "datapackage.json").write_text(damage, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--no-pdf"])
    assert result.exit_code == 1
    assert "datapackage.json: expected the data package the last build published" in result.output
    assert "hint:" in result.output and "the site was not changed" in result.output

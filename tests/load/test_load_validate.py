"""Load and validate: the bundled plan loads clean; mistakes come back located, all at once."""

from __future__ import annotations

from collections.abc import Callable

from generator import pipeline
from generator.core.problems import Severity
from generator.pipeline import Project

ENV = "themes/environment.yaml"


def errors(project: Project) -> list[str]:
    result = pipeline.check(project)
    return [p.format() for p in result.report.errors]


def test_bundled_plan_has_no_errors(project: Project) -> None:
    result = pipeline.check(project)
    assert result.plan is not None
    assert result.report.errors == []


def test_unknown_directorate_is_located_with_known_codes(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    text = (project.content / ENV).read_text()
    edited = write_content({ENV: text.replace('lead_directorates: ["PF"]', 'lead_directorates: ["UX"]', 1)})
    found = errors(edited)
    assert len(found) == 1
    line = next(
        i for i, row in enumerate((edited.content / ENV).read_text().splitlines(), 1) if '"UX"' in row
    )
    assert found[0] == (
        f"content/{ENV}:{line}:29: priorities[2].outcomes[2].lead_directorates[0]: "
        'unknown directorate "UX" (known: BC, CE, OD, PF, UL)\n'
        "    hint: add it to directorates.yaml or correct the code"
    )


def test_all_problems_come_at_once_sorted_by_file_and_line(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    text = (project.content / ENV).read_text()
    text = text.replace('contacts: ["john-almond"]', 'contacts: ["john-almondd"]')
    text = text.replace('id: teenage-friendly-zones', 'id: Teenage_Zones')
    plan_text = (project.content / "plan.yaml").read_text().replace('status: draft', 'status: drafty')
    edited = write_content({ENV: text, "plan.yaml": plan_text})
    found = errors(edited)
    assert [f.split(":")[0] for f in found] == ["content/plan.yaml", f"content/{ENV}"]
    assert "expected one of 'draft' or 'final', found \"drafty\"" in found[0]
    assert "priorities[2].outcomes[2].id: expected an id (lower-case letters" in found[1]
    # The contact error needs a loaded plan: it comes on the next run, once the file loads.
    fixed = write_content({ENV: text.replace("Teenage_Zones", "teenage-friendly-zones")})
    again = errors(fixed)
    assert len(again) == 1 and 'unknown contact "john-almondd"' in again[0]
    assert 'did you mean "john-almond"?' in again[0]


def test_unknown_field_suggests_the_right_name(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    text = (project.content / ENV).read_text().replace("what_we_did:", "what_we_done:", 1)
    found = errors(write_content({ENV: text}))
    assert any('unknown field "what_we_done"' in f and 'did you mean "what_we_did"?' in f for f in found)
    assert any("what_we_did: required field is missing" in f for f in found)


def test_case_folded_duplicate_ids_are_refused(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    text = (project.content / ENV).read_text().replace(
        "id: teenage-friendly-zones", "id: improved-park-safety"
    )
    found = errors(write_content({ENV: text}))
    assert len(found) == 1
    assert 'id "improved-park-safety" is already used at content/themes/environment.yaml:' in found[0]


def test_reserved_id_is_refused(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    text = (project.content / ENV).read_text().replace("id: teenage-friendly-zones", "id: con")
    found = errors(write_content({ENV: text}))
    assert found and '"con" is a reserved name' in found[0]


def test_draft_gaps_are_warnings_not_errors(project: Project) -> None:
    report = pipeline.check(project).report
    gaps = [p for p in report.warnings if p.kind == "gap"]
    assert gaps and all(p.severity is Severity.WARNING for p in gaps)
    road = [p for p in gaps if "Improvements to road safety" in p.message]
    assert {p.field for p in road} == {
        "Background/what we did in 2003/04",
        "Action planned and targets for 2004/05 and later",
        "Contact for further information",
    }


def test_raw_html_in_narrative_is_refused(
    write_content: Callable[[dict[str, str]], Project],
) -> None:
    page = "---\nid: about-harrow\ntitle: About Harrow\n---\nHarrow is <b>big</b>.\n"
    found = errors(write_content({"sections/02-about-harrow.md": page}))
    assert found == [
        "content/sections/02-about-harrow.md:5:11: body: raw HTML is not allowed in narrative "
        "text, found '<b>'\n    hint: use Markdown instead: **bold**, *italic*, lists with '- ', "
        "links [text](https://…)"
    ]

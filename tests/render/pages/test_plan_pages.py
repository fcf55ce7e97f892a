"""The plan's own pages, module by module, from the bundled plan: each page's address, and what
it must say taken from the plan (change the plan and the page follows)."""

from __future__ import annotations

import dataclasses

import pytest

from generator.core.downloads import Download
from generator.core.escape import html_text, md_text
from generator.derive.facts import derive_facts
from generator.model import urls as paths
from generator.model.plan import Plan
from generator.render.pages import build, prepare
from generator.render.pages.accessibility import accessibility_page
from generator.render.pages.common import Lookups, lookups
from generator.render.pages.glossary import glossary_page
from generator.render.pages.indexes import index_pages
from generator.render.pages.public_place import public_place
from generator.render.pages.themes import theme_pages
from generator.render.pdf import pdf_path


@pytest.fixture(scope="module")
def look(bundled_plan: Plan) -> Lookups:
    return lookups(bundled_plan, derive_facts(bundled_plan))


def renamed(plan: Plan, council: str) -> Plan:
    return dataclasses.replace(plan, plan=plan.plan.model_copy(update={"council": council}))


def test_the_accessibility_statement_names_the_council_and_the_plan(bundled_plan: Plan) -> None:
    path, text = accessibility_page(bundled_plan, len(derive_facts(bundled_plan).gaps))
    assert path == "accessibility.md"
    assert text.startswith('---\ntitle: "Accessibility statement"\n---\n')
    assert f"# Accessibility statement for Harrow Council's {bundled_plan.plan.title}" in text
    _path, other = accessibility_page(renamed(bundled_plan, "Barnet & Co"), 0)
    assert "This website is run by Barnet &amp; Co." in other  # from the plan, escaped once
    assert "Harrow Council" not in other


def test_the_glossary_lists_every_term_with_an_anchor(bundled_plan: Plan) -> None:
    path, text = glossary_page(bundled_plan)
    assert path == "glossary.md"
    for entry in bundled_plan.glossary:
        assert f'<dt id="{entry.term.lower()}">{entry.term}</dt>' in text
    assert text.index('<dt id="alg">') < text.index('<dt id="bv">')  # the file's order


def test_home_sections_and_browse_pages_are_made(bundled_plan: Plan, look: Lookups) -> None:
    made = dict(index_pages(bundled_plan, look))
    assert {paths.HOME, paths.DIRECTORATES, paths.CONTACTS, paths.GAPS} <= set(made)
    assert {paths.section(s) for s in bundled_plan.sections} <= set(made)
    for directorate in bundled_plan.directorates:
        assert html_text(directorate.name) in made[paths.DIRECTORATES]
    for contact in bundled_plan.contacts:
        assert f"## {md_text(contact.name)} {{ #{contact.id} " in made[paths.CONTACTS]


def test_every_theme_priority_and_outcome_has_its_page(bundled_plan: Plan, look: Lookups) -> None:
    made = dict(theme_pages(bundled_plan, look))
    outcomes = [outcome for _t, _p, outcome in bundled_plan.outcomes()]
    assert {paths.outcome(o) for o in outcomes} <= set(made)
    for theme in bundled_plan.themes:
        assert f"themes/{theme.id}/index.md" in made
    first = outcomes[0]
    assert made[paths.outcome(first)].startswith("---\ntitle: ")


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("content/themes/environment.yaml, line 4", "the theme \u201cEnvironment\u201d, line 4"),
        ("seed lines 10-12", "source lines 10-12"),
        ("{{ table: lpsa-areas }}", "the table \u201cAreas covered in the Local Public Services Agreement\u201d"),
        ("tasks.yaml", "the plan's tasks"),
    ],
)
def test_a_place_is_named_as_residents_see_it(bundled_plan: Plan, text: str, public: str) -> None:
    assert public_place(text, bundled_plan) == public


def test_pages_finished_after_the_pdf_are_the_pages_built_with_it(bundled_plan: Plan) -> None:
    # The pipeline builds the pages while the PDF renders, then finishes them with its size:
    # whatever page shows the PDF must come out as a build given the PDF at the start makes it.
    pdf = Download(pdf_path(bundled_plan), "The plan (PDF)", "The whole plan.", "PDF", 1_234_567)
    draft = prepare(bundled_plan)
    finished, built = draft.finish(pdf), build(bundled_plan, pdf)
    assert list(finished.pages) == list(built.pages)  # the same pages in the same order
    assert finished == built
    assert "(PDF, 1.2 MB)" in finished.pages[paths.HOME]
    assert "## The whole plan as a PDF" in finished.pages[paths.DATA_PAGE]
    assert "(PDF," not in draft.sources.pages[paths.HOME]  # nothing of the PDF before its size
    assert draft.finish(None) == build(bundled_plan)

"""Plain English: abbreviations explained on first use, the glossary's checks, tel: links."""

from __future__ import annotations

import json
from collections.abc import Callable

from generator import pipeline
from generator.derive.gaps import find_gaps
from generator.model import urls as paths
from generator.pipeline import Project
from generator.render.abbreviations import Abbreviations, mark_first_uses, spell_out
from generator.render.pages import build
from generator.render.phones import phone_html, tel_href

KNOWN = Abbreviations(
    {"BVPI": "Best Value Performance Indicator", "PCT": "Primary Care Trust"}, {"UL": "Urban Living"}
)
TRICKY = Abbreviations({"PCT": 'Primary "Care" <Trust>'}, {})
UL = '<abbr title="Urban Living">UL</abbr>'


def test_only_the_first_use_on_a_page_is_marked() -> None:
    text = "BVPI 157 and BVPI 12, and BVPIs."
    assert mark_first_uses(text, KNOWN) == (
        '<abbr title="Best Value Performance Indicator">BVPI</abbr> 157 and BVPI 12, and BVPIs.'
    )
    assert mark_first_uses("BVPIs", KNOWN) == '<abbr title="Best Value Performance Indicator">BVPI</abbr>s'



def test_the_expansion_is_escaped_for_its_attribute() -> None:
    marked = mark_first_uses("the PCT", TRICKY)
    assert marked == 'the <abbr title="Primary &quot;Care&quot; &lt;Trust&gt;">PCT</abbr>'


def test_front_matter_headings_tags_and_addresses_are_never_touched() -> None:
    text = (
        '---\ntitle: "BVPI 1"\n---\n# About BVPI 1\n'
        '<a href="bvpi/" aria-label="BVPI 1">[x](../BVPI/) https://x.org/BVPI</a>\nThen BVPI.'
    )
    marked = mark_first_uses(text, KNOWN)
    assert marked.count("<abbr") == 1
    assert marked.endswith('Then <abbr title="Best Value Performance Indicator">BVPI</abbr>.')


def test_a_whole_word_only() -> None:
    assert mark_first_uses("XBVPI BVPIX BC/BVPI", KNOWN) == "XBVPI BVPIX BC/BVPI"


def test_a_directorate_code_is_spelled_out_visibly_once() -> None:
    marked = mark_first_uses(f"<td>{UL}</td><td>{UL}</td>", KNOWN)
    assert marked == f"<td>Urban Living ({UL})</td><td>{UL}</td>"


def test_the_pdf_spells_a_term_out_on_first_use_only() -> None:
    html = "<h1>BVPI</h1><p>BVPI 157, then BVPI 12</p>"
    assert spell_out(html, KNOWN) == (
        "<h1>BVPI</h1><p>Best Value Performance Indicator (BVPI) 157, then BVPI 12</p>"
    )


def test_the_pdf_keeps_the_source_s_own_spelling_out_and_plurals() -> None:
    html = "<p>the Primary Care Trust (PCT) and the PCT; BVPIs</p>"
    assert spell_out(html, KNOWN) == (
        "<p>the Primary Care Trust (PCT) and the PCT; Best Value Performance Indicators (BVPIs)</p>"
    )


def test_tel_links_dial_only_complete_numbers() -> None:
    assert tel_href("020 8420 9269") == "tel:02084209269"
    assert tel_href("0208 424 1701") == "tel:02084241701"
    assert tel_href("8424 1368 (ext. 2368)") is None  # no area code in the plan: never guessed
    assert tel_href("Ext: 7542") is None
    assert str(phone_html("020 8420 9269")) == (
        '<a class="bvpp-phone" href="tel:02084209269">020 8420 9269</a>'
    )
    assert "<script>" not in phone_html("<script>")


def test_every_page_marks_each_glossary_term_at_most_once(project: Project) -> None:
    plan = pipeline.check(project).plan
    assert plan is not None
    pages = build(plan).pages
    glossary = pages[paths.GLOSSARY]
    assert "Best Value Performance Indicator" in glossary and "Not yet provided" in glossary  # EDS
    for path, text in pages.items():
        for entry in plan.glossary:
            assert text.count(f">{entry.term}</abbr>") <= 1, (path, entry.term)
    # the theme table's first directorate is spelled out, later ones are not
    priority = pages["themes/environment/priority-a.md"]
    assert priority.count("Urban Living (<abbr") == 1
    # the contacts page keeps the role the plan prints, and dials
    contacts = pages[paths.CONTACTS]
    assert "Myfanwy Barrett" in contacts and "Director of Financial and Business Strategy" in contacts
    assert 'href="tel:02084209269">020 8420 9269</a>' in contacts
    # the licence is stated with the data
    package = json.loads(build(plan).files["data/datapackage.json"])
    assert package["licenses"] == [
        {
            "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "title": "Open Government Licence v3.0",
        }
    ]
    assert "Open Government Licence v3.0" in pages["data/index.md"]


def test_a_missing_contact_route_and_an_unexplained_term_are_listed_gaps(project: Project) -> None:
    plan = pipeline.check(project).plan
    assert plan is not None
    gaps = {(gap.page, gap.field, gap.words) for gap in find_gaps(plan)}
    assert (paths.ACCESSIBILITY, "Contact details", "[to be inserted on final draft]") in gaps
    assert (paths.GLOSSARY, "What it stands for", "not spelled out in the plan") in gaps
    statement = build(plan).pages[paths.ACCESSIBILITY]
    assert statement.count("to be inserted on final draft") == 2  # feedback and reporting


def test_glossary_mistakes_are_located(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    text = (project.content / "glossary.yaml").read_text()
    edited = write_content(
        {
            "glossary.yaml": text
            + '  - term: "UL"\n    expansion: "x"\n    explanation: "x"\n    source: "x"\n'
            + '  - term: "PCT"\n    expansion: "x"\n    explanation: "x"\n    source: "x"\n',
            "plan.yaml": (project.content / "plan.yaml").read_text().replace(
                'contact:\n  missing: "[to be inserted on final draft]"', "contact: {}"
            ),
        }
    )
    found = [p.format() for p in pipeline.check(edited).report.errors]
    lines = len(text.splitlines())
    assert any(f"content/glossary.yaml:{lines + 1}:" in f and "is a directorate code" in f for f in found)
    assert any(f"content/glossary.yaml:{lines + 5}:" in f and '"PCT" is already listed' in f for f in found)
    assert any("content/plan.yaml:" in f and "at least one of email, phone or address" in f for f in found)
    bad = write_content({"glossary.yaml": text.replace('term: "ALG"', 'term: "alg"')})
    assert [p.format().split(": ")[0:2] for p in pipeline.check(bad).report.errors] == [
        ["content/glossary.yaml:5:11", "terms[0].term"]
    ]

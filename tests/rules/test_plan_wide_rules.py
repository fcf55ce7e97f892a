"""The rules over the whole plan, each called directly on the bundled plan with one thing changed:
the bundled plan passes, and each change gives its own located problem."""

from __future__ import annotations

import dataclasses

from generator.core.problems import Severity
from generator.derive.facts import derive_facts
from generator.model.indicators import Catalogue
from generator.model.plan import FeedbackRoute, Plan
from generator.rules.glossary import contact_problems, glossary_problems, site_problems
from generator.rules.indicators import indicator_problems
from generator.rules.programme import plain, programme_problems
from generator.rules.progress import progress_problems
from generator.rules.tables import table_problems


def test_the_bundled_plan_passes_every_rule(bundled_plan: Plan) -> None:
    assert list(site_problems(bundled_plan)) == []
    assert indicator_problems(bundled_plan, derive_facts(bundled_plan).indicators) == []
    assert progress_problems(bundled_plan, derive_facts(bundled_plan).catalogue) == []
    assert [list(programme_problems(p)) for p in bundled_plan.progress] == [[] for _ in bundled_plan.progress]
    assert [p for p in table_problems(bundled_plan) if p.severity is Severity.ERROR] == []


def test_a_glossary_term_twice_or_a_directorate_code_is_refused(bundled_plan: Plan) -> None:
    first = bundled_plan.glossary[0]
    code = bundled_plan.directorates[0].code
    glossary = (*bundled_plan.glossary, first, first.model_copy(update={"term": code}))
    found = list(glossary_problems(dataclasses.replace(bundled_plan, glossary=glossary)))
    n = len(bundled_plan.glossary)
    assert [(p.field, p.message) for p in found] == [
        (f"terms[{n}].term", f'"{first.term}" is already listed (terms[0])'),
        (f"terms[{n + 1}].term", f'"{code}" is a directorate code'),
    ]


def test_a_contact_route_needs_a_way_to_reach_the_council(bundled_plan: Plan) -> None:
    settings = bundled_plan.plan.model_copy(update={"contact": FeedbackRoute()})
    [problem] = contact_problems(dataclasses.replace(bundled_plan, plan=settings))
    assert (problem.field, problem.message) == ("contact", "expected at least one of email, phone or address, found none")


def test_an_indicator_pointing_nowhere_is_a_warning_at_its_field(bundled_plan: Plan) -> None:
    catalogue = bundled_plan.indicators
    assert catalogue is not None
    first = catalogue.indicators[0]
    spec = first.spec.model_copy(update={"outcomes": ["no-such-outcome"], "owner": "ZZ"})
    edited = Catalogue(catalogue.rule, (dataclasses.replace(first, spec=spec), *catalogue.indicators[1:]))
    edited_plan = dataclasses.replace(bundled_plan, indicators=edited)
    found = indicator_problems(edited_plan, derive_facts(edited_plan).indicators)
    assert [p.message for p in found][:2] == [
        'unknown outcome "no-such-outcome": the indicator\'s page leaves it out',
        f'unknown directorate "ZZ" (known: {", ".join(sorted(d.code for d in bundled_plan.directorates))})',
    ]
    assert {p.severity for p in found} == {Severity.WARNING}


def test_a_plan_quoting_words_its_source_does_not_hold_is_refused(bundled_plan: Plan) -> None:
    cip = next(p for p in bundled_plan.progress if p.id == "council-improvement-programme")
    assert cip.config.programme is not None
    projects = cip.config.programme.projects.model_copy(update={"words": "The CIP contains 999 projects."})
    programme = cip.config.programme.model_copy(update={"projects": projects})
    edited = dataclasses.replace(cip, config=cip.config.model_copy(update={"programme": programme}))
    messages = [p.message for p in programme_problems(edited)]
    assert 'expected words found in document.md, found "The CIP contains 999 projects."' in messages
    assert any("document.md" in m for m in [p.message for p in programme_problems(dataclasses.replace(cip, document=None))])


def test_plain_text_is_what_a_reader_sees() -> None:
    assert plain("1. **Bold** _it_   and\n  more") == "Bold _it_ and more"


def test_a_period_given_twice_is_located(bundled_plan: Plan) -> None:
    work = next(p for p in bundled_plan.progress if p.id == "hsp-work-plan")
    periods = [*work.config.periods, work.config.periods[0]]
    edited = dataclasses.replace(work, config=work.config.model_copy(update={"periods": periods}))
    plan = dataclasses.replace(bundled_plan, progress=tuple(edited if p is work else p for p in bundled_plan.progress))
    found = [p.message for p in progress_problems(plan, derive_facts(plan).catalogue)]
    assert any(m.startswith(f'period "{work.config.periods[0].id}" is already given at ') for m in found), found


def test_a_table_marker_naming_no_table_and_a_table_placed_nowhere(bundled_plan: Plan) -> None:
    sections = list(bundled_plan.sections)
    first = sections[0]
    sections[0] = first.model_copy(update={"body": first.body + "\n{{ table: lpsa-area }}\n{{ tabel: x }}\n"})
    found = table_problems(dataclasses.replace(bundled_plan, sections=sections))
    messages = [p.message for p in found]
    assert 'unknown table "lpsa-area"' in messages
    assert "not a table marker: '{{ tabel: x }}'" in messages
    unplaced = dataclasses.replace(bundled_plan, sections=[s.model_copy(update={"body": ""}) for s in bundled_plan.sections])
    assert {p.message for p in table_problems(unplaced) if p.kind == "table"} == {
        f'table "{t.id}" is not placed in any section, so it is not published' for t in bundled_plan.tables
    }

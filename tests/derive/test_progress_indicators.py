"""Indicator codes in progress tasks, resolved against the catalogue."""

from __future__ import annotations

import dataclasses

from generator.derive.facts import derive_facts
from generator.derive.progress_indicators import code_key, linked_indicators, resolve_code
from generator.model.plan import Plan


def test_a_code_is_compared_by_the_indicator_it_names() -> None:
    assert code_key("BV 12") == code_key("BVPI 12") == "BVPI 12"
    assert code_key("Local  Target") == "local target"  # not a code: compared as words


def test_the_bundled_tasks_link_bvpi_12_and_its_rating(bundled_plan: Plan) -> None:
    index = derive_facts(bundled_plan).catalogue
    assert index is not None
    by_plan = {p.id: linked_indicators(p, index) for p in bundled_plan.progress}
    [link] = by_plan["cpa-idea-improvement-plan"]
    assert link.code == "BVPI 12"
    assert link.indicator is not None and link.indicator.id == "bvpi-12"
    assert link.rating is index.ratings.get("bvpi-12")
    assert len(link.tasks) == 1
    assert by_plan["hsp-work-plan"] == []


def test_an_unknown_or_ambiguous_code_resolves_to_nothing(bundled_plan: Plan) -> None:
    index = derive_facts(bundled_plan).catalogue
    assert index is not None
    assert resolve_code(index, "BVPI 12") is not None
    assert resolve_code(index, "BV 999") is None
    assert resolve_code(index, "BV 12 and BV 44") is None  # two codes are not one indicator


def test_without_a_catalogue_codes_are_listed_but_never_judged(bundled_plan: Plan) -> None:
    plan = dataclasses.replace(bundled_plan, indicators=None)
    assert derive_facts(plan).catalogue is None
    progress = next(p for p in plan.progress if p.id == "cpa-idea-improvement-plan")
    [link] = linked_indicators(progress, None)
    assert (link.code, link.indicator, link.rating, link.at_risk) == ("BVPI 12", None, None, False)

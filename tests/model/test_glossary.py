"""The glossary's entries: an abbreviation as printed, its expansion or a gap, never a guess."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.model.base import Gap
from generator.model.glossary import GlossaryEntry, GlossaryFile
from generator.model.plan import Plan

ENTRY = {"term": "BVPI", "expansion": "Best Value Performance Indicator",
         "explanation": "A national measure.", "source": "the plan"}


@pytest.mark.parametrize("term", ["BVPI", "IDeA", "HSP"])
def test_an_abbreviation_as_the_plan_prints_it(term: str) -> None:
    assert GlossaryEntry.model_validate({**ENTRY, "term": term}).term == term


@pytest.mark.parametrize("term", ["bvpi", "B", "Bvpi", "BV PI", "BV-PI", "ABCDEFGHIJKLM"])
def test_anything_else_is_refused(term: str) -> None:
    with pytest.raises(ValidationError):
        GlossaryEntry.model_validate({**ENTRY, "term": term})


def test_an_expansion_nobody_gives_is_a_gap() -> None:
    entry = GlossaryEntry.model_validate({**ENTRY, "expansion": {"missing": "not spelt out in the plan"}})
    assert entry.expansion == Gap(missing="not spelt out in the plan")


def test_a_glossary_needs_a_term_and_knows_no_other_field() -> None:
    with pytest.raises(ValidationError):
        GlossaryFile.model_validate({"terms": []})
    with pytest.raises(ValidationError, match="extra"):
        GlossaryEntry.model_validate({**ENTRY, "meaning": "x"})


def test_the_bundled_glossary_is_loaded_in_file_order(bundled_plan: Plan) -> None:
    terms = [entry.term for entry in bundled_plan.glossary]
    assert terms[:4] == ["ALG", "ALMO", "BME", "BV"]
    assert len(terms) == len(set(terms))

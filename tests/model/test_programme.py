"""What a programme or a board report adds to a progress plan: data that reads its prose."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.model.plan import Plan
from generator.model.programme import Fact, FamilyFields, Funding, StatedCount


def test_a_plain_plan_adds_nothing() -> None:
    fields = FamilyFields.model_validate({})
    assert (fields.kind, fields.body, fields.programme, fields.funding) == ("plan", None, None, [])


def test_a_kind_is_one_of_three() -> None:
    assert FamilyFields.model_validate({"kind": "report"}).kind == "report"
    with pytest.raises(ValidationError):
        FamilyFields.model_validate({"kind": "strategy"})


def test_a_count_is_never_negative_and_keeps_its_sentence() -> None:
    count = StatedCount.model_validate({"what": "projects", "count": 200, "words": "About 200 projects."})
    assert count.count == 200
    with pytest.raises(ValidationError):
        StatedCount.model_validate({"what": "projects", "count": -1, "words": "x"})


def test_a_date_is_written_yyyy_mm_dd_and_kept_as_stated() -> None:
    fact = Fact.model_validate(
        {"topic": "CAA", "words": "By December 2009.", "date": "2009-12-31", "date_as_stated": "December 2009"}
    )
    assert fact.date == dt.date(2009, 12, 31)
    with pytest.raises(ValidationError):
        Fact.model_validate({"topic": "CAA", "words": "x", "date": "December 2009"})


def test_funding_names_at_least_one_area() -> None:
    with pytest.raises(ValidationError):
        Funding.model_validate(
            {"up_to": 200000, "up_to_as_stated": "up to £200,000", "purpose": "x", "areas": [], "words": "x"}
        )


def test_the_bundled_programme_states_200_projects(bundled_plan: Plan) -> None:
    cip = next(p for p in bundled_plan.progress if p.id == "council-improvement-programme")
    assert cip.config.kind == "programme"
    assert cip.config.programme is not None
    assert cip.config.programme.projects.count == 200
    assert cip.config.programme.projects.words.startswith("The CIP contains approximately 200 council projects")

"""The bundled content against its source: every theme, priority and outcome is there.

The source is Harrow's draft BVPP 2004/05 as text (../shared/seeds/002_…). Its tables come out
of the PDF as tab-separated rows; an outcome row is a line whose second cell is a directorate
code. These tests count what the source has and find each piece in the content, after the
repairs listed in content/corrections.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.model.plan import Plan
from generator.pipeline import Project

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "002_2f0341b9452202b1.txt"
THEME_HEADINGS = [
    "Environmental priorities",
    "Priorities for strengthening communities",
    "Lifelong learning priorities",
    "Health and social care priorities",
    "Priorities for a prosperous and sustainable economy in Harrow",
    "Priorities in developing a customer focussed council",
]

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds beside the project")


@pytest.fixture(scope="module")
def plan() -> Plan:
    result = pipeline.check(Project.at(ROOT))
    assert result.plan is not None
    return result.plan


@pytest.fixture(scope="module")
def source() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _repairs(plan: Plan) -> list[tuple[str, str]]:
    return [(c.source, c.repaired) for c in plan.corrections if not c.source.startswith("(")]


def test_six_themes_in_the_sources_order(plan: Plan, source: list[str]) -> None:
    positions = [source.index(heading) for heading in THEME_HEADINGS]
    assert positions == sorted(positions)
    assert [t.heading.casefold() for t in plan.themes_in_order()] == [
        h.casefold() for h in THEME_HEADINGS
    ]


def test_every_priority_of_the_source_is_in_the_content(plan: Plan, source: list[str]) -> None:
    headed = [m.group(1) for line in source if (m := re.match(r"^Priority [A-G]: (.+)$", line))]
    titles = {_norm(p.title) for t in plan.themes for p in t.priorities if isinstance(p.title, str)}
    untitled = [p for t in plan.themes for p in t.priorities if not isinstance(p.title, str)]
    assert [h for h in headed if _norm(h) not in titles] == []
    # The health theme's Priority B lost its heading in the source: one untitled priority.
    assert len(untitled) == 1
    assert sum(len(t.priorities) for t in plan.themes) == len(headed) + len(untitled) == 34


def test_every_outcome_row_of_the_source_is_in_the_content(plan: Plan, source: list[str]) -> None:
    start = source.index(THEME_HEADINGS[0])
    row = re.compile(r"^([^\t]+)\t(?:UL|PF|OD|BC|CE|BC/UL|[A-Z]{2}(?: [A-Z]{2})+)\t")
    firsts = [m.group(1) for line in source[start:] if (m := row.match(line))]
    statements = []
    for _t, _p, outcome in plan.outcomes():
        if isinstance(outcome.statement, str):
            statements.append(_norm(outcome.statement))
    repairs = _repairs(plan)
    missing = []
    for first in firsts:
        for bad, good in repairs:
            first = first.replace(bad, good)
        key = _norm(first)
        if not any(s.startswith(key) or key.startswith(s) for s in statements):
            missing.append(first)
    assert missing == []
    assert len(firsts) >= 95  # the source's table rows with a lead directorate


def test_outcome_counts_per_theme(plan: Plan) -> None:
    counts = {t.id: sum(1 for _ in t.outcomes()) for t in plan.themes}
    assert counts == {
        "environment": 22,
        "strengthening-communities": 16,
        "lifelong-learning": 23,
        "health-and-social-care": 23,
        "prosperous-economy": 11,
        "customer-focussed-council": 11,
    }


def _source_text(plan: Plan) -> str:
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    for bad, good in _repairs(plan):
        if len(bad) > 3 and not good.startswith("("):  # a dropped page number is not a word repair
            text = text.replace(" ".join(bad.split()), " ".join(good.split()))
    return text


def test_each_row_prints_its_contacts_as_the_source_row_does(plan: Plan) -> None:
    """Name and number (and role) as the row prints them: nothing borrowed from another row."""
    text = _source_text(plan)
    contacts = {c.id: c for c in plan.contacts}
    shown, far = [], []
    for _t, _p, outcome in plan.outcomes():
        for cid in outcome.contacts if isinstance(outcome.contacts, list) else []:
            name, phone, role = outcome.printed(cid, contacts[cid].name, contacts[cid].phone)
            words = " ".join(w for w in (name, phone) if w)
            shown.append((outcome.id, words, role))
            # The number follows the name in the source, at most a cell's line break away.
            near = [text[m.end() : m.end() + 60] for m in re.finditer(re.escape(name), text)]
            if not near or (phone and not any(phone in after for after in near)):
                far.append((outcome.id, words))
    # Cells re-joined across a page break (content/corrections.yaml): name and number apart.
    split = {"peaceful-community-with-racial-harmony", "improved-take-up-of-benefits",
             "increased-use-of-public-transport", "policies-helping-employers-develop-operations"}
    assert [(o, w) for o, w in far if o not in split] == []
    assert [(o, r) for o, _w, r in shown if r and r not in text] == []
    by_row = {(o, w) for o, w, _r in shown}
    assert ("removal-of-all-graffiti", "Andrew Trehern") in by_row
    assert ("achievement-of-local-public-service-agreement-targets", "Paul Najsarek") in by_row
    assert ("best-value-recommendations-on-maintenance", "Isobel Chalcraft 020 8424 1473") in by_row
    assert ("learning-and-development-culture", "Jon Turner 0208 424 1225") in by_row
    assert ("peaceful-community-with-racial-harmony", "Bindu Arjoon 020 8420 9637") in by_row


def test_a_rows_indicators_are_those_its_fifth_column_prints(plan: Plan) -> None:
    outcome = plan.outcome("improved-private-sector-housing-enforcement")
    assert outcome is not None and outcome.related == []  # the column holds only the contact
    assert any("BVPI 62" in entry for entry in outcome.what_we_did if isinstance(entry, str))

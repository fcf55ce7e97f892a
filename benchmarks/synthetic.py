"""Synthetic plans for the benchmark: the bundled plan's shape, scaled to N outcomes.

The bundled content is copied whole (plan, directorates, contacts, narrative sections, tables)
and its theme files are replaced by ones that keep every theme and priority of the real plan
but hold N outcomes between them, spread in the real plan's proportions, so a large plan has
large priorities rather than more of them (the navigation lists themes and priorities only).
Outcome text is drawn, with a fixed seed, from the words of the real plan's outcomes, at the
real plan's lengths (about 2 KB per outcome page), with the same small share of gaps. The
indicator catalogue and the tracked improvement-plan tasks grow in the real plan's proportion
too (65 indicators and one improvement plan per 106 outcomes), and outcome texts cite
indicator codes as often as the real ones do.

Nothing here is ever written into the project: the caller passes a temporary folder.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.derive.gaps import PLACEHOLDER
from generator.load.plan import load_content
from generator.model.base import Gap
from generator.model.plan import Outcome, Plan, Priority, Theme

BUNDLED = Path(__file__).resolve().parent.parent / "content"
SEED = 2004
INDICATORS_PER_OUTCOME = 65 / 106
"""The bundled plan's proportion: 65 indicators in its catalogue for 106 outcomes."""
CITATIONS_PER_OUTCOME = 29 / 106
"""How often an outcome's text cites an indicator code ("BVPI 157") in the bundled plan."""
FIRST_CODE = 1000
"""Synthetic indicators are BVPI 1000 and up: no real BVPI has so high a number."""


@dataclass(frozen=True)
class Slot:
    """A list of outcomes in the real plan: a priority's, or a theme's other activity."""

    theme: Theme
    priority: Priority | None
    real_count: int


def make_content(outcomes: int, destination: Path, source: Path = BUNDLED) -> Path:
    """Write a synthetic content folder of ``outcomes`` outcomes to ``destination``; return it."""
    plan, problems = load_content(source)
    if plan is None:
        raise RuntimeError(f"the bundled content does not load: {problems[:3]}")
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("themes"))
    (destination / "themes").mkdir()
    codes = _add_indicators(destination, outcomes, random.Random(SEED + 1))
    _add_progress_plans(destination, outcomes)
    writer = _Writer(plan, random.Random(SEED), codes)
    slots = _slots(plan)
    counts = spread(outcomes, [slot.real_count for slot in slots])
    per_slot = dict(zip(((s.theme.id, s.priority.letter if s.priority else None) for s in slots),
                        counts, strict=True))
    for theme in plan.themes:
        text = writer.theme(theme, per_slot)
        (destination / "themes" / f"{theme.id}.yaml").write_text(text, encoding="utf-8")
    _link_indicators(destination, codes, writer.ids)
    return destination


def _add_indicators(content: Path, outcomes: int, rng: random.Random) -> list[str]:
    """Add synthetic indicators to the catalogue, up to the bundled plan's proportion; their codes.

    Each has a title, unit and polarity, and one in four a figure, as in the bundled catalogue.
    """
    catalogue = content / "indicators" / "indicators.yaml"
    if not catalogue.is_file():
        return []
    count = max(0, round(outcomes * INDICATORS_PER_OUTCOME) - 65)
    codes = [str(FIRST_CODE + number) for number in range(count)]
    entries = [
        f'  - id: bvpi-{code}\n    family: "BVPI"\n    code: "{code}"\n'
        f'    title: "Synthetic indicator {code}"\n    unit: "%"\n    polarity: "higher"\n'
        for code in codes
    ]
    # the bundled indicators' "outcomes:" name the bundled outcomes, which a synthetic plan lacks
    kept = [line for line in catalogue.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("outcomes:")]
    catalogue.write_text("\n".join(kept) + "\n" + "".join(entries), encoding="utf-8")
    values = content / "indicators" / "values.csv"
    if values.is_file():
        rows = [
            f'bvpi-{code},2003/04,2004-03-31,{rng.randint(10, 90)},,,"BVPI {code} stood at that figure.",\n'
            for code in codes[::4]
        ]
        values.write_text(values.read_text(encoding="utf-8") + "".join(rows), encoding="utf-8")
    return codes


def _link_indicators(content: Path, codes: list[str], outcome_ids: list[str]) -> None:
    """Let synthetic indicators list an outcome each (``outcomes:``), as 10 of the 65 real ones do."""
    if not codes or not outcome_ids:
        return
    catalogue = content / "indicators" / "indicators.yaml"
    text = catalogue.read_text(encoding="utf-8")
    for number, code in enumerate(codes):
        if number % 13 in (0, 6):  # 2 in 13 = 10 in 65
            line = f'    code: "{code}"\n'
            linked = outcome_ids[(number * 7919) % len(outcome_ids)]
            text = text.replace(line, f'{line}    outcomes: ["{linked}"]\n', 1)
    catalogue.write_text(text, encoding="utf-8")


def _add_progress_plans(content: Path, outcomes: int) -> None:
    """More improvement plans (copies of the bundled plan's own), one per 106 outcomes.

    The bundled plan tracks the tasks of its improvement plan for 106 outcomes; a plan N times
    as large is taken to track N times as many tasks, in as many progress plans.
    """
    model = content / "progress" / "bvpp-improvement-plan"
    if not model.is_dir():
        return
    for number in range(1, round(outcomes / 106)):
        shutil.copytree(model, content / "progress" / f"synthetic-improvement-plan-{number}")


def _slots(plan: Plan) -> list[Slot]:
    slots: list[Slot] = []
    for theme in plan.themes:
        for priority in theme.priorities:
            if isinstance(priority.outcomes, list):
                slots.append(Slot(theme, priority, len(priority.outcomes)))
        if isinstance(theme.other_activity, list):
            slots.append(Slot(theme, None, len(theme.other_activity)))
    return slots


def spread(total: int, weights: list[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder); every slot gets one first."""
    base = [1 if total >= len(weights) else 0 for _ in weights]
    rest = total - sum(base)
    whole = sum(weights) or 1
    shares = [rest * w / whole for w in weights]
    counts = [b + int(s) for b, s in zip(base, shares, strict=True)]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class _Writer:
    """Writes theme files with outcomes whose words and lengths follow the real plan."""

    def __init__(self, plan: Plan, rng: random.Random, codes: list[str]) -> None:
        self.rng = rng
        self.codes_cited = codes
        self.words = sorted(_vocabulary(plan))
        self.codes = [d.code for d in plan.directorates]
        self.contacts = [c.id for c in plan.contacts]
        self.made = 0
        self.ids: list[str] = []

    def sentence(self, low: int, high: int) -> str:
        """One sentence of ``low``..``high`` words with no draft placeholder in it."""
        while True:
            words = self.rng.choices(self.words, k=self.rng.randint(low, high))
            text = " ".join(words).capitalize() + "."
            if not PLACEHOLDER.search(text):
                return text

    def paragraphs(self, count: int, low: int, high: int) -> list[str]:
        """``count`` list entries of one or two sentences each."""
        return [
            " ".join(self.sentence(low, high) for _ in range(self.rng.randint(1, 2)))
            for _ in range(count)
        ]

    def theme(self, theme: Theme, per_slot: dict[tuple[str, str | None], int]) -> str:
        """A theme file: the real theme's headings and priorities, synthetic outcomes."""
        lines = [
            "# yaml-language-server: $schema=../../schemas/theme.schema.json",
            f"id: {theme.id}",
            f"title: {_q(theme.title)}",
            f"heading: {_q(theme.heading)}",
            *_field("intro", theme.intro, ""),
            "priorities:",
        ]
        for priority in theme.priorities:
            lines.append(f'  - letter: "{priority.letter}"')
            lines.extend(_field("title", priority.title, "    "))
            if isinstance(priority.outcomes, Gap):
                lines.extend(_field("outcomes", priority.outcomes, "    "))
                continue
            count = per_slot[(theme.id, priority.letter)]
            lines.append("    outcomes:" if count else "    outcomes: []")
            for _ in range(count):
                lines.extend(self.outcome("      "))
        other = theme.other_activity
        if isinstance(other, list):
            count = per_slot[(theme.id, None)]
            lines.append("other_activity:" if count else "other_activity: []")
            for _ in range(count):
                lines.extend(self.outcome("  "))
        elif isinstance(other, Gap):
            lines.extend(_field("other_activity", other, ""))
        if theme.indicators_table is not None:
            lines.extend(_field("indicators_table", theme.indicators_table, ""))
        return "\n".join(lines) + "\n"

    def outcome(self, indent: str) -> Iterator[str]:
        """One outcome row as YAML lines; about 1 in 30 has a gap, as in the real draft."""
        self.made += 1
        rng = self.rng
        number = self.made
        slug = "-".join(w for w in re.findall(r"[a-z0-9]+", self.sentence(2, 3).lower()))[:40].strip("-")
        self.ids.append(f"outcome-{number:05d}-{slug}")
        yield f"{indent}- id: {self.ids[-1]}"
        inner = indent + "  "
        yield f"{inner}statement: {_q(self.sentence(6, 14))}"
        leads = rng.sample(self.codes, k=1 if rng.random() < 0.8 else 2)
        yield f"{inner}lead_directorates: [{', '.join(_q(c) for c in leads)}]"
        yield f"{inner}what_we_did:"
        did = self.paragraphs(rng.randint(1, 4), 12, 30)
        if self.codes_cited and rng.random() < CITATIONS_PER_OUTCOME:
            did[-1] = did[-1][:-1] + f" (BVPI {rng.choice(self.codes_cited)})."
        yield from (f"{inner}  - {_q(p)}" for p in did)
        if number % 37 == 0:
            yield f'{inner}actions_planned:\n{inner}  missing: "to be completed"'
        else:
            yield f"{inner}actions_planned:"
            yield from (f"{inner}  - {_q(p)}" for p in self.paragraphs(rng.randint(1, 5), 10, 26))
        if rng.random() < 0.4:
            related = [self.sentence(2, 4).rstrip(".") for _ in range(rng.randint(1, 3))]
            yield f"{inner}related: [{', '.join(_q(r) for r in related)}]"
        if number % 29 == 0:
            yield f'{inner}contacts:\n{inner}  missing: "left blank in the draft"'
        else:
            # every contact is named somewhere once the plan is big enough, as in the real one
            first = self.contacts[number % len(self.contacts)]
            others = rng.sample(self.contacts, k=1) if rng.random() < 0.2 else []
            named = list(dict.fromkeys([first, *others]))
            yield f"{inner}contacts: [{', '.join(_q(c) for c in named)}]"


def _field(name: str, value: str | Gap, indent: str) -> list[str]:
    if isinstance(value, Gap):
        return [f"{indent}{name}:", f"{indent}  missing: {_q(value.missing)}"]
    return [f"{indent}{name}: {_q(value)}"]


def _vocabulary(plan: Plan) -> set[str]:
    words: set[str] = set()
    for _theme, _priority, outcome in plan.outcomes():
        for text in _texts(outcome):
            words.update(w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]", text) if len(w) > 1)
    return words


def _texts(outcome: Outcome) -> Iterator[str]:
    if isinstance(outcome.statement, str):
        yield outcome.statement
    for value in (outcome.what_we_did, outcome.actions_planned):
        if isinstance(value, list):
            yield from value

"""The seam between progress tasks and the indicator catalogue.

Tasks link indicators by code as plain text (``BVPI 12``, ``LPSA 2.1``). The codes are read
the way outcome text is (:func:`generator.derive.codes.find_codes`) and resolved against
the catalogue's index (:func:`generator.derive.citations.indicator_index`), whose published
rule also says which indicators are at risk of missing their (stretch) targets. While the plan
has no catalogue the codes are only listed, never judged.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.derive.citations import IndicatorIndex
from generator.derive.codes import find_codes
from generator.derive.rating import Rating
from generator.model.indicators import Indicator
from generator.model.progress import PlacedTask, ProgressPlan


@dataclass(frozen=True)
class IndicatorLink:
    """An indicator code that tasks link, the tasks, and what the catalogue says of it."""

    code: str
    """The code as the first task writes it."""
    tasks: tuple[PlacedTask, ...]
    indicator: Indicator | None
    rating: Rating | None

    @property
    def at_risk(self) -> bool:
        """True when the published rule judges the indicator at risk of missing its target."""
        return self.rating is not None and self.rating.at_risk is True


def resolve_code(index: IndicatorIndex, code: str) -> Indicator | None:
    """The indicator a task's code names, if it names exactly one known indicator."""
    mentions = find_codes(code)
    if len(mentions) != 1:
        return None
    return index.resolve(mentions[0])


def code_key(code: str) -> str:
    """A code as compared across tasks: ``BV 12`` and ``BVPI 12`` are one indicator."""
    mentions = find_codes(code)
    if len(mentions) == 1:
        return mentions[0].label
    return " ".join(code.split()).casefold()


def linked_indicators(progress: ProgressPlan, index: IndicatorIndex | None) -> list[IndicatorLink]:
    """Every indicator code the plan's tasks link, with the tasks, in first-mention order."""
    by_code: dict[str, tuple[str, list[PlacedTask]]] = {}
    for placed in progress.tasks():
        for code in placed.task.indicators:
            by_code.setdefault(code_key(code), (code, []))[1].append(placed)
    links = []
    for code, tasks in by_code.values():
        indicator = resolve_code(index, code) if index is not None else None
        rating = index.ratings.get(indicator.id) if index is not None and indicator else None
        links.append(IndicatorLink(code, tuple(tasks), indicator, rating))
    return links

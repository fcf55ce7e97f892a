"""View types that more than one page (or the PDF) shows: each idea written once.

Templates read them by these field names; frozen, so the render cache can fingerprint them
(:mod:`generator.core.rendercache`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.derive.gaps import DraftGap

V = TypeVar("V", bound=str)


@dataclass(frozen=True)
class Link:
    """A title and the page it leads to, or the title alone where there is no page to link
    (a body the source names, on the data river page)."""

    title: str
    path: str | None = None


@dataclass(frozen=True)
class StatusTag:
    """A status as the pages tag it (GOV.UK Tag): its words, the class giving its shape and
    colour, and its icon (a shape of its own, so the status never rests on colour alone)."""

    words: str
    slug: str
    icon: str


@dataclass(frozen=True)
class LabelledValue(Generic[V]):
    """One row of a list of facts: a label and its value, plain text (``LabelledValue[str]``,
    escaped by the template) or already HTML (``LabelledValue[Markup]``)."""

    label: str
    value: V


@dataclass(frozen=True)
class GapGroup:
    """The gaps of one part of the plan, under its heading (the gaps page, the PDF's list)."""

    title: str
    gaps: list[DraftGap]

    @property
    def anchor(self) -> str:
        """The heading's id on the gaps page, from its title (``Tables`` → ``tables``)."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")


def gap_groups(gaps: Iterable[DraftGap]) -> list[GapGroup]:
    """``gaps`` grouped by the part of the plan they are in, groups in order of first gap."""
    groups: dict[str, list[DraftGap]] = {}
    for gap in gaps:
        groups.setdefault(gap.group, []).append(gap)
    return [GapGroup(title, found) for title, found in groups.items()]

"""What changed between two versions of a plan: the records compared, and each change as a value.

Both versions are read as the same records: the open data's CSV files, every cell as text. The
last published build left them in ``site/data/``; a version in git, or the plan being built, is
turned into them by the open data's own writers. So a build compares like with like, by the
records' ids, whatever made them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Record = Mapping[str, str]
"""One row of an open data CSV file: column name → cell text (an empty cell is ``""``)."""

Records = Mapping[str, Sequence[Record]]
"""Resource name (``outcomes``, ``indicator-values``, …) → its rows."""

COMPARED = ("indicators", "indicator-values", "outcomes", "progress-tasks", "gaps")
"""The open data resources a comparison reads: enough to name every kind of change."""

ChangeKind = Literal[
    "new figure", "figure changed", "figure removed",
    "new target", "target moved", "target removed",
    "new outcome", "outcome reworded", "outcome removed",
    "new task", "task reworded", "task status changed", "task removed",
    "new gap", "gap filled",
]
KINDS: tuple[ChangeKind, ...] = (
    "new figure", "figure changed", "figure removed",
    "new target", "target moved", "target removed",
    "new outcome", "outcome reworded", "outcome removed",
    "new task", "task reworded", "task status changed", "task removed",
    "new gap", "gap filled",
)
"""Every kind, in the order the page and the terminal list them."""


@dataclass(frozen=True)
class Change:
    """One difference between the earlier version and this one."""

    kind: ChangeKind
    id: str
    """The record's id: an indicator's, an outcome's, a task's (``plan/task``); a gap's field."""
    title: str
    """What the record is, in words: the indicator's code and title, the outcome's statement."""
    detail: str = ""
    """For a figure or a target, its period; for a task, its progress plan; for a gap, the field."""
    before: str = ""
    """The earlier value or wording; empty for something new."""
    after: str = ""
    """The value or wording now; empty for something removed."""
    status_before: str = ""
    """For a figure or a target: the indicator's status before, as the rating rule gave it."""
    status_after: str = ""
    """For a figure or a target: its status now."""
    page: str = ""
    """The address of the record's page, relative to the site's root (``outcomes/x/``)."""


@dataclass(frozen=True)
class Baseline:
    """The earlier version a build compares with."""

    records: Records
    title: str
    """The earlier version's title, e.g. ``Harrow Council: Best Value Performance Plan 2004/05, Draft 1``."""
    date: dt.date | None = None
    """The date the earlier version gives itself, when it gives one."""
    files: Mapping[str, bytes] = field(default_factory=dict)
    """Each compared resource's CSV file as published, when known: a file that the new build
    writes byte for byte the same holds no change, and neither version of it need be read."""


@dataclass(frozen=True)
class ChangeReport:
    """Every change since the baseline, or ``baseline=None`` when there was nothing to compare with."""

    baseline_title: str | None
    baseline_date: dt.date | None
    changes: tuple[Change, ...]

    @property
    def compared(self) -> bool:
        """Whether there was an earlier version to compare with."""
        return self.baseline_title is not None

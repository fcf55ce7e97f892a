"""The models of ``content/indicators/indicators.yaml``: the indicators and the rating rule's settings.

Values and targets are not here: they live in ``values.csv`` (a row per indicator and period)
so that officers can edit them in a spreadsheet. What a source does not say is left out of
the YAML, and the site shows it as "not yet available"; nothing is filled in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.core.problems import Location
from generator.model.base import DirectorateCode, Id, IsoDate, Line, Model

Family = Literal["BVPI", "LPSA", "PAF", "LAA", "local"]
"""Best Value PIs, Local Public Services Agreement targets, the social services Performance
Assessment Framework, Local Area Agreement indicators, and the council's own local PIs."""

FAMILY_NAMES: dict[str, str] = {
    "BVPI": "Best Value performance indicators (BVPIs)",
    "LPSA": "Local Public Services Agreement (LPSA) targets",
    "PAF": "Performance Assessment Framework (PAF) indicators",
    "LAA": "Local Area Agreement (LAA) indicators",
    "local": "Local performance indicators",
}
"""Each family's name as the index shows it, in the order the index lists them."""

CODE_PATTERN = r"^[A-Z]?[0-9]+(?:\.[0-9]+)*[a-z]?$"

Code = Annotated[
    str,
    StringConstraints(pattern=CODE_PATTERN),
    Field(description="The indicator's number within its family, e.g. `157`, `192a`, `2.1`, `C26`."),
]
Percent = Annotated[Decimal, Field(ge=0, le=100)]
Polarity = Literal["higher", "lower"]

NOT_YET_AVAILABLE = "not yet available"
"""What the site says where the sources do not give a fact (title, definition, unit, …)."""


class RatingRule(Model):
    """The published rule's settings: how a status and a direction are worked out."""

    as_at: IsoDate = Field(
        description=(
            "The date statuses are worked out at (an indicator is stale when this is past its "
            "next-due date); never the day of the build, so that builds are reproducible."
        )
    )
    tolerance_percent: Percent = Field(
        description=(
            "A latest value that misses its target by no more than this percentage of the "
            "target is 'within tolerance'; by more, 'off target'."
        )
    )
    no_change_percent: Percent = Field(
        description=(
            "A change between two values of no more than this percentage of the earlier value "
            "counts as 'no change' in the direction of travel (0: only equal values)."
        )
    )
    forecast_points: Annotated[int, Field(ge=2, le=20)] = Field(
        description="How many of the latest dated values the straight-line forecast is drawn through."
    )


class IndicatorSpec(Model):
    """One performance indicator: what it is, how it is read, and who looks after it."""

    id: Id = Field(description="The indicator's page address, e.g. `bvpi-157`.")
    family: Family = Field(description="`BVPI`, `LPSA`, `PAF`, `LAA` or `local`.")
    code: Code | None = Field(
        default=None,
        description="The number within the family as the plan cites it; leave out if the plan gives none.",
    )
    title: Line | None = Field(
        default=None, description="The indicator's title: official, or in the plan's own words."
    )
    definition: Line | None = Field(
        default=None, description="What is measured, exactly; leave out until it is known."
    )
    source: Line | None = Field(
        default=None,
        description="Where the title and definition come from, e.g. the plan's sentence.",
    )
    unit: Line | None = Field(default=None, description="`%`, or words such as `days per employee`.")
    polarity: Polarity | None = Field(
        default=None, description="`higher` or `lower`: which way is better."
    )
    owner: DirectorateCode | None = Field(
        default=None, description="The directorate responsible for the indicator."
    )
    contacts: list[Id] = Field(
        default_factory=list, description="Ids of the officers to ask, from contacts.yaml."
    )
    frequency: Line | None = Field(
        default=None, description="How often it is measured, e.g. `quarterly`, as the source says."
    )
    last_updated: IsoDate | None = Field(
        default=None, description="When its figures were last brought up to date."
    )
    next_due: IsoDate | None = Field(
        default=None, description="When its next figure is due; past this it is shown as stale."
    )
    outcomes: list[Id] = Field(
        default_factory=list,
        description=(
            "Ids of outcomes whose text reports this indicator's figures without citing a code "
            "(outcomes that cite the code are found without being listed)."
        ),
    )
    tolerance_percent: Percent | None = Field(
        default=None, description="This indicator's tolerance, instead of the rule's."
    )
    note: Line | None = Field(default=None, description="An editor's note on the indicator.")

    @property
    def label(self) -> str:
        """How the indicator is named in links and headings: ``BVPI 157``, or its title."""
        if self.code is not None:
            family = "Local PI" if self.family == "local" else self.family
            return f"{family} {self.code}"
        return self.title or self.id


class IndicatorsFile(Model):
    """`content/indicators/indicators.yaml`: the rating rule and every performance indicator."""

    rating: RatingRule
    indicators: list[IndicatorSpec]


@dataclass(frozen=True)
class Reading:
    """One figure cell: a number as published, an explicit gap, or nothing."""

    text: str
    """The number as written (``14.5``), or the gap's words, or empty."""
    value: Decimal | None
    missing: str | None
    """The source's words where it gives a placeholder instead of a figure (``XXX``)."""
    location: Location

    @property
    def given(self) -> bool:
        """True when the cell holds a number."""
        return self.value is not None


@dataclass(frozen=True)
class PeriodRow:
    """One row of values.csv: an indicator's actual, target and stretch target for one period."""

    indicator: str
    period: str
    date: dt.date | None
    actual: Reading
    target: Reading
    stretch_target: Reading
    source: str
    note: str
    location: Location


@dataclass(frozen=True)
class Indicator:
    """An indicator with its rows of values, oldest first."""

    spec: IndicatorSpec
    rows: tuple[PeriodRow, ...]

    @property
    def id(self) -> str:
        """The indicator's id (its page address)."""
        return self.spec.id

    @property
    def label(self) -> str:
        """``BVPI 157``, or the title of an indicator without a code."""
        return self.spec.label


@dataclass(frozen=True)
class Catalogue:
    """Every indicator and the rating rule (None when the content has no indicators)."""

    rule: RatingRule | None = None
    indicators: tuple[Indicator, ...] = ()

    def get(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, if there is one."""
        return next((i for i in self.indicators if i.id == indicator_id), None)

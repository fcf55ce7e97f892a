"""What a programme or a board report adds to a progress plan: its record, rhythm and data.

A progress plan (:mod:`generator.model.progress`) is tasks and their reported progress. Some
documents of a council's family are more than that: the Cabinet report that agreed an
improvement programme (projects linked to priorities and to the indicators they should move,
flagship actions with their tests, monthly returns and a quarterly report), or a partnership
board's report (its priorities, funding awarded, dates, criteria). Their prose is kept word for
word in the plan folder's ``document.md``; these models hold what the product reads as data.
Every quoted item must be found in that prose (:mod:`generator.rules.programme`): the data is a
reading of the source, never an addition to it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.model.base import Gap, Id, IsoDate, Line, Model, Sentence

PlanKind = Literal["plan", "programme", "report"]
"""A plan of tasks, an improvement programme, or a board's report."""

Count = Annotated[int, Field(ge=0)]


class Detail(Model):
    """A labelled line of the document's cover, as printed: `Key Decision: No`."""

    label: Line = Field(description="The label as printed, e.g. `Responsible Officer`.")
    value: Line | None = Field(
        default=None,
        description="What follows it, as printed, e.g. `Paul Najsarek` (none for a line on its own).",
    )


class Clearance(Model):
    """A statutory officer's clearance of the report."""

    name: Line = Field(description="The officer's name as printed.")
    on_behalf_of: Line = Field(description="Whom the officer cleared it for, e.g. `the Monitoring Officer`.")
    date: IsoDate = Field(description="The date of the clearance.")
    date_as_stated: Line = Field(description="The date as printed, e.g. `13 July 2007`.")


class SourceRecord(Model):
    """The document the plan comes from: the meeting it went to, when, and its cover details."""

    meeting: Line = Field(description="The meeting, e.g. `Cabinet`, `Harrow Strategic Partnership Board`.")
    date: IsoDate = Field(description="The meeting's date.")
    date_as_stated: Line = Field(description="The date as printed, e.g. `27th October 2009`.")
    subject: Line = Field(description="The report's subject or title as printed.")
    details: list[Detail] = Field(default_factory=list, description="The cover's other lines, in order.")
    clearance: list[Clearance] = Field(default_factory=list, description="Statutory officer clearance.")
    contact: Line | None = Field(default=None, description="The contact for the report, as printed.")
    background_papers: Line | None = Field(default=None, description="Background papers, as printed.")
    considerations: list[Detail] = Field(
        default_factory=list, description="The checklist of considerations and their answers."
    )


class ReportingStep(Model):
    """One beat of the reporting rhythm: who reports what to whom, how often."""

    every: Literal["month", "quarter"] = Field(description="How often: `month` or `quarter`.")
    what: Line = Field(description="What is reported, e.g. `status reports on the projects`.")
    by: Line | None = Field(
        default=None, description="Who reports, in the source's words (leave out if not stated)."
    )
    to: list[Line] = Field(min_length=1, description="Who receives it, in the source's words.")
    words: Sentence


class StatedCount(Model):
    """A count the source states without naming what it counts (`approximately 200 projects`)."""

    what: Line = Field(description="What is counted, in the source's words, e.g. `council projects`.")
    count: Count = Field(description="The number stated.")
    qualifier: Line | None = Field(
        default=None, description="A word that qualifies it, e.g. `approximately`."
    )
    words: Sentence


class Programme(Model):
    """An improvement programme: its projects, flagship actions and reporting rhythm."""

    projects: StatedCount = Field(description="How many projects the source says the programme holds.")
    selection_criteria: list[Line] = Field(
        default_factory=list, description="The criteria projects were selected on, as listed."
    )
    flagship_period: Line | None = Field(
        default=None, description="The year the flagship actions are for, as printed, e.g. `2007/08`."
    )
    flagship_tests: list[Line] = Field(
        default_factory=list, description="What each flagship action must be (its SMART tests), as listed."
    )
    rhythm: list[ReportingStep] = Field(
        default_factory=list, description="Monthly returns, the quarterly report: who reports to whom."
    )
    kpi_impacts: Gap | None = Field(
        default=None,
        description="Where the source says the indicators' expected impacts are, when it does not give them.",
    )


class Funding(Model):
    """Money the source says was made available, and the areas of work it was awarded to."""

    up_to: Count = Field(description="The most available, in pounds, e.g. `200000`.")
    up_to_as_stated: Line = Field(description="The sum as printed, e.g. `up to £200,000`.")
    purpose: Line = Field(description="What it was for, in the source's words.")
    areas: list[Line] = Field(
        min_length=1, description="The areas of work funded, named as the source names them."
    )
    words: Line = Field(description="The source's sentence naming the sum, word for word.")


class Fact(Model):
    """A dated or counted fact the report gives, with its sentence."""

    topic: Line = Field(description="What it is about, e.g. `Comprehensive Area Assessment`.")
    words: Sentence
    date: IsoDate | None = Field(default=None, description="The date it names, as the last day it can mean.")
    date_as_stated: Line | None = Field(
        default=None, description="The date as printed, e.g. `December 2009`."
    )


class NamedList(Model):
    """A list the source gives inside a sentence or as bullets: drivers, criteria."""

    id: Id = Field(description="The list's id, unique within the plan.")
    title: Line = Field(description="A heading for it, in the source's words.")
    words: Line = Field(description="The source's words that introduce it.")
    items: list[Line] = Field(min_length=1, description="The items, as the source names them.")


class Feed(Model):
    """One stream of the data river: a data set and the reports or systems it drives."""

    data: Line = Field(description="The data, in the source's words.")
    feeds: list[Line] = Field(min_length=1, description="What it drives, in the source's words.")
    words: Sentence


class FamilyFields(Model):
    """The fields a plan.yaml may add to place the plan in the family and carry its document's data."""

    kind: PlanKind = Field(default="plan", description="`plan`, `programme` or `report`.")
    body: Line | None = Field(
        default=None,
        description="Whose plan it is, e.g. `Harrow Strategic Partnership`; the home page groups by it.",
    )
    record: SourceRecord | None = Field(default=None, description="The document's meeting, date and cover.")
    programme: Programme | None = Field(default=None, description="Set for an improvement programme.")
    funding: list[Funding] = Field(default_factory=list, description="Money the source says was awarded.")
    facts: list[Fact] = Field(default_factory=list, description="Dated or counted facts the source gives.")
    lists: list[NamedList] = Field(default_factory=list, description="Other lists the source gives.")
    feeds: list[Feed] = Field(
        default_factory=list, description="Data the source says drives more than one report or system."
    )

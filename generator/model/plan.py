"""The typed model of a plan: the one place that says what a plan is.

The content files are validated against these models (pydantic), and the JSON Schemas that
editors use for autocompletion are generated from them. Every model remembers where in which
file it was written, so that any rule can point an officer at the exact line.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.model.base import DirectorateCode, Gap, Id, IsoDate, Line, Model, Section, Text, TextList
from generator.model.glossary import GlossaryEntry
from generator.model.indicators import Catalogue
from generator.model.progress import ProgressPlan
from generator.model.tables import Table


class Directorate(Model):
    """A council directorate that leads outcomes."""

    code: DirectorateCode
    name: Line = Field(description="The directorate's name as the plan gives it.")


class Contact(Model):
    """An officer named as the contact for further information."""

    id: Id
    name: Line = Field(description="The officer's name as the plan gives it.")
    phone: Line | None = Field(default=None, description="Telephone number or extension as published.")
    role: Line | None = Field(
        default=None, description="The officer's job title, where the plan prints one beside the name."
    )


class PrintedContact(Model):
    """How one outcome row prints a contact, where that differs from contacts.yaml.

    A row shows what its source row prints: the same officer may be printed with another form
    of the name or number, with no number, or with a role beside the name.
    """

    name: Line | None = Field(default=None, description="The name as this row prints it.")
    phone: Line | None = Field(default=None, description="The number as this row prints it.")
    number: Literal["as listed", "not printed"] = Field(
        default="as listed",
        description="`not printed` where the row prints the name with no number.",
    )
    role: Line | None = Field(
        default=None, description="A label the row prints with the name, e.g. `Principal Adviser`."
    )


class DirectoryFile(Model):
    """`content/directorates.yaml`: the directorates of the council."""

    directorates: list[Directorate] = Field(min_length=1)


class ContactsFile(Model):
    """`content/contacts.yaml`: every contact officer the plan names."""

    contacts: list[Contact]


class Correction(Model):
    """A repair of text-extraction damage made while transcribing the source document."""

    source: Line = Field(description="The text as it stands in the source (or a description).")
    repaired: Line = Field(description="The text as the content gives it.")
    place: Line = Field(description="Which file and item the repair is in.")
    reason: Line = Field(description="Why the repair is certain, e.g. `word split at a line end`.")


class CorrectionsFile(Model):
    """`content/corrections.yaml`: every repair made to the source's text."""

    corrections: list[Correction]


class Outcome(Model):
    """One row of a priority's table: an outcome the council committed to."""

    id: Id
    statement: Text = Field(description="The outcome, in the plan's words (first column).")
    lead_directorates: list[DirectorateCode] | Gap = Field(
        description="Codes of the lead directorate(s) (second column)."
    )
    what_we_did: TextList = Field(
        description="Background / what we did last year: one entry per paragraph or bullet."
    )
    actions_planned: TextList = Field(
        description="Action planned and targets for this year and later: one entry per bullet."
    )
    related: list[Line] = Field(
        default_factory=list,
        description="Relevant plans, strategies and performance indicators (fifth column).",
    )
    contacts: list[Id] | Gap = Field(
        description="Ids of the contacts for further information, from contacts.yaml."
    )
    printed_contacts: dict[Id, PrintedContact] = Field(
        default_factory=dict,
        description="By contact id: how this row prints the contact, where it differs from contacts.yaml.",
    )
    note: Line | None = Field(
        default=None,
        description="An editor's note on how this row was read from the source (shown as such).",
    )

    def printed(self, contact_id: str, name: str, phone: str | None) -> tuple[str, str | None, str | None]:
        """The contact's name, number and role as this row prints them."""
        shown = self.printed_contacts.get(contact_id)
        if shown is None:
            return name, phone, None
        number = None if shown.number == "not printed" else shown.phone or phone
        return shown.name or name, number, shown.role


class Priority(Model):
    """A priority within a theme (Priority A, B, …) and its outcomes."""

    letter: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")] = Field(
        description="The priority's letter, e.g. `A`."
    )
    title: Text = Field(description="The priority's title, in the plan's words.")
    outcomes: Annotated[list[Outcome], Field(min_length=1)] | Gap = Field(
        description="The priority's outcome rows, in order (a `missing:` gap when the draft has none)."
    )

    @property
    def slug(self) -> str:
        """The URL part of this priority, e.g. ``priority-a``."""
        return f"priority-{self.letter.lower()}"


class Theme(Model):
    """One of the corporate plan's themes, with its priorities (a file in content/themes/)."""

    id: Id
    title: Line = Field(description="The theme's short name, e.g. `Environment`.")
    heading: Line = Field(description="The section heading, e.g. `Environmental priorities`.")
    intro: Text = Field(description="The line introducing the priorities.")
    priorities: list[Priority] = Field(min_length=1)
    other_activity: list[Outcome] | Gap | None = Field(
        default=None, description="Outcomes under the theme's 'Other areas of activity'."
    )
    indicators_table: Gap | None = Field(
        default=None,
        description="The theme's table of BVPIs and local PIs, while the draft only promises it.",
    )

    def outcomes(self) -> Iterator[tuple[Priority | None, Outcome]]:
        """Every outcome of the theme with its priority (None for other areas of activity)."""
        for priority in self.priorities:
            if isinstance(priority.outcomes, list):
                for outcome in priority.outcomes:
                    yield priority, outcome
        if isinstance(self.other_activity, list):
            for outcome in self.other_activity:
                yield None, outcome


class Licence(Model):
    """The licence the plan's text and open data are published under."""

    name: Line = Field(description="e.g. `Open Government Licence v3.0`.")
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>]+$")] = Field(
        description="The licence's page, an https address."
    )


class FeedbackRoute(Model):
    """How a reader reaches the council about the site: at least one way to write or call."""

    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    phone: Line | None = Field(default=None, description="As the council prints it.")
    address: Line | None = Field(default=None, description="A postal address on one line.")


class PlanFile(Model):
    """`content/plan.yaml`: what the plan is and the order of its contents."""

    council: Line = Field(description="The council's name, e.g. `Harrow Council`.")
    title: Line = Field(description="The plan's title, e.g. `Best Value Performance Plan 2004/05`.")
    short_title: Line = Field(description="A short name for headers, e.g. `BVPP 2004/05`.")
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}/\d{2}$")] = Field(
        description="The plan year, e.g. `2004/05`."
    )
    previous_period: Annotated[str, StringConstraints(pattern=r"^\d{4}/\d{2}$")] = Field(
        description="The year reviewed, e.g. `2003/04`."
    )
    status: Literal["draft", "final"] = Field(description="`draft` shows a banner on every page.")
    draft_label: Line | None = Field(default=None, description="e.g. `Draft 1`.")
    date: IsoDate = Field(description="The date of this version, e.g. `2004-04-07`.")
    levels: Annotated[list[Line], Field(min_length=3, max_length=3)] = Field(
        default_factory=lambda: ["Theme", "Priority", "Outcome"],
        description="The names of the plan's three levels, outermost first, as the plan uses them.",
    )
    contents: list[Id] = Field(
        min_length=1,
        description="Ids of narrative sections and themes, in the order the plan presents them.",
    )
    licence: Licence | None = Field(
        default=None, description="The licence of the plan's text and open data (shown with the data)."
    )
    contact: FeedbackRoute | Gap | None = Field(
        default=None,
        description=(
            "How readers contact the council about the site (the accessibility statement's "
            "feedback route); a `missing:` gap in the source's words while the plan gives none."
        ),
    )


@dataclass(frozen=True)
class Plan:
    """The whole plan, assembled from every content file: what the pages are built from."""

    plan: PlanFile
    directorates: list[Directorate]
    contacts: list[Contact]
    themes: list[Theme]
    sections: list[Section]
    corrections: list[Correction]
    tables: tuple[Table, ...] = ()
    """The data tables of content/tables.yaml, with their CSV figures and checks."""
    indicators: Catalogue | None = None
    """The performance indicators of content/indicators/, with their values (None: none given)."""
    progress: tuple[ProgressPlan, ...] = ()
    """The progress plans of content/progress/, with their tasks and status updates."""
    glossary: tuple[GlossaryEntry, ...] = ()
    """The abbreviations of content/glossary.yaml, in the file's order."""

    def outcomes(self) -> Iterator[tuple[Theme, Priority | None, Outcome]]:
        """Every outcome in the plan with its theme and priority, in plan order."""
        for theme in self.themes:
            for priority, outcome in theme.outcomes():
                yield theme, priority, outcome

    @functools.cached_property
    def _outcomes_by_id(self) -> dict[str, Outcome]:
        return {outcome.id: outcome for _theme, _priority, outcome in self.outcomes()}

    def outcome(self, outcome_id: str) -> Outcome | None:
        """The outcome with this id, if there is one (from a map made once per plan)."""
        return self._outcomes_by_id.get(outcome_id)

    def outcome_ids(self) -> list[str]:
        """Every outcome id, sorted (for "did you mean" hints)."""
        return sorted(self._outcomes_by_id)

    def lead_counts(self) -> Counter[str]:
        """How many outcomes each directorate leads (an outcome counts once per directorate)."""
        return self._outcome_counts(lambda outcome: outcome.lead_directorates)

    def contact_counts(self) -> Counter[str]:
        """How many outcomes name each contact (an outcome counts once per contact)."""
        return self._outcome_counts(lambda outcome: outcome.contacts)

    def _outcome_counts(self, named: Callable[[Outcome], list[str] | Gap]) -> Counter[str]:
        """How many outcomes name each id in one column; a gap names none, a repeat counts once."""
        return Counter(
            name
            for _theme, _priority, outcome in self.outcomes()
            if isinstance(ids := named(outcome), list)
            for name in set(ids)
        )

    def themes_in_order(self) -> list[Theme]:
        """The themes in the order the plan's contents list gives them."""
        by_id = {t.id: t for t in self.themes}
        return [by_id[i] for i in self.plan.contents if i in by_id]

    def directorate(self, code: str) -> Directorate | None:
        """The directorate with this code, if there is one."""
        return next((d for d in self.directorates if d.code == code), None)

    def contact(self, contact_id: str) -> Contact | None:
        """The contact with this id, if there is one."""
        return next((c for c in self.contacts if c.id == contact_id), None)

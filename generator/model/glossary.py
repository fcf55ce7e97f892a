"""The glossary: each abbreviation the plan uses, what it stands for and what it is.

Pages mark an abbreviation's first use with its expansion, the PDF spells it out, and the
glossary page lists every entry. An expansion is only what the source or an official
definition gives; where neither does, the entry carries a gap instead of a guess.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.model.base import Line, Model, Text

Term = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Za-z]*[A-Z]$", max_length=12),
    Field(description="The abbreviation as the plan prints it, e.g. `BVPI` or `IDeA`."),
]


class GlossaryEntry(Model):
    """One abbreviation and what it means."""

    term: Term
    expansion: Text = Field(
        description=(
            "What the abbreviation stands for, as the source or the official definition gives it "
            "(a `missing:` gap when neither spells it out)."
        )
    )
    explanation: Line = Field(description="One plain sentence on what it is, from the source.")
    source: Line = Field(
        description="Where the expansion is given, e.g. `the plan, The council's finances`."
    )


class GlossaryFile(Model):
    """`content/glossary.yaml`: the abbreviations pages spell out."""

    terms: list[GlossaryEntry] = Field(min_length=1)

"""The building blocks every content model shares: ids, lines of text, dates, gaps, and the
base model that remembers where in which file each value was written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, StringConstraints
from pydantic_core import PydanticCustomError

from generator.core.problems import Location
from generator.core.strictyaml import Path_, YamlDocument

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Lower-case words joined by hyphens, e.g. `street-scene`; used in URLs."),
]
DirectorateCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2,4}$"),
    Field(description="A directorate code from directorates.yaml, e.g. `UL`."),
]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sentence = Annotated[Line, Field(description="The source's sentence, word for word.")]
"""The source's own sentence behind a stated count or fact, quoted so a reader can check it."""


def _iso_date(value: object) -> object:
    """Only a date written ``YYYY-MM-DD`` (pydantic alone reads ``"0"`` as 1 January 1970)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        # reported by load.py as every other unreadable date is, with the same hint
        raise PydanticCustomError("date_parsing", "not a date", {"error": "not in the form YYYY-MM-DD"})
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date as content files write it: ``2004-04-07``, nothing else."""


class Model(BaseModel):
    """Base for every content model: strict about unknown fields, immutable, located."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    _doc: YamlDocument | None = PrivateAttr(default=None)
    _path: Path_ = PrivateAttr(default=())

    def where(self, *field: str | int) -> Location:
        """The file, line and column where this item (or one of its fields) was written."""
        if self._doc is None:
            return Location("<unknown>")
        return self._doc.location((*self._path, *field))

    def field_path(self, *field: str | int) -> Path_:
        """The path of this item (or a field of it) inside its file, for messages."""
        return (*self._path, *field)


class Gap(Model):
    """An explicit gap: the source says a thing is still to come, or leaves it out.

    The product never fills a gap; it shows it as "not yet provided" and lists it on the
    draft's gaps page.
    """

    missing: Line = Field(
        description=(
            "What the source says in place of the content, word for word "
            "(e.g. `to be completed`), or `left blank in the draft`."
        )
    )


Text = Line | Gap
TextList = Annotated[list[Line], Field(min_length=1)] | Gap


class Section(Model):
    """A narrative section: a Markdown file in content/sections/ with front matter."""

    id: Id
    title: Line
    missing: Line | None = Field(
        default=None,
        description="Set when the whole section is still to come: the source's own words.",
    )
    summary: Line | None = Field(default=None, description="One line for the contents page.")
    body: str = Field(default="", description="The Markdown text after the front matter.")
    body_line: int = Field(default=1, description="Line of the file where the body starts.")

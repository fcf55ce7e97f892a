"""Strict YAML: text in, plain values and their positions out, every trap refused by name.

PyYAML's own loaders keep the last of two duplicate keys, turn ``NO`` into ``False`` and
``12:30`` into ``750``, and follow aliases into memory exhaustion. Here the C parser's event
stream is composed by hand instead: every scalar stays text (the typed models decide what
is a number or a date), anchors, aliases and tags are refused, and each value's
line and column is kept so that later stages can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Location, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Content files larger than this are refused before they are read (a plan file is ~100 KB)."""

Path_ = tuple[str | int, ...]

try:  # the C parser is ~3x faster; fall back quietly where PyYAML was built without libyaml
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_CP1252_HINT = (
    "the file looks like Windows-1252 (as Word or Excel save it); "
    "save it again as UTF-8"
)
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str"}


@dataclass
class YamlDocument:
    """One parsed file: its plain data and where each value stood in the text."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: Path_) -> Location:
        """The position of the value at ``path``, or of its nearest located ancestor."""
        probe = tuple(path)
        while probe:
            mark = self.marks.get(probe)
            if mark is not None:
                return Location(self.file, *mark)
            probe = probe[:-1]
        mark = self.marks.get(())
        return Location(self.file, *(mark or (1, 1)))


class _RefusedError(Exception):
    """Stops composing after a problem that makes the rest of the stream meaningless."""


def decode_text(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 only (a BOM is accepted), CRLF folded; one problem otherwise."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save the file as UTF-8"
        try:
            raw.decode("cp1252")
            hint = _CP1252_HINT
        except UnicodeDecodeError:
            pass
        byte = raw[exc.start : exc.start + 1].hex()
        return None, [
            Problem(
                Location(file, line, column),
                "",
                f"expected UTF-8 text, found the byte 0x{byte} that UTF-8 does not allow here",
                hint,
                kind="encoding",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_text(path: Path, file: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a content file within the size limit and decode it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(Location(file), "", f"cannot read the file: {exc.strerror}")]
    if size > limit:
        return None, [
            Problem(
                Location(file),
                "",
                f"file is {size:,} bytes; the limit for one content file is {limit:,} bytes",
                "split the content into several files (one per theme, for example)",
                kind="size",
            )
        ]
    return decode_text(path.read_bytes(), file)


_BAD_INDENT = re.compile(r"^( *)([\t\u00a0\u2007\u202f\u3000]+)", re.MULTILINE)


def _indent_problems(text: str, file: str) -> list[Problem]:
    problems = []
    for match in _BAD_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = len(match.group(1)) + 1
        char = match.group(2)[0]
        what = "a tab" if char == "\t" else f"a non-breaking space (U+{ord(char):04X})"
        problems.append(
            Problem(
                Location(file, line, column),
                "",
                f"indentation must be plain spaces, found {what}",
                "replace it with spaces; pasted text from Word often carries such characters",
                kind="syntax",
            )
        )
    return problems


def parse_yaml(text: str, file: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document strictly; return the document or every problem found."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [
            Problem(
                Location(file, 1, 1),
                "",
                "the file is empty",
                "add the content, or delete the file if it is not needed",
                kind="syntax",
            )
        ]
    problems = _indent_problems(text, file)
    if problems:
        return None, problems
    composer = _Composer(file)
    try:
        data = composer.compose(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        message = exc.problem or "cannot be parsed as YAML"
        if exc.context:
            message = f"{exc.context}: {message}"
        return None, [
            *composer.problems,
            Problem(
                where,
                "",
                f"not valid YAML: {message}",
                "check quotes, colons and indentation near this place; "
                "a value containing ': ' or starting with a quote must be quoted whole",
                kind="syntax",
            ),
        ]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        return None, [Problem(Location(file), "", f"not valid YAML: {exc}", kind="syntax")]
    except _RefusedError:
        return None, composer.problems
    if composer.problems:
        return None, composer.problems
    return YamlDocument(file, data, composer.marks), []


class _Composer:
    """Builds dicts, lists and strings from parser events, refusing YAML's traps."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.marks: dict[Path_, tuple[int, int]] = {}

    def _where(self, event: Any) -> Location:
        mark = event.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _refuse(self, event: Any, path: Path_, message: str, hint: str) -> None:
        self.problems.append(
            Problem(self._where(event), _dotted(path), message, hint, kind="syntax")
        )

    def compose(self, events: Iterator[Any]) -> Any:
        documents = 0
        data: Any = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._refuse(
                        event,
                        (),
                        "the file holds more than one YAML document (a second '---')",
                        "keep one document per file; split the rest into another file",
                    )
                    raise _RefusedError
                data = self._node(next(events), events, ())
        return data

    def _check_props(self, event: Any, path: Path_) -> None:
        if getattr(event, "anchor", None) is not None:
            self._refuse(
                event,
                path,
                f"anchors ('&{event.anchor}') are not allowed in content files",
                "write the value out in full where it is needed",
            )
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            self._refuse(
                event,
                path,
                f"tags ('{tag}') are not allowed in content files",
                "remove the tag; values are read as text and checked against the model",
            )

    def _node(self, event: Any, events: Iterator[Any], path: Path_) -> Any:
        mark = event.start_mark
        self.marks[path] = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            self._refuse(
                event,
                path,
                f"aliases ('*{event.anchor}') are not allowed in content files",
                "write the value out in full where it is needed",
            )
            return None
        self._check_props(event, path)
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style  # the C parser says "" where the Python one says None
            return None if plain and event.value in ("", "~") else event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for inner in events:
                if isinstance(inner, yaml.SequenceEndEvent):
                    return items
                items.append(self._node(inner, events, (*path, len(items))))
            raise _RefusedError  # pragma: no cover - the parser always closes sequences
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, path)
        raise _RefusedError  # pragma: no cover - no other node events exist

    def _mapping(self, events: Iterator[Any], path: Path_) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_marks: dict[str, Location] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            if not isinstance(key_event, yaml.ScalarEvent):
                self._refuse(
                    key_event,
                    path,
                    "a key must be a plain word, not a list or a mapping",
                    "write keys as 'name: value'",
                )
                self._node(key_event, events, (*path, "?"))
                self._node(next(events), events, (*path, "?"))
                continue
            self._check_props(key_event, path)
            key = key_event.value
            value_path = (*path, key)
            if key in key_marks:
                first = key_marks[key]
                self._refuse(
                    key_event,
                    value_path,
                    f'duplicate key "{key}" (first given at line {first.line})',
                    "keep one of the two; YAML tools silently keep only the last",
                )
            key_marks[key] = self._where(key_event)
            value = self._node(next(events), events, value_path)
            mapping.setdefault(key, value)
        raise _RefusedError  # pragma: no cover - the parser always closes mappings


def _dotted(path: Path_) -> str:
    """``("priorities", 0, "title")`` → ``priorities[0].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


dotted = _dotted

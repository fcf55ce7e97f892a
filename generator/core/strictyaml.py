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
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from generator.core.cache import cached
from generator.core.problems import Location, Problem, dotted
from generator.core.text import DIRECTION_CONTROL, control_problem, direction_problem, line_column
from generator.core.yamlerrors import syntax_problem

MAX_DEPTH = 32
"""Deeper nesting is refused: a plan needs about 8 levels, and Python's stack is finite."""

Path_ = tuple[str | int, ...]

try:  # the C parser is ~3x faster; fall back quietly where PyYAML was built without libyaml
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

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


def _control_problem(code: int, text: str, file: str) -> Problem:
    """A control character the YAML reader refused, located and named."""
    return control_problem(Location(file, *line_column(text, max(text.find(chr(code)), 0))), "", code)


def parse_yaml(text: str, file: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document strictly; return the document or every problem found.

    Inside :func:`generator.core.cache.active` (``bvpp serve``), a text parsed by the previous
    build is not parsed again: the same document comes back.
    """
    doc, problems = cached(("yaml", file, text), lambda: _parse_yaml(text, file))
    return doc, list(problems)


def _parse_yaml(text: str, file: str) -> tuple[YamlDocument | None, list[Problem]]:
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
    return _compose(text, file, _Loader)


_LIBYAML_DEPTH_LIMIT = "maximum nesting depth"
"""libyaml 0.2.6 (PyYAML 6.0.4) refuses flow nesting past ~1,000 levels while scanning ahead,
before the first event reaches our own :data:`MAX_DEPTH` check; its words contain this."""


def _compose(text: str, file: str, loader: type[Any]) -> tuple[YamlDocument | None, list[Problem]]:
    composer = _Composer(file, text)
    try:
        data = composer.compose(yaml.parse(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        if loader is not yaml.SafeLoader and _LIBYAML_DEPTH_LIMIT in str(exc.problem):
            # The pure-Python parser has no such limit and yields events lazily, so our own
            # check refuses the same text at the node that first goes too deep, as it always did.
            return _compose(text, file, yaml.SafeLoader)
        fields = {**composer.lines, **composer.key_lines}
        return None, [*composer.problems, syntax_problem(exc, text, file, fields.get)]
    except yaml.reader.ReaderError as exc:
        return None, [*composer.problems, _control_problem(exc.character, text, file)]
    except yaml.YAMLError as exc:  # pragma: no cover - the reader and parser errors above
        return None, [Problem(Location(file), "", f"not valid YAML: {exc}", kind="syntax")]
    except _RefusedError:
        return None, composer.problems
    if composer.problems:
        return None, composer.problems
    return YamlDocument(file, data, composer.marks), []


class _Composer:
    """Builds dicts, lists and strings from parser events, refusing YAML's traps."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.text_lines = text.split("\n")
        self.problems: list[Problem] = []
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.lines: dict[int, Path_] = {}
        """The first value begun on each line, to name the field in a syntax error."""
        self.key_lines: dict[int, Path_] = {}
        """The first key on each line: it names a line's field better than its container."""
        self._aliases: dict[str, tuple[int, int]] = {}

    def _where(self, event: Any) -> Location:
        mark = event.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _refuse(self, event: Any, path: Path_, message: str, hint: str) -> None:
        self.problems.append(
            Problem(self._where(event), dotted(path), message, hint, kind="syntax")
        )

    def compose(self, events: Iterator[Any]) -> Any:
        try:
            return self._compose(events)
        finally:
            self._count_aliases()

    def _count_aliases(self) -> None:
        """One problem per alias name, not one per use: a bomb would give hundreds."""
        for name, (index, uses) in self._aliases.items():
            if uses > 1:
                first = self.problems[index]
                more = f"; this file uses '*{name}' {uses} times"
                self.problems[index] = replace(first, message=first.message + more)

    def _compose(self, events: Iterator[Any]) -> Any:
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
                f"tags ('{str(tag).replace('tag:yaml.org,2002:', '!!')}') "
                "are not allowed in content files",
                "remove the tag; values are read as text and checked against the model",
            )

    def _node(self, event: Any, events: Iterator[Any], path: Path_) -> Any:
        if len(path) > MAX_DEPTH:
            named = [i for i, part in enumerate(path) if isinstance(part, str)]
            self._refuse(
                event,
                path[: named[0] + 1] if named else (),
                f"expected at most {MAX_DEPTH} levels of nesting, found more",
                "a plan needs a few levels only; look for runaway '[' or '{' brackets",
            )
            raise _RefusedError
        mark = event.start_mark
        self.marks[path] = (mark.line + 1, mark.column + 1)
        self.lines.setdefault(mark.line + 1, path)
        if isinstance(event, yaml.AliasEvent):
            name = str(event.anchor)
            if name in self._aliases:
                index, uses = self._aliases[name]
                self._aliases[name] = (index, uses + 1)
                return None
            self._aliases[name] = (len(self.problems), 1)
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
            if plain and event.value not in ("", "~"):
                self._check_plain(event, path)
            if DIRECTION_CONTROL.search(event.value):
                self._check_direction(event, path)
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

    def _check_direction(self, event: Any, path: Path_) -> None:
        start, end = event.start_mark, event.end_mark
        for number in range(start.line, min(end.line + 1, len(self.text_lines))):
            found = DIRECTION_CONTROL.search(self.text_lines[number])
            if found is not None:
                where = Location(self.file, number + 1, found.start() + 1)
                self.problems.append(direction_problem(where, dotted(path), found.group()))
                return

    def _check_plain(self, event: Any, path: Path_) -> None:
        start, end = event.start_mark, event.end_mark
        found = _plain_problems(event.value, start, end, self.text_lines)
        if found:
            message, hint, line, column = found
            where = Location(self.file, line, column)
            self.problems.append(Problem(where, dotted(path), message, hint, kind="syntax"))

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
            self.key_lines.setdefault(key_marks[key].line, value_path)
            value = self._node(next(events), events, value_path)
            mapping.setdefault(key, value)
        raise _RefusedError  # pragma: no cover - the parser always closes mappings


_CURLY_PAIRS = {"\u201c\u201d", "\u2018\u2019", "\u201e\u201c", "\u201e\u201d", "\u201d\u201d"}


def _plain_problems(
    value: str, start: Any, end: Any, lines: list[str]
) -> tuple[str, str, int, int] | None:
    """An unquoted value that does not say what its writer meant: message, hint, line, column."""
    if len(value) > 1 and value[0] + value[-1] in _CURLY_PAIRS:
        return (
            f"expected text, found a value wrapped in curly quotes ({value[0]}…{value[-1]}), "
            "which YAML keeps as part of the text",
            f'type straight quotes instead: "{value[1:-1]}"; if the curly quotes belong to '
            "the text, wrap the whole value in straight quotes too",
            start.line + 1,
            start.column + 1,
        )
    for number in range(start.line + 1, min(end.line + 1, len(lines))):
        if lines[number].lstrip().startswith("- "):
            return (
                "expected one list entry per line, found a line starting with '- ' "
                "that YAML joins to the text above it, as it is indented further",
                "line up its '- ' with the '- ' of the entries above it",
                number + 1,
                len(lines[number]) - len(lines[number].lstrip()) + 1,
            )
    line = lines[end.line] if end.line < len(lines) else ""
    comment = re.match(r"\s+#", line[end.column :])
    if comment:
        whole = line[start.column :].rstrip().replace("\\", "\\\\").replace('"', '\\"')
        suggestion = f': "{whole}"' if end.line == start.line else " whole"
        return (
            f"expected the whole value, found ' #' which starts a YAML comment: "
            f'only "{value}" would be kept',
            f"put the value in quotes{suggestion}; a comment needs a line of its own",
            end.line + 1,
            end.column + len(comment.group(0)),
        )
    return None

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
from generator.core.problems import Location, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Content files larger than this are refused before they are read (a plan file is ~100 KB)."""

MAX_DEPTH = 32
"""Deeper nesting is refused: a plan needs about 8 levels, and Python's stack is finite."""

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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows' "Unicode" is UTF-16 with this mark
        return None, [
            Problem(
                Location(file, 1, 1),
                "",
                "expected UTF-8 text, found UTF-16 text (as Windows saves 'Unicode text')",
                "save it again as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: encoding UTF-8)",
                kind="encoding",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save the file as UTF-8"
        byte = raw[exc.start : exc.start + 1]
        seen = ""
        try:
            raw.decode("cp1252")
            hint = _CP1252_HINT
            seen = f" ({byte.decode('cp1252')!r} in Windows-1252)"
        except UnicodeDecodeError:
            pass
        return None, [
            Problem(
                Location(file, line, column),
                "",
                f"expected UTF-8 text, found the byte 0x{byte.hex()}{seen} "
                "that UTF-8 does not allow here",
                hint,
                kind="encoding",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


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


_CONTROL_NAMES = {0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab",
                  0x0C: "form feed", 0x1B: "escape", 0x7F: "delete"}
_SYNTAX_HINT = (
    "check quotes, colons and indentation near this place; "
    "a value containing ': ' or ' #' or starting with a quote must be quoted whole"
)


DIRECTION_CONTROLS = {
    0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting", 0x202D: "left-to-right override",
    0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
}
"""Invisible characters that make text display in another order than it is stored and read out
(the "Trojan Source" characters): a published value could show one thing and say another."""

DIRECTION_CONTROL = re.compile("[" + "".join(map(chr, DIRECTION_CONTROLS)) + "]")


def direction_problem(where: Location, field: str, char: str) -> Problem:
    """A direction control character in a value: refused, named, with what to do instead."""
    code = ord(char)
    return Problem(
        where,
        field,
        f"expected text, found the invisible direction control character U+{code:04X} "
        f"({DIRECTION_CONTROLS[code]}), which makes text display in a different order from how it reads",
        "delete it; words in right-to-left scripts need no such character: "
        "browsers show each script in its own direction",
        kind="syntax",
    )


def _control_problem(code: int, text: str, file: str) -> Problem:
    """A control character the YAML reader refused, located and named."""
    index = max(text.find(chr(code)), 0)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return control_problem(Location(file, line, column), "", code)


def control_problem(where: Location, field: str, code: int) -> Problem:
    """An invisible control character in a value (YAML or CSV): refused, named, located."""
    name = _CONTROL_NAMES.get(code, "a control character")
    return Problem(
        where,
        field,
        f"expected text, found the invisible control character U+{code:04X} ({name})",
        "delete it and retype the space or line break there; "
        "it usually comes with text pasted from Word or a PDF",
        kind="syntax",
    )


def quote_suggestion(line: str) -> str:
    """``title: Budget: 2024`` → ``title: "Budget: 2024"``, for hints; "" if not a field line."""
    match = re.match(r'^\s*((?:- )?[^\s:#"\'][^:#]*?):\s+(\S.*?)\s*$', line)
    if not match:
        return ""
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1)}: "{value}"'


def _syntax_problem(
    exc: yaml.MarkedYAMLError, text: str, file: str, fields: dict[int, Path_]
) -> Problem:
    """A parser error in plain words, at the place an officer has to look."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    lines = text.split("\n")
    hint = _SYNTAX_HINT
    if "end of stream" in problem and "quoted scalar" in context and exc.context_mark:
        mark = exc.context_mark
        message = "expected a closing quote for the value starting here, found the end of the file"
        hint = "end the value with the same quote it starts with; the file may have been cut short"
    elif "mapping values are not allowed" in problem and mark is not None:
        message = "expected one 'name: value' on this line, found a second ': ' inside the value"
        suggestion = quote_suggestion(lines[mark.line])
        hint = f"put the whole value in quotes: {suggestion}" if suggestion else hint
    elif "did not find expected ',' or" in problem and exc.context_mark is not None:
        opened = exc.context_mark.line + 1
        closer, what = ("]", "list") if "sequence" in context else ("}", "mapping")
        found = "the end of the file" if mark and mark.line >= len(lines) - 1 else "something else"
        message = (
            f"expected ',' or '{closer}' to go on with the {what} opened at line {opened}, "
            f"found {found}"
        )
        hint = f"close the {what} with '{closer}'; the file may have been cut short"
    elif "cannot start any token" in problem and mark is not None:
        char = lines[mark.line][mark.column : mark.column + 1]
        message = f"expected a value, found {char!r}, which cannot start a value without quotes"
        hint = "put the whole value in quotes"
    elif "did not find expected key" in problem or "expected '-' indicator" in problem:
        message = "expected the next field or list entry, lined up with the ones above it"
        hint = "indent this line with spaces exactly as far as the other lines of the same item"
    elif "could not find expected ':'" in problem:
        mark = exc.context_mark or mark
        message = "expected 'name: value', found a line without ': '"
        hint = "add ': ' after the name, or if this line continues a value, put that value in quotes"
    else:
        message = f"not valid YAML: {f'{context}: ' if context else ''}{problem}"
    where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
    field = _dotted(fields.get(where.line, ())) if mark else ""
    return Problem(where, field, message, hint, kind="syntax")


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
        return None, [*composer.problems, _syntax_problem(exc, text, file, fields)]
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
            Problem(self._where(event), _dotted(path), message, hint, kind="syntax")
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
                self.problems.append(direction_problem(where, _dotted(path), found.group()))
                return

    def _check_plain(self, event: Any, path: Path_) -> None:
        start, end = event.start_mark, event.end_mark
        found = _plain_problems(event.value, start, end, self.text_lines)
        if found:
            message, hint, line, column = found
            where = Location(self.file, line, column)
            self.problems.append(Problem(where, _dotted(path), message, hint, kind="syntax"))

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

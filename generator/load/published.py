"""The last published build's open data, read back as records to compare a new build with.

``site/data/datapackage.json`` lists every file the last build published; the records come
from its CSV files, found by resource name, so a file that moves is still found. A site that
was never built has no descriptor: then there is nothing to compare with.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.model.changes import COMPARED, Baseline, Record

DESCRIPTOR = "datapackage.json"


class BaselineError(Exception):
    """The earlier version cannot be read; the message says where and what to do."""


def read_records(data: bytes) -> list[Record]:
    """The rows of an open data CSV file, each cell as text, as the site's readers see them.

    A spreadsheet guard (a leading apostrophe before ``=``, ``+``, ``-`` or ``@``) is taken off,
    so a comparison and the words it shows hold the plan's own text.
    """
    text = data.decode("utf-8-sig")
    return [
        {name: _unguarded(value or "") for name, value in row.items() if name is not None}
        for row in csv.DictReader(io.StringIO(text, newline=""))
    ]


def _unguarded(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def read_published(data_folder: Path, names: Iterable[str] = COMPARED) -> Baseline | None:
    """The records the last build left in ``data_folder`` (``site/data``); None if it left none."""
    descriptor = data_folder / DESCRIPTOR
    if not descriptor.is_file():
        return None
    try:
        package: Any = json.loads(descriptor.read_text(encoding="utf-8"))
        listed = {
            resource["name"]: resource["path"]
            for resource in package["resources"]
            if resource.get("format") == "csv"
        }
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BaselineError(
            f"{descriptor}: expected the data package the last build published, found {_reason(exc)}; "
            "hint: delete the site folder to publish afresh, or compare with a version in git (--since)"
        ) from exc
    files: dict[str, bytes] = {}
    for name in names:
        if name not in listed:
            continue  # published before this kind of record existed: every record is new
        try:
            files[name] = (data_folder / listed[name]).read_bytes()
        except OSError as exc:
            raise _unreadable(data_folder / listed[name], exc) from exc
    records = _ParsedOnDemand({name: data_folder / listed[name] for name in files}, files)
    return Baseline(records, str(package.get("title", "")), _date(package), files)


def _unreadable(path: Path, exc: BaseException) -> BaselineError:
    return BaselineError(f"{path}: expected a CSV file the last build published, found {_reason(exc)}")


class _ParsedOnDemand(Mapping[str, Sequence[Record]]):
    """The published files' records, each file parsed when first asked for (most are unchanged)."""

    def __init__(self, paths: dict[str, Path], files: dict[str, bytes]) -> None:
        self._paths, self._files = paths, files
        self._parsed: dict[str, list[Record]] = {}

    def __getitem__(self, name: str) -> Sequence[Record]:
        if name not in self._parsed:
            try:
                self._parsed[name] = read_records(self._files[name])
            except (UnicodeDecodeError, csv.Error) as exc:
                raise _unreadable(self._paths[name], exc) from exc
        return self._parsed[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no file"
    if isinstance(exc, KeyError | TypeError):
        return "a descriptor without its list of resources"
    return f"{type(exc).__name__}: {exc}"


def _date(package: dict[str, Any]) -> dt.date | None:
    """The plan's date, which each build writes at the end of its source's title."""
    sources = package.get("sources") or [{}]
    found = re.search(r"(\d{4}-\d{2}-\d{2})$", str(sources[0].get("title", "")))
    try:
        return dt.date.fromisoformat(found.group(1)) if found else None
    except ValueError:
        return None

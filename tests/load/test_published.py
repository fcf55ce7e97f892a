"""The last published build's open data, read back as the records a new build compares with."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.load.published import BaselineError, read_published, read_records


def publish(folder: Path, resources: list[dict[str, str]], files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    package = {
        "title": "Harrow Council: Best Value Performance Plan 2004/05, Draft 1",
        "sources": [{"title": "content/ of the plan dated 2004-06-30"}],
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_records_are_read_as_text_with_the_spreadsheet_guard_taken_off() -> None:
    data = "\ufeffid,title\no-1,'=SUM(A1)\no-2,'plain quote\no-3,\n".encode()
    assert read_records(data) == [
        {"id": "o-1", "title": "=SUM(A1)"},
        {"id": "o-2", "title": "'plain quote"},  # an apostrophe before ordinary text is the text's own
        {"id": "o-3", "title": ""},
    ]


def test_a_published_site_gives_its_title_date_and_records(tmp_path: Path) -> None:
    outcomes = b"id,title\nclean-streets,Clean streets\n"
    folder = publish(
        tmp_path / "data",
        [{"name": "outcomes", "path": "outcomes.csv", "format": "csv"},
         {"name": "gaps", "path": "gaps.json", "format": "json"}],  # not CSV: not compared
        {"outcomes.csv": outcomes},
    )
    baseline = read_published(folder)
    assert baseline is not None
    assert baseline.title == "Harrow Council: Best Value Performance Plan 2004/05, Draft 1"
    assert baseline.date == dt.date(2004, 6, 30)
    assert list(baseline.records) == ["outcomes"]
    assert baseline.records["outcomes"] == [{"id": "clean-streets", "title": "Clean streets"}]
    assert baseline.files == {"outcomes": outcomes}


def test_no_descriptor_means_nothing_was_published(tmp_path: Path) -> None:
    assert read_published(tmp_path) is None


@pytest.mark.parametrize(
    ("descriptor", "reason"),
    [("{not json", "JSONDecodeError"), ('{"title": "x"}', "a descriptor without its list of resources")],
)
def test_a_damaged_descriptor_is_a_message_with_a_way_out(tmp_path: Path, descriptor: str, reason: str) -> None:
    (tmp_path / "datapackage.json").write_text(descriptor, encoding="utf-8")
    with pytest.raises(BaselineError, match=reason) as caught:
        read_published(tmp_path)
    assert "delete the site folder to publish afresh" in str(caught.value)


def test_a_listed_file_that_is_gone_is_a_message(tmp_path: Path) -> None:
    publish(tmp_path, [{"name": "outcomes", "path": "outcomes.csv", "format": "csv"}], {})
    with pytest.raises(BaselineError, match=r"outcomes\.csv: expected a CSV file the last build published, found no file"):
        read_published(tmp_path)

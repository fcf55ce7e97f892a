"""The live preview's render cache: reused pages are exactly the pages a fresh build makes.

The cache is only safe if a page's fingerprint sees everything its template reads, so the
main test edits the bundled content in many places, one after another, and after each edit
compares the cached build's generated folder with a fresh, uncached build of the same content,
byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from markupsafe import Markup

from generator import pipeline
from generator.core.rendercache import Fingerprinter, RenderCache, UnfingerprintableError, fingerprint, reuse
from generator.model.plan import Contact
from tests.conftest import copy_project


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS: list[tuple[str, str, str, str]] = [
    # (why, file, old, new): each reaches different pages through different inputs
    ("an outcome's text", "themes/environment.yaml", "Removal of all graffiti", "Removal of every graffito"),
    ("a contact's phone", "contacts.yaml", '"020 8424 1590"', '"020 8424 1599"'),
    ("a directorate's name", "directorates.yaml", '"Urban Living"', '"Urban Living and Environment"'),
    ("a theme's title", "themes/environment.yaml", 'title: "Environment"', 'title: "The Environment"'),
    ("an indicator value", "indicators/values.csv", "running at 35% of e-gov target", "running at 36% of e-gov target"),
    ("a narrative section", "sections/02-about-harrow.md", "Harrow", "Harrow (edited)"),
    ("a task's progress", "progress/cpa-idea-improvement-plan/updates/2003-09.yaml",
     "All deemed it to be a success.", "All deemed it a success."),
    ("a value of an indicator a task links", "indicators/values.csv", "bvpi-12,2002-03,,9.98", "bvpi-12,2002-03,,9.97"),
    ("the title of an indicator a task links", "indicators/indicators.yaml",
     '"Working days per employee lost due to sickness"', '"Working days lost to sickness per employee"'),
    ("the code of an indicator a task links", "indicators/indicators.yaml", 'code: "12"\n', 'code: "12x"\n'),
    ("the section that places a progress table", "sections/08-cpa-and-improvement-plan.md",
     'title: "Taking stock:', 'title: "Taking stock again:'),
    ("back again", "themes/environment.yaml", "Removal of every graffito", "Removal of all graffiti"),
]


def test_cached_builds_match_fresh_builds_after_every_edit(tmp_path: Path) -> None:
    cached = copy_project(tmp_path / "cached")
    fresh = copy_project(tmp_path / "fresh")
    memory = pipeline.Memory()
    renders = memory.rendered
    pipeline.generate(cached, memory=memory)
    total = renders.stats.rendered
    assert renders.stats.reused == 0 and total > 200

    for why, name, old, new in EDITS:
        _replace(cached.content / name, old, new)
        _replace(fresh.content / name, old, new)
        result = pipeline.generate(cached, memory=memory)
        shutil.rmtree(fresh.docs, ignore_errors=True)
        pipeline.generate(fresh)  # no caches at all, into an empty folder
        assert _tree(cached.docs) == _tree(fresh.docs), f"after editing {why}"
        assert result.written.written, f"editing {why} changed no file"
        # Only what the edit reaches is made again; the rest comes from the cache.
        assert 0 < renders.stats.rendered < total / 4, (why, renders.stats)


def test_an_outcome_edit_renders_only_its_pages(project: pipeline.Project) -> None:
    memory = pipeline.Memory()
    renders = memory.rendered
    pipeline.generate(project, memory=memory)
    _replace(project.content / "themes/environment.yaml", "Significant progress", "Real progress")
    result = pipeline.generate(project, memory=memory)
    assert sorted(result.written.written) == [
        "data/outcomes.csv",
        "data/outcomes.json",
        "outcomes/removal-of-graffiti-and-fly-tipping-within-48-hours.md",
        "themes/environment/priority-a.md",
    ]
    # Rendered again: those two pages only (the theme's page is given the outcomes' titles, not
    # their text); every other page comes from the cache.
    assert renders.stats.pages_rendered == 2, renders.stats


def test_fingerprints_see_every_change() -> None:
    base = {"a": ["x", ("y", 1)], "n": SimpleNamespace(p="q"), "d": datetime.date(2004, 4, 7)}
    same = {"a": ["x", ("y", 1)], "n": SimpleNamespace(p="q"), "d": datetime.date(2004, 4, 7)}
    assert fingerprint(base) == fingerprint(same)
    changes = [
        {**base, "a": ["x", ("y", 2)]},
        {**base, "a": ["x", ["y", 1]]},  # a list is not a tuple
        {**base, "a": [Markup("x"), ("y", 1)]},  # Markup prints raw: not the same as text
        {**base, "a": ["x", ("y", True)]},  # True is not 1
        {**base, "a": ["x", ("y", 1.0)]},
        {**base, "n": SimpleNamespace(p="q", extra=None)},
        {**base, "d": datetime.date(2004, 4, 8)},
        {**base, "d": decimal.Decimal("1.10")},
        {"n": base["n"], "a": base["a"], "d": base["d"]},  # order matters: templates loop in order
    ]
    digests = {fingerprint(change) for change in changes}
    assert fingerprint(base) not in digests and len(digests) == len(changes)


def test_models_are_fingerprinted_by_every_field() -> None:
    one = Contact(id="a", name="A", phone="1")
    assert fingerprint([one]) == fingerprint([Contact(id="a", name="A", phone="1")])
    assert fingerprint([one]) != fingerprint([Contact(id="a", name="A", phone="2")])


@dataclasses.dataclass
class _Shared:
    x: list[str]


@dataclasses.dataclass
class _Small:
    x: str


def test_a_shared_object_is_taken_apart_once_per_build() -> None:
    shared = _Shared(["y"])
    printer = Fingerprinter()
    first = printer([shared, shared])
    shared.x.append("z")  # within one build values never change; a new build starts afresh
    assert printer([shared, shared]) == first
    assert Fingerprinter()([shared, shared]) != first


def test_a_small_record_is_written_out_each_time() -> None:
    small = _Small("y")
    printer = Fingerprinter()
    first = printer([small])
    small.x = "z"
    assert printer([small]) != first
    assert printer([_Small("y")]) == first


@pytest.mark.parametrize("value", [lambda: 1, object(), object().__str__, iter([1])])
def test_values_it_cannot_see_into_are_refused(value: object) -> None:
    with pytest.raises(UnfingerprintableError):
        fingerprint({"page": "x", "value": value})


def test_reuse_without_a_cache_always_makes() -> None:
    made: list[int] = []
    for _ in range(2):
        reuse("kind", ("same",), lambda: made.append(1))
    assert len(made) == 2
    cache = RenderCache()
    for _ in range(2):
        with cache.build():
            reuse("kind", ("same",), lambda: made.append(1))
    assert len(made) == 3 and cache.stats.reused == 1


def test_a_saved_cache_is_loaded_only_under_its_namespace(tmp_path: Path) -> None:
    from generator.core.rendercache import RenderCache

    made: list[str] = []

    def page(text: str) -> str:
        made.append(text)
        return text.upper()

    cache = RenderCache()
    with cache.build():
        assert cache.get_or_make("page", {"t": "a"}, lambda: page("a")) == "A"
    path = tmp_path / "build" / "render-cache.pickle"
    cache.save(path, "code 1")
    again = RenderCache.load(path, "code 1")
    with again.build():
        assert again.get_or_make("page", {"t": "a"}, lambda: page("a")) == "A"
    assert made == ["a"]  # reused from the file, not made again
    other = RenderCache.load(path, "code 2")  # another version of bvpp: nothing reused
    with other.build():
        other.get_or_make("page", {"t": "a"}, lambda: page("a"))
    assert made == ["a", "a"]
    path.write_bytes(b"code 1\nnot a pickle")
    assert RenderCache.load(path, "code 1").get_or_make("page", {}, lambda: "made") == "made"

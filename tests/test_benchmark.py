"""The benchmark's synthetic plans are valid and realistic, and the benchmark script runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.run import edit_one_outcome
from benchmarks.synthetic import make_content, spread
from generator.core.problems import Severity
from generator.load.plan import load_content
from generator.model.plan import Priority
from generator.render import pages
from generator.rules.plan import validate
from tests.conftest import ROOT


def test_spread_keeps_the_total_and_the_proportions() -> None:
    assert spread(10, [1, 1, 2]) == [3, 3, 4]
    assert sum(spread(5_000, [6, 4, 4, 2, 5, 1])) == 5_000
    assert spread(2, [5, 1, 1]) == [2, 0, 0]  # fewer outcomes than lists: the largest first


def test_a_synthetic_plan_loads_cleanly_and_looks_like_the_real_one(tmp_path: Path) -> None:
    content = make_content(300, tmp_path / "content")
    plan, problems = load_content(content)
    assert plan is not None, problems
    assert not [p for p in [*problems, *validate(plan)] if p.severity is Severity.ERROR]
    outcomes = list(plan.outcomes())
    assert len(outcomes) == 300
    real, _ = load_content(ROOT / "content")
    assert real is not None
    assert [t.id for t in plan.themes] == [t.id for t in real.themes]
    lists = [p for t in plan.themes for p in t.priorities if isinstance(p.outcomes, list)]
    assert all(isinstance(p, Priority) and p.outcomes for p in lists)  # every priority holds some
    outcome_pages = [
        text for path, text in pages.build(plan).pages.items() if path.startswith("outcomes/")
    ]
    average = sum(len(text.encode()) for text in outcome_pages) / len(outcome_pages)
    assert 1_500 < average < 3_500  # about 2 KB per outcome page, as in the real plan
    assert make_content(300, tmp_path / "again").joinpath("themes", "environment.yaml").read_bytes() == (
        content / "themes" / "environment.yaml"
    ).read_bytes()  # the same seed, the same plan


def test_the_edit_changes_one_entry(tmp_path: Path) -> None:
    content = make_content(40, tmp_path / "content")
    before = {p.name: p.read_text() for p in (content / "themes").glob("*.yaml")}
    name = edit_one_outcome(content)
    after = {p.name: p.read_text() for p in (content / "themes").glob("*.yaml")}
    changed = [n for n in before if before[n] != after[n]]
    assert [f"themes/{n}" for n in changed] == [name]
    lines = zip(before[changed[0]].splitlines(), after[changed[0]].splitlines(), strict=True)
    differing = [(a, b) for a, b in lines if a != b]
    assert len(differing) == 1
    assert differing[0][1] == differing[0][0][:-1] + ' (edited)"'



@pytest.mark.site
def test_the_benchmark_prints_its_figures_as_json(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--outcomes", "40", "--json", "--edit-one",
         "--keep", str(kept)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    figures = json.loads(done.stdout)
    for key in ("outcomes", "pages", "generate_s", "mkdocs_s", "total_s", "baseline_mkdocs_s",
                "peak_mb", "site_bytes", "edit_generate_s", "edit_written", "search_bytes_per_visit",
                "publish_edit_s"):
        assert key in figures, key
    # the next 'bvpp build' after the edit renders only the changed pages, on the last site
    assert figures["publish_edit_rendered"] == "pages"
    assert {"link", "mkdocs", "search", "swap"} <= set(figures["publish_edit_stages"])
    assert figures["outcomes"] == 40
    assert figures["site_bytes"] > 0 and figures["baseline_site_bytes"] > 0
    assert 0 < figures["generate_s"] < figures["total_s"]
    assert any(path.startswith("outcomes/") for path in figures["edit_written"])
    # the edit is regenerated as bvpp serve does: from its memory, rendering only what changed
    assert figures["edit_pages_rendered"] <= 2 < figures["edit_reused"]
    assert figures["disk_floor_s"] > 0
    # a page and one search, as a browser fetched them: the page's own files and the index's pieces
    assert figures["search_page_bytes"] < figures["search_bytes_per_visit"] < 1_000_000
    assert 0 < figures["search_first_results_s"] < 10
    assert (kept / "content").is_dir() and (kept / "site" / "pagefind" / "pagefind.js").is_file()

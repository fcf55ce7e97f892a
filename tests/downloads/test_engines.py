"""Second engines: Zensical builds the same generated sources to as many pages; ProperDocs to the same files."""

from __future__ import annotations

import gzip
import html
import importlib.metadata
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.publish.engines import GENERATED_CONFIG, SITE_DIR, ZENSICAL_VERSION, write_generated_config
from generator.publish.incremental import BUILT_FROM
from generator.publish.mkdocs import MkDocsSettings
from generator.publish.outputs import SITE_MARKER
from generator.publish.search import INDEX_FOLDER, index_site
from tests.conftest import ROOT, require
from tests.downloads.conftest import FullBuild


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_the_generated_config_carries_what_the_generator_passes_to_mkdocs(full_build: FullBuild) -> None:
    config_file = full_build.project.root / GENERATED_CONFIG
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plan = full_build.result.plan.plan
    assert config["site_name"] == f"{plan.council}: {plan.title}"
    assert config["nav"] == full_build.result.nav
    assert config["extra"]["bvpp"]["status"] == plan.status
    assert (config_file.parent / config["docs_dir"]).resolve() == full_build.project.docs
    assert (config_file.parent / config["theme"]["custom_dir"]).resolve() == full_build.project.root / "theme"
    assert config["site_dir"] == SITE_DIR
    mkdocs = yaml.safe_load((full_build.project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["markdown_extensions"] == mkdocs["markdown_extensions"]
    assert config["theme"]["features"] == mkdocs["theme"]["features"]


@pytest.mark.engine
def test_zensical_builds_the_same_pages_as_mkdocs(full_build: FullBuild) -> None:
    try:
        version = importlib.metadata.version("zensical")
    except importlib.metadata.PackageNotFoundError:
        version = ""
    require(version == ZENSICAL_VERSION, f"zensical {ZENSICAL_VERSION} (the test extra)")
    config_file = full_build.project.root / GENERATED_CONFIG
    zensical = Path(sys.executable).with_name("zensical")
    done = subprocess.run(
        [str(zensical), "build", "--clean", "-f", str(config_file)],
        capture_output=True,
        text=True,
        cwd=config_file.parent,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    built = config_file.parent / SITE_DIR
    # the search index is a step after any engine (generator.publish.search): it indexes Zensical's pages too
    assert index_site(built) == []
    assert (built / INDEX_FOLDER / "pagefind.js").is_file()
    mkdocs_pages, zensical_pages = _pages(full_build.project.site), _pages(built)
    assert len(mkdocs_pages) > 150
    assert zensical_pages == mkdocs_pages
    home = (built / "index.html").read_text(encoding="utf-8")
    # theme/main.html's draft banner works in Zensical too (whose escaping writes "/" as "&#x2f;")
    assert "Best Value Performance Plan 2004/05, Draft 1: not final" in html.unescape(home)
    assert "assets/stylesheets/bvpp.css" in home
    for path in ["data/outcomes.csv", "data/datapackage.json", "downloads"]:
        assert (built / path).exists(), path


def test_the_generated_config_carries_the_public_address_when_given(tmp_path: Path) -> None:
    settings = MkDocsSettings(ROOT / "mkdocs.yml", tmp_path / "docs", [], "Plan", {})
    plain = yaml.safe_load(write_generated_config(settings, tmp_path / "a.yml").read_text(encoding="utf-8"))
    assert "site_url" not in plain  # mkdocs.yml sets none
    addressed = replace(settings, site_url="https://council.example.org/plan/")
    config = yaml.safe_load(write_generated_config(addressed, tmp_path / "b.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://council.example.org/plan/"


_GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    """Every file's bytes, sitemap.xml.gz as its text (gzip stamps the time it was written).

    bvpp's own marker (:data:`generator.publish.outputs.SITE_MARKER`) and its record of what the
    site was built from (:data:`generator.publish.incremental.BUILT_FROM`) are left out: no
    engine writes them."""
    files = {}
    ours = {SITE_MARKER, BUILT_FROM}
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name not in ours):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        files[path.relative_to(site).as_posix()] = _GENERATOR_META.sub(b"", data)
    return files


@pytest.mark.engine
def test_properdocs_builds_every_file_as_mkdocs_does(full_build: FullBuild, tmp_path: Path) -> None:
    """The fallback engine (docs/developers.md, "If MkDocs or Material stops"): ProperDocs, the
    maintained MkDocs 1.x fork, gives the same site but for its name in the generator meta tag.

    The search index is built after the engine, over its output, as ``bvpp build`` does
    (:mod:`generator.publish.search`): the same step over ProperDocs' site must give the same
    index, file for file, so every file is compared, the index included."""
    properdocs = Path(sys.executable).with_name("properdocs")
    require(properdocs.is_file(), "properdocs (the test extra)")
    config_file = full_build.project.root / GENERATED_CONFIG
    done = subprocess.run(
        [str(properdocs), "build", "--strict", "-f", str(config_file), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, cwd=config_file.parent, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert index_site(tmp_path / "site") == []
    theirs, ours = _files(tmp_path / "site"), _files(full_build.project.site)
    assert any(name.startswith(f"{INDEX_FOLDER}/") for name in ours)
    assert sorted(theirs) == sorted(ours)
    differing = [name for name in ours if theirs[name] != ours[name]]
    assert not differing, f"{len(differing)} files differ, first {differing[:5]}"
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7' in home

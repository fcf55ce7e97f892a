"""The command line: exit codes 0 / 1 / 2, located messages, never a traceback."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.pipeline import Project


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_on_the_bundled_plan_exits_0_and_reports_gaps(project: Project) -> None:
    code, _out, err = run("check", "--project", str(project.root))
    assert code == 0
    assert "0 errors" in err
    assert "draft gaps in Environment:" in err
    assert "Traceback" not in err


def test_check_strict_fails_on_warnings(project: Project) -> None:
    code, _out, _err = run("check", "--project", str(project.root), "--strict")
    assert code == 1


def test_check_reports_content_errors_with_exit_1(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    plan = (project.content / "plan.yaml").read_text().replace("status: draft", "status: maybe")
    edited = write_content({"plan.yaml": plan})
    code, _out, err = run("check", "--project", str(edited.root), "--quiet")
    assert code == 1
    assert err.splitlines()[0] == (
        "content/plan.yaml:7:9: status: expected one of 'draft' or 'final', found \"maybe\""
    )
    assert "Traceback" not in err


def test_check_json_format(project: Project) -> None:
    code, out, _err = run("check", "--project", str(project.root), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["errors"] == 0
    assert report["warnings"] == len(report["problems"]) > 0
    first = report["problems"][0]
    assert set(first) == {"file", "line", "column", "severity", "kind", "field", "message", "hint"}


def test_wrong_usage_exits_2(project: Project) -> None:
    assert run("check", "--no-such-option")[0] == 2
    assert run("frobnicate")[0] == 2
    code, _out, err = run("check", "--project", str(project.root / "nowhere"))
    assert code == 2 and "has no mkdocs.yml" in err


def test_build_with_bad_content_exits_1_and_keeps_site(
    project: Project, write_content: Callable[[dict[str, str]], Project]
) -> None:
    edited = write_content({"directorates.yaml": "directorates: []\n"})
    code, _out, err = run("build", "--project", str(edited.root))
    assert code == 1
    assert "the site was not changed" in err
    assert not edited.site.exists()


def test_build_into_a_chosen_site_dir_at_a_public_address(project: Project) -> None:
    # GitLab Pages' way: into public/, published in a folder of the host
    target = project.root / "public"
    code, _out, err = run(
        "build", "--project", str(project.root), "--site-dir", str(target),
        "--site-url", "https://council.example.org/plan",
    )
    assert code == 0, err
    assert (target / "index.html").is_file()
    assert "built" in err
    # the 404 page is served at any depth: its styles and links must name the folder
    not_found = (target / "404.html").read_text(encoding="utf-8")
    assert 'href="/plan/assets/stylesheets/bvpp.css"' in not_found
    assert 'href="/plan/gaps/"' in not_found
    sitemap = (target / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://council.example.org/plan/themes/environment/</loc>" in sitemap
    # no build date in it (a page did not change because the site was built) nor in the .gz
    assert "<lastmod>" not in sitemap and sitemap.startswith("<?xml")
    packed = (target / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(packed[4:8], "little") == 0  # gzip's MTIME: 0 is "no time given"
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    assert "SOURCE_DATE_EPOCH" not in os.environ  # set for MkDocs' run only


def test_build_refuses_a_site_url_that_is_not_an_address(project: Project) -> None:
    for wrong in ("council.example.org/plan", "ftp://council.example.org/", "https://x.org/?a=1"):
        code, _out, err = run("build", "--project", str(project.root), "--site-url", wrong)
        assert code == 2 and "--site-url" in err and repr(wrong) in err, err
        assert not project.site.exists()


def test_build_refuses_a_site_url_that_could_break_out_of_an_attribute(project: Project) -> None:
    # MkDocs and Material print the address raw in <link rel="canonical">: refused, not escaped
    for wrong in ('https://x.org/"><script>alert(1)</script>', "https://x.org/a b", "https://x.org/'x'"):
        code, _out, err = run("build", "--project", str(project.root), "--site-url", wrong)
        reason = [line for line in err.splitlines() if line.startswith("Error:")]
        assert code == 2 and len(reason) == 1 and "quotes, angle brackets or spaces" in reason[0], err
        assert not project.site.exists()


def test_the_library_refuses_an_unsafe_site_url_before_building(project: Project) -> None:
    with pytest.raises(ValueError, match="quotes, angle brackets or spaces"):
        pipeline.build(project, site_url='https://x.org/"onmouseover="alert(1)')
    assert not project.site.exists() and not project.docs.exists()

"""Benchmark: build a plan of N outcomes through the real pipeline, beside plain MkDocs.

    python benchmarks/run.py --outcomes 1000 --json       one JSON object of figures
    python benchmarks/run.py --outcomes 1000 --json --keep DIR   ... and leave the project at DIR
    python benchmarks/run.py --outcomes 1000 --edit-one   also: edit one outcome, rebuild
    python benchmarks/run.py --bundled                    the bundled plan instead
    python benchmarks/run.py --serve-latency              save → browser reload with bvpp serve
    python benchmarks/run.py --table 100,500,1000,5000    the BENCHMARKS.md table

Each build runs in its own Python process (so its peak memory is its own, and the figures are
what a user of ``bvpp build`` waits for): the project is a fresh copy in a temporary folder
with synthetic content (benchmarks/synthetic.py), never the real project. The baseline builds
exactly the pages the generator wrote with a plain ``mkdocs.yml``: the material theme, no
custom_dir, default features, the same nav and Markdown extensions.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script: make `generator` and `benchmarks` importable
    sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    """The largest resident set of this process or any child it waited for, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def _tree_bytes(folder: Path) -> tuple[int, int]:
    total = files = 0
    for base, _dirs, names in os.walk(folder):
        for name in names:
            total += (Path(base) / name).stat().st_size
            files += 1
    return total, files


# --- workers: run in a child process, print one JSON object ------------------------------------

PUBLISH = frozenset({"link", "mkdocs", "search", "swap"})
"""The stages after the generator: the last site taken over (partial builds), MkDocs, the
search index, the new site swapped in and the old one removed."""
NOT_GENERATOR = PUBLISH | {"pdf"}
_STAGE_KEYS = [f"{stage}_s" for stage in
               ("load", "derive", "validate", "baseline", "pdf", "build", "write", *sorted(PUBLISH))]


def worker_build(root: Path, edit_one: bool, pdf: bool) -> dict[str, Any]:
    """``bvpp build`` of the project at ``root`` (with the serve cache on), and optionally one edit."""
    started = time.perf_counter()
    from generator import pipeline

    imported = time.perf_counter()
    project = pipeline.Project.at(root)
    cpu: dict[str, float] = {}
    kernel: dict[str, float] = {}
    before = [resource.getrusage(resource.RUSAGE_SELF)]

    def count_cpu(stage: str, seconds: float, detail: str) -> None:
        del seconds, detail
        now = resource.getrusage(resource.RUSAGE_SELF)
        kernel[stage] = now.ru_stime - before[0].ru_stime  # the operating system's work for us
        cpu[stage] = now.ru_utime - before[0].ru_utime + kernel[stage]
        before[0] = now

    result = pipeline.build(project, pdf=pdf, progress=count_cpu)  # as 'bvpp build': no cache
    finished = time.perf_counter()
    (root / "nav.json").write_text(json.dumps(result.nav))
    stages = result.timings.stages
    figures: dict[str, Any] = {
        "import_s": imported - started,
        **{f"{name}_s": seconds for name, seconds in stages.items()},
        "generate_s": sum(v for k, v in stages.items() if k not in NOT_GENERATOR),
        "generate_cpu_s": sum(v for k, v in cpu.items() if k not in NOT_GENERATOR),
        "publish_s": sum(v for k, v in stages.items() if k in PUBLISH),
        "mkdocs_cpu_s": cpu.get("mkdocs", 0.0),
        "rendered": result.rendered,
        "write_kernel_s": kernel.get("write", 0.0),
        "pipeline_s": finished - imported,
        "pages": result.pages,
        "outcomes": sum(1 for _ in result.plan.outcomes()),
        "written": len(result.written.written),
    }
    figures["peak_mb"] = _peak_mb()  # of the build alone, before the edit below
    # the search indexer (Pagefind, a process of its own) and the build's own Python process apart
    figures["python_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["indexer_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["process_cpu_s"] = _cpu_seconds()
    if edit_one:
        started = time.perf_counter()
        figures.update(_edit_one(project))
        figures["edit_total_s"] = time.perf_counter() - started  # not part of the build's time
    return figures


def _cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and the children it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _edit_one(project: Any) -> dict[str, Any]:
    """Change one outcome's first 'what we did' entry, then regenerate as ``bvpp serve`` does.

    Like serve, a first generation fills the parse and render caches; the edit's generation is
    measured.
    """
    from generator import pipeline
    from generator.preview.serve import settle_memory

    memory = pipeline.Memory()
    pipeline.generate(project, memory=memory)
    settle_memory()  # as serve does after each build
    edited = edit_one_outcome(project.content)
    os.sync()  # an officer saves a while after the last build, not while its site is still being written
    started, cpu = time.perf_counter(), time.process_time()
    again = pipeline.generate(project, memory=memory)
    elapsed = time.perf_counter() - started
    return {
        "edit_file": edited,
        "edit_generate_s": elapsed,
        "edit_generate_cpu_s": time.process_time() - cpu,
        "edit_stages": again.timings.stages,
        "edit_written": sorted(again.written.written),
        "edit_removed": sorted(again.written.removed),
        "edit_pages_rendered": memory.rendered.stats.pages_rendered,
        "edit_made": memory.rendered.stats.rendered,
        "edit_reused": memory.rendered.stats.reused,
    }


def edit_one_outcome(content: Path) -> str:
    """Append " (edited)" to the first 'what we did' entry of the middle outcome; the file's name."""
    themes = sorted((content / "themes").glob("*.yaml"))
    ids = [
        (path, number)
        for path in themes
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines())
        if line.lstrip().startswith("- id: ")
    ]
    path, start = ids[len(ids) // 2]
    lines = path.read_text(encoding="utf-8").split("\n")
    inside = False
    for number in range(start + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped.startswith("what_we_did:"):
            inside = True
        elif inside and stripped.startswith('- "') and stripped.endswith('"'):
            lines[number] = lines[number][:-1] + ' (edited)"'
            path.write_text("\n".join(lines), encoding="utf-8")
            return path.relative_to(content).as_posix()
    raise RuntimeError(f"no 'what_we_did' entry to edit after line {start + 1} of {path}")


def worker_baseline(config: Path) -> dict[str, Any]:
    """Plain ``mkdocs build`` of a config file, in this process."""
    started = time.perf_counter()
    from mkdocs.__main__ import cli

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        cli.main(["build", "--quiet", "--config-file", str(config)], standalone_mode=False)
    except SystemExit as exc:  # click may still exit on its own errors
        if exc.code:
            raise
    return {"mkdocs_s": time.perf_counter() - started, "peak_mb": _peak_mb(), "process_cpu_s": _cpu_seconds()}


def _run_worker(args: list[str]) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"worker {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


# --- one measurement -------------------------------------------------------------------------------


def make_project(folder: Path, outcomes: int | None) -> Path:
    """A throwaway project: the real mkdocs.yml and theme/, synthetic (or bundled) content."""
    from benchmarks.synthetic import make_content

    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", folder / "theme")
    if outcomes is None:
        shutil.copytree(ROOT / "content", folder / "content")
    else:
        make_content(outcomes, folder / "content")
    return folder


def baseline_config(project: Path, folder: Path) -> Path:
    """A plain mkdocs.yml for the pages the project's build generated."""
    import yaml

    ours = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": "Baseline",
        "docs_dir": str(project / "build" / "docs"),
        "site_dir": str(folder / "site"),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "en"},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": json.loads((project / "nav.json").read_text()),
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def measure(
    scratch: Path,
    outcomes: int | None,
    edit_one: bool = False,
    baseline: bool = True,
    pdf: bool = False,
    search: bool = True,
    keep: Path | None = None,
) -> dict[str, Any]:
    """Build once in a fresh folder (cold), again after one edit (a rebuild), and the baseline.

    ``search``: also load the home page in Chromium and search once
    (``search_bytes_per_visit``, :mod:`benchmarks.search_weight`). ``keep``: copy the project
    (content and ``site/``, not ``build/``) there at the end.

    The first build is a fresh clone's (CI's): nothing generated yet, no compiled templates.
    The rebuild is an officer's next ``bvpp build`` after editing one outcome. Everything is
    made in a new folder under ``scratch`` and left there: see :func:`scratch_space`.
    """
    tmp = tempfile.mkdtemp(prefix="run-", dir=scratch)
    project = make_project(Path(tmp) / "project", outcomes)
    # Flush the disk: the previous run's site (up to 430 MB) and this project's content are
    # otherwise still being written back while this build writes its files.
    os.sync()
    load_before = os.getloadavg()[0]
    flags = [*(["--edit-one"] if edit_one else []), *(["--pdf"] if pdf else [])]
    ours, wall = _run_worker(["build", str(project), *flags])
    site_bytes, site_files = _tree_bytes(project / "site")
    figures: dict[str, Any] = {
        "outcomes": ours["outcomes"],
        "pages": ours["pages"],
        **{k: v for k, v in ours.items() if k not in {"outcomes", "pages"}},
        "total_s": wall - ours.get("edit_total_s", 0.0),
        "site_bytes": site_bytes,
        "site_files": site_files,
        "disk_floor_s": disk_floor(Path(tmp) / "floor", project / "build" / "docs"),
    }
    edit_one_outcome(project / "content")  # an officer's edit, then 'bvpp build' again
    os.sync()
    again, again_wall = _run_worker(["build", str(project), *(["--pdf"] if pdf else [])])
    figures.update(
        rebuild_s=again_wall,
        publish_edit_s=again_wall,  # the name: one outcome edited, bvpp build again, whole process
        publish_edit_stages={k.removesuffix("_s"): again[k] for k in _STAGE_KEYS if k in again},
        publish_edit_rendered=again["rendered"],
        rebuild_generate_s=again["generate_s"],
        rebuild_generate_cpu_s=again["generate_cpu_s"],
        rebuild_mkdocs_s=again["mkdocs_s"],
        rebuild_written=again["written"],
        rebuild_cpu_s=again["process_cpu_s"],
    )
    if baseline:
        config = baseline_config(project, Path(tmp) / "baseline")
        os.sync()
        plain, plain_wall = _run_worker(["baseline", str(config)])
        base_bytes, _files = _tree_bytes(Path(tmp) / "baseline" / "site")
        figures.update(
            baseline_mkdocs_s=plain_wall,
            baseline_inprocess_s=plain["mkdocs_s"],
            baseline_peak_mb=plain["peak_mb"],
            baseline_cpu_s=plain["process_cpu_s"],
            baseline_site_bytes=base_bytes,
        )
    if search:
        from benchmarks.search_weight import measure as measure_search

        visit = measure_search(project / "site")
        figures.update(
            search_bytes_per_visit=visit["search_bytes_per_visit"],
            search_page_bytes=visit["page_bytes"],
            search_first_results_s=visit["first_results_s"],
        )
    figures.update(loadavg_1min=load_before, cpus=os.cpu_count(), python=platform.python_version())
    if keep is not None:
        shutil.copytree(project, keep, ignore=shutil.ignore_patterns("build"))
    return _derived(figures)


def disk_floor(folder: Path, like: Path) -> float:
    """Seconds to create as many files as ``like`` holds, of the same sizes, in the same folders.

    Plain ``open``/``write``/``close`` on the same disk, nothing else: the least that writing
    a cold build's generated folder can cost on this machine, whatever the generator does.
    The disk is flushed first, so the site MkDocs has just written does not slow it down.
    """
    files = [(path.relative_to(like), path.stat().st_size) for path in like.rglob("*") if path.is_file()]
    folders = {folder / rel.parent for rel, _size in files}
    os.sync()
    started = time.perf_counter()
    for made in sorted(folders):
        made.mkdir(parents=True, exist_ok=True)
    for rel, size in files:
        with (folder / rel).open("wb") as handle:
            handle.write(b"x" * size)
    return time.perf_counter() - started  # the files stay until the benchmark ends


def _derived(figures: dict[str, Any]) -> dict[str, Any]:
    """The ratios and shares, from the figures they are made of."""
    figures["generator_share"] = figures["generate_s"] / figures["total_s"]
    if "rebuild_s" in figures:
        figures["rebuild_generator_share"] = figures["rebuild_generate_s"] / figures["rebuild_s"]
    figures["s_per_page"] = figures["total_s"] / figures["pages"]
    figures["cpu_s_per_page"] = figures["process_cpu_s"] / figures["pages"]
    figures["bytes_per_page"] = figures["site_bytes"] / figures["pages"]
    if "baseline_mkdocs_s" in figures:
        figures["ratio_to_baseline"] = figures["total_s"] / figures["baseline_mkdocs_s"]
        figures["cpu_ratio_to_baseline"] = figures["process_cpu_s"] / figures["baseline_cpu_s"]
    return figures


@contextlib.contextmanager
def scratch_space() -> Iterator[Path]:
    """A folder for every run of one benchmark, deleted only when the benchmark has ended.

    On this machine's disk (ext4 mounted with online ``discard``) deleting a large tree keeps
    the disk busy with discards for seconds afterwards, and a build that creates files then
    pays for it: a cold 5,000-outcome build's write stage took 6.9 s just after the previous
    run's 30,000 files were deleted, 1.0 s without. No build a user runs follows the
    benchmark's own clean-up, so the runs' folders are all kept until the end.
    """
    with tempfile.TemporaryDirectory(prefix="bvpp-bench-") as scratch:
        yield Path(scratch)


def measure_repeated(
    scratch: Path,
    outcomes: int | None,
    repeat: int,
    edit_one: bool,
    baseline: bool,
    pdf: bool = False,
    keep: Path | None = None,
) -> dict[str, Any]:
    """The best (least) of each time over ``repeat`` fresh runs, the largest peak memory.

    Other work on the machine only ever adds time, so the least of several runs is the closest
    to what the build itself costs; ratios are worked out from those least times.
    """
    runs = [
        measure(scratch, outcomes, edit_one, baseline, pdf, keep=keep if run == repeat - 1 else None)
        for run in range(repeat)
    ]
    if len(runs) == 1:
        return runs[0]
    merged: dict[str, Any] = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, float) and key.endswith("_s"):
            merged[key] = min(run[key] for run in runs)
        elif key.endswith("peak_mb"):
            merged[key] = max(run[key] for run in runs)
    merged["repeats"] = repeat
    merged["total_s_all"] = [round(run["total_s"], 2) for run in runs]
    merged["loadavg_1min_all"] = [round(run["loadavg_1min"], 1) for run in runs]
    if baseline:
        merged["baseline_mkdocs_s_all"] = [round(run["baseline_mkdocs_s"], 2) for run in runs]
    return _derived(merged)


# --- the live preview: save → reload ----------------------------------------------------------------


def serve_latency(saves: int = 5) -> dict[str, Any]:
    """Seconds from saving a content file to the preview's reload event, with ``bvpp serve``."""
    from benchmarks.live import measure_reloads

    with tempfile.TemporaryDirectory(prefix="bvpp-bench-serve-") as tmp:
        project = make_project(Path(tmp) / "project", None)
        load_before = os.getloadavg()[0]
        measured = measure_reloads(project, saves)
    figures: dict[str, Any] = {"saves": saves, "loadavg_1min": load_before}
    for kind in ("signal", "browser"):
        seconds = measured[f"{kind}_s"]
        if seconds:
            figures[f"{kind}_s"] = [round(s, 3) for s in seconds]
            figures[f"{kind}_median_s"] = statistics.median(seconds)
            figures[f"{kind}_max_s"] = max(seconds)
    return figures


# --- the table in BENCHMARKS.md ------------------------------------------------------------------------

COLUMNS = [
    ("outcomes", "outcomes", "{:,}"),
    ("pages", "pages", "{:,}"),
    ("load_s", "load s", "{:.2f}"),
    ("validate_s", "validate s", "{:.2f}"),
    ("build_s", "build s", "{:.2f}"),
    ("write_s", "write s", "{:.2f}"),
    ("write_kernel_s", "of which kernel s", "{:.2f}"),
    ("disk_floor_s", "disk floor s", "{:.2f}"),
    ("generate_s", "generator s", "{:.2f}"),
    ("mkdocs_s", "MkDocs s", "{:.1f}"),
    ("total_s", "total s", "{:.1f}"),
    ("baseline_mkdocs_s", "baseline s", "{:.1f}"),
    ("ratio_to_baseline", "total ÷ baseline", "{:.2f}"),
    ("cpu_ratio_to_baseline", "CPU ÷ baseline CPU", "{:.2f}"),
    ("generator_share", "generator share", "{:.1%}"),
    ("publish_edit_s", "edit → published s", "{:.1f}"),
    ("rebuild_generate_s", "rebuild generator s", "{:.2f}"),
    ("rebuild_generator_share", "rebuild generator share", "{:.1%}"),
    ("peak_mb", "peak MB", "{:.0f}"),
    ("python_peak_mb", "of which bvpp MB", "{:.0f}"),
    ("baseline_peak_mb", "baseline peak MB", "{:.0f}"),
    ("site_bytes", "site MB", "{:.1f}"),
    ("s_per_page", "ms/page", "{:.1f}"),
    ("cpu_s_per_page", "CPU ms/page", "{:.1f}"),
    ("bytes_per_page", "KB/page", "{:.1f}"),
    ("search_bytes_per_visit", "page + search KB", "{:.0f}"),
    ("loadavg_1min", "machine load", "{:.1f}"),
]


def table_row(figures: dict[str, Any], label: str | None = None) -> str:
    """One Markdown table row."""
    cells = []
    for key, _title, fmt in COLUMNS:
        value = figures.get(key)
        if value is None:
            cells.append("–")
            continue
        if key == "site_bytes":
            value = value / 1e6
        elif key in ("s_per_page", "cpu_s_per_page"):
            value = value * 1000
        elif key in ("bytes_per_page", "search_bytes_per_visit"):
            value = value / 1000
        cells.append(fmt.format(value))
    if label:
        cells[0] = label
    return "| " + " | ".join(cells) + " |"


def table_header() -> str:
    """The Markdown table's heading rows."""
    titles = [title for _key, title, _fmt in COLUMNS]
    return "| " + " | ".join(titles) + " |\n|" + "|".join("---:" for _ in titles) + "|"


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--outcomes", type=int, help="synthetic plan size")
    parser.add_argument("--bundled", action="store_true", help="build the bundled plan")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--edit-one", action="store_true", help="then edit one outcome and regenerate")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain MkDocs build")
    parser.add_argument("--pdf", action="store_true", help="build the PDF too (bvpp build's default)")
    parser.add_argument("--repeat", type=int, default=1, help="runs to take the median of")
    parser.add_argument("--serve-latency", action="store_true", help="measure bvpp serve's reload")
    parser.add_argument("--table", help="comma-separated sizes; prints BENCHMARKS.md rows")
    parser.add_argument("--keep", type=Path, help="leave the built project (content, site/) here")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind, *rest = args.worker
        if kind == "build":
            result = worker_build(Path(rest[0]), edit_one=args.edit_one, pdf=args.pdf)
        else:
            result = worker_baseline(Path(rest[0]))
        print(json.dumps(result))
        return 0
    if args.serve_latency:
        print(json.dumps(serve_latency(), indent=None if args.json else 2))
        return 0
    if args.table:
        print(table_header())
        # in the order given; no run's files are deleted before the last row (scratch_space)
        sizes: list[int | None] = [None if n == "bundled" else int(n) for n in args.table.split(",")]
        with scratch_space() as scratch:
            for size in sizes:
                figures = measure_repeated(
                    scratch, size, args.repeat, args.edit_one, not args.no_baseline, args.pdf
                )
                print(table_row(figures, "bundled" if size is None else None), flush=True)
                print(json.dumps(figures), file=sys.stderr, flush=True)
        return 0
    if args.outcomes is None and not args.bundled:
        parser.error("give --outcomes N, --bundled, --table or --serve-latency")
    with scratch_space() as scratch:
        figures = measure_repeated(
            scratch,
            None if args.bundled else args.outcomes,
            args.repeat,
            args.edit_one,
            not args.no_baseline,
            args.pdf,
            keep=args.keep,
        )
    if args.json:
        print(json.dumps(figures))
    else:
        print(table_header())
        print(table_row(figures, "bundled" if args.bundled else None))
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long `scripts/setup.sh --tests` takes when nothing changed (the goal: under 2 s).

    .venv/bin/python benchmarks/setup_time.py [--runs 5]

Prints one JSON object: each run's seconds and the median.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(["bash", "scripts/setup.sh", "--tests"], cwd=ROOT, capture_output=True, check=True)
        seconds.append(round(time.perf_counter() - started, 3))
    print(json.dumps({"runs": seconds, "median_s": statistics.median(seconds)}))


if __name__ == "__main__":
    main()

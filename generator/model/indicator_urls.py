"""Where the indicator pages and downloads live in the generated docs folder (and on the site)."""

from __future__ import annotations

INDEX = "indicators/index.md"
"""The indicators index: by family, theme and status."""
RULE = "indicators/how-we-rate-performance.md"
"""The published rating rule."""
RESERVED = frozenset({"index", "how-we-rate-performance"})
"""Indicator ids that would clash with the pages above."""

ALL_CSV = "data/indicators.csv"
"""Every indicator, one row each, with its latest value and status."""
ALL_VALUES_CSV = "data/indicator-values.csv"
"""Every indicator's values, one row per indicator and period."""
ALL_JSON = "data/indicators.json"
"""Every indicator with its values and rating, and the rule's settings."""


def page(indicator_id: str) -> str:
    """An indicator's page."""
    return f"indicators/{indicator_id}.md"


def csv_file(indicator_id: str) -> str:
    """An indicator's values as CSV."""
    return f"data/indicators/{indicator_id}.csv"


def json_file(indicator_id: str) -> str:
    """An indicator, its values and its rating as JSON."""
    return f"data/indicators/{indicator_id}.json"

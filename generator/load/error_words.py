"""The words pydantic's error codes and the models' patterns are told in: what each wanted,
in plain English, and a hint. Kept apart from the translation (:mod:`generator.load.errors`)
so the tables can be read, and extended, on their own; tests/test_load_errors.py checks that
every code and every pattern a model uses has words here."""

from __future__ import annotations

from generator.model.base import ID_PATTERN

GAP_HINT = "a missing value is written as a mapping: 'missing: <what the source says>'"
LIST_HINT = "add at least one entry, or write the gap as 'missing: <what the source says>'"

WANTED = {
    "string_type": "text",
    "string_too_short": "text (not blank)",
    "string_too_long": "shorter text",
    "string_pattern_mismatch": "text of another form",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (name: value lines)",
    "model_type": "a mapping (name: value lines)",
    "model_attributes_type": "a mapping (name: value lines)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_parsing_size": "a whole number of a sensible size",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "decimal_parsing": "a number",
    "decimal_type": "a number",
    "finite_number": "a number",
    "date_from_datetime_parsing": "a date written as YYYY-MM-DD",
    "date_parsing": "a date written as YYYY-MM-DD",
    "date_type": "a date written as YYYY-MM-DD",
    "literal_error": "one of the listed words",
    "too_short": "at least one entry",
    "too_long": "fewer entries",
    "greater_than_equal": "a larger number",
    "less_than_equal": "a smaller number",
    "value_error": "a value that fits the rule for this field",
}
"""What each error code wanted, in words: used alone and when a value matches none of a
union's branches (text or a gap, for example)."""

TYPE_HINTS = {
    "string_type": "write the text on the same line as the field's name, in quotes if it "
    "contains ': ' or ' #'",
    "list_type": "write one entry per line, each starting with '- ', or all on one line "
    'as ["A", "B"]',
    "dict_type": "write the fields as 'name: value' lines, indented under this one",
    "model_type": "write the fields as 'name: value' lines, indented under this one",
    "model_attributes_type": "write the fields as 'name: value' lines, indented under this one",
    "int_parsing": "write digits only, e.g. 12",
    "float_parsing": "write digits only, with a point for decimals, e.g. 12.5",
    "decimal_parsing": "write digits only, with a point for decimals, e.g. 12.5",
    "date_from_datetime_parsing": 'write a real date as YYYY-MM-DD in quotes, e.g. "2004-04-07"',
    "date_parsing": 'write a real date as YYYY-MM-DD in quotes, e.g. "2004-04-07"',
    "date_type": 'write a real date as YYYY-MM-DD in quotes, e.g. "2004-04-07"',
    "int_type": "write digits only, e.g. 12",
    "int_parsing_size": "write the number as the source gives it; this one is far too long",
    "int_from_float": "write a whole number, without a decimal point",
    "decimal_type": "write digits only, with a point for decimals, e.g. 12.5",
    "finite_number": "write the figure itself, e.g. 12.5; 'NaN' and 'inf' are not figures",
}


PATTERN_WORDS = {
    ID_PATTERN: (
        "an id (lower-case letters and digits joined by single hyphens)",
        "ids become web addresses: use lower-case letters, digits and single hyphens only",
    ),
    r"^[A-Z]{2,4}$": (
        "a directorate code (2 to 4 capital letters)",
        'use a code from directorates.yaml, e.g. "UL"',
    ),
    r"^\d{4}/\d{2}$": ("a year written as 2004/05", 'write the year in quotes, e.g. "2004/05"'),
    r"^[A-Z]$": ("one capital letter", 'write the priority\'s letter in quotes, e.g. "A"'),
    r"^[a-z0-9]+(?:-[a-z0-9]+)*/[A-Z]$": (
        "a priority written as <theme id>/<letter>",
        'name the theme\'s id and the priority\'s letter, e.g. "environment/A"',
    ),
    r"^[a-z0-9]+(?:-[a-z0-9]+)*\.csv$": (
        "a CSV file name (lower-case letters, digits and hyphens, ending .csv)",
        'name a file in content/tables/, e.g. "sources-of-income.csv"',
    ),
    r"^[A-Z][A-Za-z]*[A-Z]$": (
        "an abbreviation (capital letters, perhaps with small ones between, as BVPIs or SoS)",
        'write the abbreviation as the plan prints it, e.g. "BVPI" or "LPSA"',
    ),
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": (
        "an email address, e.g. name@harrow.gov.uk",
        "write the address alone, without 'mailto:' or spaces",
    ),
    r"^https://[^\s\"'<>]+$": (
        "a web address starting https://",
        "write the whole address, starting https://, with no spaces or quotes",
    ),
    r"^[A-Z]?[0-9]+(?:\.[0-9]+)*[a-z]?$": (
        "an indicator number (digits, perhaps with a point, a leading capital or a final letter)",
        'write the number within its family as the source does, e.g. "157", "192a", "2.1" or "C26"',
    ),
}

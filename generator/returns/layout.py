"""The return workbook's layout as data: its sheets, their columns, which columns are filled in.

The template writer and the reader both work from these tuples, so a column cannot be moved in
one and not the other; the reader refuses a workbook whose headings differ from them.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT = "bvpp-return-1"
"""Written into every return; a return of another format is refused rather than misread."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its heading, its width in the workbook, and who fills it."""

    heading: str
    width: int
    fill_in: bool = False
    """True for the columns the directorate fills in (unlocked); the rest are protected."""


INDICATORS = "Indicators"
TASKS = "Tasks"
INSTRUCTIONS = "Instructions"
ABOUT = "About this return"
"""The hidden sheet recording the period, its end and the catalogue's fingerprint."""
LISTS = "Status lists"
"""The hidden sheet holding each plan's status labels, for the Status drop-downs."""

INDICATOR_COLUMNS = (
    Column("Indicator", 30),
    Column("Code", 12),
    Column("Title", 48),
    Column("Unit", 16),
    Column("Better when", 12),
    Column("Latest figure", 12),
    Column("Latest period", 22),
    Column("Target for this period", 14),
    Column("Actual", 12, fill_in=True),
    Column("Note", 40, fill_in=True),
    Column("Source", 40, fill_in=True),
)
TASK_COLUMNS = (
    Column("Plan", 26),
    Column("Task", 30),
    Column("Title", 48),
    Column("Owner", 30),
    Column("Last reported status", 30),
    Column("Status", 30, fill_in=True),
    Column("Progress", 48, fill_in=True),
    Column("Next actions", 48, fill_in=True),
)
SHEETS = {INDICATORS: INDICATOR_COLUMNS, TASKS: TASK_COLUMNS}
"""The sheets a directorate fills in, by name, in workbook order."""

CSV_FILES = {INDICATORS: "indicators.csv", TASKS: "tasks.csv", ABOUT: "about.csv"}
"""With ``--format csv``, each sheet's file name in the return's folder."""
INSTRUCTIONS_FILE = "instructions.txt"

ABOUT_KEYS = ("format", "period", "ends", "directorate", "fingerprint")
"""The rows of the About sheet (key, value), in order."""


def column_letter(index: int) -> str:
    """The spreadsheet letter of a column counted from 0 (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def position(sheet: str, heading: str) -> int:
    """The 0-based index of a column in a sheet's layout."""
    return [c.heading for c in SHEETS[sheet]].index(heading)


INSTRUCTIONS_TEXT = (
    "How to fill in this return",
    "",
    "1. On the Indicators sheet, type each figure for the period in the Actual column, as you "
    "would publish it (48, 48.5, 1,234). Leave it empty if you have no figure yet.",
    "2. Say where the figure comes from in Source (the system or report), and anything readers "
    "should know in Note.",
    "3. On the Tasks sheet, choose each task's Status from the drop-down, describe the Progress "
    "(one paragraph per line) and the Next actions.",
    "4. Do not add, move or delete columns or sheets: the return is read by its column headings "
    "and refused if they moved. Grey columns are protected; only the white ones are filled in.",
    "5. Do not type formulas; if a cell must hold one, save the workbook in Excel so that its "
    "value is stored with it.",
    "6. Send the workbook back to the performance team, who import it with 'bvpp returns import'.",
)

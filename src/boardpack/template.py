"""A blank tracker in the format boardpack reads, so a new service starts right.

It has the header row, drop-downs for polarity, unit and timeline, one worked example row, and a
Commentary sheet; ``boardpack validate`` passes on it as written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from boardpack.exceptions import OutputError
from boardpack.model import Month
from boardpack.output import OutputSet

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

POLARITIES = ("High", "Low", "Info")
UNITS = ("Count", "Number", "Percentage", "Rate per 10,000", "Average", "YTD Average", "Average count", "Days",
         "£", "£k", "£m", "Ratio", "Index")
TIMELINES = ("As at mth end", "Financial Year", "Rolling Year", "As at term end")
PRIOR_YEARS = 5
EXAMPLE_ROWS = 200


def _financial_year_start(today: dt.date) -> Month:
    return Month(today.year, today.month).financial_year_start


def headers_for(start: Month) -> list[str]:
    months = [start.shift(i).label for i in range(12)]
    prior = [start.shift(-12 * (PRIOR_YEARS - i)).financial_year_label for i in range(PRIOR_YEARS)]
    return [
        "Ref", "Indicator", "Section", "Council plan", "Good perf is", "Unit", "Timeline",
        *months, "YTD", "Red", "Amber", "Green (target)", *prior,
        "Stat neigh av.", "Best stat neigh", "Nat av.", "Top qtile threshold",
    ]


def write_template(path: str | Path, today: dt.date | None = None) -> Path:
    """Write the blank tracker to ``path``; refuses to overwrite an existing file so no tracker is lost."""
    import xlsxwriter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputError("a tracker template must be an .xlsx file", str(path))
    if path.exists():
        raise OutputError("already exists; choose a new file name so no tracker is overwritten", str(path))
    start = _financial_year_start(today or dt.date.today())
    headers = headers_for(start)
    with OutputSet(path.parent if str(path.parent) else Path(".")) as outputs:
        temp = outputs.path_for(path.name)
        workbook = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False})
        _tracker_sheet(workbook, headers, start)
        _commentary_sheet(workbook)
        workbook.close()
        outputs.commit()
    return path


def _tracker_sheet(workbook: Workbook, headers: list[str], start: Month) -> None:
    sheet = workbook.add_worksheet("Tracker")
    title = workbook.add_format({"bold": True, "font_size": 14})
    head = workbook.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True,
                                "valign": "top"})
    percent = workbook.add_format({"num_format": "0.0%"})
    sheet.write_string(0, 0, f"Performance tracker {start.financial_year_label}", title)
    sheet.write_string(1, 0, "One row per indicator. Fill the month columns as figures arrive; leave future "
                             "months blank. Write - , n/a, TBC or not reported where there is no figure.")
    header_row = 3
    for column, text in enumerate(headers):
        sheet.write_string(header_row, column, text, head)
    example = {
        "Ref": "1.1",
        "Indicator": "% of children's cases reviewed within timescales",
        "Section": "Reviews",
        "Council plan": "Yes",
        "Good perf is": "High",
        "Unit": "Percentage",
        "Timeline": "As at mth end",
        "Red": "<90%",
        "Amber": "90%+",
        "Green (target)": "95%+",
    }
    row = header_row + 1
    for column, text in enumerate(headers):
        if text in example:
            sheet.write_string(row, column, example[text])
    first_month = headers.index(start.label)
    sheet.write_number(row, first_month, 0.934, percent)
    sheet.write_string(row, first_month + 1, "114 of 122")
    last_row = header_row + EXAMPLE_ROWS
    lists = {"Good perf is": POLARITIES, "Unit": UNITS, "Timeline": TIMELINES}
    for name, choices in lists.items():
        column = headers.index(name)
        sheet.data_validation(header_row + 1, column, last_row, column, {
            "validate": "list",
            "source": list(choices),
            "input_title": name,
            "input_message": "Choose from the list",
            "error_title": f"Not a known {name.lower()}",
            "error_message": "Choose one of: " + ", ".join(choices),
        })
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 48)
    sheet.set_column(2, 6, 14)
    sheet.set_column(7, len(headers) - 1, 10)
    sheet.set_row(header_row, 30)
    sheet.freeze_panes(header_row + 1, 2)


def _commentary_sheet(workbook: Workbook) -> None:
    sheet = workbook.add_worksheet("Commentary")
    head = workbook.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for column, text in enumerate(("Section", "Definition", "Performance analysis", "Data note")):
        sheet.write_string(0, column, text, head)
    sheet.write_string(1, 0, "Reviews", wrap)
    sheet.write_string(1, 1, "What the section's measures count, in plain words for councillors.", wrap)
    sheet.write_string(1, 2, "This month's story: what changed, why, and what is being done.", wrap)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 3, 60)

"""Seeded synthetic trackers for the benchmark: the same bytes on every run.

Each sheet is laid out as an officer keeps a real tracker: title rows, a merged band of group headers, the
header row, then ``per_sheet`` indicators with twelve months (April 2019 to March 2020), a YTD column, red,
amber and green thresholds, five prior years and four benchmarks, then a footnote. The mix of measures
follows the sample trackers: percentages (some as ``N of D`` counts, some benchmarks carrying their year),
counts (flows and snapshots), rates and averages, with the occasional ``-`` or ``TBC``. A Commentary sheet
gives each section its narrative. Every section holds 25 indicators, so sections, pages and charts grow in
step with the indicators.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import xlsxwriter

SEED = 20200331
SECTION_SIZE = 25
MONTHS = tuple(dt.datetime(2019 + (m + 3) // 12, (m + 3) % 12 + 1, 1) for m in range(12))
PRIOR_YEARS = ("2014/15", "2015/16", "2016/17", "2017/18", "2018/19")
BENCHMARKS = ("SN AVE", "BEST SN", "NAT AVE", "NAT TOP QTILE")
HEADER = (
    "*REF NO.", "INDICATOR", "Section", "GOOD PERF IS", "DATA NOTE", "Timeline",
    *MONTHS, "YTD", "Red", "Amber", "Green (target)", *PRIOR_YEARS, *BENCHMARKS,
)
FIRST_MONTH = 6
YTD = FIRST_MONTH + len(MONTHS)
RED, AMBER, GREEN = YTD + 1, YTD + 2, YTD + 3
FIRST_YEAR = GREEN + 1
FIRST_BENCHMARK = FIRST_YEAR + len(PRIOR_YEARS)
TITLE_ROWS = 2
HEADER_ROW = TITLE_ROWS + 1  # 0-based: a band of group headers sits between the titles and the header

SUBJECTS = (
    "children looked after", "care leavers", "child protection plans", "referrals", "assessments",
    "foster carers", "adoptions", "placements", "health assessments", "personal education plans",
    "early help episodes", "youth offending cases", "school exclusions", "social worker caseloads",
    "family support plans", "short breaks", "missing episodes", "return interviews",
)
QUALIFIERS = (
    "completed within timescale", "with an up to date plan", "reviewed on time", "in stable placements",
    "seen within 10 working days", "closed with outcomes met", "re-referred within 12 months",
    "with a named worker", "visited within timescale", "in education, employment or training",
)


def write_tracker(path: Path, sheets: int, per_sheet: int, seed: int = SEED) -> Path:
    """Write one tracker of ``sheets`` × ``per_sheet`` indicators to ``path``; same arguments, same bytes."""
    rng = random.Random(f"{seed}-{sheets}-{per_sheet}")
    workbook = xlsxwriter.Workbook(str(path))
    # Fixed properties, or xlsxwriter stamps the current time and every run writes a different file.
    workbook.set_properties({"title": "Synthetic directorate tracker", "author": "Performance Team",
                             "created": dt.datetime(2020, 4, 20, 9, 0, 0)})
    formats = _formats(workbook)
    sections: list[str] = []
    for sheet_index in range(1, sheets + 1):
        _write_sheet(workbook, formats, rng, sheet_index, per_sheet, sections)
    _write_commentary(workbook, formats, rng, sections)
    workbook.close()
    return path


def _formats(workbook) -> dict[str, object]:
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "band": workbook.add_format({"bold": True, "align": "center", "bg_color": "#1F4E79",
                                     "font_color": "#FFFFFF"}),
        "header": workbook.add_format({"bold": True, "text_wrap": True, "bg_color": "#D9E1F2", "border": 1}),
        "month": workbook.add_format({"bold": True, "num_format": "mmm-yy", "bg_color": "#D9E1F2", "border": 1}),
        "percent": workbook.add_format({"num_format": "0.0%"}),
        "decimal": workbook.add_format({"num_format": "0.0"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }


def _write_sheet(workbook, formats, rng: random.Random, sheet_index: int, per_sheet: int,
                 sections: list[str]) -> None:
    worksheet = workbook.add_worksheet(f"Service {sheet_index:02d}")
    worksheet.write(0, 0, f"Directorate Monthly Performance Report - Service {sheet_index:02d}", formats["title"])
    worksheet.write(1, 0, "2019/20 - As at Month End: March 2020")
    worksheet.merge_range(HEADER_ROW - 1, FIRST_MONTH, HEADER_ROW - 1, YTD, "DATA", formats["band"])
    worksheet.merge_range(HEADER_ROW - 1, RED, HEADER_ROW - 1, GREEN, "TARGET & TOLERANCES", formats["band"])
    worksheet.merge_range(HEADER_ROW - 1, FIRST_YEAR, HEADER_ROW - 1, FIRST_BENCHMARK - 1, "PRIOR YEARS",
                          formats["band"])
    worksheet.merge_range(HEADER_ROW - 1, FIRST_BENCHMARK, HEADER_ROW - 1, len(HEADER) - 1,
                          "LATEST BENCHMARKING", formats["band"])
    for column, header in enumerate(HEADER):
        if isinstance(header, dt.datetime):
            worksheet.write_datetime(HEADER_ROW, column, header, formats["month"])
        else:
            worksheet.write_string(HEADER_ROW, column, header, formats["header"])
    worksheet.set_column(1, 1, 60)
    section = ""
    for number in range(1, per_sheet + 1):
        if (number - 1) % SECTION_SIZE == 0:
            section = f"Service {sheet_index:02d} - {SUBJECTS[len(sections) % len(SUBJECTS)].capitalize()}"
            sections.append(section)
        row = HEADER_ROW + number
        # Officers merge a section's cells down the column: only its first row holds the name.
        first_of_section = (number - 1) % SECTION_SIZE == 0
        _write_indicator(worksheet, formats, rng, row, f"{sheet_index}.{number}",
                         section if first_of_section else None)
    worksheet.write(HEADER_ROW + per_sheet + 2, 0,
                    "*Annual Trend relates to current reporting year April to Mar - not rolling year")


def _write_indicator(worksheet, formats, rng: random.Random, row: int, ref: str, section: str | None) -> None:
    kind = rng.choices(("percent", "count", "rate", "average"), weights=(45, 30, 15, 10))[0]
    subject, qualifier = rng.choice(SUBJECTS), rng.choice(QUALIFIERS)
    worksheet.write_string(row, 0, ref)
    if section is not None:
        worksheet.write_string(row, 2, section)
    if kind == "percent":
        _percent_row(worksheet, formats, rng, row, f"% of {subject} {qualifier}")
    elif kind == "count":
        _count_row(worksheet, rng, row, f"Number of {subject} {qualifier}")
    elif kind == "rate":
        _measured_row(worksheet, formats, rng, row, f"Rate of {subject} per 10,000 population aged under 18",
                      "Rate per 10,000", rng.uniform(20, 120))
    else:
        _measured_row(worksheet, formats, rng, row, f"Average days for {subject} {qualifier}", "Average",
                      rng.uniform(10, 400))


def _marker(rng: random.Random) -> str | None:
    """Now and then a month holds a marker instead of a figure, as real trackers do."""
    draw = rng.random()
    if draw < 0.02:
        return "-"
    if draw < 0.03:
        return "TBC"
    return None


def _percent_row(worksheet, formats, rng: random.Random, row: int, name: str) -> None:
    polarity = rng.choice(("High", "High", "Low"))
    timeline = rng.choice(("As at mth end", "Financial Year", "Rolling Year"))
    counts = rng.random() < 0.3
    worksheet.write_row(row, 1, [name, None, polarity, "Percentage", timeline])
    level = rng.uniform(0.55, 0.95) if polarity == "High" else rng.uniform(0.03, 0.3)
    denominator = rng.randint(80, 700)
    for offset in range(len(MONTHS)):
        column = FIRST_MONTH + offset
        marker = _marker(rng)
        share = min(max(level + rng.gauss(0, 0.03), 0.0), 1.0)
        if marker is not None:
            worksheet.write_string(row, column, marker)
        elif counts:
            base = denominator + rng.randint(-20, 20)
            worksheet.write_string(row, column, f"{round(share * base)} of {base}")
        else:
            worksheet.write_number(row, column, round(share, 4), formats["percent"])
    worksheet.write_string(row, YTD, "-")
    if polarity == "High":
        red = round(level * 100 - rng.uniform(1, 6))
        green = min(red + rng.randint(3, 8), 100)
        worksheet.write_row(row, RED, [f"<{red}%", f"{red}%>", f"{green}%+"])
    else:
        red = round(level * 100 + rng.uniform(1, 6), 1)
        green = round(red - rng.uniform(1, 4), 1)
        worksheet.write_row(row, RED, [f"{red:g}%+", f"{red:g}%<", f"{green:g}%<"])
    for offset in range(len(PRIOR_YEARS)):
        share = min(max(level + rng.gauss(0, 0.05), 0.0), 1.0)
        if counts and offset >= 2:
            base = denominator * 12 + rng.randint(-200, 200)
            worksheet.write_string(row, FIRST_YEAR + offset, f"{round(share * base)} of {base}")
        else:
            worksheet.write_number(row, FIRST_YEAR + offset, round(share, 3), formats["percent"])
    for offset in range(len(BENCHMARKS)):
        share = min(max(level + rng.gauss(0, 0.06), 0.0), 1.0)
        if rng.random() < 0.2:
            worksheet.write_string(row, FIRST_BENCHMARK + offset, f"{share * 100:.1f}% (2018)")
        else:
            worksheet.write_number(row, FIRST_BENCHMARK + offset, round(share, 3), formats["percent"])


def _count_row(worksheet, rng: random.Random, row: int, name: str) -> None:
    polarity = rng.choice(("High", "Low", "Info"))
    flow = rng.random() < 0.5
    timeline = "Financial Year" if flow else "As at mth end"
    worksheet.write_row(row, 1, [name, None, polarity, "Count", timeline])
    level = rng.randint(5, 60) if flow else rng.randint(100, 900)
    months = []
    for offset in range(len(MONTHS)):
        marker = _marker(rng)
        value = max(0, round(level + rng.gauss(0, level * 0.15)))
        worksheet.write(row, FIRST_MONTH + offset, marker if marker is not None else value)
        if marker is None:
            months.append(value)
    if flow:
        worksheet.write_number(row, YTD, sum(months))
    else:
        worksheet.write_string(row, YTD, "-")
    if polarity == "High":
        red = round(level * 0.9)
        worksheet.write_row(row, RED, [f"<{red}", f"{red}+", f"{round(level * 1.05)}+"])
    elif polarity == "Low":
        red = round(level * 1.1)
        worksheet.write_row(row, RED, [f">{red}", f"<={red}", f"<={round(level * 0.95)}"])
    else:
        worksheet.write_row(row, RED, ["n/a", "n/a", "n/a"])
    for offset in range(len(PRIOR_YEARS)):
        yearly = level * 12 if flow else level
        worksheet.write_number(row, FIRST_YEAR + offset, max(0, round(yearly + rng.gauss(0, yearly * 0.1))))


def _measured_row(worksheet, formats, rng: random.Random, row: int, name: str, unit: str, level: float) -> None:
    polarity = "Low"
    worksheet.write_row(row, 1, [name, None, polarity, unit, "As at mth end"])
    for offset in range(len(MONTHS)):
        marker = _marker(rng)
        value = round(max(0.0, level + rng.gauss(0, level * 0.05)), 1)
        if marker is not None:
            worksheet.write_string(row, FIRST_MONTH + offset, marker)
        else:
            worksheet.write_number(row, FIRST_MONTH + offset, value, formats["decimal"])
    worksheet.write_string(row, YTD, "-")
    if rng.random() < 0.5:
        worksheet.write_string(row, GREEN, f"{level * 0.95:.1f}")
    else:
        red = level * 1.1
        worksheet.write_row(row, RED, [f"{red:.1f}+", f"{red:.1f}<", f"{level * 0.95:.1f}<"])
    for offset in range(len(PRIOR_YEARS)):
        worksheet.write_number(row, FIRST_YEAR + offset, round(level + rng.gauss(0, level * 0.1), 1),
                               formats["decimal"])
    for offset in range(len(BENCHMARKS)):
        worksheet.write_number(row, FIRST_BENCHMARK + offset, round(level + rng.gauss(0, level * 0.15), 1),
                               formats["decimal"])


def _write_commentary(workbook, formats, rng: random.Random, sections: list[str]) -> None:
    worksheet = workbook.add_worksheet("Commentary")
    worksheet.write_row(0, 0, ["Section", "Definition", "Performance analysis", "Data note"], formats["header"])
    worksheet.set_column(1, 3, 70)
    for row, section in enumerate(sections, start=1):
        subject = section.split(" - ", 1)[1].lower()
        definition = (
            f"Measures of {subject} show whether the service meets its statutory duties & the standards the "
            "council has set itself; thresholds follow the national minimum standards where there are any."
        )
        months_up = rng.randint(3, 9)
        analysis = (
            f"Performance for {subject} improved in {months_up} of the last 12 months. "
            "The service has focused on timeliness, with weekly performance clinics led by team managers, and "
            "the year-end position is better than the statistical neighbour average on most measures.\n\n"
            "Where figures fell short of target (<95% on several measures), managers have agreed recovery "
            "plans & will report progress to the next panel."
        )
        note = "Figures for March are provisional until the year-end return is signed off." if row % 3 == 0 else ""
        worksheet.write_row(row, 0, [section, definition, analysis, note], formats["wrap"])

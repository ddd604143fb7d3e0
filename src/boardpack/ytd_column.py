"""Which month a tracker's own YTD column is as at, for each indicator of one table.

Pure, like ``normalise`` which calls it. A YTD cell is a running total (or rate) as at one month only, so it
must not stand for the year to date of any other month (see ``rules``). The month is the row's latest with a
figure; a header naming a year (``2019/20 YTD``) limits that to the year, falling back on the sheet's latest
month of the year. Where the row's latest figure falls in an earlier year than the sheet's, the cell may be
last year's total left in place or this year's with this month missing: that is a warning, which heading the
column with its year settles.
"""

from __future__ import annotations

from dataclasses import replace

from boardpack.model import CellRef, Finding, Indicator, Severity


def place_ytds(indicators: list[Indicator], year_label: str, column: CellRef) -> tuple[list[Indicator], list[Finding]]:
    """The indicators with ``ytd_month`` set where the header names a year, and the warnings. ``column`` is the
    YTD column's header cell, named when a YTD cell has no source of its own."""
    latest = [indicator.latest_month() for indicator in indicators]
    sheet_months = [month for month in latest if month is not None]
    sheet_latest = max(sheet_months) if sheet_months else None
    placed: list[Indicator] = []
    findings: list[Finding] = []
    for indicator, own in zip(indicators, latest, strict=True):
        ytd = indicator.ytd
        if ytd is None:
            placed.append(indicator)
            continue
        where = ytd.source or column
        if year_label:
            in_year = [o.month for o in indicator.observations
                       if o.figure.has_value and o.month.financial_year_label == year_label]
            month = max(in_year or [m for m in sheet_months if m.financial_year_label == year_label], default=None)
            if month is not None:
                indicator = replace(indicator, ytd_month=month)
            elif ytd.has_value:
                findings.append(Finding(
                    Severity.WARNING,
                    f"indicator {indicator.ref}: the YTD column is headed {year_label}, but the sheet has no figure "
                    f"for {year_label}, so this YTD was not used; check the header's year",
                    where, indicator.ref,
                ))
                indicator = replace(indicator, ytd=None)
        elif (ytd.has_value and own is not None and sheet_latest is not None
              and own.financial_year_start < sheet_latest.financial_year_start):
            this_year = sheet_latest.financial_year_label
            findings.append(Finding(
                Severity.WARNING,
                f"indicator {indicator.ref}: its YTD is taken as at {own.long_label}, the row's latest figure, so "
                f"for {own.financial_year_label}, though the sheet runs to {sheet_latest.long_label}; if it is the "
                f"{this_year} year to date, head the column '{this_year} YTD'",
                where, indicator.ref,
            ))
        placed.append(indicator)
    return placed, findings

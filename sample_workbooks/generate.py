"""Write the sample tracker workbooks that sit next to this script.

    .venv/bin/python sample_workbooks/generate.py

The figures are the published ones (see README.md in this folder): the Corporate Parenting Monthly
Performance Report for April 2019 and the Safeguarding Children & Families Monthly Performance Report for
May 2015. The layout copies how a performance officer keeps a tracker, untidiness included, because that
is what boardpack has to read. Document properties are fixed so a re-run gives byte-identical files.

Value literals are written the way the published report prints them and turned into cells below:
``"93.4%"`` becomes 0.934 under a 0.0% format (or stays text on rows flagged ``text_percent``),
``"114 of 122"`` and the markers ``-``, ``TBC``, ``n/a``, ``not reported`` stay text, ``None`` is a blank.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------------------
# Corporate Parenting, April 2019
# --------------------------------------------------------------------------------------------------------

CP_FILE = HERE / "corporate_parenting_2019-20.xlsx"
# "Date Created: 21/05/19" on the published report.
CP_CREATED = dt.datetime(2019, 5, 21, 9, 0, 0)
CP_TITLE = "Corporate Parenting Monthly Performance Report"
CP_AUTHOR = "Performance & Quality Team"
CP_SUBTITLE = "2019/20 - As at Month End: April 2019"

LAC = "Looked After Children"
REVIEWS = "Reviews, Plans & Visits"
HEALTH = "Health"
PEPS = "Personal Education Plans"
CARE_LEAVERS = "Care Leavers"
PLACEMENTS = "Placements"
FOSTERING = "Fostering"
ADOPTIONS = "Adoptions"
CASELOADS = "Caseloads"

# The tracker runs from three months before the financial year to its end; only Jan-Apr 2019 are filled.
CP_MONTHS = tuple(dt.date(2019 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 16))
CP_YEARS = ("2014/15", "2015/16", "2016/17", "2017/18", "2018/19")


@dataclass(frozen=True)
class Row:
    ref: str
    name: str
    section: str
    polarity: str
    unit: str
    timeline: str
    months: tuple = ()          # from the first month of the tracker; later months are left blank
    ytd: object = None
    dot: str = ""               # the officer's own arrow or word, typed by hand
    rag: str = ""               # likewise
    red: str | None = None
    amber: str | None = None
    green: str | None = None
    years: tuple = ()           # prior-year outturns, oldest first
    bench: tuple = ()           # stat neighbour average, best stat neighbour, national average, top quartile
    council_plan: bool = False
    text_percent: bool = False  # the officer typed the percentages as text on this row
    points: bool = False        # percentages keyed as 0-100 numbers (98.4 for 98.4%)
    ytd_formula: bool = False   # YTD is a SUM over the year's month cells


LAC_ROWS = (
    Row("6.1", "Number of Looked After Children", LAC, "Info", "Count", "As at mth end",
        months=(629, 646, 642, 627), ytd="-", dot="↓", rag="n/a",
        years=(407, 432, 488, 627, 642)),
    Row("6.2", "Rate of Looked After Children per 10,000 population aged under 18", LAC, "Low",
        "Rate per 10,000", "As at mth end",
        months=(110.5, 113.4, 112.7, 110.1), ytd="-", dot="↑", rag="Red", green="99.1",
        years=(70.0, 76.6, 86.6, 110.8, 112.7), bench=(87.8, 62.0, 64.0, "-"), council_plan=True),
    Row("6.3", "Admissions of Looked After Children", LAC, "Info", "Count", "Financial Year",
        months=(20, 30, 14, 16), ytd=16, dot="↑", rag="n/a",
        years=(175, 208, 262, 330, 271), ytd_formula=True),
    Row("6.4", "Number of children who have ceased to be Looked After Children", LAC, "High", "Count",
        "Financial Year",
        months=(27, 11, 16, 29), ytd=29, dot="↑", rag="n/a",
        years=(160, 192, 215, 194, 249), ytd_formula=True),
    Row("6.5", "Percentage of LAC who have ceased to be looked after due to permanence "
        "(Special Guardianship Order, Residence Order, Adoption)", LAC, "High", "Percentage", "Financial Year",
        months=("51.9%", "54.5%", "31.3%", "27.6%"), ytd="27.6%", dot="↓", rag="Red",
        red="<33%", amber="33%>", green="35%+",
        years=("37.5%", "40.1%", "27.9%", "27.3%", "31.7%")),
    Row("6.6", "Number of SGOs started (Legal Status)", LAC, "High", "Count", "Financial Year",
        months=(5, 2, 4, 2), ytd=2, dot="↓",
        years=("-", "-", "-", 67, 33)),
    # Benchmarks for 6.7 are the 2017 figures; the cell notes say so.
    Row("6.7", "Percentage of LAC who have ceased to be looked after due to a Special Guardianship Order", LAC,
        "High", "Percentage", "Financial Year",
        months=("18.5%", "11.1%", "25.0%", "6.9%"), ytd="6.9%", dot="↓",
        years=("-", "-", "9.8%", "8.2%", "13.3%"), bench=("12.3%", "22.0%", "12.0%", "17.0%")),
    Row("6.8", "LAC cases reviewed within timescales", REVIEWS, "High", "Percentage", "Financial Year",
        months=("124 of 136", "148 of 158", "135 of 148", "114 of 122"), ytd="114 of 122", dot="↑", rag="Amber",
        red="<90%", amber="90%>", green="95%+",
        years=("94.9%", "83.3%", "652 of 714", "1502 of 1658", "1660 of 1875")),
    # The report has no January figure for 6.9.
    Row("6.9", "% of children adopted", LAC, "High", "Percentage", "Financial Year",
        months=(None, "0.0%", "0.0%", "3.4%"), ytd="3.4%", dot="↑", rag="Red",
        red="<20%", amber="20%>", green="22.7%+",
        years=("26.3%", "22.4%", "14.4%", "13.9%", "12.9%"), bench=("19.2%", "32.0%", "13.0%", "19.0%")),
    Row("6.10", "Health of Looked After Children - up to date Health Assessments", HEALTH, "High", "Percentage",
        "As at mth end",
        months=("89.3%", "87.4%", "84.8%", "76.3%"), ytd="-", dot="↓", rag="Red",
        red="<90%", amber="90%>", green="95%+",
        years=("81.4%", "92.8%", "89.5%", "83.7%", "84.8%")),
    Row("6.11", "Health of Looked After Children - up to date Dental Assessments", HEALTH, "High", "Percentage",
        "As at mth end",
        months=("86.0%", "90.7%", "88.2%", "82.6%"), ytd="-", dot="↓", rag="Red",
        red="<90%", amber="90%>", green="95%+",
        years=("58.8%", "95.0%", "57.3%", "72.5%", "88.2%")),
    # Counts for 2014/15 to 2016/17 printed as #### in the report; only the percentages survive.
    Row("6.12", "Health of Looked After Children - Initial Health Assessments carried out within 20 working days",
        HEALTH, "High", "Percentage", "Financial Year",
        months=("14 of 23", "14 of 14", "12 of 22", "13 of 18"), ytd="13 of 18", dot="↑",
        years=("20.0%", "8.4%", "18.2%", "132 of 237", "135 of 261")),
    None,
    Row("6.13", "% of LAC with a PEP", PEPS, "High", "Percentage", "As at mth end",
        months=("483 of 490", "482 of 502", "487 of 501", "471 of 491"), ytd="-", dot="↓", rag="Green",
        red="<90%", amber="90%>", green="95%+",
        years=("76.0%", "97.8%", "324 of 334", "454 of 485", "480 of 499")),
    # Termly measure: the Spring term figure sits in March. 2018/19 outturns for 6.14-6.17 were due Aug 19.
    Row("6.14", "% of LAC with up to date PEPs (Report Termly - End Jul, Dec, Mar)", PEPS, "High", "Percentage",
        "As at term end",
        months=("-", "-", "96.7%", "-"), ytd="-", rag="n/a",
        red="<90%", amber="90%>", green="95%+",
        years=("-", "-", "98.9%", "97.4%", "not reported")),
    Row("6.15", "LAC Overall absence - % of sessions lost due to absence", PEPS, "Low", "Percentage",
        "As at mth end",
        months=("-", "-", "6.5%", "6.2%"), ytd="-", dot="↑", rag="new",
        years=("5.0%", "4.1%", "5.7%", "4.7%", "not reported"), bench=("4.7%", "3.5%", "4.5%", "3.8%")),
    Row("6.16", "% of LAC who are classed as persistent absentees", PEPS, "Low", "Percentage", "As at mth end",
        months=("-", "-", "14.2%", "16.6%"), ytd="-", dot="↓", rag="new",
        years=("11.7%", "12.2%", "13.3%", "11.7%", "not reported"), bench=("10.0%", "7.1%", "10.6%", "8.8%")),
    Row("6.17", "% of LAC with at least one fixed term exclusion", PEPS, "Low", "Percentage", "As at mth end",
        months=("-", "-", "10.1%", "10.4%"), ytd="-", dot="↓", rag="new",
        years=("11.8%", "13.1%", "15.5%", "TBC", "not reported"), bench=("13.7%", "9.0%", "11.8%", "9.6%")),
    Row("6.18", "% of LAC receiving less than the 25 hour statutory entitlement", PEPS, "Low", "Percentage",
        "As at mth end",
        months=("-", "-", "-", "3.5%"), ytd="-", rag="new",
        years=("-", "-", "-", "-", "-"), bench=("-", "-", "-", "-")),
    Row("6.19", "% of LAC on reduced timetable arrangements", PEPS, "Low", "Percentage", "As at mth end",
        months=("-", "-", "-", "3.7%"), ytd="-", rag="new",
        years=("-", "-", "-", "-", "-"), bench=("-", "-", "-", "-")),
    Row("6.20", "% of eligible LAC with an up to date plan", REVIEWS, "High", "Percentage", "As at mth end",
        months=("83.9%", "87.0%", "98.0%", "94.7%"), ytd="-", dot="↓", rag="Amber",
        red="<93%", amber="93%>", green="95%+",
        years=("98.8%", "98.4%", "79.1%", "89.5%", "98.0%")),
    # 2017/18 prints as "587 of 620 97.5%" in the report; the counts do not give 97.5%, so the
    # percentage (which the summary page repeats) is kept.
    Row("6.21", "% LAC visits up to date & completed within timescale of National Minimum standard", REVIEWS,
        "High", "Percentage", "As at mth end",
        months=("614 of 630", "633 of 647", "619 of 642", "599 of 627"), ytd="-", dot="↓", rag="Amber",
        red="<95%", amber="95%>", green="98%+",
        years=("95.2%", "98.1%", "462 of 624", "97.5%", "619 of 642")),
)

CARE_LEAVER_ROWS = (
    Row("7.1", "Number of care leavers", CARE_LEAVERS, "Info", "Count", "As at mth end",
        months=(298, 297, 299, 303), ytd="-", dot="↑", rag="n/a", red="n/a", amber="n/a", green="n/a",
        years=(183, 197, 223, 256, 299)),
    Row("7.2", "% of eligible LAC & Care Leavers with a pathway plan", CARE_LEAVERS, "High", "Percentage",
        "As at mth end",
        months=("84.4%", "85.3%", "85.4%", "85.3%"), ytd="-", dot="↓", rag="Red",
        red="<93%", amber="93%>", green="95%+",
        years=("-", "69.8%", "99.3%", "93.9%", "85.4%")),
    Row("7.3", "% of eligible LAC & Care Leavers with an up to date pathway plan", CARE_LEAVERS, "High",
        "Percentage", "As at mth end",
        months=("75.9%", "78.5%", "80.0%", "77.6%"), ytd="-", dot="↓", red="-", amber="-", green="-",
        years=("-", "-", "-", "70.3%", "80.0%"), text_percent=True),
    Row("7.4", "% of care leavers in suitable accommodation", CARE_LEAVERS, "High", "Percentage", "As at mth end",
        months=("96.3%", "96.6%", "96.3%", "96.0%"), ytd="-", dot="↓", rag="Amber",
        red="<95%", amber="95%>", green="98%+",
        years=("97.8%", "96.5%", "97.8%", "96.1%", "96.3%"), bench=("88.3%", "94.0%", "84.0%", "91.0%")),
    Row("7.5", "% of care leavers in employment, education or training", CARE_LEAVERS, "High", "Percentage",
        "As at mth end",
        months=("64.1%", "65.7%", "64.2%", "60.1%"), ytd="-", dot="↓", rag="Red",
        red="<70%", amber="70%>", green="72%+",
        years=("71.0%", "68.0%", "62.9%", "64.1%", "64.2%"), bench=("56.0%", "73.0%", "51.0%", "59.0%")),
)

PLACEMENT_FOSTERING_ROWS = (
    Row("8.1", "% of long term LAC in placements which have been stable for at least 2 years", PLACEMENTS, "High",
        "Percentage", "As at mth end",
        months=("93 of 145", "92 of 148", "92 of 147", "99 of 159"), ytd="-", dot="Declined", rag="Red",
        red="<68%", amber="68%>", green="70%+",
        years=("110 of 153", "109 of 150", "96 of 145", "90 of 147", "92 of 147"),
        bench=("67.6%", "78.0%", "70.0%", "74.0%")),
    Row("8.2", "% of LAC who have had 3 or more placements - rolling 12 months", PLACEMENTS, "Low", "Percentage",
        "Rolling Year",
        months=("91 of 625", "90 of 642", "84 of 638", "78 of 623"), ytd="-", dot="Improved", rag="Amber",
        red="13%+", amber="13%<", green="10.8%<",
        years=("49 of 409", "56 of 431", "58 of 488", "83 of 621", "81 of 639"),
        bench=("10.6%", "8.0%", "10.0%", "8.9%"), council_plan=True),
    # Only a target is set for 8.3, so anything short of it is red.
    Row("8.3", "% of LAC in a family based setting", PLACEMENTS, "High", "Percentage", "As at mth end",
        months=("82.5%", "82.8%", "82.2%", "81.5%"), ytd="-", dot="Declined", rag="Red", green="85%>",
        years=("-", "-", "81.1%", "81.0%", "82.2%"), council_plan=True),
    Row("8.4", "% of LAC placed with parents or other with parental responsibility (P1)", PLACEMENTS, "Low",
        "Percentage", "As at mth end",
        months=("7.8%", "8.2%", "6.9%", "6.5%"), ytd="-", dot="Improved",
        years=("-", "-", "5.3%", "4.3%", "6.9%"), text_percent=True),
    Row("8.5", "% of LAC in a Commissioned Placement", PLACEMENTS, "Low", "Percentage", "As at mth end",
        months=("339 of 629", "331 of 646", "336 of 642", "336 of 627"), ytd="-", dot="Declined",
        years=("-", "188 of 431", "211 of 488", "315 of 624", "336 of 643")),
    None,
    Row("9.1", "Number of LAC in a Fostering Placement (excludes family/friend carers)", FOSTERING, "High", "Count",
        "As at mth end",
        months=(428, 436, 427, 414), ytd="-", dot="Declined",
        years=("-", "-", 353, 414, 427)),
    Row("9.2", "% of LAC in a Fostering Placement (excludes family/friend carers)", FOSTERING, "High",
        "Percentage", "As at mth end",
        months=("68.0%", "67.5%", "66.5%", "66.0%"), ytd="-", dot="Declined",
        years=("-", "-", "72.3%", "66.0%", "66.4%")),
    Row("9.3", "Number of Foster Carers (Households)", FOSTERING, "High", "Count", "As at mth end",
        months=(149, 149, 149, 150), ytd="-", dot="Improved",
        years=("-", 156, 161, 154, 149)),
    Row("9.4", "Number of Foster Carers Recruited", FOSTERING, "High", "Count", "Financial Year",
        months=(0, 1, 1, 4), ytd=4, dot="Improved",
        years=("-", 13, 32, 16, 11), ytd_formula=True),
    Row("9.5", "Number of Foster Carers Deregistered", FOSTERING, "Info", "Count", "Financial Year",
        months=(2, 1, 1, 2), ytd=2, dot="Up", rag="n/a",
        years=("-", 16, 22, 25, 21)),
)

ADOPTION_CASELOAD_ROWS = (
    Row("10.1", "Number of adoptions", ADOPTIONS, "High", "Count", "Financial Year",
        months=(4, 3, 0, 1), ytd=1, dot="↑",
        years=("-", 43, 31, 27, 32), ytd_formula=True),
    Row("10.2", "Number of adoptions completed within 12 months of SHOBPA", ADOPTIONS, "High", "Count",
        "Financial Year",
        months=(3, 1, 0, 0), ytd=0, dot="→",
        years=("-", 23, 12, 16, 11)),
    # No adoptions in March, so April is compared with February.
    Row("10.3", "% of adoptions completed within 12 months of SHOBPA", ADOPTIONS, "High", "Percentage",
        "Financial Year",
        months=("75.0%", "33.3%", "-", "0.0%"), ytd="0.0%", dot="↓", rag="n/a",
        red="<83%", amber="83%>", green="85%+",
        years=("37.0%", "53.5%", "38.7%", "59.3%", "34.4%")),
    Row("10.4", "Average number of days between a child becoming Looked After and having a adoption placement "
        "(A1)", ADOPTIONS, "Low", "YTD Average", "Financial Year",
        months=(365.5, 385.3, 386.9, 372.8), ytd="-", dot="↑", rag="Green",
        red="511+", amber="511<", green="487<",
        years=(393.0, 296.0, 404.0, 325.3, 386.9), bench=(479.7, 362.0, 520.0, 455.0)),
    Row("10.5", "Average number of days between a placement order and being matched with an adoptive family (A2)",
        ADOPTIONS, "Low", "YTD Average", "Financial Year",
        months=(197.8, 212.5, 212.4, 162.8), ytd="-", dot="↑", rag="Red",
        red="127+", amber="127<", green="121<",
        years=(169.0, 136.0, 232.9, 124.8, 212.4), bench=(205.6, 89.0, 220.0, 171.8)),
    None,
    Row("11.4", "Maximum caseload of social workers in LAC", CASELOADS, "Low", "Average count", "As at mth end",
        months=(23, 23, 23, 23), ytd="-", dot="→", rag="Red",
        red="21+", amber="20<", green="18<",
        years=("-", 19.2, 17.0, 18.0, 23.0)),
    # As the report writes them: good performance is "Within Limits" of the 14-20 band, amber "1 above range"
    # and red "1+ above range". Both months are inside the band, so the direction of travel is the same.
    Row("11.3a", "Average number of cases per qualified social worker in LAC Teams 1-3", CASELOADS, "Within Limits",
        "Average count", "As at mth end",
        months=(16.0, 19.2, 19.4, 18.8), ytd="-", dot="→", rag="Green",
        red="1+ above range", amber="1 above range", green="14-20",
        years=("-", "-", "-", 12.6, 19.4)),
    Row("11.3b", "Average number of cases per qualified social worker in LAC Teams 4 - 5", CASELOADS,
        "Within Limits", "Average count", "As at mth end",
        months=(15.0, 16.5, 15.3, 14.4), ytd="-", dot="→", rag="Green",
        red="1+ above range", amber="1 above range", green="14-20",
        years=("-", "-", "-", 11.8, 15.3)),
)

# Notes an officer leaves on single cells, keyed by (ref, column): a month label, a year, "ytd" or a
# benchmark ("sn", "best", "nat", "top").
CP_CELL_NOTES = {
    ("6.7", "sn"): "2017 figure",
    ("6.7", "best"): "2017 figure",
    ("6.7", "nat"): "2017 figure",
    ("6.7", "top"): "2017 figure",
    ("6.9", "ytd"): "RAG on the year to date",
    ("6.10", "Apr-19"): "Re-run 17/06/2019 to take in delayed inputting: 80.8%",
    ("6.12", "2014/15"): "Counts not available",
    ("6.14", "Mar-19"): "Spring Term Jan - Mar 19",
    ("6.14", "2018/19"): "Due Aug 19",
    ("6.15", "2018/19"): "Due Aug 19",
    ("6.16", "2018/19"): "Due Aug 19",
    ("6.17", "2018/19"): "Due Aug 19",
    ("6.21", "2017/18"): "587 of 620 on the section page",
    ("9.4", "2018/19"): "Fostering Team report 17 approvals for 2018/19 - recording issue being checked",
}

# One sheet per group of sections, each laid out a little differently, as trackers passed between
# officers tend to be.
CP_SHEETS = (
    {
        "name": "LAC",
        "rows": LAC_ROWS,
        "months": "dates",
        "year_headers": CP_YEARS,
        "headers": {},
        "footnotes": (
            "*Annual Trend relates to current reporting year April to Mar - not rolling year",
            "Benchmarking is as at the latest DfE release and relates to 2017/18 outturn (6.7: 2017).",
            "6.14 is reported termly (end Jul, Dec, Mar). 2018/19 education outturns are due Aug 19.",
        ),
    },
    {
        "name": "Care Leavers",
        "rows": CARE_LEAVER_ROWS,
        "months": "short text",
        "year_headers": CP_YEARS,
        "headers": {"unit": "Unit", "timeline": "DATA NOTE\n(Monthly)"},
        "footnotes": (
            "*Annual Trend relates to current reporting year April to Mar - not rolling year",
        ),
    },
    {
        "name": "Placements & Fostering",
        "rows": PLACEMENT_FOSTERING_ROWS,
        "months": "long text",
        "year_headers": tuple(year.replace("/", "/ ") for year in CP_YEARS),
        "headers": {"top": "Top qtile threshold"},
        "footnotes": (
            "*Annual Trend relates to current reporting year April to Mar - not rolling year",
            "Family based includes internal fostering, independent fostering, pre-adoption placements and those "
            "placed with parent/family/friends.",
        ),
    },
    {
        "name": "Adoption & Caseloads",
        "rows": ADOPTION_CASELOAD_ROWS,
        "months": "dates",
        "year_headers": CP_YEARS,
        "headers": {"sn": "SN AVE", "best": "BEST SN", "nat": "NAT AVE", "top": "NAT TOP QTILE"},
        "footnotes": (
            "*Annual Trend relates to current reporting year April to Mar - not rolling year",
            "**adoptions have a 28 day appeal period so any children adopted in the last 28 days are still "
            "subject to appeal",
            "Caseload tolerances: 14-20 is within limits; up to 1 above range amber; more than 1 above range red.",
        ),
    },
)

CP_COMMENTARY = (
    (
        LAC,
        "Children in care or 'looked after children' are children who have become the responsibility of the "
        "local authority. This can happen voluntarily by parents struggling to cope or through an intervention "
        "by children's services because a child is at risk of significant harm.",
        "April appeared to bring the first fruits of Right Child Right Care (phase 2) with 29 discharges from "
        "care achieved over the month and only 16 admissions giving a net reduction of 13 children in total and "
        "an overall number of 627 by the end of the month, the equal lowest figure for the previous year. These "
        "discharges from care meant that all of those planned were achieved within April suggesting some "
        "growing confidence within the Family Court regarding RMBC's permanence planning. As a result, 13 "
        "children have been discharged via permanence (SGO's) over the course of 2019 thus far which is not far "
        "short of half of the total figure achieved in 2018/19.\n\n"
        "Whilst May looks like it may bring a further slight increase the trend continues to be a downward one "
        "with reductions achieved in 6 of the last 8 months and 27 discharges already planned for June.  "
        "Further to that the average age of children admitted to care has reduced further to 6.3 years down "
        "from 7.8 last month and 8.2 the previous month.",
        "An issue has arisen within the Liquid Logic system which is impacting on the reporting LAC children. "
        "For some children who have left care and have had previous care episodes, the same ‘end date’ is "
        "copying into the previous episodes within the system. This has been reported, however, until this is "
        "rectified we will be unable to accurately report on measures regarding children ceasing care.",
    ),
    (
        REVIEWS,
        "The purpose of LAC review meeting is to consider the plan for the welfare of the looked after child "
        "and achieve Permanence for them within a timescale that meets their needs. The review is chaired by an "
        "Independent Reviewing Officer (IRO)\n"
        "The LA is also responsible for appointing a representative to visit the child wherever he or she is "
        "living to ensure that his/her welfare continues to be safeguarded and promoted. The minimum national "
        "timescales for visits is within one week of placement, then six weekly until the child has been in "
        "placement for a year and the 12 weekly thereafter. Rotherham have set a higher standard of within "
        "first week then four weekly thereafter until the child has been permanently matched to the placement.",
        "There has been a slight increase in performance regarding Statutory Reviews which has arrested a "
        "declining performance. Senior managers in the Independent Reviewing Officer (IRO) and LAC Service will "
        "be meeting before the end of the month to undertake a more detailed audit in order to provide a "
        "greater understanding as to why this has been one of the consistently weaker aspects of performance "
        "within the LAC Service.\n\n"
        "Whilst performance in respect of Statutory Visits and Care Plans has dipped slightly they are both "
        "still in the mid-90s and are therefore not yet an area of significant concern. Despite the relatively "
        "good performance for Care Plans there is still work to do in getting social workers to translate this "
        "detailed knowledge of their children into similarly detailed Care Plans and this is going to be an "
        "area of focus in June's LAC Service Development Day.",
        "",
    ),
    (
        HEALTH,
        "Local authorities have a duty to safeguard and to promote the welfare of the children they look after, "
        "therefore the local authority should make arrangements to ensure that every child who is looked after "
        "has his/her health needs fully assessed and a health plan clearly set out.",
        "Review Health Needs Assessment (HNA) performance has declined further, but it does seem that there is "
        "a systems issue coming into play in that reports for Review HNAs for children placed out of the RMBC "
        "area seem to take longer to be returned to the social worker and therefore the inputting of these onto "
        "the system is delayed e.g. in May it appeared that within LAC 1; 23 assessments had not taken place "
        "when in fact all bar 3 children had had their HNA but the report had not yet been sent to the social "
        "worker. There needs to be further analysis undertaken to understand if this is replicated across the "
        "service and to identify possible solutions.\n\n"
        "In April there were 5 of the 18 Initial Health Assessments (IHA) that took place outside of the 20 "
        "working day timescale due to a number reasons. If the current performance is maintained throughout the "
        "year we will report the best IHA performance for the previous 5 years by more than 20%.\n\n"
        "Dental checks have declined slightly but as usual there is an anticipated 5% increase when the report "
        "is re-run mid-month.",
        "",
    ),
    (
        PEPS,
        "A personal education plan (PEP) is a school based meeting to plan for the education of a child in "
        "care. The government have made PEPs a statutory requirement for children in care to help track and "
        "promote their achievements.\n"
        "Prior to September 2015 PEPs were in place for compulsory school-age children only. PEPs are now in "
        "place for LAC aged two to their 18th birthday.",
        "At the end of the Spring term Personal Education Plan (PEP) performance for LAC with a PEP reached "
        "97.25% and PEPs up to date 96.7%, continuing the high performance of previous months and the Virtual "
        "School deserve a great deal of credit for this given the realtive size of their team.\n\n"
        "The expanded educational performance report has now been completed with measures in absence rates, "
        "exclusions and less than 25 hour entitlements now included. It is planned that the Virtual School "
        "Governing Body will discuss and agree performance targets at its next meeting.",
        "",
    ),
    (
        CARE_LEAVERS,
        "A care leaver is defined as a person aged 25 or under, who has been looked after away from home by a "
        "local authority for at least 13 weeks since the age of 14; and who was looked after away from home by "
        "the local authority at school-leaving age or after that date.  Suitable accommodation is defined as "
        "any that is not prison or bed and breakfast.",
        "The number of Care Leavers supported by the Leaving Care Team currently stands at the highest ever "
        "(303), an increase of 45 from this time last year which is the equivalent of 2 Personal Adviser "
        "caseloads which have had to be assimilated within the team. As a result  some of the team's "
        "performance has dipped slightly with up to date Pathway Plans reducing from 80% to 77% since the "
        "previous month.\n\n"
        "Performance in respect of care leavers who are in suitable accommodation has also dipped very slightly "
        "but is still well above the national average. Whilst also still above the national average performance "
        "in respect of care leavers who are in Employment, Education of Training (EET) has dropped more "
        "significantly and this warrants a deeper examination.",
        "Following data validation in December 18, it was found that a number of cases were not being counted "
        "correctly within the Leaving Care cohort. This has now been rectified in Liquid Logic which has caused "
        "the cohort number to increase.",
    ),
    (
        PLACEMENTS,
        "A LAC placement is where a child has become the responsibility of the local authority (LAC) and is "
        "placed with foster carers, in residential homes or with parents or other relatives.",
        "Long-term placement stability has remained very consistent despite the increasing number of LAC who "
        "are discharged from care via an SGO, as has the number of children in family based settings, although "
        "the actual number of children has increased to 99 - the highest of the year so far. More re-assuring "
        "the number of children experiencing 3 or more placement moves has reduced to 12.5%, the lowest of the "
        "year thus far with the actual number of children affected reducing from 91 to 78.\n\n"
        "The percentage of children placed in a commissioned placement has increased slightly by 1.3% but the "
        "actual numbers of children involved has remained the same. As a result the % of LAC in family based "
        "settings has decreased slightly by 0.7%",
        "",
    ),
    (
        FOSTERING,
        "A foster care family provide the best form of care for most Looked after children. Rotherham would "
        "like most of its children to be looked after by its own  carers so that they remain part of their "
        "families and community .",
        "There are 7 active assessments currently on-going with 2 more on hold, and 3 IFA carers considering a "
        "potential move to RMBC. Overall there are 14 approvals already projected for 2019/20 and the Foster "
        "Carer Diversity Scheme has thus far led to 4 new foster families being allocated for assessment and "
        "another 3 viability visits looking positive for progression to the full assessment.\n\n"
        "The Fostering Team are reporting 17 approvals providing 24 new placements for 2018/19 which has flagged "
        "a recording issue explaining the difference from that contained in this report. Further work is "
        "currently being undertaken in order to rectify this discrepancy. However, this is still a net loss "
        "given there were 21 de-registrations/resignations over the same period.",
        "",
    ),
    (
        ADOPTIONS,
        "Following a child becoming a LAC, it may be deemed suitable for a child to become adopted which is a "
        "legal process of becoming a non-biological parent. The date it is agreed that it is in the best "
        "interests of the child that they should be placed for adoption is known as their 'SHOBPA'. Following "
        "this a family finding process is undertaken to find a suitable match for the child based on the "
        "child's needs, they will then be matched with an adopter(s) followed by placement with their "
        "adopter(s). This adoption placement is monitored for a minimum of 10 weeks and assessed as stable and "
        "secure before the final adoption order is granted by court decision and the adoption order is made .\n"
        "Targets for measures A1 and A2 are set centrally by government office.",
        "A total of 32 children were adopted over the course of 2018/19 which is an improvement on the 27 "
        "achieved last year. Given there was only one adoption completed in April there was only minimal impact "
        "on the A1 and A2 scorecard although both of these were positive and this brings RMBC into the top "
        "quartile for both measures.\n\n"
        "Only 11 of the 32 adoptions were completed within 12 months of the SHOBPA decision but this is "
        "primarily because RMBC does not implement time limited searches but will continue to seek adoptive "
        "placements to secure the best form of permanence for our children and 72% (23 children) of the "
        "children adopted in 2018/19 were in the 'hard to place' categories.\n\n"
        "In addition there are 36 children currently placed in their adoptive placement and 22 adopters were "
        "approved over the course of the year with 14 more at stage 1 and 3 in stage 2 - this is a significant "
        "improvement on the 14 adopters approved in 2017/18.",
        "Taken from manual tracker. Data requires inputting into LCS",
    ),
    (
        CASELOADS,
        "Caseload figures relate to the number of children the social worker is currently the lead key worker. "
        "Fieldwork teams relate to frontline social care services including the four Duty Teams, none Long "
        "Term CIN Teams, two LAC teams and the CSE Team. All averages are calculated on a full time equivalency "
        "basis, based on the number of hours the worker is contracted to work.",
        "LAC average caseloads have reduced for the first time in many months from 19.4 to 18.8 in the "
        "long-term teams and from 15.3 to 14.4 in the Court and Permanence Teams, largely as a direct "
        "consequence of the success of the Demand Management Strategy. However, workloads still remain high due "
        "to the continuing demands of supervising contact and out of authority visits. This will need to be "
        "kept under close review especially in the Court and Permanence Teams given a number of social workers "
        "in the teams have successfully obtained promotions/alternative positions and the fact that it has "
        "proven to be a challenge to recruit to these posts in the recent past.",
        "Please note that for February 19 onwards an adjustment has been made to the Insight reports for when "
        "calculating average caseloads. The report now makes an adjustment on FTE for Advanced Practitioners and "
        "Newly Qualified Social Workers as follows: AP’s: 0.4 of their contracted FTE and NQSW’s: 0.6 of their "
        "contracted FTE\n"
        "This may have caused some noticeable increases in average caseloads from February 19 onwards.",
    ),
)

# --------------------------------------------------------------------------------------------------------
# Safeguarding Children & Families, May 2015
# --------------------------------------------------------------------------------------------------------

SG_FILE = HERE / "safeguarding_2015" / "safeguarding_may_2015.xlsx"
# "Date Created: 09/07/2015" on the published report.
SG_CREATED = dt.datetime(2015, 7, 9, 9, 0, 0)
SG_MONTHS = ("Mar-15", "Apr-15", "May-15")
SG_YEARS = ("2013/14", "2014/15")
SG_AUTHOR = "Performance Assurance - Social Care"

SG_LAC = "Looked After Children"
SG_CARE_LEAVERS = "Care Leavers"
SG_PLACEMENTS = "Placements"
SG_ADOPTIONS = "Adoptions"


@dataclass(frozen=True)
class SgRow:
    ref: str
    name: str
    section: str
    target: str | None
    polarity: str
    unit: str
    timeline: str
    months: tuple               # Mar-15, Apr-15, May-15
    ytd: object = None
    dot: str = ""
    rag: str = ""
    years: tuple = (None, None)
    bench: tuple = ()
    points: bool = False        # percentages keyed as 0-100 numbers (98.4 for 98.4%)
    ytd_formula: bool = False


# The report's own numbering is mangled (7.11-7.13 all print as "7.1", the adoption rows as "10"), so the
# refs run on in order. Polarity is blank in the report for 7.3, 7.4 and 7.7; it is filled from the same
# measures in later reports.
SG_ROWS = (
    SgRow("7.1", "Number of Looked After Children", SG_LAC, "n/a", "Info", "Count", "As at",
          months=(407, 409, 406), dot="↓", rag="n/a", years=(None, 407)),
    SgRow("7.2", "Rate of Looked After Children per 10,000 population aged under 18", SG_LAC, "n/a", "Info",
          "Rate per 10,000", "As at",
          months=(72.5, 72.9, 72.4), dot="↓", rag="n/a", years=(70, 70), bench=(73.5, 46.0, 60.0, "-")),
    SgRow("7.3", "Admissions of Looked After Children", SG_LAC, None, "Info", "Count", "Financial Year",
          months=(12, 17, 22), ytd=39, dot="↑", rag="n/a", years=(147, 175), ytd_formula=True),
    SgRow("7.4", "Number of children who have ceased to be Looked After Children", SG_LAC, None, "High", "Count",
          "Financial Year",
          months=(11, 19, 17), ytd=36, dot="↓", rag="n/a", years=(136, 160), ytd_formula=True),
    # Printed as "4 36.36%" etc.; the denominators are the 7.4 counts for the same period.
    SgRow("7.5", "Number & Percentage of LAC who have ceased to be looked after due to permanence "
          "(Special Guardianship Order, Residence Order, Adoption)", SG_LAC, None, "High", "Percentage",
          "Financial Year",
          months=("4 of 11", "7 of 19", "6 of 17"), ytd="13 of 36", dot="↓", rag="n/a",
          years=("55 of 136", "60 of 160")),
    SgRow("7.6", "LAC cases reviewed within timescales", SG_LAC, "98%", "High", "Percentage", "Financial Year",
          months=("98.4%", "94.8%", "90.0%"), ytd="92.5%", dot="↓", rag="Red", years=("98.6%", "94.9%"),
          points=True),
    SgRow("7.7", "Percentage of children adopted", SG_LAC, None, "High", "Percentage", "As at",
          months=("36.4%", "42.9%", "TBC (Unavailable)"), rag="n/a", years=("26.5%", "26.3%"),
          bench=("22.7%", "32.0%", "17.0%", "21.0%")),
    SgRow("7.8", "Health of Looked After Children - up to date Health Assessments", SG_LAC, "88%", "High",
          "Percentage", "As at",
          months=("81.4%", "85.7%", "80.8%"), dot="↓", rag="Red", years=("82.7%", "81.4%")),
    SgRow("7.9", "Health of Looked After Children - up to date Dental Assessments", SG_LAC, "84%", "High",
          "Percentage", "As at",
          months=("58.8%", "67.6%", "59.9%"), dot="↓", rag="Red", years=("42.5%", "58.8%")),
    SgRow("7.10", "% of LAC with up to date PEPs", SG_LAC, "90%", "High", "Percentage", "As at",
          months=("71.4%", "66.1%", "59.6%"), dot="↓", rag="Red", years=("72.9%", "71.4%")),
    SgRow("7.11", "% of eligible LAC with an up to date plan", SG_LAC, "80%", "High", "Percentage", "As At",
          months=("98.8%", "94.1%", "94.3%"), dot="↑", rag="Green", years=("67.0%", "98.8%")),
    SgRow("7.12", "% LAC visits up to date - National Minimum standard", SG_LAC, None, "High", "Percentage",
          "As at",
          months=("94.9%", "98.6%", "95.2%"), dot="↓", rag="n/a", years=(None, "94.9%")),
    SgRow("7.13", "% LAC visits up to date - Rotherham standard", SG_LAC, None, "High", "Percentage", "As at",
          months=("64.0%", "73.0%", "79.0%"), dot="↑", rag="n/a", years=(None, "64.0%"), points=True),
    None,
    SgRow("8.1", "Number of care leavers", SG_CARE_LEAVERS, "n/a", "Info", "Count", "As at",
          months=(183, 189, 200), dot="↑", rag="n/a", years=(None, 183)),
    SgRow("8.2", "% of eligible LAC with an up to date pathway plan", SG_CARE_LEAVERS, "98%", "High",
          "Percentage", "As at",
          months=("69.8%", "77.6%", "85.2%"), dot="↑", rag="Red", years=(None, "69.8%")),
    SgRow("8.3", "% of care leavers in suitable accommodation", SG_CARE_LEAVERS, "95%", "High", "Percentage",
          "As at",
          months=("97.8%", "97.0%", "98.5%"), dot="↑", rag="Green", years=("96.3%", "97.8%"),
          bench=("74.2%", "100.0%", "77.8%", "90.0%")),
    SgRow("8.4", "% of care leavers in employment, education or training", SG_CARE_LEAVERS, "65%", "High",
          "Percentage", "As at",
          months=("71.0%", "72.5%", "74.5%"), dot="↑", rag="Green", years=("52.3%", "71.0%"),
          bench=("40.8%", "65.0%", "45.0%", "55.8%")),
    None,
    SgRow("9.1", "% of long term LAC in placements which have been stable for at least 2 years", SG_PLACEMENTS,
          "70%", "High", "Percentage", "As at",
          months=("110 of 153", "109 of 152", "106 of 149"), dot="↓", rag="Green",
          years=("108 of 157", "110 of 153"), bench=("67.6%", "79.0%", "67.0%", "71.1%")),
    SgRow("9.2", "% of LAC who have had 3 or more placements - rolling 12 months", SG_PLACEMENTS, "10%", "Low",
          "Percentage", "As at",
          months=("49 of 409", "43 of 410", "44 of 418"), dot="→", rag="Red",
          years=("44 of 393", "49 of 409"), bench=("9.6%", "7.0%", "11.0%", "9.0%")),
    None,
    SgRow("10.1", "% of adoptions completed within 12 months of SHOBPA", SG_ADOPTIONS, None, "High", "Percentage",
          "As at",
          months=("100.0%", "100.0%", "50.0%"), ytd="75.0%", dot="↓", rag="n/a", years=("55.6%", "84.6%")),
    SgRow("10.2", "Average number of days between a child becoming Looked After and having an adoption "
          "placement (A1)", SG_ADOPTIONS, "487", "Low", "Average count", "As at",
          months=(200.3, 360.5, 566.0), ytd=463.3, dot="↓", rag="Red", years=(661, 417.5),
          bench=(507.3, 328.0, 525.0, 468.0)),
    SgRow("10.3", "Average number of days between a placement order and being matched with an adoptive family "
          "(A2)", SG_ADOPTIONS, "121", "Low", "Average count", "As at",
          months=(71.0, 74.2, 295.0), ytd=184.8, dot="↓", rag="Red", years=(315, 177.3),
          bench=(217.1, 45.0, 217.0, 163.0)),
)

SG_CELL_NOTES = {
    ("7.6", "May-15"): "Validated: 2 reviews out of timescale in May; 3 of the 6 were data entry errors",
    ("7.12", "2014/15"): "Section page gives 95.2% for the year",
    ("7.13", "2014/15"): "Section page gives 82.6% for the year",
}

SG_FOOTNOTES = (
    "Latest benchmarking relates to 2013/14.",
    "2015/16 adoption data has been supplied by the service and remains unvalidated.",
)

# The report's narrative pages are finer than the four sections here, so each keeps its page title.
SG_COMMENTARY = (
    (
        SG_LAC,
        "Looked after children: Children in care or looked after children are children who have become the "
        "responsibility of the local authority. This can happen voluntarily by parents struggling to cope or "
        "through an intervention by children's services because a child is at risk of significant harm.\n\n"
        "Reviews & visits: The purpose of LAC review meeting is to consider the plan for the welfare of the "
        "looked after child and achieve Permanence for them within a timescale that meets their needs. The "
        "review is chaired by an Independent Reviewing Officer(IRO)\n\n"
        "Health: Local authorities have a duty to safeguard and to promote the welfare of the children they "
        "look after, therfore the local authority should make arrangements to ensure that every child who is "
        "looked after has his/her health needs fully assessed and a health plan clearly set out.\n\n"
        "Personal education plans: A personal education plan (PEP) is a school based meeting to plan for the "
        "education of a child in care. The government have made PEPs a statutory requirement for children in "
        "care to help track and promote their achievements.\n\n"
        "Plans - in date: A child's plan is to be developed for an individual child if they have a \"wellbeing "
        "need\" that requires a targeted intervention. Each type of plan has a completion target.\n"
        "When a Looked After Child reaches 16 years and 3 months they become eligible for a 'Pathway Plan' - "
        "this plan focuses on preparing a young person for adulthood and their future (For example; future "
        "accomodation, post 16 Education/Training and Employment)",
        "Looked after children: Although the numbers of LAC are in line with our statistical neighbours they "
        "are higher than the national average and best performing LAs. They are also rising. Early help "
        "arrangements need to be strengthened over time to prevent the need for children to come into care this "
        "is part of the departmental strategy. In the short term attention will be focussed on those children "
        "in care who could be secured permanence outside the care system for example through Special "
        "Guardianship Orders, Child Arrangement Orders and/or rehabilitation to family members. The number of "
        "children placed out of the Borough in independent placements is also high but the strategy to reduce "
        "usage is multi-faceted and some measures for example foster care recruitment have long lead in "
        "times.\n\n"
        "Reviews & visits: With regard to LAC reviews the performance data indicates that there were 6 reviews "
        "out of timescale in May. Through validation and exploration of the files it is confirmed that 2 LAC "
        "reviews were held out of timescale during May. One was out of timescale by 1 day to support the Young "
        "Person attending the review. The second was due to poor time planning. A tracker of due dates is being "
        "completed to support Independent Reviewing Officer's to ensure meetings are planned and held in "
        "timescale. Of the 4 remaining cases 3 are data entry errors, the 4th was within timescale. The data on "
        "the records has been amended to reflect this.\n"
        "In relation to visits to LAC these are monitored at the weekly performance meeting. Performance in "
        "relation to visits within the National minimum standards is good and any visit exceeding statutory "
        "minimum timescales is examined on a child by child basis to ensure they have been subsequently visited "
        "and to ensure the reason for lateness is understood. In addition to statutory minimum standard "
        "Rotherham has set a local standard that exceeds this performance in relation to this has increased but "
        "the progress is slower. More recently, given the increased focus, visits that are out of statutory "
        "minimum dates have been related to delayed recording of visits. Action has been taken where workers "
        "are regularly slow in recording on the system to address this as a performance or skills issue.\n\n"
        "Health: Performance in relation to health and dental assessments is poor, in particular Initial Health "
        "Assessments need to improve, and the frequency of dental assessments is not good enough.\n"
        "A task and finish group has been established to examine the causes of poor performance and to develop "
        "revised processes where required. One of the initial findings identified by the group is that the "
        "local dental practice of check ups being less than 6 monthly is having an adverse impact on "
        "performance, this is to be addressed through dental leads.\n\n"
        "Personal education plans: Previously education of Looked After Children was supported by The Get Real "
        "team this team ceased to exist from the 1st April 2015 and this has been replaced by a new Virtual "
        "School in line with National best practice guidance. Performance in PEP's has declined over the past 3 "
        "months which is of concern this is linked to the changes and adjustment to new systems. This will be "
        "addressed in performance meetings with the management team\n"
        "The completion of the PEP is moving towards an E-PEP system to commence in September (start of Autumn "
        "term) which should lead to an improvement as PEPs' will be created directly on the system rather than "
        "relying on workers placing the PEP onto the ESCR system as a word document.\n\n"
        "Plans - in date: Child Protection Plans are now where they would be expected to be at 100%. There is "
        "still work to do in terms of CIN plans although the issue here is mostly to do with failure to update "
        "plans i.e. most CIN have a plan in place. As can bee seen performance has improved considerably in "
        "this regard with 98.3% of children who have been assessed as being in need now having a plan. "
        "Performance in relation to Plans for Looked After Children remains above 90%, the weekly performance "
        "meeting identifies each child without an up to date plan and there is a requirement that this is "
        "followed up by the responsible manager. Absence of an up to date LAC plan in almost all cases has been "
        "due to the presence of an alternative plan - for example the child has had a pathway plan put in place "
        "as they have reached age 16 years and 3 months or because the correct process has not been followed on "
        "the IT system to link the document to the section where data is extracted. The 22% without an up to "
        "date pathway plan relates to 9 individuals(at time of writing) these are individuals who have recently "
        "triggered the need for a plan.",
        "",
    ),
    (
        SG_PLACEMENTS,
        "A LAC placement is where a child has become the responsibility of the local authority (LAC) and is "
        "placed with foster carers, in residential homes or with parents or other relatives.",
        "Performance in relation to LAC stability will be examined closely as part of our strategy to reduce "
        "the number of children in out of authority placements. We need to ensure that stability does not mask "
        "case drift and result in children remaining looked after longer than necessary. We are also aware that "
        "data quality related to recording missing episodes may impact on our the 3 or more moves stability "
        "indicator. Once this is corrected this indicator may deteriorate. Additionally we need to closely "
        "examine our balance of placements to ensure there is not over reliance on residential care for those "
        "children who would be better placed in a family setting. Every child in residential care will be "
        "reviewed by a senior manager over the coming months to ensure their care plans take account of their "
        "needs and consider whether it is possible and appropriate to plan for a move into a more appropriate "
        "family based setting.",
        "",
    ),
    (
        SG_ADOPTIONS,
        "Following a child becoming a LAC, it may be deemed suitable for achild to become adopted which is a "
        "legal process of becoming a non-biological parent.",
        "2015/16 Data has been supplied by the service and remains unvalidated.",
        "",
    ),
)

# --------------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------------

CP_HEADERS = {
    "ref": "*REF NO.",
    "name": "INDICATOR",
    "section": "Section",
    "plan": "Council Plan",
    "polarity": "GOOD\nPERF IS",
    "unit": "DATA\nNOTE",
    "timeline": "Timeline",
    "ytd": "YTD",
    "dot": "DOT\n(Month on Month)",
    "rag": "RAG\n(in month)",
    "red": "Red",
    "amber": "Amber",
    "green": "Green (target)",
    "sn": "STAT\nNEIGH AVE",
    "best": "BEST STAT\nNEIGH",
    "nat": "NAT AVE",
    "top": "NAT TOP\nQTILE",
}
BENCHMARK_KEYS = ("sn", "best", "nat", "top")
RAG_FILLS = {"red": "#FFC7CE", "amber": "#FFEB9C", "green": "#C6EFCE"}
_PERCENT_TEXT = re.compile(r"^-?\d+(\.\d+)?%$")


def number_format(unit: str) -> str:
    if unit == "Percentage":
        return "0.0%"
    if unit == "Count":
        return "0"
    return "0.0"


class Formats:
    """The handful of cell styles a tracker uses, created once per workbook."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": "Arial", "font_size": 9, "valign": "vcenter"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.subtitle = wb.add_format({**base, "bold": True, "font_size": 11, "font_color": "#1F4E79"})
        self.group = wb.add_format({**base, "bold": True, "align": "center", "border": 1,
                                    "bg_color": "#1F4E79", "font_color": "#FFFFFF"})
        self.header = wb.add_format({**base, "bold": True, "align": "center", "text_wrap": True, "border": 1,
                                     "bg_color": "#D9E2F3"})
        self.header_month = wb.add_format({**base, "bold": True, "align": "center", "border": 1,
                                           "bg_color": "#D9E2F3", "num_format": "mmm-yy"})
        self.text = wb.add_format({**base, "border": 1})
        self.wrap = wb.add_format({**base, "border": 1, "text_wrap": True, "valign": "top"})
        self.centre = wb.add_format({**base, "border": 1, "align": "center"})
        self.note = wb.add_format({**base, "italic": True})
        self.key_title = wb.add_format({**base, "bold": True})
        self.rag = {name: wb.add_format({**base, "border": 1, "align": "center", "bg_color": colour})
                    for name, colour in RAG_FILLS.items()}
        self._numbers: dict[str, xlsxwriter.format.Format] = {}
        self._wb = wb
        self._base = base

    def number(self, num_format: str) -> xlsxwriter.format.Format:
        if num_format not in self._numbers:
            self._numbers[num_format] = self._wb.add_format(
                {**self._base, "border": 1, "align": "right", "num_format": num_format})
        return self._numbers[num_format]

    def rag_cell(self, word: str) -> xlsxwriter.format.Format:
        colour = word.split()[0].lower() if word else ""
        return self.rag.get(colour, self.centre)


def write_value(ws, row: int, col: int, value, unit: str, fmt: Formats, *, text_percent=False, points=False):
    """Write one figure the way the officer keyed it."""
    if value is None:
        ws.write_blank(row, col, None, fmt.text)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt.number(number_format(unit)))
    elif _PERCENT_TEXT.match(value) and not text_percent:
        number = float(value.rstrip("%"))
        if points:
            ws.write_number(row, col, number, fmt.number("0.0"))
        else:
            ws.write_number(row, col, round(number / 100, 6), fmt.number("0.0%"))
    else:
        ws.write_string(row, col, value, fmt.centre)


def write_text(ws, row: int, col: int, text: str, style) -> None:
    """Empty text is left as a truly empty cell, as it would be in a hand-kept sheet."""
    if text:
        ws.write_string(row, col, text, style)
    else:
        ws.write_blank(row, col, None, style)


def write_threshold(ws, row: int, col: int, text: str | None, fmt: Formats) -> None:
    if text is None:
        ws.write_blank(row, col, None, fmt.text)
    else:
        ws.write_string(row, col, text, fmt.centre)


def month_header(ws, row: int, col: int, month: dt.date, style: str, fmt: Formats) -> str:
    """Write a month heading in the sheet's style; return the short label notes are keyed by."""
    short = month.strftime("%b-%y")
    if style == "dates":
        ws.write_datetime(row, col, dt.datetime(month.year, month.month, 1), fmt.header_month)
    elif style == "long text":
        ws.write_string(row, col, month.strftime("%B %Y"), fmt.header)
    else:
        ws.write_string(row, col, short, fmt.header)
    return short


def cp_columns(sheet: dict) -> list[tuple[str, str]]:
    """(key, header) pairs in sheet order; months and years carry their label as the key."""
    headers = {**CP_HEADERS, **sheet["headers"]}
    columns = [(key, headers[key]) for key in ("ref", "name", "section", "plan", "polarity", "unit", "timeline")]
    columns += [(month.strftime("%b-%y"), month) for month in CP_MONTHS]
    columns += [(key, headers[key]) for key in ("ytd", "dot", "rag", "red", "amber", "green")]
    columns += list(zip(CP_YEARS, sheet["year_headers"]))
    columns += [(key, headers[key]) for key in BENCHMARK_KEYS]
    return columns


def merge_group(ws, row: int, columns: list, first_key: str, last_key: str, label: str, fmt: Formats) -> None:
    keys = [key for key, _ in columns]
    ws.merge_range(row, keys.index(first_key), row, keys.index(last_key), label, fmt.group)


def write_cp_sheet(wb: xlsxwriter.Workbook, sheet: dict, fmt: Formats) -> None:
    ws = wb.add_worksheet(sheet["name"])
    ws.set_comments_author(CP_AUTHOR)
    columns = cp_columns(sheet)
    col = {key: index for index, (key, _) in enumerate(columns)}
    months = [month.strftime("%b-%y") for month in CP_MONTHS]

    ws.write_string(0, 0, CP_TITLE, fmt.title)
    ws.write_string(1, 0, CP_SUBTITLE, fmt.subtitle)
    group_row, header_row = 3, 4
    merge_group(ws, group_row, columns, months[0], "ytd", "DATA", fmt)
    merge_group(ws, group_row, columns, "red", "green", "TARGET & TOLERANCES", fmt)
    merge_group(ws, group_row, columns, CP_YEARS[0], CP_YEARS[-1], "YEAR ON YEAR", fmt)
    merge_group(ws, group_row, columns, "sn", "top", "LATEST BENCHMARKING", fmt)

    for index, (key, header) in enumerate(columns):
        if isinstance(header, dt.date):
            month_header(ws, header_row, index, header, sheet["months"], fmt)
        else:
            ws.write_string(header_row, index, header, fmt.header)

    row_index = header_row + 1
    for item in sheet["rows"]:
        if item is None:
            row_index += 1
            continue
        write_cp_row(ws, row_index, item, col, months, fmt)
        row_index += 1

    write_key_and_footnotes(ws, row_index + 2, sheet["footnotes"], fmt)
    ws.set_row(header_row, 36)
    ws.set_column(col["ref"], col["ref"], 8)
    ws.set_column(col["name"], col["name"], 55)
    ws.set_column(col["section"], col["section"], 20)
    ws.set_column(col["plan"], col["timeline"], 11)
    ws.set_column(col[months[0]], col[months[-1]], 9)
    ws.set_column(col["ytd"], len(columns) - 1, 9)
    ws.freeze_panes(header_row + 1, 2)
    ws.autofilter(header_row, 0, row_index - 1, len(columns) - 1)


def write_cp_row(ws, r: int, item: Row, col: dict, months: list, fmt: Formats) -> None:
    ws.write_string(r, col["ref"], item.ref, fmt.centre)
    ws.write_string(r, col["name"], item.name, fmt.wrap)
    ws.write_string(r, col["section"], item.section, fmt.text)
    write_text(ws, r, col["plan"], "Yes" if item.council_plan else "", fmt.centre)
    ws.write_string(r, col["polarity"], item.polarity, fmt.centre)
    ws.write_string(r, col["unit"], item.unit, fmt.centre)
    ws.write_string(r, col["timeline"], item.timeline, fmt.centre)
    style = {"text_percent": item.text_percent, "points": item.points}
    for label, value in zip(months, item.months + (None,) * (len(months) - len(item.months))):
        write_value(ws, r, col[label], value, item.unit, fmt, **style)
    if item.ytd_formula:
        first, last = cell_name(r, col["Apr-19"]), cell_name(r, col["Mar-20"])
        ws.write_formula(r, col["ytd"], f"=SUM({first}:{last})", fmt.number(number_format(item.unit)), item.ytd)
    else:
        write_value(ws, r, col["ytd"], item.ytd, item.unit, fmt, **style)
    write_text(ws, r, col["dot"], item.dot, fmt.centre)
    write_text(ws, r, col["rag"], item.rag, fmt.rag_cell(item.rag))
    for key in ("red", "amber", "green"):
        write_threshold(ws, r, col[key], getattr(item, key), fmt)
    for label, value in zip(CP_YEARS, item.years or (None,) * len(CP_YEARS)):
        write_value(ws, r, col[label], value, item.unit, fmt, **style)
    for key, value in zip(BENCHMARK_KEYS, item.bench or (None,) * len(BENCHMARK_KEYS)):
        write_value(ws, r, col[key], value, item.unit, fmt, **style)
    for (ref, key), note in CP_CELL_NOTES.items():
        if ref == item.ref:
            ws.write_comment(r, col[key], note)


def cell_name(row: int, col: int) -> str:
    return xl_rowcol_to_cell(row, col)


def write_key_and_footnotes(ws, start: int, footnotes: tuple, fmt: Formats) -> int:
    """The key and notes sit under the table in the first column only, as the officer types them."""
    lines = [
        ("Key", fmt.key_title),
        ("DOT - direction of travel since the previous month with reference to the polarity of 'good' "
         "performance: ↑ improvement in performance / increase in numbers, → no movement, "
         "↓ decline in performance / decrease in numbers", fmt.note),
        ("RAG - Red, Amber or Green in month against the target and tolerances; n/a where there is no target",
         fmt.note),
        ("", fmt.note),
    ]
    lines += [(text, fmt.note) for text in footnotes]
    for offset, (text, style) in enumerate(lines):
        if text:
            ws.write_string(start + offset, 0, text, style)
    return start + len(lines)


def write_commentary(wb: xlsxwriter.Workbook, rows: tuple, fmt: Formats) -> None:
    ws = wb.add_worksheet("Commentary")
    for c, header in enumerate(("Section", "Definition", "Performance analysis", "Data note")):
        ws.write_string(0, c, header, fmt.header)
    for r, texts in enumerate(rows, start=1):
        for c, text in enumerate(texts):
            write_text(ws, r, c, text, fmt.wrap)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 2, 90)
    ws.set_column(3, 3, 50)
    ws.freeze_panes(1, 1)


def new_workbook(path: Path, created: dt.datetime, title: str, author: str) -> xlsxwriter.Workbook:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({
        "title": title,
        "author": author,
        "company": "Rotherham Metropolitan Borough Council",
        "created": created,
    })
    return wb


def build_corporate_parenting() -> Path:
    wb = new_workbook(CP_FILE, CP_CREATED, f"{CP_TITLE} - April 2019", CP_AUTHOR)
    fmt = Formats(wb)
    for sheet in CP_SHEETS:
        write_cp_sheet(wb, sheet, fmt)
    write_commentary(wb, CP_COMMENTARY, fmt)
    wb.close()
    return CP_FILE


def build_safeguarding() -> Path:
    wb = new_workbook(SG_FILE, SG_CREATED, "Safeguarding Children & Families Monthly Performance Report - May 2015",
                      SG_AUTHOR)
    fmt = Formats(wb)
    ws = wb.add_worksheet("Performance Summary")
    ws.set_comments_author(SG_AUTHOR)
    headers = (
        [("ref", "NO."), ("name", "INDICATOR"), ("section", "Section"), ("target", "TARGET"),
         ("polarity", "GOOD PERF IS"), ("unit", "Unit")]
        + [(label, label) for label in SG_MONTHS]
        + [("ytd", "YTD"), ("timeline", "DATA NOTE (Monthly)"), ("dot", "DOT\n(Month on Month)"), ("rag", "RAG")]
        + [(label, label) for label in SG_YEARS]
        + [("sn", "SN AVE"), ("best", "BEST SN"), ("nat", "NAT AVE"), ("top", "NAT TOP QTILE")]
    )
    col = {key: index for index, (key, _) in enumerate(headers)}

    ws.write_string(0, 0, "Children & Young People Services", fmt.subtitle)
    ws.write_string(1, 0, "Safeguarding Children & Families Monthly Performance Report", fmt.title)
    ws.write_string(2, 0, "As at Month End: May 2015", fmt.subtitle)
    group_row, header_row = 4, 5
    ws.merge_range(group_row, col["Mar-15"], group_row, col["ytd"], "DATA", fmt.group)
    ws.merge_range(group_row, col["2013/14"], group_row, col["2014/15"], "YR ON YR TREND", fmt.group)
    ws.merge_range(group_row, col["sn"], group_row, col["top"], "LATEST BENCHMARKING - 2013/14", fmt.group)
    for c, (_, header) in enumerate(headers):
        ws.write_string(header_row, c, header, fmt.header)

    r = header_row + 1
    for item in SG_ROWS:
        if item is None:
            r += 1
            continue
        write_sg_row(ws, r, item, col, fmt)
        r += 1

    write_key_and_footnotes(ws, r + 2, SG_FOOTNOTES, fmt)
    ws.set_row(header_row, 30)
    ws.set_column(0, 0, 7)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 2, 20)
    ws.set_column(3, len(headers) - 1, 10)
    ws.freeze_panes(header_row + 1, 2)
    write_commentary(wb, SG_COMMENTARY, fmt)
    wb.close()
    return SG_FILE


def write_sg_row(ws, r: int, item: SgRow, col: dict, fmt: Formats) -> None:
    ws.write_string(r, col["ref"], item.ref, fmt.centre)
    ws.write_string(r, col["name"], item.name, fmt.wrap)
    ws.write_string(r, col["section"], item.section, fmt.text)
    write_threshold(ws, r, col["target"], item.target, fmt)
    ws.write_string(r, col["polarity"], item.polarity, fmt.centre)
    ws.write_string(r, col["unit"], item.unit, fmt.centre)
    for label, value in zip(SG_MONTHS, item.months):
        write_value(ws, r, col[label], value, item.unit, fmt, points=item.points)
    if item.ytd_formula:
        first, last = cell_name(r, col["Apr-15"]), cell_name(r, col["May-15"])
        ws.write_formula(r, col["ytd"], f"=SUM({first}:{last})", fmt.number(number_format(item.unit)), item.ytd)
    else:
        write_value(ws, r, col["ytd"], item.ytd, item.unit, fmt, points=item.points)
    ws.write_string(r, col["timeline"], item.timeline, fmt.centre)
    write_text(ws, r, col["dot"], item.dot, fmt.centre)
    write_text(ws, r, col["rag"], item.rag, fmt.rag_cell(item.rag))
    for label, value in zip(SG_YEARS, item.years):
        write_value(ws, r, col[label], value, item.unit, fmt, points=item.points)
    for key, value in zip(BENCHMARK_KEYS, item.bench or (None,) * len(BENCHMARK_KEYS)):
        write_value(ws, r, col[key], value, item.unit, fmt, points=item.points)
    for (ref, key), note in SG_CELL_NOTES.items():
        if ref == item.ref:
            ws.write_comment(r, col[key], note)


def main() -> None:
    for path in (build_corporate_parenting(), build_safeguarding()):
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()

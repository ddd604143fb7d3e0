"""Charts are honest and legible: shared scale and months, lines told apart, labels clear of lines, words said.

The PDF charts are replayed onto a recording canvas, so the tests look at what is actually drawn (each line's
dash pattern, each text's size and place); the Excel charts are read from the workbook's chart XML.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpack.charting import (
    chart_axis,
    chart_description,
    chart_indicators,
    chart_months,
    chart_plan,
    section_layout,
)
from boardpack.exceptions import LayoutError
from boardpack.layout import Layout, SectionLayout, Theme, Trend, parse_layout
from boardpack.model import (
    Comparison,
    Figure,
    Frequency,
    Month,
    Observation,
    Polarity,
    Scorecard,
    Threshold,
    Thresholds,
)
from boardpack.render.pdf.charts import SMALLEST_TEXT, trend_chart, value_label_box
from boardpack.render.pdf.styles import styles_for, text_width
from boardpack.render.text import axis_periods
from boardpack.render.xlsx import render_xlsx
from factories import COUNT, PERCENT, RATE, corporate_parenting_scorecard

STYLES = styles_for(Theme())
WIDTH, HEIGHT = 360.0, 170.0


class Recorder:
    """Stands in for a ReportLab canvas and keeps what a sketch draws: lines with their pens, and texts."""

    def __init__(self) -> None:
        self.lines: list[dict] = []
        self.texts: list[dict] = []
        self.boxes: list[tuple[float, float, float, float]] = []
        self.dash: tuple[float, ...] = ()
        self.stroke = None
        self.font = ("", 0.0)

    def saveState(self) -> None: ...
    def restoreState(self) -> None: ...
    def setLineWidth(self, width: float) -> None: ...
    def setLineCap(self, cap: int) -> None: ...
    def setFillColor(self, colour) -> None: ...
    def circle(self, *args, **kwargs) -> None: ...
    def drawPath(self, *args, **kwargs) -> None: ...

    def beginPath(self):
        return type("Path", (), {"moveTo": lambda *a: None, "lineTo": lambda *a: None})()

    def setStrokeColor(self, colour) -> None:
        self.stroke = colour

    def setDash(self, dash) -> None:
        self.dash = tuple(dash)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.lines.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "dash": self.dash, "colour": self.stroke})

    def rect(self, x: float, y: float, width: float, height: float, **kwargs) -> None:
        self.boxes.append((x, y, width, height))

    def setFont(self, name: str, size: float) -> None:
        self.font = (name, size)

    def _text(self, x: float, y: float, text: str, anchor: str) -> None:
        name, size = self.font
        width = text_width(text, size, name.endswith("Bold"))
        x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        self.texts.append({"text": text, "size": size, "bold": name.endswith("Bold"), "x0": x0, "x1": x0 + width,
                           "y": y})

    def drawString(self, x: float, y: float, text: str) -> None:
        self._text(x, y, text, "start")

    def drawCentredString(self, x: float, y: float, text: str) -> None:
        self._text(x, y, text, "middle")

    def drawRightString(self, x: float, y: float, text: str) -> None:
        self._text(x, y, text, "end")


def drawn(scorecard: Scorecard, layout: Layout, ref: str, styles=STYLES, width=WIDTH, height=HEIGHT) -> Recorder:
    section = next(s for s in scorecard.sections if any(i.ref == ref for i in s.indicators))
    indicator = next(i for i in section.indicators if i.ref == ref)
    sketch = trend_chart(chart_plan(scorecard, layout, section, indicator), styles, width, height)
    recorder = Recorder()
    for step in sketch.steps:
        step(recorder)
    return recorder


def flat_lines(recorder: Recorder) -> list[dict]:
    """Dashed or dotted lines right across the plot: the targets and benchmarks (not their legend samples)."""
    return [line for line in recorder.lines if line["dash"] and line["y1"] == line["y2"]
            and line["x2"] - line["x1"] > 100]


def slanted(recorder: Recorder) -> list[dict]:
    return [line for line in recorder.lines if line["x1"] != line["x2"] and line["y1"] != line["y2"]]


@pytest.fixture(scope="module")
def factory() -> Scorecard:
    return corporate_parenting_scorecard()


def _with(scorecard: Scorecard, ref: str, **changes) -> Scorecard:
    sections = tuple(
        replace(section, indicators=tuple(replace(i, **changes) if i.ref == ref else i for i in section.indicators))
        for section in scorecard.sections
    )
    return replace(scorecard, sections=sections)


# The value axis


def test_counts_and_percentages_start_at_zero():
    counts = chart_axis([629, 646, 642, 627], COUNT)
    assert (counts.low, counts.high, counts.step) == (0, 800, 200) and not counts.broken
    percentages = chart_axis([0.912, 0.937, 0.95], PERCENT)
    assert (percentages.low, percentages.high, percentages.step) == (0, 1, 0.25)
    assert percentages.ticks == (0, 0.25, 0.5, 0.75, 1)
    small = chart_axis([0.062, 0.065, 0.047], PERCENT)
    assert (small.low, small.high, small.step) == (0, 0.08, 0.02) and small.decimals(PERCENT) == 0


def test_an_axis_asked_not_to_start_at_zero_fits_the_figures_and_is_broken():
    axis = chart_axis([0.912, 0.937, 0.95], PERCENT, from_zero=False)
    assert axis.low > 0 and axis.broken and axis.high <= 1
    # Still spans twenty points, so a dip of a point or two is not drawn as a collapse.
    assert axis.high - axis.low >= 0.2 - 1e-9
    assert not chart_axis([-3.0, 5.0], COUNT, from_zero=False).broken


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=20), st.booleans())
def test_an_axis_covers_every_value_in_a_few_round_steps(values, from_zero):
    axis = chart_axis(values, RATE, from_zero)
    assert axis.low <= min(values) and axis.high >= max(values)
    assert 1 <= len(axis.ticks) - 1 <= 8
    if from_zero:
        assert axis.low <= 0 <= axis.high


# The months a chart spans


# The published April report led into the year with January to March: ``months_before = 3``.
LEAD_IN = Layout(trend=Trend(months_before=3))


def test_a_chart_spans_the_months_shown_up_to_the_period_or_the_whole_year(factory):
    indicator = factory.indicator("6.8")
    # April alone is the year so far: the chart leads in with the months before, to show a trend.
    assert chart_months(factory, Layout(), indicator) == tuple(Month(2019, m) for m in (2, 3, 4))
    assert chart_months(factory, LEAD_IN, indicator) == tuple(Month(2019, m) for m in (1, 2, 3, 4))
    year = chart_months(factory, Layout(trend=Trend(months="year", months_before=3)), indicator)
    assert (year[0], year[-1], len(year)) == (Month(2019, 1), Month(2020, 3), 15)


def test_a_quarterly_measure_has_a_place_per_quarter_only(factory):
    quarterly = replace(factory.indicator("6.8"), frequency=Frequency.QUARTERLY)
    assert chart_months(factory, LEAD_IN, quarterly) == (Month(2019, 3),)
    assert chart_months(factory, Layout(trend=Trend(months="year", months_before=3)), quarterly) == tuple(
        Month(*ym) for ym in ((2019, 3), (2019, 6), (2019, 9), (2019, 12), (2020, 3)))


def test_the_pdf_chart_labels_the_months_shown_and_no_others(factory):
    labels = [t["text"] for t in drawn(factory, LEAD_IN, "6.8").texts]
    assert {"Jan", "Feb", "Mar", "Apr", "2019"} <= set(labels)
    assert not {"May", "Dec", "2020"} & set(labels)


def test_a_quarterly_chart_is_labelled_with_its_quarters(factory):
    scorecard = _with(factory, "6.8", frequency=Frequency.QUARTERLY, observations=tuple(
        Observation(Month(*ym), Figure(v)) for ym, v in (((2019, 3), 0.91), ((2019, 6), 0.93), ((2019, 9), 0.94))))
    scorecard = replace(scorecard, period=Month(2019, 9))
    labels = [t["text"] for t in drawn(scorecard, LEAD_IN, "6.8").texts]
    assert {"Q4", "2018/19", "Q1", "2019/20", "Q2"} <= set(labels) and "Jun" not in labels


# Lines told apart, labelled at their ends; value labels clear of them


def test_target_and_benchmark_lines_differ_in_dash_pattern_and_are_named_at_their_ends(factory):
    recorder = drawn(factory, Layout(), "8.2")  # target 10.8% and benchmark 10.6%: almost the same height
    lines = flat_lines(recorder)
    assert len(lines) == 2
    target, benchmark = sorted(lines, key=lambda line: -line["y1"])
    assert target["dash"] != benchmark["dash"] and target["colour"] != benchmark["colour"]
    names = {t["text"]: t for t in recorder.texts}
    for name, line in (("Target 10.8%<", target), ("SN AVE 10.6%", benchmark)):
        label = names[name]
        assert label["x0"] > line["x2"]  # past the line's right-hand end
        assert abs(label["y"] + label["size"] / 3 - line["y1"]) < label["size"] * 1.5
    # Moved apart, so the two names do not print over each other.
    assert abs(names["Target 10.8%<"]["y"] - names["SN AVE 10.6%"]["y"]) >= names["SN AVE 10.6%"]["size"]


@pytest.mark.parametrize(("previous", "last"), [
    # Rising to just under the target (95%), where a label above the point would sit on it.
    (0.5, 0.92), (0.5, 0.9), (0.5, 0.88), (0.5, 0.86),
    # Falling to just over the benchmark (10.6%), where a label below would.
    (0.9, 0.14), (0.9, 0.16), (0.9, 0.18),
    # On, just over and just under the lines, and at the foot of the axis.
    (0.96, 0.95), (0.96, 0.951), (0.96, 0.949), (0.5, 0.106), (0.5, 0.0),
])
def test_the_value_label_never_sits_on_a_line(factory, previous, last):
    scorecard = _with(factory, "8.2", observations=tuple(
        Observation(Month(2019, m), Figure(v)) for m, v in ((1, 0.14), (2, 0.5), (3, previous), (4, last))),
        thresholds=Thresholds(green=Threshold(Comparison.AT_MOST, 0.95, text="95%")))
    recorder = drawn(scorecard, Layout(), "8.2")
    label = next(t for t in recorder.texts if t["bold"])
    bottom, top = label["y"] - label["size"] * 0.22, label["y"] + label["size"] * 0.88
    for line in flat_lines(recorder):
        crosses = line["x1"] <= label["x1"] and label["x0"] <= line["x2"]
        assert not (crosses and bottom - 1 <= line["y1"] <= top + 1), (label, line)


def test_label_placement_steps_past_lines_on_either_side():
    plot = (0.0, 300.0, 0.0, 150.0)
    # Lines just above and just below the point: the label moves beyond one of them.
    x0, y0, x1, y1 = value_label_box("95.0%", 7, 150, 75, [79.0, 71.0], plot)
    assert not any(y0 - 1 <= line <= y1 + 1 for line in (79.0, 71.0))
    assert x0 >= 0 and x1 <= 300


# Direction, axis break, sizes


def test_the_chart_says_which_way_is_better(factory):
    def texts(ref):
        return {t["text"] for t in drawn(factory, Layout(), ref).texts}

    assert "Higher is better" in texts("6.8")
    assert "Lower is better" in texts("6.2")
    assert "For information" in texts("6.1")


def test_an_axis_break_is_drawn_only_when_the_axis_does_not_start_at_zero(factory):
    assert not slanted(drawn(factory, Layout(), "6.8"))
    layout = Layout(sections=(SectionLayout("Reviews, Plans & Visits", ("6.8",), chart_zero=False),))
    recorder = drawn(factory, layout, "6.8")
    breaks = slanted(recorder)
    assert len(breaks) == 2
    ticks = [t["text"] for t in recorder.texts if t["text"].endswith("%") and not t["bold"]]
    assert ticks[0] != "0%"
    # The strokes cross the value axis, at its foot.
    axis_x = min(line["x1"] for line in flat_lines(recorder))
    assert all(line["x1"] < axis_x < line["x2"] for line in breaks)


def test_bars_stand_on_zero_whatever_the_layout_says(factory):
    layout = Layout(sections=(SectionLayout("Reviews, Plans & Visits", ("6.8",), chart="bar", chart_zero=False),))
    section = factory.sections[1]
    plan = chart_plan(factory, layout, section, factory.indicator("6.8"))
    assert plan.axis.low == 0 and not plan.axis.broken


@pytest.mark.parametrize("font_size", [5.0, 8.0, 12.0])
def test_no_chart_text_is_under_seven_points(factory, font_size):
    styles = styles_for(Theme(font_size=font_size))
    for ref in ("6.1", "6.2", "8.2", "11.3a"):
        recorder = drawn(factory, Layout(), ref, styles=styles, width=240)
        assert min(t["size"] for t in recorder.texts) >= SMALLEST_TEXT == 7


# Excel draws the same chart


def _axis_of(chart_xml: str) -> tuple[float, float, float]:
    value_axis = re.search(r"<c:valAx>.*?</c:valAx>", chart_xml, re.DOTALL).group(0)
    found = [float(re.search(rf"<c:{name} val=\"([^\"]+)\"", value_axis).group(1))
             for name in ("min", "max", "majorUnit")]
    return found[0], found[1], found[2]


def _excel_charts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    return {re.search(r"<c:title>.*?<c:v>([^<]+)</c:v>", c, re.DOTALL).group(1).split(" ")[0]: c for c in charts}


def test_the_excel_chart_uses_the_pdf_charts_scale(tmp_path, factory):
    layout = Layout(sections=(
        SectionLayout("Looked After Children", ("6.1", "6.2"), chart_refs=("6.1", "6.2")),
        SectionLayout("Reviews, Plans & Visits", ("6.8", "6.10", "6.14", "8.2", "11.3a"),
                      chart_refs=("6.8", "8.2", "11.3a"), chart_zero=False),
    ))
    path = tmp_path / "charts.xlsx"
    render_xlsx(factory, layout, path)
    charts = _excel_charts(path)
    assert sorted(charts) == ["11.3a", "6.1", "6.2", "6.8", "8.2"]
    for ref, chart in charts.items():
        recorder = drawn(factory, layout, ref)
        ticks = [t for t in recorder.texts if not t["bold"] and t["x1"] < 40 and t["text"][0].isdigit()]
        low, high, step = _axis_of(chart)
        section = next(s for s in factory.sections if factory.indicator(ref) in s.indicators)
        plan = chart_plan(factory, layout, section, factory.indicator(ref))
        assert (low, high, step) == (plan.axis.low, plan.axis.high, plan.axis.step)
        # The PDF's lowest and highest ticks print those same bounds.
        scale = 100 if plan.indicator.unit.is_percent else 1
        printed = sorted(float(t["text"].rstrip("%").replace(",", "")) for t in ticks)
        assert printed[0] == pytest.approx(low * scale) and printed[-1] == pytest.approx(high * scale)
    assert "Higher is better (scale starts at" in charts["6.8"]
    assert "Lower is better" in charts["6.2"] and "scale starts" not in charts["6.2"]


def test_the_excel_chart_spans_the_months_shown_and_names_its_lines(tmp_path, factory):
    path = tmp_path / "charts.xlsx"
    render_xlsx(factory, LEAD_IN, path)
    chart = _excel_charts(path)["6.2"]
    categories = re.search(r"<c:cat>.*?<c:f>([^<]+)</c:f>", chart, re.DOTALL).group(1)
    assert categories == "'Chart data'!$D$1:$G$1"  # January to April 2019
    assert "Target 99.1" in chart and "SN AVE 87.8" in chart


def test_a_quarterly_measure_charts_its_quarters_in_excel_too(tmp_path, factory):
    scorecard = _with(factory, "6.2", frequency=Frequency.QUARTERLY)
    path = tmp_path / "charts.xlsx"
    render_xlsx(scorecard, Layout(trend=Trend(months="year", months_before=3)), path)
    chart = _excel_charts(path)["6.2"]
    assert re.search(r"<c:cat>.*?<c:v>Q4 2018/19</c:v>.*?<c:v>Q4 2019/20</c:v>", chart, re.DOTALL)
    assert chart.count("<c:pt ") >= 5 and "<c:v>Jun-19</c:v>" not in chart


# Words for a reader who cannot see the chart


def test_each_chart_has_a_one_sentence_description(factory):
    months = tuple(Month(2019, m) for m in (1, 2, 3, 4))
    def say(ref):
        return chart_description(factory.indicator(ref), months)

    assert say("6.8") == ("Line chart: LAC cases reviewed within timescales, January to April 2019, "
                          "from 91.2% to 93.4%; higher is better; target 95%.")
    assert say("6.2") == ("Line chart: Rate of Looked After Children per 10,000 population aged under 18, "
                          "January to April 2019, from 110.5 to 110.1; lower is better; target 99.1; "
                          "statistical neighbour average 87.8.")
    assert say("11.3a").endswith("from 16.0 to 18.8; lower is better; target 14 to 20.")
    assert say("6.1") == "Line chart: Number of Looked After Children, January to April 2019, from 629 to 627."
    assert say("6.14") == ("Line chart: % of LAC with up to date PEPs (Report Termly - End Jul, Dec, Mar), "
                           "January to April 2019, 96.7% in March 2019; higher is better; target 95%.")


def test_descriptions_name_periods_across_years_and_quarters(factory):
    quarterly = replace(factory.indicator("6.8"), frequency=Frequency.QUARTERLY, observations=(
        Observation(Month(2019, 3), Figure(0.9)), Observation(Month(2019, 9), Figure(0.95))))
    months = (Month(2019, 3), Month(2019, 6), Month(2019, 9), Month(2019, 12))
    assert chart_description(quarterly, months, "bar") == (
        "Bar chart: LAC cases reviewed within timescales, Q4 2018/19 to Q3 2019/20, from 90.0% to 95.0% "
        "in Q2 2019/20; higher is better; target 95%.")
    spanning = chart_description(factory.indicator("6.1"), (Month(2018, 11), Month(2018, 12)))
    assert spanning == "Line chart: Number of Looked After Children, November to December 2018, no figures yet."
    across = chart_description(factory.indicator("6.1"), (Month(2018, 12), Month(2019, 1)))
    assert across == "Line chart: Number of Looked After Children, December 2018 to January 2019, 629 in January 2019."


def test_the_plan_carries_the_description_of_the_chart_it_draws(factory):
    section = factory.sections[0]
    plan = chart_plan(factory, Layout(), section, factory.indicator("6.2"))
    assert plan.description.startswith("Line chart: Rate of Looked After Children") and plan.points[-1][1] == 110.1
    assert [c.ref for c in chart_indicators(section, section_layout(Layout(), section), factory.period)] == ["6.2"]


# Layout keys


def test_layout_keys_for_charts_are_checked():
    layout = parse_layout({"trend": {"months": "year"},
                           "sections": [{"title": "A", "refs": ["1"], "chart_zero": False}]})
    assert layout.trend.months == "year" and layout.sections[0].chart_zero is False
    assert parse_layout({}).trend.months == "to-date" and SectionLayout("A", ("1",)).chart_zero
    with pytest.raises(LayoutError, match="months 'all' must be one of to-date, year"):
        parse_layout({"trend": {"months": "all"}})
    with pytest.raises(LayoutError, match="chart_zero must be true or false"):
        parse_layout({"sections": [{"title": "A", "refs": ["1"], "chart_zero": "no"}]})


def test_an_information_measure_draws_no_target(factory):
    scorecard = _with(factory, "6.1", polarity=Polarity.INFO,
                      thresholds=Thresholds(green=Threshold(Comparison.AT_MOST, 600)))
    assert not flat_lines(drawn(scorecard, Layout(), "6.1"))


def test_every_edition_labels_a_chart_s_periods_alike():
    # One labelling for the PDF's and the web page's charts: a termly report names its terms under both.
    terms = [axis_periods(Month(2024, month), Frequency.TERMLY, index == 0)
             for index, month in enumerate((3, 7, 12))]
    assert terms == [("Spring", "2024"), ("Summer", ""), ("Autumn", "2024")]
    quarters = [axis_periods(Month(2024, month), Frequency.QUARTERLY, index == 0)
                for index, month in enumerate((12, 3))]
    assert quarters == [("Q3", "2024/25"), ("Q4", "")]
    assert axis_periods(Month(2025, 1), Frequency.MONTHLY, False) == ("Jan", "2025")

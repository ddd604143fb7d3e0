"""Properties of thresholds read as the range where each colour applies.

For thresholds consistent with a polarity, written any of the ways officers write them, every figure gets
exactly the colour an independent reading of the ranges gives; better figures never get a worse colour; and
the Excel scorecard's live formula rates every figure as the rules do.
"""

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardpack.model import Polarity, Rag, Severity, Unit, UnitKind
from boardpack.render.xlsx.workbook import rag_formula, threshold_numbers
from boardpack.rules import rag_for
from boardpack.targets import Written, WrittenThresholds, read_thresholds
from test_render_xlsx import evaluate

PERCENT = Unit(UnitKind.PERCENT, "Percentage", 1)
COUNT = Unit(UnitKind.COUNT, "Count", 0)
AVERAGE = Unit(UnitKind.AVERAGE, "Average", 1)
RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


def _text(steps: int, unit: Unit) -> str:
    """A figure ``steps`` displayed steps from zero, as an officer types it: 87.5%, 14, 20.5."""
    if unit.is_percent:
        return f"{steps / 10:g}%"
    return f"{steps / 10 ** unit.decimals:g}"


def _value(steps: float, unit: Unit) -> float:
    return steps / 10 ** unit.display_precision()


@dataclass(frozen=True)
class Case:
    polarity: Polarity
    unit: Unit
    cells: dict
    # The colour of a figure shown as ``n`` displayed steps, worked out from the two boundaries by hand.
    green_from: int
    amber_from: int | None
    green_inclusive: bool
    amber_inclusive: bool

    def expected(self, n: int) -> Rag:
        def meets(bound: int, inclusive: bool) -> bool:
            if self.polarity is Polarity.HIGH:
                return n > bound or (inclusive and n == bound)
            return n < bound or (inclusive and n == bound)

        if meets(self.green_from, self.green_inclusive):
            return Rag.GREEN
        if self.amber_from is not None and meets(self.amber_from, self.amber_inclusive):
            return Rag.AMBER
        return Rag.RED


@st.composite
def consistent_cases(draw) -> Case:
    """Thresholds consistent with High or Low polarity, each colour written as a level to reach, as the range
    where it applies, as a bare number, or left blank where that still leaves a rating."""
    polarity = draw(st.sampled_from([Polarity.HIGH, Polarity.LOW]))
    unit = draw(st.sampled_from([PERCENT, COUNT, AVERAGE]))
    amber_at = draw(st.integers(1, 900))
    green_at = amber_at + draw(st.integers(2, 100))  # in displayed steps; mirrored below for Low
    if polarity is Polarity.LOW:
        amber_at, green_at = green_at, amber_at
    high = polarity is Polarity.HIGH
    g, a = _text(green_at, unit), _text(amber_at, unit)
    just_short = _text(green_at - 1 if high else green_at + 1, unit)  # the last amber step
    cells: dict[str, str] = {}
    green_inclusive = True
    amber_inclusive = True
    form = draw(st.sampled_from(["levels", "ranges", "band", "bare", "no green", "two state", "target only"]))
    if form == "levels":  # 87%+ amber, 95%+ green, <87% red (and the mirror for Low)
        cells = {"green": f"{g}+" if high else f"<{g}", "amber": f"{a}+" if high else f"<{a}",
                 "red": f"<{a}" if high else f"{a}+"}
        green_inclusive = high
        amber_inclusive = high
    elif form == "ranges":  # each threshold the range of its colour: Low red 16%+, amber 8%+, green <8%
        cells = {"green": f"{g}+" if high else f"<{g}", "amber": f"<{g}" if high else f"{g}+",
                 "red": f"<{a}" if high else f"{a}+"}
        green_inclusive = high
        amber_inclusive = high
    elif form == "band":  # amber as the band between: 87-94.9 amber
        low, top = (a, just_short) if high else (just_short, a)
        cells = {"green": f"{g}+" if high else f"≤{g}", "amber": f"{low}-{top}",
                 "red": f"<{a}" if high else f">{a}"}
    elif form == "bare":  # plain numbers: the level each colour needs, red where red begins
        cells = {"green": g, "amber": a, "red": a}
        amber_inclusive = True
    elif form == "no green":  # what is neither red nor amber is green
        low, top = (a, just_short) if high else (just_short, a)
        cells = {"amber": f"{low}-{top}", "red": f"<{a}" if high else f">{a}"}
    elif form == "two state":
        cells = {"green": f"{g}+" if high else f"≤{g}", "red": f"<{g}" if high else f">{g}"}
        amber_at = None
    else:
        cells = {"green": g}
        amber_at = None
    return Case(polarity, unit, cells, green_at, amber_at, green_inclusive, amber_inclusive)


def _read(polarity: Polarity, unit: Unit, cells: dict):
    written = WrittenThresholds(**{role: Written(raw) for role, raw in cells.items()})
    reading = read_thresholds(written, polarity, percent_unit=unit.is_percent)
    return reading, [f for f in reading.findings if f.severity is Severity.ERROR]


@settings(max_examples=400, deadline=None)
@given(consistent_cases(), st.integers(-3, 3), st.sampled_from([-0.49, 0.0, 0.49]), st.booleans())
def test_each_figure_gets_the_colour_its_range_gives(case, steps, jitter, near_green):
    reading, errors = _read(case.polarity, case.unit, case.cells)
    assert errors == []
    assert reading.gaps == () or all(not gap.span.holds(_value(n, case.unit)) for gap in reading.gaps
                                     for n in range(0, 1100))
    anchor = case.green_from if near_green or case.amber_from is None else case.amber_from
    n = anchor + steps
    value = _value(n + jitter, case.unit)
    assert rag_for(value, case.polarity, reading.thresholds, case.unit) is case.expected(n)


NUMBERS = st.sampled_from([10, 12, 14, 16, 18, 20, 22])


@st.composite
def written_threshold(draw, role: str, within: bool):
    v = draw(NUMBERS)
    forms = [f"{v}+", f"<{v}", f">{v}", f"≤{v}", f"{v}<", f"{v}-{v + draw(st.sampled_from([1, 2, 4, 6]))}"]
    if not within:
        forms.append(str(v))
    if within and role != "green":
        d = draw(st.sampled_from([1, 2, 3]))
        forms += [f"{d} above range", f"{d}+ above range", f"{d} outside range", f"{d}+ outside range",
                  f"more than {d} below range"]
    return draw(st.none() | st.sampled_from(forms))


@st.composite
def any_cases(draw):
    polarity = draw(st.sampled_from([Polarity.HIGH, Polarity.LOW, Polarity.WITHIN]))
    within = polarity is Polarity.WITHIN
    cells = {role: draw(written_threshold(role, within)) for role in ("red", "amber", "green")}
    if draw(st.booleans()):
        cells["tolerance"] = draw(st.sampled_from(["1", "2", "10%"]))
    return polarity, {role: text for role, text in cells.items() if text is not None}


FIGURES = [x / 2 for x in range(0, 60)]


@settings(max_examples=500, deadline=None)
@given(any_cases())
def test_thresholds_that_read_give_one_colour_that_never_worsens_towards_good(case):
    polarity, cells = case
    reading, errors = _read(polarity, AVERAGE, cells)
    if errors or not reading.thresholds.any:
        return
    thresholds = reading.thresholds
    ranks = [RANK[rag_for(x, polarity, thresholds, AVERAGE)] for x in FIGURES]
    green = thresholds.green
    band = green is not None and green.upper is not None
    if polarity is Polarity.HIGH and not band:
        assert ranks == sorted(ranks)
    elif polarity is Polarity.LOW and not band:
        assert ranks == sorted(ranks, reverse=True)
    else:
        # Towards the green range from either side, the colour never gets worse.
        peak = ranks.index(max(ranks))
        assert ranks[:peak + 1] == sorted(ranks[:peak + 1])
        assert ranks[peak:] == sorted(ranks[peak:], reverse=True)
        if polarity is Polarity.WITHIN:
            assert band and all(ranks[i] == 2 for i, x in enumerate(FIGURES) if green.value <= x <= green.upper)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(any_cases().map(lambda c: (c[0], AVERAGE, c[1])),
                 consistent_cases().map(lambda c: (c.polarity, c.unit, c.cells))),
       st.lists(st.floats(-5, 1200, allow_nan=False), min_size=1, max_size=8))
def test_the_excel_formula_rates_as_the_rules_do(case, raws):
    polarity, unit, cells = case
    reading, errors = _read(polarity, unit, cells)
    if errors:
        return
    thresholds = reading.thresholds
    limits = {role: (f"$R{i}", f"$S{i}") for i, role in enumerate(("red", "amber", "green"), start=1)}
    formula = rag_formula("$H9", limits, polarity, thresholds, unit)
    if formula is None:
        assert rag_for(1.0, polarity, thresholds, unit) is None
        return
    cells_by_ref: dict[str, object] = {}
    for i, role in enumerate(("red", "amber", "green"), start=1):
        threshold = getattr(thresholds, role)
        if threshold is not None:
            cells_by_ref[f"R{i}"], cells_by_ref[f"S{i}"] = threshold_numbers(threshold)
    bounds = [b for t in (thresholds.red, thresholds.amber, thresholds.green) if t is not None
              for b in (t.value, t.upper) if b is not None and abs(b) != float("inf")]
    step = 10.0 ** -unit.display_precision()
    near = [b + k * step for b in bounds for k in (-1, -0.5, -0.49, 0, 0.49, 0.5, 1)]
    for value in [*near, *(_value(raw, unit) for raw in raws)]:
        cells_by_ref["H9"] = value
        expected = rag_for(value, polarity, thresholds, unit)
        assert evaluate(formula, cells_by_ref) == expected.word

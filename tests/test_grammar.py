"""The cell and threshold grammars officers write, at their boundaries."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpack.model import Comparison, Polarity, Status
from boardpack.thresholds import ThresholdSyntaxError, parse_threshold
from boardpack.values import CellValueError, display_round, parse_cell_value


@pytest.mark.parametrize(
    ("raw", "value", "numerator", "denominator", "status"),
    [
        (627, 627.0, None, None, None),
        (0.894, 0.894, None, None, None),
        ("79.2%", 0.792, None, None, None),
        (" 1,234 ", 1234.0, None, None, None),
        ("114 of 122", 114 / 122, 114.0, 122.0, None),
        ("1,660 of 1,875", 1660 / 1875, 1660.0, 1875.0, None),
        ("0 of 0", None, 0.0, 0.0, Status.NONE),
        ("-", None, None, None, Status.NONE),
        (None, None, None, None, Status.NONE),
        ("n/a", None, None, None, Status.NOT_AVAILABLE),
        ("TBC", None, None, None, Status.TBC),
        ("Unavailable", None, None, None, Status.UNAVAILABLE),
        ("not  reported", None, None, None, Status.NOT_REPORTED),
    ],
)
def test_cell_values(raw, value, numerator, denominator, status):
    parsed = parse_cell_value(raw)
    assert parsed.value == pytest.approx(value) if value is not None else parsed.value is None
    assert (parsed.numerator, parsed.denominator, parsed.status) == (numerator, denominator, status)


@pytest.mark.parametrize("raw", ["abc", "12 apples", "#REF!", "#DIV/0!", True, float("nan")])
def test_cell_text_that_is_not_a_figure_is_an_error(raw):
    with pytest.raises(CellValueError):
        parse_cell_value(raw)


def test_percent_text_is_flagged_as_a_fraction():
    assert parse_cell_value("79.2%").explicit_percent
    assert not parse_cell_value(79.2).explicit_percent


@pytest.mark.parametrize(
    ("text", "role", "polarity", "comparison", "value", "upper"),
    [
        ("87%+", "green", Polarity.HIGH, Comparison.AT_LEAST, 0.87, None),
        ("<87%", "red", Polarity.HIGH, Comparison.LESS_THAN, 0.87, None),
        ("90%>", "amber", Polarity.HIGH, Comparison.AT_LEAST, 0.90, None),
        ("13%<", "amber", Polarity.LOW, Comparison.LESS_THAN, 0.13, None),
        ("13%+", "red", Polarity.LOW, Comparison.AT_LEAST, 0.13, None),
        ("≥90%", "green", Polarity.HIGH, Comparison.AT_LEAST, 0.90, None),
        ("<= 21", "amber", Polarity.LOW, Comparison.AT_MOST, 21.0, None),
        ("95.2+", "green", Polarity.HIGH, Comparison.AT_LEAST, 95.2, None),
        ("<95.2", "red", Polarity.HIGH, Comparison.LESS_THAN, 95.2, None),
        ("14-20", "green", Polarity.LOW, Comparison.BETWEEN, 14.0, 20.0),
        ("14 – 20", "green", Polarity.LOW, Comparison.BETWEEN, 14.0, 20.0),
        ("487", "green", Polarity.LOW, Comparison.AT_MOST, 487.0, None),
        ("98%", "green", Polarity.HIGH, Comparison.AT_LEAST, 0.98, None),
        ("80", "red", Polarity.HIGH, Comparison.LESS_THAN, 80.0, None),
        ("511", "red", Polarity.LOW, Comparison.MORE_THAN, 511.0, None),
    ],
)
def test_threshold_grammar(text, role, polarity, comparison, value, upper):
    threshold = parse_threshold(text, role, polarity)
    assert threshold is not None
    assert threshold.comparison is comparison
    assert threshold.value == pytest.approx(value)
    assert threshold.upper == (pytest.approx(upper) if upper is not None else None)
    assert threshold.text == " ".join(text.split())


def test_threshold_on_percent_unit_reads_plain_numbers_as_percentages():
    assert parse_threshold("95", "green", Polarity.HIGH, percent_unit=True).value == pytest.approx(0.95)
    assert parse_threshold(0.95, "green", Polarity.HIGH, percent_unit=True, percent_format=True).value == 0.95
    assert parse_threshold(95, "green", Polarity.HIGH, percent_unit=True).value == pytest.approx(0.95)


@pytest.mark.parametrize("text", ["-", "", "n/a", "None", None, "new"])
def test_no_threshold(text):
    assert parse_threshold(text, "green", Polarity.HIGH) is None


@pytest.mark.parametrize("text", ["soon", "1+ above range", "95%++", "green"])
def test_unreadable_threshold_names_the_forms_accepted(text):
    with pytest.raises(ThresholdSyntaxError, match="87%\\+"):
        parse_threshold(text, "green", Polarity.HIGH)


def test_backwards_band_says_so():
    with pytest.raises(ThresholdSyntaxError, match="runs backwards"):
        parse_threshold("20-14", "green", Polarity.LOW)


def test_inclusive_and_exclusive_boundaries():
    at_least = parse_threshold("87%+", "green", Polarity.HIGH)
    under = parse_threshold("<87%", "red", Polarity.HIGH)
    assert at_least.is_met_by(0.87) and not at_least.is_met_by(0.8699)
    assert not under.is_met_by(0.87) and under.is_met_by(0.8699)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_display_round_never_moves_more_than_half_a_step(value, places):
    rounded = float(display_round(value, places))
    assert math.isclose(rounded, value, abs_tol=0.5 * 10**-places + 1e-9)


def test_display_round_takes_the_largest_figures_a_cell_can_hold():
    assert display_round(1e30, 1) == Decimal("1000000000000000000000000000000.0")
    assert float(display_round(1.7e308, 2)) == 1.7e308

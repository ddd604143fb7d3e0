"""The model's records made in bulk: slotted, with an __init__ that stores through the slots, and otherwise the
frozen dataclasses they are declared as."""

import dataclasses
import gc
import inspect

import pytest

from boardpack.heap import collector_paused, heap_frozen
from boardpack.model import (
    Assessment,
    Benchmark,
    BenchmarkKind,
    CellRef,
    Commentary,
    Figure,
    Finding,
    Indicator,
    LabelledFigure,
    Month,
    MonthThresholds,
    Note,
    Observation,
    Polarity,
    Section,
    Severity,
    TableFacts,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
    stored_through_slots,
)
from boardpack.ranges import Cuts, Gap, Span
from boardpack.targets import Reading, ThresholdFinding, Written, WrittenThresholds

RECORDS = (CellRef, Unit, Threshold, Thresholds, MonthThresholds, Figure, Observation, LabelledFigure, Benchmark,
           Assessment, TableFacts, Indicator, Commentary, Note, Section, Finding, Written, WrittenThresholds,
           ThresholdFinding, Reading, Span, Gap, Cuts)


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_a_record_takes_its_fields_in_order_with_their_defaults(record):
    parameters = list(inspect.signature(record.__init__).parameters.values())[1:]
    assert [parameter.name for parameter in parameters] == [field.name for field in dataclasses.fields(record)]
    for parameter, field in zip(parameters, dataclasses.fields(record), strict=True):
        assert parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        if field.default is not dataclasses.MISSING:
            assert parameter.default == field.default
        elif field.default_factory is dataclasses.MISSING:
            assert parameter.default is inspect.Parameter.empty
    assert "__slots__" in vars(record) and "__dict__" not in dir(record)


def test_a_record_is_built_as_the_dataclass_would_build_it():
    source = CellRef("t.xlsx", "Data", "G7")
    figure = Figure(0.5, source=source, note="(2019)")
    assert (figure.value, figure.numerator, figure.denominator, figure.status, figure.source, figure.note,
            figure.previous) == (0.5, None, None, None, source, "(2019)", None)
    assert figure == Figure(value=0.5, source=CellRef("t.xlsx", "Data", "G7"), note="(2019)")
    assert hash(figure) == hash(Figure(value=0.5, source=CellRef("t.xlsx", "Data", "G7"), note="(2019)"))
    assert repr(source) == "CellRef(file='t.xlsx', sheet='Data', cell='G7')"
    assert dataclasses.replace(figure, value=0.75).value == 0.75
    indicator = Indicator("1.1", "Visits", "Health", Unit(UnitKind.COUNT, "Count", 0), Polarity.HIGH)
    assert indicator.thresholds == Thresholds() and indicator.observations == ()  # a default factory's value
    assert Benchmark(BenchmarkKind.NATIONAL_AVERAGE, figure).figure is figure
    assert Observation(Month(2024, 4), figure).month == Month(2024, 4)
    assert Finding(Severity.INFO, "read").where is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.value = 1.0
    with pytest.raises(TypeError):
        Figure(0.5, unknown=1)


def test_a_dataclass_that_needs_its_own_init_is_refused():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        month: int

        def __post_init__(self) -> None:
            if not 1 <= self.month <= 12:
                raise ValueError(self.month)

    with pytest.raises(TypeError, match="Checked needs the dataclass's own __init__"):
        stored_through_slots(Checked)


def test_what_a_paused_block_made_goes_to_the_oldest_generation_unexamined():
    collections = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(note)
    try:
        with collector_paused():
            made = [[index] for index in range(5_000)]
        in_oldest = any(item is made for item in gc.get_objects(generation=2))
    finally:
        gc.callbacks.remove(note)
    assert in_oldest
    assert collections == []  # nothing walked them on the way


def test_a_paused_block_inside_a_frozen_heap_leaves_the_freeze_alone():
    with heap_frozen():
        frozen = gc.get_freeze_count()
        with collector_paused():
            pass
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0

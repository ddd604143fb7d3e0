"""A chart's shapes written as operators: what ReportLab's canvas methods would write, each dot a circle moved into
place, and the canvas's own methods wherever they would write something else."""

from __future__ import annotations

import io
import re

import pytest
from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.pdfgen.pdfgeom import bezierArc

from boardpack.render.pdf.sketch import Sketch
from boardpack.render.pdf.styles import register_fonts
from boardpack.render.pdf.tags import TaggedCanvas

BLUE = HexColor("#1F4E79")
RED = HexColor("#C00000")


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    register_fonts()


def sketch_of_every_shape_but_dots(colour: Color = BLUE) -> Sketch:
    sketch = Sketch(300, 150)
    sketch.line(10, 20.5, 290, 20.5, colour, 0.5)
    sketch.line(10, 80, 290, 80, RED, 1.5, (6.0, 3.0))
    sketch.line(10, 60, 290, 60, RED, 1.8, (0.0, 3.2), round_ends=True)
    sketch.polyline([(20, 30), (120.25, 90.125), (220, 70)], colour, 1.8)
    sketch.box(100, 40, 30, 12.5, HexColor("#FFFFFF"))
    sketch.text(290, 10, "Target 99.1", 7.5, RED, "end")
    sketch.text(150, 5, "Apr 2019 – £12", 7.5, colour, "middle")
    sketch.text(12, 140, "Lower is better", 7.5, colour, bold=True)
    return sketch


def operators(sketch: Sketch, through_methods: bool) -> str:
    canvas = TaggedCanvas(io.BytesIO())
    canvas.tags = None  # untagged: the operators alone
    canvas.translate(50, 400)
    if through_methods:
        canvas.saveState()
        for step in sketch.steps:
            step(canvas)
        canvas.restoreState()
    else:
        sketch.canv = canvas
        sketch.draw()
    return "\n".join(canvas._code)


def test_shapes_are_written_as_the_canvas_methods_write_them():
    sketch = sketch_of_every_shape_but_dots()
    written = operators(sketch, through_methods=False)
    assert written == operators(sketch, through_methods=True)
    assert " RG" in written and "[6 3] 0 d" in written and "1 J" in written and " Tj" in written


def test_a_dot_is_the_circle_reportlab_draws_moved_into_place():
    sketch = Sketch(100, 100)
    sketch.dot(40.5, 60.25, 2.4, BLUE, edge=HexColor("#FFFFFF"))
    sketch.dot(70, 30, 2.4, BLUE)
    written = operators(sketch, through_methods=False)
    circle = bezierArc(-2.4, -2.4, 2.4, 2.4, 0, 360)
    assert written.count("n\n") == 2  # one path per dot
    placed = re.findall(r"q 1 0 0 1 (\S+) (\S+) cm\nn\n(\S+) (\S+) m\n((?:.* c\n){4})(B\*?|f\*?)\nQ", written)
    # Stroked and filled with an edge, filled alone without: as Canvas.circle paints it, in the canvas's fill mode.
    assert [(x, y, end[0]) for x, y, *_, end in placed] == [("40.5", "60.25", "B"), ("70", "30", "f")]
    for *_, start_x, start_y, curves, _end in placed:
        assert (float(start_x), float(start_y)) == pytest.approx(circle[0][:2], abs=1e-4)
        drawn = [[float(n) for n in line.split()[:-1]] for line in curves.splitlines()]
        assert drawn == [pytest.approx(list(curve[2:]), abs=1e-4) for curve in circle]
    # Through the canvas's methods: the same circle about its centre.
    through = operators(sketch, through_methods=True)
    first = [float(n) for n in re.search(r"\nn\n(\S+ \S+) m", through).group(1).split()]
    assert first == pytest.approx([40.5 + circle[0][0], 60.25 + circle[0][1]], abs=1e-4)


@pytest.mark.parametrize("colour", [Color(0.2, 0.3, 0.4, alpha=0.5), CMYKColor(0.1, 0.2, 0.3, 0.4)])
def test_a_colour_the_canvas_writes_otherwise_goes_through_its_methods(colour):
    sketch = sketch_of_every_shape_but_dots(colour)
    sketch.dot(40, 60, 2.4, colour)
    written = operators(sketch, through_methods=False)
    assert written == operators(sketch, through_methods=True)
    assert " gs" in written or " k" in written


def test_an_empty_label_goes_through_the_canvas_methods():
    sketch = sketch_of_every_shape_but_dots()
    sketch.text(10, 10, "", 7.5, BLUE)
    assert operators(sketch, through_methods=False) == operators(sketch, through_methods=True)

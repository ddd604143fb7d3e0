"""A small vector drawing as a flowable: lines, dots, boxes and labels, drawn straight onto the page.

ReportLab's graphics shapes are general (groups, transforms, inherited properties) and walking them costs
several times the drawing itself; a pack's charts need only a few primitives in a fixed order, so they are
recorded here and replayed with plain canvas calls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from boardpack.render.pdf import tags
from boardpack.render.pdf.grid import show_string
from boardpack.render.pdf.styles import FONT, FONT_BOLD

Step = Callable[[Canvas], None]


class Sketch(Flowable):
    """Shapes in drawing order, in points from the sketch's lower-left corner."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.hAlign = "LEFT"
        self.steps: list[Step] = []
        self.alt = ""  # what it shows, in words, for those who cannot see it

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: Color, width: float,
             dash: Sequence[float] = (), round_ends: bool = False) -> None:
        """``round_ends`` gives each dash a round cap: with dashes of no length, a line of round dots."""
        def step(canvas: Canvas) -> None:
            _pen(canvas, colour, width, dash, round_ends)
            canvas.line(x1, y1, x2, y2)
        self.steps.append(step)

    def polyline(self, points: Sequence[tuple[float, float]], colour: Color, width: float) -> None:
        def step(canvas: Canvas) -> None:
            _pen(canvas, colour, width, ())
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            canvas.drawPath(path, stroke=1, fill=0)
        self.steps.append(step)

    def dot(self, x: float, y: float, radius: float, fill: Color, edge: Color | None = None,
            edge_width: float = 0.5) -> None:
        def step(canvas: Canvas) -> None:
            canvas.setFillColor(fill)
            if edge is not None:
                _pen(canvas, edge, edge_width, ())
            canvas.circle(x, y, radius, stroke=1 if edge is not None else 0, fill=1)
        self.steps.append(step)

    def box(self, x: float, y: float, width: float, height: float, fill: Color) -> None:
        def step(canvas: Canvas) -> None:
            canvas.setFillColor(fill)
            canvas.rect(x, y, width, height, stroke=0, fill=1)
        self.steps.append(step)

    def text(self, x: float, y: float, text: str, size: float, colour: Color, anchor: str = "start",
             bold: bool = False) -> None:
        """``anchor`` is where ``x`` falls on the text: its start, middle or end."""
        draw = {"start": "drawString", "middle": "drawCentredString", "end": "drawRightString"}[anchor]
        font = FONT_BOLD if bold else FONT
        # Where the canvas's drawCentredString and drawRightString would start it, measured as they measure.
        share = {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor]

        def step(canvas: Canvas) -> None:
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            # show_string writes into a ReportLab canvas's own operators; anything else is drawn on through
            # the canvas's methods.
            if not text or not isinstance(canvas, Canvas):
                getattr(canvas, draw)(x, y, text)
            elif share:
                show_string(canvas, x - share * pdfmetrics.stringWidth(text, font, size), y, text, bold)
            else:
                show_string(canvas, x, y, text, bold)
        self.steps.append(step)

    def draw(self) -> None:
        canvas = self.canv
        with tags.figure(canvas, self.alt, self.width, self.height):
            canvas.saveState()
            for step in self.steps:
                step(canvas)
            canvas.restoreState()


def _pen(canvas: Canvas, colour: Color, width: float, dash: Sequence[float], round_ends: bool = False) -> None:
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.setDash(list(dash) if dash else [])
    canvas.setLineCap(1 if round_ends else 0)

"""A small vector drawing as a flowable: lines, dots, boxes and labels, drawn straight onto the page.

ReportLab's graphics shapes are general (groups, transforms, inherited properties) and walking them costs
several times the drawing itself; a pack's charts need only a few primitives in a fixed order, so they are
recorded here as data and replayed. A large pack has hundreds of charts: the replay writes the operators that
ReportLab's canvas methods would write, each number formatted once for the document, rather than calling
those methods shape by shape; a dot is the one circle's path, moved into place. Where the canvas would write
something else (a colour with transparency or in CMYK, an empty label, a canvas that enforces a colour space),
the shapes go through its methods instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import PATH_OPS, Canvas  # type: ignore[attr-defined]  # PATH_OPS: left out of the stub
from reportlab.pdfgen.pdfgeom import bezierArc
from reportlab.platypus import Flowable

from boardpack.render.pdf import tags
from boardpack.render.pdf.grid import show_string, string_operators, text_of
from boardpack.render.pdf.styles import FONT, FONT_BOLD

Step = Callable[[Canvas], None]

# A shape as recorded: its kind, then what the method that recorded it was given.
_LINE, _POLYLINE, _DOT, _BOX, _TEXT = "line", "polyline", "dot", "box", "text"
_ANCHOR_SHARE = {"start": 0.0, "middle": 0.5, "end": 1.0}  # how much of its width a text starts before its x
_DRAW_ANCHORED = {"start": "drawString", "middle": "drawCentredString", "end": "drawRightString"}


class Sketch(Flowable):
    """Shapes in drawing order, in points from the sketch's lower-left corner."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.hAlign = "LEFT"
        self.shapes: list[tuple[Any, ...]] = []
        self.alt = ""  # what it shows, in words, for those who cannot see it

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: Color, width: float,
             dash: Sequence[float] = (), round_ends: bool = False) -> None:
        """``round_ends`` gives each dash a round cap: with dashes of no length, a line of round dots."""
        self.shapes.append((_LINE, x1, y1, x2, y2, colour, width, tuple(dash), round_ends))

    def polyline(self, points: Sequence[tuple[float, float]], colour: Color, width: float) -> None:
        self.shapes.append((_POLYLINE, tuple(points), colour, width))

    def dot(self, x: float, y: float, radius: float, fill: Color, edge: Color | None = None,
            edge_width: float = 0.5) -> None:
        self.shapes.append((_DOT, x, y, radius, fill, edge, edge_width))

    def box(self, x: float, y: float, width: float, height: float, fill: Color) -> None:
        self.shapes.append((_BOX, x, y, width, height, fill))

    def text(self, x: float, y: float, text: str, size: float, colour: Color, anchor: str = "start",
             bold: bool = False) -> None:
        """``anchor`` is where ``x`` falls on the text: its start, middle or end."""
        self.shapes.append((_TEXT, x, y, text, size, colour, anchor, bold))

    @property
    def steps(self) -> list[Step]:
        """Each shape as calls on a canvas's drawing methods, in drawing order."""
        return [partial(_BY_CANVAS[shape[0]], *shape[1:]) for shape in self.shapes]

    def draw(self) -> None:
        canvas = self.canv
        with tags.figure(canvas, self.alt, self.width, self.height):
            canvas.saveState()
            if _written_as_reportlab_would(canvas, self.shapes):
                canvas.addLiteral("\n".join(_Operators(canvas).of(self.shapes)))
            else:
                for step in self.steps:
                    step(canvas)
            canvas.restoreState()


# ---------------------------------------------------------------------------------------------------------------
# Through the canvas's methods


def _pen(canvas: Canvas, colour: Color, width: float, dash: Sequence[float], round_ends: bool = False) -> None:
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.setDash(list(dash) if dash else [])
    canvas.setLineCap(1 if round_ends else 0)


def _line(x1: float, y1: float, x2: float, y2: float, colour: Color, width: float, dash: tuple[float, ...],
          round_ends: bool, canvas: Canvas) -> None:
    _pen(canvas, colour, width, dash, round_ends)
    canvas.line(x1, y1, x2, y2)


def _polyline(points: tuple[tuple[float, float], ...], colour: Color, width: float, canvas: Canvas) -> None:
    _pen(canvas, colour, width, ())
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)


def _dot(x: float, y: float, radius: float, fill: Color, edge: Color | None, edge_width: float,
         canvas: Canvas) -> None:
    canvas.setFillColor(fill)
    if edge is not None:
        _pen(canvas, edge, edge_width, ())
    canvas.circle(x, y, radius, stroke=1 if edge is not None else 0, fill=1)


def _box(x: float, y: float, width: float, height: float, fill: Color, canvas: Canvas) -> None:
    canvas.setFillColor(fill)
    canvas.rect(x, y, width, height, stroke=0, fill=1)


def _text(x: float, y: float, text: str, size: float, colour: Color, anchor: str, bold: bool,
          canvas: Canvas) -> None:
    font = FONT_BOLD if bold else FONT
    canvas.setFont(font, size)
    canvas.setFillColor(colour)
    # show_string writes into a ReportLab canvas's own operators; anything else is drawn on through the canvas's
    # methods.
    share = _ANCHOR_SHARE[anchor]
    if not text or not isinstance(canvas, Canvas):
        getattr(canvas, _DRAW_ANCHORED[anchor])(x, y, text)
    elif share:
        # Where the canvas's drawCentredString and drawRightString would start it, measured as they measure.
        show_string(canvas, x - share * pdfmetrics.stringWidth(text, font, size), y, text, bold)
    else:
        show_string(canvas, x, y, text, bold)


_BY_CANVAS: dict[str, Callable[..., None]] = {_LINE: _line, _POLYLINE: _polyline, _DOT: _dot, _BOX: _box,
                                              _TEXT: _text}


# ---------------------------------------------------------------------------------------------------------------
# As the operators those methods write


def _written_as_reportlab_would(canvas: Canvas, shapes: Sequence[tuple[Any, ...]]) -> bool:
    """Whether ``_Operators`` writes what the canvas's methods would: its colour setters write a colour's RGB
    and nothing more while it is opaque RGB and no transparency is in force, and every label has text."""
    if canvas._enforceColorSpace is not None:  # type: ignore[attr-defined]  # Canvas's own, left out of its stub
        return False
    state = canvas._extgstate  # type: ignore[attr-defined]  # Canvas's own, left out of its stub
    if state.getValue("ca") != 1 or state.getValue("CA") != 1:
        return False
    for shape in shapes:
        kind = shape[0]
        colours = (shape[5],) if kind in (_LINE, _BOX, _TEXT) else (shape[2],) if kind == _POLYLINE else shape[4:6]
        if kind == _TEXT and not shape[3]:
            return False
        for colour in colours:
            if colour is not None and (isinstance(colour, CMYKColor) or not isinstance(colour, Color)
                                       or getattr(colour, "alpha", None) not in (None, 1)):
                return False
    return True


class _Operators:
    """Each shape's operators: what a ReportLab canvas's methods write for it (a dot aside, see ``dot``), each
    number as its ``fp_str`` gives it."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.number = text_of(canvas).number
        self.fill_mode = canvas._fillMode  # type: ignore[attr-defined]  # Canvas's own, left out of its stub
        self._colours: dict[int, str] = {}  # a colour's id -> its three components, formatted
        self._circles: dict[float, str] = {}  # a radius -> the path of a circle of that radius about the origin

    def of(self, shapes: Sequence[tuple[Any, ...]]) -> Iterator[str]:
        for shape in shapes:
            yield from getattr(self, shape[0])(*shape[1:])

    def rgb(self, colour: Color) -> str:
        known = self._colours.get(id(colour))
        if known is None:
            number = self.number
            known = self._colours[id(colour)] = f"{number(colour.red)} {number(colour.green)} {number(colour.blue)}"
        return known

    def pen(self, colour: Color, width: float, dash: Sequence[float], round_ends: bool) -> Iterator[str]:
        number = self.number
        yield f"{self.rgb(colour)} RG"
        yield f"{number(width)} w"
        yield f"[{' '.join(map(number, dash))}] 0 d"
        yield "1 J" if round_ends else "0 J"

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: Color, width: float, dash: tuple[float, ...],
             round_ends: bool) -> Iterator[str]:
        yield from self.pen(colour, width, dash, round_ends)
        number = self.number
        yield f"n {number(x1)} {number(y1)} m {number(x2)} {number(y2)} l S"

    def polyline(self, points: tuple[tuple[float, float], ...], colour: Color, width: float) -> Iterator[str]:
        yield from self.pen(colour, width, (), False)
        number = self.number
        (x, y), rest = points[0], points[1:]
        # A path starts with a newpath (n) before its first move.
        yield " ".join(["n", f"{number(x)} {number(y)} m", *[f"{number(x)} {number(y)} l" for x, y in rest]])
        yield PATH_OPS[1, 0, self.fill_mode]

    def dot(self, x: float, y: float, radius: float, fill: Color, edge: Color | None, edge_width: float
            ) -> Iterator[str]:
        yield f"{self.rgb(fill)} rg"
        if edge is not None:
            yield from self.pen(edge, edge_width, (), False)
        # A chart has a dozen dots of one size: the circle's path is written once, about the origin, and each dot
        # moves it into place (Canvas.circle would write its four curves anew for each).
        number = self.number
        yield f"q 1 0 0 1 {number(x)} {number(y)} cm"
        yield self.circle(radius)
        yield PATH_OPS[1 if edge is not None else 0, 1, self.fill_mode]
        yield "Q"

    def circle(self, radius: float) -> str:
        known = self._circles.get(radius)
        if known is None:
            number = self.number
            curves = bezierArc(-radius, -radius, radius, radius, 0, 360)
            known = self._circles[radius] = "\n".join(
                ["n", f"{number(curves[0][0])} {number(curves[0][1])} m",
                 *[" ".join(map(number, curve[2:])) + " c" for curve in curves]])
        return known

    def box(self, x: float, y: float, width: float, height: float, fill: Color) -> Iterator[str]:
        number = self.number
        yield f"{self.rgb(fill)} rg"
        yield f"n {number(x)} {number(y)} {number(width)} {number(height)} re {PATH_OPS[0, 1, self.fill_mode]}"

    def text(self, x: float, y: float, text: str, size: float, colour: Color, anchor: str, bold: bool
             ) -> Iterator[str]:
        yield f"{self.rgb(colour)} rg"
        share = _ANCHOR_SHARE[anchor]
        if share:
            x -= share * pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)
        # Canvas.setFont writes nothing for the bundled TrueType fonts; its leading is 1.2 times the size.
        yield string_operators(self.canvas, x, y, text, bold, size, size * 1.2)


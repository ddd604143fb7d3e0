"""Cell formats and sizes for the Excel scorecard: each distinct look is created once per workbook and reused.

xlsxwriter writes one style record per ``Format`` object, so a fresh format per cell would bloat the file and
slow a large tracker to a crawl; ``Formats`` keys every look by its properties and hands back the same object.
A large tracker asks for a look some hundred thousand times, so each named look is also remembered by the
arguments it was asked with, and only the first request works out colours and properties.
Colours and the font size come from the layout's theme; nothing here picks a colour of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from boardpack.layout import Theme
from boardpack.model import MONEY_SUFFIXES, Dot, Rag, Unit, UnitKind

FONT_NAME = "Arial"
# The smallest type anything in the workbook may print at (the sheets are laid out to print at full size).
SMALLEST_POINTS = 7.0
MINIMUM_CONTRAST = 4.5
_BLACK = "#000000"
_WHITE = "#FFFFFF"
# Characters that would end or break the quoted literal a number format carries after the figure.
_UNSAFE_IN_FORMAT = str.maketrans("", "", '"\\')
# Excel holds at most 32,767 characters in a cell and shows a row at most 409 points tall; longer text is
# written over several rows, each kept inside both limits with room to spare for a wider font.
CELL_CHARACTERS = 32_000
ROW_POINTS = 409
ROW_FILL = 0.85


def number_format(unit: Unit, note: str = "") -> str:
    """The Excel number format for a unit; ``note`` (``(2017)``, ``[p]``) is shown after the figure as literal
    text, so the cell stays a number."""
    places = "." + "0" * unit.decimals if unit.decimals > 0 else ""
    suffix = ""
    match unit.kind:
        case UnitKind.PERCENT:
            base = f"0{places}%"
        case UnitKind.COUNT:
            base = f"#,##0{places}"
        case UnitKind.MONEY:
            # Money is held as the tracker writes it, so thousands of pounds print their "k" as text.
            base = f'"£"#,##0{places}'
            suffix = MONEY_SUFFIXES.get(unit.magnitude, "")
        case _:
            base = f"0{places}"
    note = " ".join(note.translate(_UNSAFE_IN_FORMAT).split())
    literal = f"{suffix} {note}" if note else suffix
    return f'{base}"{literal}"' if literal else base


def relative_luminance(colour: str) -> float:
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start:start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast between two ``#RRGGBB`` colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text(text: str, fill: str) -> str:
    """The theme's text colour when it is legible on ``fill``, else black or white, whichever reads better.

    A layout may pick any colours; the scorecard still has to be readable, so a pairing under 4.5:1 falls
    back rather than printing pale text on a pale fill.
    """
    if contrast_ratio(text, fill) >= MINIMUM_CONTRAST:
        return text
    return max((_BLACK, _WHITE), key=lambda candidate: contrast_ratio(candidate, fill))


def column_pixels(width: float) -> int:
    """Excel's on-screen width of a column ``width`` characters wide in the default font."""
    return int(width * 7 + 5) if width >= 1 else int(width * 12 + 0.5)


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines ``text`` takes when wrapped at word boundaries to ``per_line`` characters."""
    if len(text) <= per_line and "\n" not in text:
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > per_line:
                lines += 1
                used = 0
            # A word longer than the line breaks across as many lines as it needs.
            while len(word) > per_line:
                lines += 1
                word = word[per_line:]
            used = used + 1 + len(word) if used else len(word)
    return max(lines, 1)


def _per_line(width: float, font_size: float) -> int:
    """How many characters of a ``font_size`` font fit on a line of a ``width``-character column."""
    return max(1, int((column_pixels(width) - 6) / (font_size * 96 / 72 * 0.48)))


def row_height(texts: Sequence[tuple[str, float]], font_size: float, minimum: float = 0) -> float:
    """A row height in points that fits each (text, column width) when wrapped.

    Set explicitly because Excel and LibreOffice disagree about re-fitting rows on open, and a clipped
    indicator name is worse than a roomy row.
    """
    lines = 1
    for text, width in texts:
        lines = max(lines, wrapped_lines(text, _per_line(width, font_size)))
    return max(minimum, round(lines * font_size * 1.3 + 5, 1))


def _wrapped(text: str, per_line: int) -> list[tuple[str, str]]:
    """``text`` broken into lines as ``wrapped_lines`` counts them, each with what joins it to the line
    before: a line break between paragraphs, a space within one, nothing inside a word too long for a line."""
    lines: list[tuple[str, str]] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line, joiner = "", "\n"
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > per_line:
                lines.append((joiner, line))
                line, joiner = "", " "
            while len(word) > per_line:
                if line:
                    lines.append((joiner, line))
                    line, joiner = "", " "
                lines.append((joiner, word[:per_line]))
                word, joiner = word[per_line:], ""
            line = f"{line} {word}" if line else word
        lines.append((joiner, line))
    return lines


def row_pieces(text: str, width: float, font_size: float) -> list[str]:
    """``text`` in pieces, in order, each of which fits one row of a ``width``-character wide cell within
    Excel's limits, so that text of any length is written whole over as many rows as it needs."""
    per_line = _per_line(width, font_size)
    most = max(1, int(ROW_FILL * (ROW_POINTS - 5) / (font_size * 1.3)))
    if len(text) <= CELL_CHARACTERS and wrapped_lines(text, per_line) <= most:
        return [text]
    pieces: list[str] = []
    piece: list[str] = []
    lines = characters = 0
    for joiner, line in _wrapped(text, per_line):
        if not piece and not line:
            continue  # a blank line where one row ends and the next begins
        if piece and (lines == most or characters + 1 + len(line) > CELL_CHARACTERS):
            pieces.append("".join(piece))
            piece, lines, characters = [], 0, 0
        piece.append(line if not piece else joiner + line)
        lines += 1
        characters += len(piece[-1])
    pieces.append("".join(piece))
    return pieces


def _remembered(look: Callable[..., Format]) -> Callable[..., Format]:
    """Hand back the look made the first time the method was called with these arguments."""
    name = look.__name__

    @wraps(look)
    def remembered(self: Formats, *args: Any, **kwargs: Any) -> Format:
        key = (name, args, tuple(kwargs.items())) if kwargs else (name, args)
        made = self._looks.get(key)
        if made is None:
            made = self._looks[key] = look(self, *args, **kwargs)
        return made

    return remembered


class Formats:
    """The workbook's cell formats, made on first use and cached by their properties."""

    def __init__(self, workbook: Workbook, theme: Theme) -> None:
        self.workbook = workbook
        self.theme = theme
        # A layout may ask for smaller type than prints legibly; the workbook keeps to the smallest that does.
        self.size = max(SMALLEST_POINTS, theme.font_size)
        self._cells: dict[tuple[tuple[str, Any], ...], Format] = {}
        self._looks: dict[tuple[Any, ...], Format] = {}
        self._conditionals: dict[str, Format] = {}
        self._base = {"font_name": FONT_NAME, "font_size": self.size, "valign": "vcenter"}
        self._grid = {"border": 1, "border_color": theme.header_fill}

    def get(self, **properties: Any) -> Format:
        merged = {**self._base, **properties}
        key = tuple(sorted(merged.items()))
        cached = self._cells.get(key)
        if cached is None:
            cached = self.workbook.add_format(merged)
            self._cells[key] = cached
        return cached

    # Titles and bands

    @_remembered
    def title(self) -> Format:
        return self.get(bold=True, font_size=round(self.size * 1.75, 1), font_color=self.theme.band_fill)

    @_remembered
    def subtitle(self) -> Format:
        return self.get(bold=True, font_size=round(self.size * 1.25, 1))

    @_remembered
    def details(self) -> Format:
        return self.get(font_color=self.theme.same)

    @_remembered
    def band(self, align: str = "center") -> Format:
        text = readable_text(self.theme.band_text, self.theme.band_fill)
        return self.get(bold=True, bg_color=self.theme.band_fill, font_color=text, align=align, **self._grid)

    @_remembered
    def section_band(self) -> Format:
        """A section's band row: no inner borders, so its name can run on across the empty cells."""
        text = readable_text(self.theme.band_text, self.theme.band_fill)
        return self.get(bold=True, bg_color=self.theme.band_fill, font_color=text, align="left")

    @_remembered
    def header(self, fill: str | None = None) -> Format:
        fill = fill or self.theme.header_fill
        text = readable_text(self.theme.header_text, fill)
        return self.get(bold=True, bg_color=fill, font_color=text, align="center", text_wrap=True, **self._grid)

    @_remembered
    def header_left(self) -> Format:
        text = readable_text(self.theme.header_text, self.theme.header_fill)
        return self.get(bold=True, bg_color=self.theme.header_fill, font_color=text, align="left",
                        text_wrap=True, **self._grid)

    # Table cells

    @_remembered
    def text(self, *, wrap: bool = False, bold: bool = False, align: str = "left") -> Format:
        return self.get(text_wrap=wrap, bold=bold, align=align, **self._grid)

    @_remembered
    def figure(self, unit: Unit, note: str = "", *, bold: bool = False) -> Format:
        return self.get(num_format=number_format(unit, note), align="center", bold=bold, **self._grid)

    @property
    def narrative_size(self) -> float:
        """Narrative prints a point larger than the tables, as body text does in the PDF."""
        return self.size + 1

    @_remembered
    def narrative(self) -> Format:
        """Narrative text, read from the top of its row: a long text runs on down several rows."""
        return self.get(text_wrap=True, valign="top", align="left", font_size=self.narrative_size, **self._grid)

    @property
    def note_size(self) -> float:
        """Notes are set apart by italics and colour, not size: a sheet shrunk a little to fit its paper would
        take smaller type under the 7 points that anything printed may be."""
        return max(SMALLEST_POINTS, self.size)

    @_remembered
    def note(self) -> Format:
        """A tracker's note under a table: muted, wrapped, from the top of its row."""
        return self.get(italic=True, font_color=self.theme.same, text_wrap=True, valign="top",
                        font_size=self.note_size)

    @_remembered
    def helper(self) -> Format:
        """Hidden working cells; left-aligned so a long label never spills back over the visible table."""
        return self.get(num_format="General", align="left")

    @_remembered
    def status(self, *, bold: bool = False) -> Format:
        """A missing value's marker (TBC, not reported, -), grey so it does not read as a figure."""
        return self.get(font_color=self.theme.same, align="center", bold=bold, **self._grid)

    @_remembered
    def rag_cell(self) -> Format:
        return self.get(bold=True, align="center", **self._grid)

    @_remembered
    def threshold(self) -> Format:
        return self.get(align="center", **self._grid)

    @_remembered
    def dot(self, dot: Dot | None) -> Format:
        colour = {
            Dot.IMPROVED: self.theme.improved,
            Dot.DECLINED: self.theme.declined,
            Dot.SAME: self.theme.same,
            Dot.UP: self.theme.info,
            Dot.DOWN: self.theme.info,
        }.get(dot, self.theme.same) if dot is not None else self.theme.same
        return self.get(bold=True, align="center", font_color=readable_text(colour, _WHITE),
                        font_size=round(self.size * 1.25, 1), **self._grid)

    @_remembered
    def rag_swatch(self, rag: Rag) -> Format:
        """A RAG word as a plain cell carries it, for the key and the data-quality severities."""
        fill, text = self.rag_colours(rag)
        return self.get(bold=True, align="center", bg_color=fill, font_color=text, **self._grid)

    # Conditional formats (written as differential styles, so they are kept apart from cell formats)

    def rag_colours(self, rag: Rag) -> tuple[str, str]:
        fill = getattr(self.theme, f"{rag.value}_fill")
        return fill, readable_text(getattr(self.theme, f"{rag.value}_text"), fill)

    def rag_conditional(self, rag: Rag) -> Format:
        cached = self._conditionals.get(rag.value)
        if cached is None:
            fill, text = self.rag_colours(rag)
            cached = self.workbook.add_format({"bg_color": fill, "font_color": text, "bold": True})
            self._conditionals[rag.value] = cached
        return cached

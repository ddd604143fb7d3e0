"""A part's pages, laid out before they are drawn, so that none carries only a few lines that spilled over.

ReportLab fills pages greedily, and a part (the summary, a section) whose last lines just miss a page leaves them
alone on the next. Here a part is paginated first, by the frame's own rules (space before a flowable is dropped
at a page's head, and overlaps the space after the one above); then, when its last page would be filled less
than ``LEAST_FILL`` of the way down:

- another arrangement of the part is tried (its charts beside the table, or shorter), to fit a page fewer;
- failing that, the page before the last gives up enough, whole rows or lines, to fill the last page.

The pages are then handed to ReportLab with explicit page breaks, each holding exactly what was measured to fit.
Every split goes through the flowables' own ``split``: tables between rows, keeping a band with the row after
it; running text (``cells.BodyParagraph``) never leaving fewer than three lines at a page's foot or head.
A heading (keep-with-next) never ends a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, PageBreak

FUZZ = 1e-6
# A page of a part must be filled at least this far down: a little over a quarter, as a page's last text stands
# a little above the foot of what holds it (a tile's box, a table's last row).
LEAST_FILL = 0.3
# How many times the page before a short last page gives up more, if the first try falls short.
PUSH_TRIES = 4


@dataclass(frozen=True)
class Frames:
    """The body's width and its height on a part's first page and on its later pages (below the band).

    ``above`` is the height already taken on the first page by a short part before this one, when this part
    starts below it rather than on a page of its own.
    """

    width: float
    first: float
    later: float
    above: float = 0.0

    def height(self, index: int) -> float:
        """The room for the part on its page ``index``."""
        return self.first - self.above if index == 0 else self.later

    def filled(self, index: int, page: Page) -> float:
        """How far down page ``index`` its body reaches, as a share of the page's body."""
        if index == 0:
            return (self.above + page.used) / self.first
        return page.used / self.later


@dataclass
class Page:
    """A page's flowables and how far down they reach, as ReportLab's frame counts it: the gap between two
    flowables is the larger of the one's space after and the other's space before, and none at the head."""

    flowables: list[Flowable]
    used: float = 0.0  # down to the foot of the last flowable
    after: float = 0.0  # the last flowable's space after
    head: bool = True  # whether the page's first flowable stands at its head (not under an earlier part)

    @property
    def at_top(self) -> bool:
        return self.head and self.used <= FUZZ and self.after <= FUZZ

    def gap(self, flowable: Flowable) -> float:
        """The space above ``flowable`` if it comes next, from the foot of the last one."""
        if self.at_top:
            return 0.0
        return self.after + max(flowable.getSpaceBefore() - self.after, 0.0)

    def room(self, flowable: Flowable, height: float) -> float:
        """The height left for ``flowable`` on a page ``height`` tall."""
        return height - self.used - self.gap(flowable)

    def add(self, flowable: Flowable, drawn: float) -> None:
        gap = self.gap(flowable)
        self.flowables.append(flowable)
        if gap or drawn or flowable.getSpaceAfter():
            self.used += gap + drawn
            self.after = flowable.getSpaceAfter()


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(getattr(flowable, "getKeepWithNext", lambda: False)())


def _splits(flowable: Flowable, width: float, room: float) -> list[Flowable]:
    """The pieces ``flowable`` splits into with ``room`` for the first, or none."""
    if room <= FUZZ:
        return []
    pieces = flowable.split(width, room)
    if not pieces or (len(pieces) == 1 and pieces[0] is flowable):
        return []
    return list(pieces)


class _Paginator:
    def __init__(self, frames: Frames, shortened: dict[int, float]) -> None:
        self.frames = frames
        self.shortened = shortened  # page index -> height taken off that page, to push content on
        self.pages: list[Page] = [Page([], head=frames.above <= FUZZ)]

    @property
    def height(self) -> float:
        index = len(self.pages) - 1
        return self.frames.height(index) - self.shortened.get(index, 0.0)

    def _fit(self, flowable: Flowable, page: Page) -> float | None:
        """The flowable's height if it fits on ``page`` as it stands, else None."""
        room = page.room(flowable, self.height)
        if room <= 0:
            return None
        drawn = flowable.wrap(self.frames.width, room)[1]
        return drawn if drawn <= room + FUZZ else None

    def run(self, flowables: Sequence[Flowable]) -> list[Page]:
        width = self.frames.width
        queue = list(reversed(flowables))
        while queue:
            flowable = queue.pop()
            page = self.pages[-1]
            drawn = self._fit(flowable, page)
            if drawn is not None:
                if _keeps_with_next(flowable) and queue and not page.at_top and not self._next_starts(
                        flowable, drawn, queue[-1]):
                    self.pages.append(Page([]))  # a heading goes on with the text it heads
                page = self.pages[-1]
                page.add(flowable, flowable.wrap(width, page.room(flowable, self.height))[1])
                continue
            pieces = _splits(flowable, width, page.room(flowable, self.height))
            if pieces:
                first = self._fit(pieces[0], page)
                if first is not None:
                    page.add(pieces[0], first)
                    queue.extend(reversed(pieces[1:]))
                    continue
            if page.at_top:
                # Taller than any page and unsplittable: alone on its page, as ReportLab would try it.
                page.add(flowable, flowable.wrap(width, self.height)[1])
                self.pages.append(Page([]))
                continue
            self.pages.append(Page([]))
            queue.append(flowable)
        while len(self.pages) > 1 and not self.pages[-1].flowables:
            self.pages.pop()
        return self.pages

    def _next_starts(self, flowable: Flowable, drawn: float, following: Flowable) -> bool:
        """Whether, with ``flowable`` placed, the next flowable (or its first piece) starts on this page too."""
        page = self.pages[-1]
        trial = Page(list(page.flowables), page.used, page.after, page.head)
        trial.add(flowable, drawn)
        if self._fit(following, trial) is not None:
            return True
        return bool(_splits(following, self.frames.width, trial.room(following, self.height)))


def paginate(flowables: Sequence[Flowable], frames: Frames, shortened: dict[int, float] | None = None
             ) -> list[Page]:
    """The flowables on pages, split where they must be, as ReportLab's frame would place them."""
    return _Paginator(frames, dict(shortened or {})).run(flowables)


def short_pages(pages: Sequence[Page], frames: Frames) -> list[int]:
    """The pages (but that of a one-page part) filled less than a quarter of the way down."""
    if len(pages) == 1:
        return []
    return [index for index, page in enumerate(pages) if frames.filled(index, page) < LEAST_FILL - FUZZ]


def _pushed(flowables: Sequence[Flowable], pages: list[Page], frames: Frames) -> list[Page] | None:
    """The part paginated again with the page before the last shortened, so its tail fills a quarter page."""
    last = len(pages) - 1
    want = LEAST_FILL * frames.later
    take = want - pages[last].used
    for _ in range(PUSH_TRIES):
        tried = paginate(flowables, frames, {last - 1: take})
        if len(tried) == len(pages) and not short_pages(tried, frames):
            return tried
        if len(tried) != len(pages):
            return None
        take += want - tried[-1].used + 1.0
    return None


def _height(flowables: Sequence[Flowable], frames: Frames) -> float:
    return sum(f.wrap(frames.width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def compose(arrangements: Iterable[Callable[[], list[Flowable]]], frames: Frames) -> list[Page]:
    """The part's pages, each holding what fits it.

    ``arrangements`` make the part's flowables, the preferred first. Of those whose pages are all full enough,
    the one on the fewest pages is used (the earliest, if several tie); else the one with the fewest pages,
    its last page filled from the page before. An arrangement is not paginated when it could not save a page:
    when it is shorter, all told, by less than the best one's last page holds.
    """
    made = [(flowables, _height(flowables, frames)) for flowables in (make() for make in arrangements)]
    best: tuple[list[Flowable], list[Page], float] | None = None
    full: tuple[list[Page], float] | None = None
    for flowables, total in made:
        if full is not None and (len(full[0]) == 1 or full[1] - total < full[0][-1].used):
            continue  # cannot take fewer pages than the full arrangement already found
        pages = paginate(flowables, frames)
        if best is None or len(pages) < len(best[1]):
            best = (flowables, pages, total)
        if not short_pages(pages, frames) and (full is None or len(pages) < len(full[0])):
            full = (pages, total)
    assert best is not None, "a part has at least one arrangement"
    if full is not None and len(full[0]) <= len(best[1]):
        return full[0]
    flowables, pages, _ = best
    pushed = _pushed(flowables, pages, frames)
    if pushed is None and full is not None:
        return full[0]
    return pushed if pushed is not None else pages


def emit(pages: Sequence[Page]) -> list[Flowable]:
    """The pages' flowables with a page break wherever a page ends."""
    story: list[Flowable] = []
    for index, page in enumerate(pages):
        if index:
            story.append(PageBreak())
        for flowable in page.flowables:
            # The page is settled: ReportLab must not regroup a heading with its text into a new page.
            flowable.__dict__["keepWithNext"] = 0
            story.append(flowable)
    return story

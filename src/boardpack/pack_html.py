"""Publishing the agenda pack's web page, ``<pack>.html``, with the web pages of the papers boardpack built.

``packing`` builds each layout paper's HTML twin beside its PDF, in the same private folder and from the same
scorecard. ``PackPages`` writes the agenda page and copies those twins into one ``OutputSet`` before the pack
PDF is published, and publishes them only once the PDF is: a failure on either side leaves every previous file
as it was. A twin is named after the pack (``<pack>-<report>.html``) so a pack never replaces a page that
``boardpack build`` wrote for a different period under the report's own name.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from boardpack.agenda import Agenda
from boardpack.exceptions import OutputError
from boardpack.output import OutputSet
from boardpack.render.html.agenda import PaperLink, agenda_page

if TYPE_CHECKING:
    from boardpack.packing import PackedItem

class PackPages:
    """The agenda page and the papers' twins, written on entering and published on leaving without an error."""

    def __init__(
        self,
        agenda: Agenda,
        items: Sequence[PackedItem],
        twins: Mapping[int, Sequence[Path | None]],
        out_dir: Path,
        front_pages: int,
        page_count: int,
    ) -> None:
        """``twins`` gives, for each item's number, each of its papers' built HTML (``None`` for a PDF paper);
        ``front_pages`` is the front sheet's length and ``page_count`` the whole pack's."""
        self.agenda = agenda
        self.items = items
        self.twins = twins
        self.front_pages = front_pages
        self.page_count = page_count
        self.published: tuple[Path, ...] = ()
        self._outputs = OutputSet(out_dir)

    def __enter__(self) -> PackPages:
        try:
            self._write()
        except BaseException:
            self._outputs.discard()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.published = self._outputs.commit()
        else:
            self._outputs.discard()

    def _write(self) -> None:
        stem = self.agenda.pack_name
        page_name = f"{stem}.html"
        taken = {page_name}
        target = self._outputs.path_for(page_name)  # first, so it is published first
        # The pack's "Page N" stamps start after an unnumbered front sheet; a PDF viewer counts from its first page.
        offset = 0 if self.agenda.number_front_sheet else self.front_pages
        links: dict[int, list[PaperLink]] = {}
        for item in self.items:
            built = self.twins.get(item.number, ())
            for index, paper in enumerate(item.papers):
                twin = built[index] if index < len(built) else None
                name = ""
                if twin is not None:
                    name = _unused(f"{stem}-{twin.stem}", taken)
                    _copy(twin, self._outputs.path_for(name), self._outputs.out_dir / name)
                links.setdefault(item.number, []).append(
                    PaperLink(paper.title, paper.first_page, paper.last_page, paper.first_page + offset, name))
        page = agenda_page(self.agenda, links, f"{stem}.pdf", self.page_count)
        try:
            target.write_text(page, encoding="utf-8", errors="replace")
        except OSError as exc:
            raise OutputError(f"cannot write the pack's web page ({exc.strerror or exc})",
                              str(self._outputs.out_dir / page_name)) from None


def _unused(stem: str, taken: set[str]) -> str:
    """``stem.html``, or ``stem-2.html`` and on when a pack carries the same report twice."""
    name, number = f"{stem}.html", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}.html"
    taken.add(name)
    return name


def _copy(source: Path, target: Path, final: Path) -> None:
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise OutputError(f"cannot write a paper's web page ({exc.strerror or exc})", str(final)) from None

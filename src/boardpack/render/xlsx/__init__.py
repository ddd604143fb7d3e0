"""The Excel outputs, written with xlsxwriter: the scorecard workbook and the public edition's workbook.

``pipeline`` imports this package by its format's name and calls ``render_xlsx`` (``render_xlsx_public`` for
the public edition).
"""

from boardpack.render.xlsx.public import render_xlsx_public
from boardpack.render.xlsx.workbook import render_xlsx

__all__ = ["render_xlsx", "render_xlsx_public"]

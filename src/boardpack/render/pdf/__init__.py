"""The PDF appendix and the pack's agenda front sheet, drawn with ReportLab.

``document`` lays out the appendix from the modules beside it; ``frontsheet`` draws the agenda's first page
with the same styles, tables and tagging. ``pipeline`` imports this package by its format's name and calls
``render_pdf``.
"""

from boardpack.render.pdf.document import render_pdf

__all__ = ["render_pdf"]

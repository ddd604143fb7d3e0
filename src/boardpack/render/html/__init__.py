"""The HTML edition of the appendix and the pack's agenda page; nothing here imports ReportLab.

``pipeline`` imports this package by its format's name and calls ``render_html``.
"""

from boardpack.render.html.page import render_html

__all__ = ["render_html"]

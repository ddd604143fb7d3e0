"""The ``boardpack`` program: the installed command and ``python -m boardpack``.

Its modules are imported with Python's cyclic collector paused. Importing them makes tens of thousands of
functions, classes and tables and no garbage, yet the collector would run dozens of times on the way, each
time walking what had been made so far (some 6 ms of a build's start). What the imports made is then kept out
of later collections (see ``heap.collector_paused``). What the command is done with is kept until the process
ends, which frees it all at once (see ``heap.kept_until_exit``).
"""

from __future__ import annotations

from typing import NoReturn

from boardpack.heap import collector_paused, kept_until_exit


def run() -> NoReturn:
    with collector_paused():
        from boardpack.cli import run as run_command
    with kept_until_exit():  # the command ends the process, so nothing kept is ever freed
        run_command()

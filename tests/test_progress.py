"""Progress lines: shown stage by stage on a terminal once a build has run a while, never anywhere else.

The delay is set to 0 (shown at once) or to an hour (never reached), so no test depends on how fast the
machine is. The one wait below is for the reporter's own thread to start showing, bounded only so that a
broken reporter fails the test instead of hanging it.
"""

import io
import threading

from boardpack.progress import terminal_progress

STAGES = ("reading lac.xlsx", "applying the rules", "writing pack.xlsx", "writing pack.pdf")
HOUR = 3600.0


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal and lets a test wait for the first thing written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.written = threading.Event()

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        count = super().write(text)
        self.written.set()
        return count


def _shown_stages(text: str) -> list[str]:
    # Each line reads "[  1.2s] stage"; the elapsed time varies, the stage does not.
    lines = text.splitlines()
    assert all(line.startswith("[") and "s] " in line for line in lines), lines
    return [line.split("s] ", 1)[1] for line in lines]


def test_silent_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    with terminal_progress(stream=stream, delay=0) as report:
        for stage in STAGES:
            report(stage)
    assert stream.getvalue() == ""


def test_silent_with_quiet_even_on_a_terminal():
    stream = FakeTerminal()
    with terminal_progress(enabled=False, stream=stream, delay=0) as report:
        for stage in STAGES:
            report(stage)
    assert stream.getvalue() == ""


def test_silent_on_a_terminal_when_the_build_ends_before_the_delay():
    stream = FakeTerminal()
    with terminal_progress(stream=stream, delay=HOUR) as report:
        for stage in STAGES:
            report(stage)
    assert stream.getvalue() == ""


def test_shows_every_stage_in_order_on_a_terminal():
    stream = FakeTerminal()
    with terminal_progress(stream=stream, delay=0) as report:
        report(STAGES[0])
        # The first stage is shown by the reporter's thread once the delay has passed; later ones as they start.
        assert stream.written.wait(timeout=30), "the first stage was never shown"
        for stage in STAGES[1:]:
            report(stage)
    assert _shown_stages(stream.getvalue()) == list(STAGES)


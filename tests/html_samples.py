"""What the HTML tests read: the two samples built end to end, and a report whose every field is hostile text."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from boardpack.layout import Headline, Layout, Trend
from boardpack.model import Figure, Note, Scorecard, Status
from factories import corporate_parenting_scorecard

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {
    "corporate-parenting-2019-04": ["--layout", ROOT / "layouts" / "corporate-parenting.toml"],
    "safeguarding_may_2015": [ROOT / "sample_workbooks" / "safeguarding_2015"],
}
# Tracker text that would run, or break the page, if it were ever written as markup; and a word so long that
# only wrapping anywhere keeps it from pushing the page sideways.
PAYLOADS = (
    "<script>window.boardpackPwned=1</script>",
    '"><img src=x onerror="window.boardpackPwned=1">',
    "' onmouseover='window.boardpackPwned=1' x='",
    "& &amp; &lt; </table></div></main><h1>A second heading</h1>",
    '=HYPERLINK("http://example.invalid","click") +SUM(1,2) -2+3 @A1',
    "Unbroken" * 12,
)


def build_samples(out: Path) -> dict[str, Path]:
    """``boardpack build`` of each sample into ``out``; the outputs' common stem for each."""
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    for arguments in SAMPLES.values():
        result = subprocess.run([sys.executable, "-m", "boardpack", "build", *map(str, arguments), "--out", str(out),
                                 "--quiet"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
    return {name: out / name for name in SAMPLES}


def hostile(field: str, index: int) -> str:
    """A field's hostile text, naming the field so a test can say which one went wrong."""
    return f"{field} {PAYLOADS[index % len(PAYLOADS)]}"


def hostile_report() -> tuple[Scorecard, Layout, list[str]]:
    """A scorecard and layout with hostile text in every field a page shows, and the texts put there."""
    base = corporate_parenting_scorecard()
    texts: list[str] = []

    def put(field: str) -> str:
        text = hostile(field, len(texts))
        texts.append(text)
        return text

    sections = []
    for number, section in enumerate(base.sections):
        indicators = []
        for index, indicator in enumerate(section.indicators):
            here = f"s{number}i{index}"
            observations = list(indicator.observations)
            last = observations[-1]
            if last.figure.value is not None:
                observations[-1] = replace(last, figure=replace(last.figure, note=put(f"{here}.note")))
            observations[0] = replace(observations[0], figure=Figure(status=Status.DUE, note=put(f"{here}.due")))
            indicators.append(replace(
                indicator, ref=put(f"{here}.ref"), name=put(f"{here}.name"), timeline=put(f"{here}.timeline"),
                unit=replace(indicator.unit, label=put(f"{here}.unit")), observations=tuple(observations),
            ))
        commentary = replace(section.commentary, definition=put(f"s{number}.definition"),
                             analysis=put(f"s{number}.analysis") + "\n\n" + put(f"s{number}.analysis2"),
                             data_note=put(f"s{number}.data_note"))
        notes = (Note(put(f"s{number}.note"), "*"), Note(put(f"s{number}.plain_note")))
        sections.append(replace(section, name=put(f"s{number}.name"), indicators=tuple(indicators),
                                commentary=commentary, notes=notes))
    scorecard = replace(base, title=put("title"), organisation=put("organisation"), sections=tuple(sections),
                        notes=(Note(put("summary_note")),))
    first_ref = sections[0].indicators[1].ref
    layout = Layout(
        appendix=put("appendix"), committee=put("committee"), status=put("status"), created=put("created"),
        created_by=put("created_by"), contact=put("contact"), vision=put("vision"),
        headlines=(Headline(first_ref, put("headline")),),
        glossary=((put("term"), put("meaning")),),
        # The tables must show January, whose figure carries the "due" text.
        trend=Trend(months_before=3),
    )
    return scorecard, layout, texts

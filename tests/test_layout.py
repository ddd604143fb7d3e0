"""Layouts are validated: misspelt keys, wrong types, missing sources and unknown refs are clear errors."""

from pathlib import Path

import pytest

from boardpack.arrange import arrange
from boardpack.exceptions import LayoutError
from boardpack.layout import Layout, load_layout, parse_layout
from boardpack.model import Severity
from factories import corporate_parenting_scorecard

GOOD = """
title = "Corporate Parenting"
name = "cp"
period = "2019-04"
[page]
size = "A4"
orientation = "portrait"
[[sections]]
title = "Children in care"
refs = ["6.1", "6.2"]
chart_refs = ["6.2"]
[[headlines]]
ref = "6.1"
text = "looked after children"
[glossary]
LAC = "Looked After Children"
[theme]
band_fill = "#112233"
font_size = 9
"""


def _write(tmp_path, text):
    path = tmp_path / "layout.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_layout_loads(tmp_path):
    layout = load_layout(_write(tmp_path, GOOD))
    assert layout.title == "Corporate Parenting" and layout.period.iso == "2019-04"
    assert layout.page.orientation == "portrait"
    assert layout.sections[0].refs == ("6.1", "6.2") and layout.sections[0].chart_refs == ("6.2",)
    assert layout.headlines[0].text == "looked after children"
    assert layout.glossary == (("LAC", "Looked After Children"),)
    assert layout.theme.band_fill == "#112233" and layout.theme.font_size == 9.0


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('titel = "x"', "layout.toml › titel", "unknown key 'titel'"),
        ('[[sections]]\ntitle = "A"\nrefs = ["1"]\nchrat = "line"', "sections[1] › chrat", "unknown key 'chrat'"),
        ('[[sections]]\ntitle = "A"', "sections[1]", "needs a title and refs"),
        ('[[sections]]\ntitle = "A"\nrefs = ["1"]\nchart = "pie"', "sections[1] › chart", "chart 'pie'"),
        ('[[sections]]\ntitle = "A"\nrefs = ["1"]\nchart_refs = ["2"]', "chart_refs", "not in this section"),
        ('[page]\nsize = "A5"', "layout.toml › page › size", "page.size 'A5'"),
        ('[page]\norientation = "sideways"', "layout.toml › page › orientation", "page.orientation 'sideways'"),
        ('[page]\nmargin = 2', "layout.toml › page › margin", "unknown key 'page.margin'"),
        ('[theme]\nred_fill = "red"', "layout.toml › theme › red_fill", "must be a colour"),
        ('[theme]\nfont_size = 40', "layout.toml › theme › font_size", "from 8 to 16"),
        ('[theme]\nfont_size = 6', "layout.toml › theme › font_size", "nothing is printed under 7 pt"),
        ('[trend]\nmonths = "all"', "layout.toml › trend › months", "trend.months 'all' must be one of to-date, year"),
        ('[trend]\nmonths_before = 13', "layout.toml › trend › months_before", "from 0 to 12"),
        ('[trend]\nmonths_before = "3"', "layout.toml › trend › months_before", "whole number"),
        ('[trend]\nmonth = "year"', "layout.toml › trend › month", "unknown key 'trend.month'"),
        ('[glossary]\nLAC = [1]', "layout.toml › glossary › LAC", "glossary.LAC must be text"),
        ('period = "April"', "period", "YYYY-MM"),
        ('sources = ["missing.xlsx"]', "sources", "does not exist"),
        ('title = ', "layout.toml", "not valid TOML"),
        ('[[headlines]]\nref = "6.1"', "headlines[1]", "needs a ref and a text"),
    ],
)
def test_bad_layouts_name_the_key(tmp_path, text, where, message):
    with pytest.raises(LayoutError) as caught:
        load_layout(_write(tmp_path, text))
    assert where in str(caught.value) and message in str(caught.value)


def test_missing_layout_file(tmp_path):
    with pytest.raises(LayoutError, match="layout file not found"):
        load_layout(tmp_path / "nope.toml")


def test_arrange_places_sections_and_reports_what_it_leaves_out():
    scorecard = corporate_parenting_scorecard()
    layout = parse_layout({"sections": [{"title": "Headline measures", "refs": ["6.8", "6.1"]}]})
    arranged = arrange(scorecard, layout)
    assert [s.name for s in arranged.sections] == ["Headline measures"]
    assert [i.ref for i in arranged.indicators] == ["6.8", "6.1"]
    left_out = [f for f in arranged.findings if f.severity is Severity.WARNING]
    assert {f.message.split()[1] for f in left_out} == {"6.2", "6.10", "6.14", "8.2", "11.3a"}


def test_arrange_rejects_unknown_and_repeated_refs():
    scorecard = corporate_parenting_scorecard()
    with pytest.raises(LayoutError, match=r"lists indicator '9\.99', which no tracker holds"):
        arrange(scorecard, parse_layout({"sections": [{"title": "A", "refs": ["9.99"]}]}))
    with pytest.raises(LayoutError, match="listed in both"):
        arrange(scorecard, parse_layout({"sections": [{"title": "A", "refs": ["6.1"]},
                                                      {"title": "B", "refs": ["6.1"]}]}))
    with pytest.raises(LayoutError, match=r"headline indicator '9\.99'"):
        arrange(scorecard, parse_layout({"headlines": [{"ref": "9.99", "text": "x"}]}))


def test_arrange_errors_name_the_key_as_every_location_does():
    scorecard = corporate_parenting_scorecard()
    with pytest.raises(LayoutError, match=r"^l\.toml › sections\[1\] › refs: "):
        arrange(scorecard, parse_layout({"sections": [{"title": "A", "refs": ["9.99"]}]}, Path("l.toml")))
    with pytest.raises(LayoutError, match=r"^l\.toml › headlines\[1\] › ref: "):
        arrange(scorecard, parse_layout({"headlines": [{"ref": "9.99", "text": "x"}]}, Path("l.toml")))


def test_a_ref_excel_shortened_is_explained():
    """A tracker whose ref 6.20 was typed into a number cell holds 6.2; a layout listing 6.20 says why."""
    scorecard = corporate_parenting_scorecard()
    with pytest.raises(LayoutError) as caught:
        arrange(scorecard, parse_layout({"sections": [{"title": "A", "refs": ["6.20"]}]}))
    assert "holds 6.2, as Excel stores a ref typed 6.20 in a number cell: format the tracker's ref column as Text" \
        in str(caught.value)
    with pytest.raises(LayoutError, match="check the ref against the trackers' ref column"):
        arrange(scorecard, parse_layout({"sections": [{"title": "A", "refs": ["6.30"]}]}))


def test_layout_narrative_overrides_the_trackers():
    scorecard = corporate_parenting_scorecard()
    layout = parse_layout({"sections": [{"title": "Looked After Children", "refs": ["6.1", "6.2"],
                                         "analysis": "Written for the panel."}]})
    commentary = arrange(scorecard, layout).sections[0].commentary
    assert commentary.analysis == "Written for the panel."
    assert commentary.definition.startswith("Children in care")


def test_no_layout_keeps_the_trackers_sections():
    scorecard = corporate_parenting_scorecard()
    assert arrange(scorecard, Layout()).sections == scorecard.sections

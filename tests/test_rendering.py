"""Rendering the outputs side by side gives the same files as one after another, and loses no error."""

import os
from pathlib import Path

import pytest

from boardpack import pipeline
from boardpack.exceptions import BoardpackError, OutputError
from boardpack.layout import Layout
from boardpack.output import OutputSet
from boardpack.rendering import RenderJob, can_fork, render_outputs
from factories import corporate_parenting_scorecard

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"

needs_fork = pytest.mark.skipif(not can_fork(), reason="side-by-side rendering needs fork (Linux)")


def write(text: str):
    def render(scorecard, layout, path: Path) -> None:
        path.write_text(text, encoding="utf-8")
    return render


def fail_with(error: BaseException):
    def render(scorecard, layout, path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise error
    return render


def die(scorecard, layout, path: Path) -> None:
    os._exit(3)


def jobs_in(outputs: OutputSet, **renderers) -> list[RenderJob]:
    return [RenderJob(kind, render, outputs.path_for(f"pack.{kind}"), f"pack.{kind}")
            for kind, render in renderers.items()]


@needs_fork
def test_side_by_side_and_one_after_another_write_the_same_bytes(tmp_path):
    together = pipeline.build(layout=LAYOUT, out_dir=tmp_path / "together", parallel=True)
    apart = pipeline.build(layout=LAYOUT, out_dir=tmp_path / "apart", parallel=False)
    assert [p.name for p in together.outputs] == [p.name for p in apart.outputs]
    for first, second in zip(together.outputs, apart.outputs, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


@needs_fork
def test_the_child_writes_its_outputs_and_the_parent_the_pdf(tmp_path):
    scorecard = corporate_parenting_scorecard()
    with OutputSet(tmp_path) as outputs:
        jobs = jobs_in(outputs, csv=write("csv"), xlsx=write("xlsx"), pdf=write("pdf"))
        render_outputs(jobs, scorecard, Layout(), parallel=True)
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"pack.csv": "csv", "pack.xlsx": "xlsx",
                                                                    "pack.pdf": "pdf"}


@needs_fork
def test_an_error_in_the_child_is_raised_here_with_its_message_and_nothing_is_published(tmp_path):
    (tmp_path / "pack.xlsx").write_text("last week's", encoding="utf-8")
    scorecard = corporate_parenting_scorecard()
    with pytest.raises(BoardpackError, match=r"pack\.xlsx: cannot write"), OutputSet(tmp_path) as outputs:
        jobs = jobs_in(outputs, xlsx=fail_with(OutputError("cannot write", "pack.xlsx")), pdf=write("pdf"))
        render_outputs(jobs, scorecard, Layout(), parallel=True)
    assert [p.name for p in tmp_path.iterdir()] == ["pack.xlsx"]
    assert (tmp_path / "pack.xlsx").read_text() == "last week's"


@needs_fork
def test_an_unexpected_error_in_the_child_is_still_an_error_here(tmp_path):
    scorecard = corporate_parenting_scorecard()
    with pytest.raises(RuntimeError, match="boom"), OutputSet(tmp_path) as outputs:
        jobs = jobs_in(outputs, xlsx=fail_with(ValueError("boom")), pdf=write("pdf"))
        render_outputs(jobs, scorecard, Layout(), parallel=True)
    assert list(tmp_path.iterdir()) == []


@needs_fork
def test_a_child_that_dies_without_a_word_is_an_output_error_naming_its_files(tmp_path):
    scorecard = corporate_parenting_scorecard()
    with (
        pytest.raises(OutputError, match=r"pack\.csv and pack\.xlsx: .*stopped unexpectedly \(exit status 3\)"),
        OutputSet(tmp_path) as outputs,
    ):
        jobs = jobs_in(outputs, csv=die, xlsx=write("xlsx"), pdf=write("pdf"))
        render_outputs(jobs, scorecard, Layout(), parallel=True)
    assert list(tmp_path.iterdir()) == []


@needs_fork
def test_an_error_in_the_pdf_stops_the_child_and_is_raised(tmp_path):
    scorecard = corporate_parenting_scorecard()
    with pytest.raises(OutputError, match="no room"), OutputSet(tmp_path) as outputs:
        jobs = jobs_in(outputs, xlsx=write("xlsx"), pdf=fail_with(OutputError("no room", "pack.pdf")))
        render_outputs(jobs, scorecard, Layout(), parallel=True)
    assert list(tmp_path.iterdir()) == []


def test_one_after_another_when_asked(tmp_path):
    order = []

    def noting(kind):
        def render(scorecard, layout, path):
            order.append((kind, os.getpid()))
            path.write_text(kind)
        return render

    with OutputSet(tmp_path) as outputs:
        jobs = jobs_in(outputs, csv=noting("csv"), xlsx=noting("xlsx"), pdf=noting("pdf"))
        render_outputs(jobs, corporate_parenting_scorecard(), Layout(), parallel=False)
    assert order == [("csv", os.getpid()), ("xlsx", os.getpid()), ("pdf", os.getpid())]


def test_the_collector_is_paused_and_the_heap_frozen_only_inside_their_blocks():
    import gc

    from boardpack.heap import collector_paused, heap_frozen

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("a failed read")
    assert gc.isenabled()
    with heap_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("parallel", [True, False])
def test_each_lane_gives_its_outputs_sizes_and_digests_in_the_jobs_order(tmp_path, parallel):
    import hashlib

    if parallel and not can_fork():
        pytest.skip("side-by-side rendering needs fork (Linux)")
    with OutputSet(tmp_path) as outputs:
        jobs = jobs_in(outputs, csv=write("a,b"), xlsx=write("sheet"), pdf=write("%PDF"), html=write("<p>"))
        written = render_outputs(jobs, corporate_parenting_scorecard(), Layout(), parallel=parallel, digests=True)
        assert [(w.name, w.size, w.sha256) for w in written] == [
            (job.label, len(text), hashlib.sha256(text.encode()).hexdigest())
            for job, text in zip(jobs, ["a,b", "sheet", "%PDF", "<p>"], strict=True)]
        assert render_outputs(jobs, corporate_parenting_scorecard(), Layout(), parallel=parallel) == ()


@needs_fork
def test_an_output_the_child_cannot_read_back_gives_no_digests_at_all(tmp_path):
    def vanish(scorecard, layout, path: Path) -> None:
        path.write_text("gone")
        path.unlink()

    jobs = [RenderJob("csv", vanish, tmp_path / "pack.csv", "pack.csv"),
            RenderJob("pdf", write("%PDF"), tmp_path / "pack.pdf", "pack.pdf")]
    assert render_outputs(jobs, corporate_parenting_scorecard(), Layout(), parallel=True, digests=True) == ()


@needs_fork
def test_what_was_waiting_to_be_printed_is_printed_once(tmp_path):
    # Printed output waits in a buffer when it goes to a pipe; a child forked with it there would print it again.
    import subprocess
    import sys

    script = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from pathlib import Path
from boardpack.layout import Layout
from boardpack.output import OutputSet
from boardpack.rendering import RenderJob, render_outputs
from factories import corporate_parenting_scorecard

print("before the fork")
with OutputSet(Path({str(tmp_path)!r})) as outputs:
    jobs = [RenderJob(kind, lambda s, l, path: path.write_text("x"), outputs.path_for("pack." + kind), "pack." + kind)
            for kind in ("csv", "pdf")]
    render_outputs(jobs, corporate_parenting_scorecard(), Layout(), parallel=True)
"""
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "before the fork\n"


def test_what_a_program_is_done_with_is_kept_until_it_ends_and_freed_at_once_elsewhere():
    import weakref

    from boardpack import heap

    class Pages:
        pass

    pages = Pages()
    gone = weakref.ref(pages)
    heap.done_with(pages)
    del pages
    assert gone() is None  # outside the block: freed as usual
    with heap.kept_until_exit():
        pages = Pages()
        kept = weakref.ref(pages)
        heap.done_with(pages)
        del pages
        assert kept() is not None
    assert kept() is None  # the block has ended


def test_the_appendix_renderer_hands_its_laid_out_document_over_when_done(tmp_path):
    from boardpack import heap
    from boardpack.arrange import arrange
    from boardpack.layout import parse_layout
    from boardpack.render.pdf import render_pdf
    from boardpack.render.pdf.canvas import PackDocument

    layout = parse_layout({})
    with heap.kept_until_exit():
        render_pdf(arrange(corporate_parenting_scorecard(), layout), layout, tmp_path / "appendix.pdf")
        assert any(isinstance(kept, PackDocument) for kept in heap._done_with or [])
    assert heap._done_with is None

"""Page streams compressed on a second core while a PDF is saved: the same bytes as ReportLab's own compression,
whichever thread compresses which page, and nothing left running when saving fails."""

from __future__ import annotations

import sys
import threading
import zlib
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFPage

from boardpack.arrange import arrange
from boardpack.layout import parse_layout
from boardpack.render.pdf import deflate, render_pdf
from boardpack.render.pdf.canvas import binary_streams
from factories import corporate_parenting_scorecard
from test_render_pdf import FACTORY_LAYOUT


def appendix(path: Path, cores: int, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(deflate, "_cores", lambda: cores)
    layout = parse_layout(FACTORY_LAYOUT)
    render_pdf(arrange(corporate_parenting_scorecard(), layout), layout, path)
    return path.read_bytes()


def test_the_appendix_is_byte_identical_with_and_without_the_helper(tmp_path, monkeypatch):
    compressed_by: list[str] = []
    compress = deflate._Deflation._compress

    def noted(work: deflate._Deflation, index: int) -> bytes:
        compressed_by.append(threading.current_thread().name)
        return compress(work, index)

    monkeypatch.setattr(deflate._Deflation, "_compress", noted)
    alone = appendix(tmp_path / "one-core.pdf", 1, monkeypatch)
    assert compressed_by == []  # one core: ReportLab compresses every page itself
    helped = appendix(tmp_path / "two-cores.pdf", 2, monkeypatch)
    assert helped == alone
    assert len(compressed_by) == alone.count(b"/Type /Page\n") > 1


def pages(streams: list[str]) -> list[PDFPage]:
    made = []
    for stream in streams:
        page = PDFPage()
        page.setStream(stream)
        page.setCompression(1)
        made.append(page)
    return made


def test_each_page_gets_its_own_stream_compressed_as_reportlab_would(monkeypatch):
    monkeypatch.setattr(deflate, "_cores", lambda: 2)
    streams = [f"BT /F1 7 Tf ({f'page {number} ' * 50}) Tj ET" for number in range(40)]
    laid_out = pages(streams)
    with binary_streams(), deflate.page_streams_deflated(laid_out):
        # In the order ReportLab writes them, asking for each as it comes to it.
        written = [page.Contents.filters[0].encode(page.Contents.content) for page in laid_out]
    assert written == [zlib.compress(stream.encode("utf8")) for stream in streams]
    assert all(page.Contents.filters[0].pdfname == "FlateDecode" for page in laid_out)


def test_pages_reportlab_would_not_compress_alone_are_left_to_it(monkeypatch):
    monkeypatch.setattr(deflate, "_cores", lambda: 2)
    plain = pages(["q Q", "q Q"])
    for page in plain:
        page.setCompression(0)
    with binary_streams(), deflate.page_streams_deflated(plain):
        assert [page.Contents for page in plain] == [None, None]
    monkeypatch.setattr(rl_config, "useA85", 1)  # ReportLab's default, which the appendix turns off
    ascii85 = pages(["q Q", "q Q"])
    with deflate.page_streams_deflated(ascii85):
        assert [page.Contents for page in ascii85] == [None, None]


def test_a_failure_while_saving_leaves_no_helper_running(monkeypatch):
    monkeypatch.setattr(deflate, "_cores", lambda: 2)
    laid_out = pages([f"({number}) Tj" * 2000 for number in range(30)])
    before = threading.active_count()
    with pytest.raises(OSError), binary_streams(), deflate.page_streams_deflated(laid_out):
        laid_out[0].Contents.filters[0].encode("")
        raise OSError("disk full")
    assert threading.active_count() == before
    # A page asked for after the helper stopped is still compressed, here.
    last = laid_out[-1].Contents
    assert zlib.decompress(last.filters[0].encode(last.content)) == last.content.encode()


@pytest.mark.parametrize("cores", [1, 2])
def test_texts_in_turn_come_back_compressed_in_the_order_given(cores, monkeypatch):
    monkeypatch.setattr(deflate, "_cores", lambda: cores)
    texts = [(f"<</S/TD/P {number} 0 R>>\n" * (50 + number)).encode() for number in range(60)]
    interval = sys.getswitchinterval()
    with deflate.deflated_in_turn(1) as turn:
        for text in texts:
            turn.add(text)
        results = turn.results()
    assert results == [zlib.compress(text, 1) for text in texts]
    assert sys.getswitchinterval() == interval


def test_texts_in_turn_are_compressed_by_the_helper_on_two_cores(monkeypatch):
    monkeypatch.setattr(deflate, "_cores", lambda: 2)
    compressed_on: list[str] = []

    class Noting:
        @staticmethod
        def compress(data: bytes, level: int) -> bytes:
            compressed_on.append(threading.current_thread().name)
            return zlib.compress(data, level)

    monkeypatch.setattr(deflate, "zlib", Noting)
    with deflate.deflated_in_turn(1) as turn:
        turn.add(b"one")
        turn.add(b"two")
        assert [zlib.decompress(packed) for packed in turn.results()] == [b"one", b"two"]
    assert compressed_on == ["object streams", "object streams"]


def test_a_failure_in_turn_is_raised_on_the_callers_thread_and_leaves_no_helper(monkeypatch):
    monkeypatch.setattr(deflate, "_cores", lambda: 2)
    before = threading.active_count()
    interval = sys.getswitchinterval()
    with deflate.deflated_in_turn(1) as turn:
        turn.add(b"fine")
        turn.add("not bytes")  # type: ignore[arg-type]  # what zlib refuses
        with pytest.raises(TypeError):
            turn.results()
    with pytest.raises(OSError), deflate.deflated_in_turn(1) as turn:
        turn.add(b"fine")
        raise OSError("disk full")
    assert threading.active_count() == before
    assert sys.getswitchinterval() == interval

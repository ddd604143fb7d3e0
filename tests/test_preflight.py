"""Preflight checks: every way a tracker file can be unusable or hostile is refused before openpyxl sees it."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import tomllib
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpack import preflight
from boardpack.exceptions import TrackerError
from boardpack.model import CellRef, Severity
from boardpack.preflight import _PrologScanner, check_workbook, harden_xml_parsing

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))["case"]
SOURCE_ROOT = Path(preflight.__file__).resolve().parents[1]
MEGABYTE = 1024 * 1024
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


# Building test files --------------------------------------------------------------------------------------


def raw_zip(entries: list[tuple[str, int, bytes, int]]) -> bytes:
    """A zip written by hand, so the sizes it declares can differ from the truth.

    Each entry is (name, compression method, data as stored, declared uncompressed size); Zip64 fields are
    used when a size needs them.
    """
    body, central = bytearray(), bytearray()
    for name, method, data, declared in entries:
        encoded = name.encode()
        zip64 = declared >= 0xFFFFFFFF or len(data) >= 0xFFFFFFFF
        version = 45 if zip64 else 20
        stored_size, stated_size = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (len(data), declared)
        local_extra = struct.pack("<HHQQ", 1, 16, declared, len(data)) if zip64 else b""
        offset = len(body)
        body += struct.pack(
            "<4s2B4HL2L2H", b"PK\x03\x04", version, 0, 0, method, 0, 0x21, 0, stored_size, stated_size,
            len(encoded), len(local_extra),
        )
        body += encoded + local_extra + data
        central += struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", version, 3, version, 0, 0, method, 0, 0x21, 0, stored_size,
            stated_size, len(encoded), len(local_extra), 0, 0, 0, 0, offset,
        )
        central += encoded + local_extra
    directory_offset = len(body)
    body += central
    body += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), directory_offset, 0)
    return bytes(body)


def workbook_zip(*parts: tuple[str, int, bytes, int]) -> bytes:
    """The two parts every workbook has, then ``parts``."""
    return raw_zip([
        ("[Content_Types].xml", zipfile.ZIP_STORED, CONTENT_TYPES, len(CONTENT_TYPES)),
        ("xl/workbook.xml", zipfile.ZIP_STORED, WORKBOOK, len(WORKBOOK)),
        *parts,
    ])


def deflate_repeated(prefix: bytes, filler: bytes, total: int) -> tuple[bytes, int]:
    """Raw deflate of ``prefix`` then ``filler`` repeated to about ``total`` bytes, and its true size.

    A full flush byte-aligns the stream and forgets the history, so one compressed megabyte can be repeated
    to make hundreds of megabytes (or gigabytes) of real deflate data in milliseconds.
    """
    block_size = MEGABYTE
    start = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = start.compress(prefix) + start.flush(zlib.Z_FULL_FLUSH)
    repeat = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = repeat.compress(filler * (block_size // len(filler))) + repeat.flush(zlib.Z_FULL_FLUSH)
    count = max(0, -(-(total - len(prefix)) // block_size))
    final = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush()
    return head + block * count + final, len(prefix) + count * (block_size // len(filler)) * len(filler)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(TrackerError) as caught:
        check_workbook(path)
    assert caught.value.where == CellRef(file=str(path))
    return caught.value.message


def valid_workbook() -> bytes:
    return (CORPUS / "valid.xlsx").read_bytes()


def replace_part(workbook: bytes, name: str, data: bytes) -> bytes:
    """A copy of ``workbook`` with part ``name`` holding ``data``, added if it was not there."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, data)
    return buffer.getvalue()


# The corpus -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_corpus_file_gives_its_expected_outcome(case: dict[str, str]) -> None:
    path = CORPUS / case["file"]
    assert path.stat().st_size < 50 * 1024, "corpus files stay small; build big ones in the test"
    if case["outcome"] == "error":
        assert case["message"] in refusal(path)
        return
    findings = check_workbook(path)
    if case["outcome"] == "ok":
        assert findings == ()
    else:
        assert [finding.severity for finding in findings] == [Severity.WARNING]
        assert case["message"] in findings[0].message
        assert findings[0].where == CellRef(file=str(path))


def test_every_corpus_file_is_listed() -> None:
    listed = {case["file"] for case in CASES}
    present = {path.name for path in CORPUS.iterdir() if path.suffix in (".xlsx", ".xls", ".xlsm")}
    assert present == listed


# Not a readable file --------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in refusal(tmp_path / "nowhere.xlsx")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "tracker.xlsx"
    folder.mkdir()
    assert "is a folder" in refusal(folder)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.xlsx", valid_workbook())
    if IS_ROOT or os.name == "nt":
        # chmod does not stop root, and Windows reports a file locked by Excel the same way.
        def denied(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(preflight, "open", denied, raising=False)
    else:
        path.chmod(0)
    assert "cannot be read (permission denied)" in refusal(path)


# Not an xlsx ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        (b"", "the file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "it is a PDF"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "it is a web page"),
        (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "Excel 2003 XML"),
        (b"Ref\tIndicator\r\nCP1\tVisits\r\n", "plain text"),
        (bytes(range(256)) * 4, ""),
    ],
    ids=["empty", "pdf", "html", "spreadsheetml", "text", "binary"],
)
def test_other_files_are_not_workbooks(tmp_path: Path, content: bytes, hint: str) -> None:
    message = refusal(write(tmp_path, "tracker.xlsx", content))
    assert "is not an Excel workbook (.xlsx)" in message
    assert hint in message


def test_zip_without_workbook_part(tmp_path: Path) -> None:
    data = raw_zip([("[Content_Types].xml", zipfile.ZIP_STORED, CONTENT_TYPES, len(CONTENT_TYPES))])
    message = refusal(write(tmp_path, "tracker.xlsx", data))
    assert "is not an Excel workbook (.xlsx)" in message
    assert "xl/workbook.xml" in message


def test_zip_without_content_types(tmp_path: Path) -> None:
    data = raw_zip([("xl/workbook.xml", zipfile.ZIP_STORED, WORKBOOK, len(WORKBOOK))])
    assert "without [Content_Types].xml" in refusal(write(tmp_path, "tracker.xlsx", data))


def test_binary_workbook(tmp_path: Path) -> None:
    data = raw_zip([
        ("[Content_Types].xml", zipfile.ZIP_STORED, CONTENT_TYPES, len(CONTENT_TYPES)),
        ("xl/workbook.bin", zipfile.ZIP_STORED, b"\x83\x01\x00", 3),
    ])
    assert "(.xlsb)" in refusal(write(tmp_path, "tracker.xlsb", data))


def test_empty_zip(tmp_path: Path) -> None:
    assert "is not an Excel workbook (.xlsx)" in refusal(write(tmp_path, "tracker.xlsx", raw_zip([])))


def test_encrypted_ole2_found_beyond_the_first_sector_by_search(tmp_path: Path) -> None:
    # A header whose directory cannot be walked still gives the password message, not the .xls one.
    data = preflight.OLE2_MAGIC + bytes(4096) + "EncryptedPackage".encode("utf-16-le") + bytes(100)
    assert "is password-protected" in refusal(write(tmp_path, "tracker.xlsx", data))


# Damaged zips ---------------------------------------------------------------------------------------------


def test_broken_central_directory(tmp_path: Path) -> None:
    data = bytearray(valid_workbook())
    directory = data.rfind(b"PK\x01\x02")
    data[directory : directory + 4] = b"XX\x01\x02"
    assert "is damaged" in refusal(write(tmp_path, "tracker.xlsx", bytes(data)))


def test_damaged_deflate_data(tmp_path: Path) -> None:
    sheet = ("xl/worksheets/sheet1.xml", zipfile.ZIP_DEFLATED, b"\xff" * 64, 1000)
    assert "is damaged" in refusal(write(tmp_path, "tracker.xlsx", workbook_zip(sheet)))


def test_unusual_compression_method(tmp_path: Path) -> None:
    sheet = ("xl/worksheets/sheet1.xml", zipfile.ZIP_BZIP2, b"BZh91AY&SY", 100)
    assert "compression method 12" in refusal(write(tmp_path, "tracker.xlsx", workbook_zip(sheet)))


def test_part_that_is_not_xml(tmp_path: Path) -> None:
    sheet = ("xl/worksheets/sheet1.xml", zipfile.ZIP_STORED, b"\x89PNG\r\n\x1a\n", 8)
    assert "is not XML" in refusal(write(tmp_path, "tracker.xlsx", workbook_zip(sheet)))


# Zip bombs ------------------------------------------------------------------------------------------------


def test_too_many_parts(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        for index in range(preflight.MAX_PARTS):
            archive.writestr(f"xl/media/{index}.bin", b"")
    assert "more than 10,000 parts" in refusal(write(tmp_path, "tracker.xlsx", buffer.getvalue()))


def test_too_many_parts_under_a_lying_entry_count(tmp_path: Path) -> None:
    # zipfile trusts the directory's byte size, not its entry count, so the count alone is not enough.
    parts = [(f"p{index}", zipfile.ZIP_STORED, b"", 0) for index in range(preflight.MAX_PARTS + 1)]
    data = bytearray(workbook_zip(*parts))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 2, 2)
    assert "more than 10,000 parts" in refusal(write(tmp_path, "tracker.xlsx", bytes(data)))


def test_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    incompressible = os.urandom(3 * MEGABYTE)
    path = write(tmp_path, "tracker.xlsx", workbook_zip(("xl/media/image1.png", 0, incompressible, 3 * MEGABYTE)))
    assert check_workbook(path) == ()
    monkeypatch.setattr(preflight, "MAX_UNZIPPED_BYTES", 2 * MEGABYTE)
    assert "would unzip to 3 MB, more than the 2 MB limit" in refusal(path)


def test_compression_ratio_over_the_limit(tmp_path: Path) -> None:
    data, size = deflate_repeated(b"", b"\x00", 50 * MEGABYTE)
    path = write(tmp_path, "tracker.xlsx", workbook_zip(("xl/media/image1.png", zipfile.ZIP_DEFLATED, data, size)))
    assert "a compression ratio over 200:1" in refusal(path)


def test_repeated_deflate_helper_is_honest() -> None:
    data, size = deflate_repeated(b"<?xml?>", b" ", 3 * MEGABYTE)
    assert len(zlib.decompress(data, -zlib.MAX_WBITS)) == size


MEASURE = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
from boardpack.exceptions import TrackerError
from boardpack.preflight import check_workbook
tracemalloc.start()
started = time.perf_counter()
try:
    check_workbook(Path(sys.argv[1]))
    message = ""
except TrackerError as error:
    message = error.message
elapsed = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1]
# Linux carries ru_maxrss over from the parent across fork and exec, so a big test runner would inflate it;
# VmHWM belongs to this process's own memory map.
try:
    status = open("/proc/self/status").read()
    rss_bytes = int(status.split("VmHWM:")[1].split()[0]) * 1024
except (OSError, IndexError):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_bytes = rss if sys.platform == "darwin" else rss * 1024
print(json.dumps({"message": message, "seconds": elapsed, "peak": peak, "rss": rss_bytes}))
"""


def with_source_path() -> dict[str, str]:
    """This environment, with boardpack importable in a child interpreter whether or not it is installed."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SOURCE_ROOT), os.environ.get("PYTHONPATH")]))}


def measure(path: Path) -> dict[str, object]:
    """Check ``path`` in a fresh interpreter, so its peak memory is the check's and nothing else's."""
    finished = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, env=with_source_path(),
        timeout=120, check=True,
    )
    return json.loads(finished.stdout)


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
@pytest.mark.parametrize(
    ("bomb", "fragment"),
    [
        ("declared_10_gb", "would unzip its part xl/worksheets/sheet1.xml to 10,240 MB"),
        ("compressed_300_mb", "would unzip its part xl/worksheets/sheet1.xml to 300 MB"),
        ("lying_header", "unzips to more than the 1,000 bytes its zip directory declares"),
    ],
)
def test_zip_bomb_is_refused_quickly_in_little_memory(tmp_path: Path, bomb: str, fragment: str) -> None:
    prolog = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    if bomb == "declared_10_gb":
        data, size = deflate_repeated(prolog, b" ", 10 * 1024 * MEGABYTE)
    elif bomb == "compressed_300_mb":
        data, size = deflate_repeated(prolog, b" ", 300 * MEGABYTE)
    else:
        # Declares 1,000 bytes, so neither the total nor the ratio looks odd, but holds 300 MB of prolog.
        data, _ = deflate_repeated(prolog, b" ", 300 * MEGABYTE)
        size = 1000
    path = write(tmp_path, "bomb.xlsx", workbook_zip(("xl/worksheets/sheet1.xml", zipfile.ZIP_DEFLATED, data, size)))
    result = measure(path)
    assert fragment in str(result["message"])
    assert float(result["seconds"]) < 10
    assert int(result["peak"]) < 20 * MEGABYTE
    assert int(result["rss"]) < 100 * MEGABYTE


def test_big_ordinary_workbook_passes_quickly(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for number in range(5):
        sheet = book.create_sheet(f"Section {number}")
        for row in range(4000):
            sheet.append([f"CP{row}", f"Indicator {row} of section {number}", row * 1.5, row % 7, "Apr-19"])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    started = time.perf_counter()
    assert check_workbook(path) == ()
    assert time.perf_counter() - started < 5


# XML entity declarations ----------------------------------------------------------------------------------

DOCTYPE = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'


@pytest.mark.parametrize(
    ("part", "content"),
    [
        ("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?>' + DOCTYPE + SHEET),
        ("xl/sharedStrings.xml", b"<!-- " + b"x" * 200_000 + b" -->\n" + DOCTYPE + SHEET),
        ("xl/_rels/workbook.xml.rels", b"<?xml version='1.0'?>\n<?pi " + b"y" * 100_000 + b"?>" + DOCTYPE + SHEET),
        ("xl/worksheets/sheet1.xml", ('<?xml version="1.0" encoding="UTF-16"?>' + DOCTYPE.decode() + SHEET.decode())
         .encode("utf-16")),
        ("xl/worksheets/sheet1.xml", b"\xef\xbb\xbf  <!ENTITY x 'y'>" + SHEET),
        ("xl/drawings/vmlDrawing1.vml", b"<?xml version='1.0'?>" + DOCTYPE + b"<xml/>"),
    ],
    ids=["sheet", "after-long-comment", "rels-after-long-pi", "utf-16", "entity-without-doctype", "vml"],
)
def test_entity_declarations_are_refused(tmp_path: Path, part: str, content: bytes) -> None:
    path = write(tmp_path, "tracker.xlsx", replace_part(valid_workbook(), part, content))
    message = refusal(path)
    assert "contains XML entity declarations, which Excel never writes" in message
    assert part in message


def test_doctype_text_after_the_root_element_is_data(tmp_path: Path) -> None:
    sheet = (
        b'<?xml version="1.0"?><!-- <!DOCTYPE in a comment --><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<!DOCTYPE x>]]>'
        b"</t></is></c></row></sheetData></worksheet>"
    )
    path = write(tmp_path, "tracker.xlsx", replace_part(valid_workbook(), "xl/worksheets/sheet1.xml", sheet))
    assert check_workbook(path) == ()


PROLOGS = [
    '<?xml version="1.0"?>\n<worksheet/>',
    "<!-- a -- comment --><?pi data?>\r\n\t<root>",
    '<?xml version="1.0"?><!-- x --><!DOCTYPE r [<!ENTITY e "v">]><r/>',
    "  <!ENTITY e 'v'>",
    "<!---->?<r>",
    "\ufeffnot xml",
    "<?xml?><!--->--><r/>",
    "",
]


@given(st.sampled_from(PROLOGS), st.lists(st.integers(min_value=0, max_value=80), max_size=6))
def test_prolog_verdict_does_not_depend_on_chunk_boundaries(document: str, cuts: list[int]) -> None:
    whole = _PrologScanner().feed(document)
    scanner = _PrologScanner()
    verdict = None
    start = 0
    for cut in [*sorted({min(cut, len(document)) for cut in cuts}), len(document)]:
        verdict = scanner.feed(document[start:cut])
        start = cut
        if verdict is not None:
            break
    assert verdict == whole


def test_prolog_verdicts() -> None:
    assert [_PrologScanner().feed(document) for document in PROLOGS] == [
        "root", "root", "declaration", "declaration", "not xml", "not xml", "root", None,
    ]


# Macros ---------------------------------------------------------------------------------------------------


def test_macro_content_type_alone_is_enough(tmp_path: Path) -> None:
    macro_workbook = (CORPUS / "macro_enabled.xlsm").read_bytes()
    declared = zipfile.ZipFile(io.BytesIO(macro_workbook)).read("[Content_Types].xml")
    path = write(tmp_path, "tracker.xlsm", replace_part(valid_workbook(), "[Content_Types].xml", declared))
    assert [finding.severity for finding in check_workbook(path)] == [Severity.WARNING]


def test_vba_part_alone_is_enough(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(valid_workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/vbaProject.bin", b"\x00" * 16)
    path = write(tmp_path, "tracker.xlsx", buffer.getvalue())
    assert "is macro-enabled" in check_workbook(path)[0].message


# openpyxl and defusedxml ----------------------------------------------------------------------------------


def run_python(code: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**with_source_path(), **environment}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


def test_openpyxl_parses_with_defusedxml() -> None:
    harden_xml_parsing()
    import openpyxl
    from defusedxml import EntitiesForbidden

    with pytest.raises(Exception) as caught:
        openpyxl.load_workbook(CORPUS / "entity_bomb.xlsx")
    assert isinstance(caught.value.__context__, EntitiesForbidden) or isinstance(caught.value, EntitiesForbidden)


def test_hardening_overrides_an_environment_that_turns_defusedxml_off() -> None:
    code = (
        "from boardpack.preflight import harden_xml_parsing\n"
        "harden_xml_parsing()\n"
        "import openpyxl\n"
        "try:\n"
        f"    openpyxl.load_workbook({str(CORPUS / 'entity_bomb.xlsx')!r})\n"
        "except Exception as error:\n"
        "    print(type(error.__context__).__name__)\n"
    )
    finished = run_python(code, OPENPYXL_DEFUSEDXML="False")
    assert finished.stdout.strip() == "EntitiesForbidden", finished.stderr


def test_hardening_too_late_is_an_error() -> None:
    code = (
        "import openpyxl\n"
        "from boardpack.exceptions import TrackerError\n"
        "from boardpack.preflight import harden_xml_parsing\n"
        "try:\n"
        "    harden_xml_parsing()\n"
        "except TrackerError as error:\n"
        "    print(error)\n"
    )
    finished = run_python(code, OPENPYXL_DEFUSEDXML="False")
    assert "openpyxl was loaded without defusedxml" in finished.stdout, finished.stderr

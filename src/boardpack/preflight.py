"""Checks a tracker file before openpyxl parses it.

openpyxl trusts what it is given: it inflates every part a zip directory names and parses every XML part it
finds. These checks look at the file's first bytes and its zip directory first, so a file that is not a
workbook, is damaged, or is hostile is refused with a message the user can act on, quickly and in bounded
memory. No part is ever inflated whole: parts are inflated in small chunks, and only as far as a check needs.
"""

from __future__ import annotations

import codecs
import importlib.util
import os
import stat
import struct
import sys
import zipfile
import zlib
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from boardpack.exceptions import TrackerError
from boardpack.model import CellRef, Finding, Severity

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""The most a workbook may declare it unzips to, all parts together."""
MAX_PARTS = 10_000
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
"""Small parts can compress absurdly well (a blank sheet) and are harmless, so only bigger ones are judged."""
CHUNK_BYTES = 64 * 1024
OLE2_SCAN_BYTES = 1024 * 1024
"""How much of an OLE2 file is searched for encryption stream names when its directory cannot be walked."""

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MACRO_CONTENT_MARKER = "macroenabled"
_MEGABYTE = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ENCRYPTION_STREAMS = ("EncryptedPackage", "EncryptionInfo")
_XML_WHITESPACE = " \t\r\n"

_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")

_NOT_A_WORKBOOK = "is not an Excel workbook (.xlsx)"
_SAVE_AS_XLSX = "use the tracker's .xlsx file, or open it in Excel and save it as an Excel Workbook (.xlsx)"
_DAMAGED = "is damaged (not a readable .xlsx zip); re-save it from Excel"


def harden_xml_parsing() -> None:
    """Make openpyxl parse workbook XML with defusedxml, which refuses entity expansion and external entities.

    openpyxl decides once, when ``openpyxl.xml`` is first imported, by reading ``OPENPYXL_DEFUSEDXML``
    (on unless it is set to anything but ``True``) and checking that defusedxml is installed; it then binds
    defusedxml's ``iterparse``/``fromstring`` into its readers by name. Changing the variable afterwards has
    no effect, so call this before anything imports openpyxl (boardpack's CLI entry point is the place).
    If openpyxl is already loaded, this only verifies it and raises ``TrackerError`` when protection is off.
    """
    # Set, not setdefault: a stray OPENPYXL_DEFUSEDXML=False in someone's shell must not switch protection off.
    os.environ["OPENPYXL_DEFUSEDXML"] = "True"
    loaded = sys.modules.get("openpyxl.xml")
    if loaded is None:
        if importlib.util.find_spec("defusedxml") is None:
            raise TrackerError("cannot read trackers safely: the defusedxml package is missing; install it")
        return
    functions = sys.modules.get("openpyxl.xml.functions")
    parser_module = getattr(getattr(functions, "iterparse", None), "__module__", "defusedxml")
    if not getattr(loaded, "DEFUSEDXML", False) or not parser_module.startswith("defusedxml"):
        raise TrackerError(
            "cannot read trackers safely: openpyxl was loaded without defusedxml; install defusedxml, "
            "unset OPENPYXL_DEFUSEDXML and run again"
        )


def check_workbook(path: Path) -> tuple[Finding, ...]:
    """Refuse a tracker openpyxl must not parse; return warnings about one it may.

    Raises ``TrackerError`` (located at ``CellRef(file=str(path))``) when the file is missing or unreadable,
    is not an .xlsx (an old .xls, a password-protected workbook, CSV, PDF...), is a damaged zip, would unzip
    to more than ``MAX_UNZIPPED_BYTES`` or declares absurd compression, or has XML with entity declarations.
    A macro-enabled workbook is allowed, with a warning.
    """
    harden_xml_parsing()
    where = CellRef(file=str(path))
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise TrackerError("does not exist; check the folder and the file name", where) from None
    except PermissionError:
        raise _unreadable(where) from None
    except OSError as exc:
        raise TrackerError(f"cannot be read ({exc.strerror or exc}); check the file can be opened", where) from None
    if stat.S_ISDIR(status.st_mode):
        raise TrackerError("is a folder, not a workbook; give the path of the tracker's .xlsx file", where)
    if not stat.S_ISREG(status.st_mode):
        raise TrackerError("is not a regular file; give the path of the tracker's .xlsx file", where)
    try:
        with open(path, "rb") as handle:
            return _check_file(handle, os.fstat(handle.fileno()).st_size, where)
    except PermissionError:
        raise _unreadable(where) from None
    except OSError as exc:
        raise TrackerError(f"cannot be read ({exc.strerror or exc}); check the file can be opened", where) from None


def _unreadable(where: CellRef) -> TrackerError:
    return TrackerError(
        "cannot be read (permission denied); close it in any program that has it locked, or ask for read access",
        where,
    )


def _check_file(handle: BinaryIO, size: int, where: CellRef) -> tuple[Finding, ...]:
    magic = handle.read(len(OLE2_MAGIC))
    if magic == OLE2_MAGIC:
        if _ole2_is_encrypted(handle):
            raise TrackerError(
                "is password-protected; remove the password (File › Info › Protect Workbook) and save again", where
            )
        raise TrackerError("is an Excel 97-2003 .xls workbook; open it in Excel and Save As .xlsx", where)
    if not magic.startswith(b"PK"):
        handle.seek(0)
        raise TrackerError(f"{_NOT_A_WORKBOOK}{_describe_other(handle.read(4096))}; {_SAVE_AS_XLSX}", where)
    return _check_zip(handle, size, where)


def _describe_other(head: bytes) -> str:
    """A hint at what the file really is, because trackers are often exports saved under an Excel name."""
    if not head:
        return " (the file is empty)"
    if head.startswith(b"%PDF"):
        return " (it is a PDF)"
    if b"\x00" in head:
        return ""
    lowered = head.lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return " (it is an Excel 2003 XML spreadsheet)"
    if b"<html" in lowered or b"<table" in lowered:
        return " (it is a web page, as some systems export under an Excel name)"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut-off multi-byte character at the end of the sample is still text.
        if exc.start < len(head) - 3:
            return ""
    return " (it is plain text, such as CSV)"


# OLE2 (compound file) -------------------------------------------------------------------------------------


def _ole2_is_encrypted(handle: BinaryIO) -> bool:
    """Whether an OLE2 file is an encrypted OOXML package rather than an old binary workbook.

    Office stores a password-protected .xlsx as an OLE2 file with ``EncryptionInfo`` and ``EncryptedPackage``
    streams. The directory is walked when the header allows; a bounded search of the file's start covers
    files whose header is not standard.
    """
    try:
        if any(name in _ENCRYPTION_STREAMS for name in _ole2_directory_names(handle)):
            return True
    except (struct.error, ValueError):
        pass
    handle.seek(0)
    head = handle.read(OLE2_SCAN_BYTES)
    return any(name.encode("utf-16-le") in head for name in _ENCRYPTION_STREAMS)


def _ole2_directory_names(handle: BinaryIO, max_sectors: int = 256) -> Iterator[str]:
    """Names in an OLE2 directory, following its sector chain through the FAT (header DIFAT only)."""
    handle.seek(0)
    header = handle.read(512)
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if not 7 <= sector_shift <= 16:
        raise ValueError("unusual sector size")
    sector_size = 1 << sector_shift
    difat = struct.unpack_from("<109L", header, 0x4C)
    per_fat_sector = sector_size // 4
    sector = struct.unpack_from("<L", header, 0x30)[0]
    for _ in range(max_sectors):
        if sector >= 0xFFFFFFFA:
            return
        handle.seek((sector + 1) * sector_size)
        block = handle.read(sector_size)
        for offset in range(0, len(block) - 127, 128):
            length = struct.unpack_from("<H", block, offset + 0x40)[0]
            if 2 <= length <= 64:
                yield block[offset : offset + length - 2].decode("utf-16-le", errors="replace")
        fat_index, slot = divmod(sector, per_fat_sector)
        if fat_index >= len(difat) or difat[fat_index] >= 0xFFFFFFFA:
            return
        handle.seek((difat[fat_index] + 1) * sector_size + slot * 4)
        sector = struct.unpack("<L", handle.read(4))[0]


# Zip structure --------------------------------------------------------------------------------------------


def _check_zip(handle: BinaryIO, size: int, where: CellRef) -> tuple[Finding, ...]:
    _check_part_count(handle, size, where)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error,
            NotImplementedError):
        raise TrackerError(_DAMAGED, where) from None
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
    parts = {info.filename.lower(): info for info in infos}
    _require_workbook_parts(parts, where)
    _check_sizes(infos, where)
    for info in infos:
        if info.flag_bits & 0x1:
            raise TrackerError(
                f"is damaged: its part {info.filename} uses zip encryption, which Excel never writes; "
                "re-save it from Excel",
                where,
            )
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES):
            _check_xml_prolog(handle, size, info, where)
    if _is_macro_enabled(handle, size, parts, where):
        return (
            Finding(
                Severity.WARNING,
                "is macro-enabled (.xlsm): boardpack reads its data only and never runs or copies macros",
                where,
            ),
        )
    return ()


def _check_part_count(handle: BinaryIO, size: int, where: CellRef) -> None:
    """Count central-directory records before zipfile builds an object for each one.

    zipfile reads records until it has consumed the directory's declared byte size, whatever entry count
    the end record claims, so a hostile directory of millions of tiny records would exhaust memory there.
    """
    tail_size = min(size, _EOCD.size + 0xFFFF)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    found = tail.rfind(b"PK\x05\x06")
    if found < 0 or found + _EOCD.size > len(tail):
        raise TrackerError(_DAMAGED, where)
    _, _, _, _, entries, directory_size, _, _ = _EOCD.unpack_from(tail, found)
    directory_end = size - tail_size + found
    # As zipfile does, a Zip64 locator just before the end record means the Zip64 record holds the truth.
    locator_at = directory_end - _ZIP64_LOCATOR.size
    if locator_at >= 0:
        handle.seek(locator_at)
        if handle.read(4) == b"PK\x06\x07":
            record_at = locator_at - _ZIP64_EOCD.size
            if record_at < 0:
                raise TrackerError(_DAMAGED, where)
            handle.seek(record_at)
            record = handle.read(_ZIP64_EOCD.size)
            if len(record) < _ZIP64_EOCD.size or record[:4] != b"PK\x06\x06":
                raise TrackerError(_DAMAGED, where)
            fields = _ZIP64_EOCD.unpack(record)
            entries, directory_size = fields[7], fields[8]
            directory_end = record_at
    if entries > MAX_PARTS:
        raise _too_many_parts(where)
    position = directory_end - directory_size
    if position < 0:
        raise TrackerError(_DAMAGED, where)
    count = 0
    while position < directory_end:
        handle.seek(position)
        record = handle.read(_CENTRAL_HEADER.size)
        if len(record) < _CENTRAL_HEADER.size or record[:4] != b"PK\x01\x02":
            raise TrackerError(_DAMAGED, where)
        count += 1
        if count > MAX_PARTS:
            raise _too_many_parts(where)
        name_length, extra_length, comment_length = _CENTRAL_HEADER.unpack(record)[12:15]
        position += _CENTRAL_HEADER.size + name_length + extra_length + comment_length


def _too_many_parts(where: CellRef) -> TrackerError:
    return TrackerError(
        f"has more than {MAX_PARTS:,} parts inside its zip, which no real tracker has; re-save it from Excel", where
    )


def _require_workbook_parts(parts: dict[str, zipfile.ZipInfo], where: CellRef) -> None:
    if "[content_types].xml" in parts and "xl/workbook.xml" in parts:
        return
    if "xl/workbook.bin" in parts:
        raise TrackerError(
            "is an Excel Binary Workbook (.xlsb), not an Excel workbook (.xlsx); "
            "open it in Excel and Save As Excel Workbook (.xlsx)",
            where,
        )
    if "content.xml" in parts and "mimetype" in parts:
        hint = " (it is an OpenDocument file, such as .ods)"
    else:
        missing = "[Content_Types].xml" if "[content_types].xml" not in parts else "xl/workbook.xml"
        hint = f" (it is a zip file without {missing})"
    raise TrackerError(f"{_NOT_A_WORKBOOK}{hint}; {_SAVE_AS_XLSX}", where)


def _check_sizes(infos: Iterable[zipfile.ZipInfo], where: CellRef) -> None:
    """Judge the sizes the central directory declares; nothing is inflated here."""
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_CHECKED_ABOVE_BYTES and info.file_size > MAX_COMPRESSION_RATIO * info.compress_size:
            raise TrackerError(
                f"would unzip its part {info.filename} to {_megabytes(info.file_size)} MB from "
                f"{max(1, round(info.compress_size / 1024)):,} KB, a compression ratio over "
                f"{MAX_COMPRESSION_RATIO}:1 that real workbooks never have; re-save it from Excel",
                where,
            )
    if total > MAX_UNZIPPED_BYTES:
        raise TrackerError(
            f"would unzip to {_megabytes(total)} MB, more than the {_megabytes(MAX_UNZIPPED_BYTES)} MB limit; "
            "if it is a genuine tracker, delete unused sheets and images and save it again",
            where,
        )


def _megabytes(size: int) -> str:
    return f"{size / _MEGABYTE:,.0f}"


# Part contents --------------------------------------------------------------------------------------------


def _inflate(handle: BinaryIO, size: int, info: zipfile.ZipInfo, where: CellRef) -> Generator[bytes, None, None]:
    """A part's bytes in chunks of at most ``CHUNK_BYTES``, failing once they exceed the declared size.

    zipfile would silently cut a part off at its declared size; inflating here instead sees a header that
    lies about the size. Since the declared sizes together are within ``MAX_UNZIPPED_BYTES``, holding each
    part to its own declared size also holds the whole file to the limit.
    """
    if info.header_offset + _LOCAL_HEADER.size > size:
        raise TrackerError(_DAMAGED, where)
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if header[:4] != b"PK\x03\x04":
        raise TrackerError(_DAMAGED, where)
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[10:12]
    handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    if info.compress_type == zipfile.ZIP_STORED:
        inflater = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    else:
        raise TrackerError(
            f"is damaged: its part {info.filename} uses zip compression method {info.compress_type}, "
            "which Excel never writes; re-save it from Excel",
            where,
        )
    unread = info.compress_size
    produced = 0
    finished = False
    while not finished:
        try:
            if inflater is not None and inflater.unconsumed_tail:
                data = inflater.decompress(inflater.unconsumed_tail, CHUNK_BYTES)
            elif unread > 0:
                raw = handle.read(min(CHUNK_BYTES, unread))
                if not raw:
                    raise TrackerError(_DAMAGED, where)
                unread -= len(raw)
                data = raw if inflater is None else inflater.decompress(raw, CHUNK_BYTES)
            else:
                # With all input consumed, what zlib still holds is bounded by its 32 KB window.
                data = b"" if inflater is None else inflater.flush()
                finished = True
        except zlib.error:
            raise TrackerError(_DAMAGED, where) from None
        finished = finished or (inflater is not None and inflater.eof and not inflater.unconsumed_tail)
        produced += len(data)
        if produced > info.file_size:
            raise TrackerError(
                f"is damaged: its part {info.filename} unzips to more than the {info.file_size:,} bytes its zip "
                "directory declares, as zip bombs do; re-save it from Excel",
                where,
            )
        if data:
            yield data


def _text(chunks: Iterator[bytes]) -> Iterator[str]:
    """Decode an XML part as its byte-order mark or first bytes say (XML allows UTF-16 and UTF-32)."""
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= 4:
            break
    encoding, bom_length = _sniff_encoding(head)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    yield decoder.decode(head[bom_length:])
    for chunk in chunks:
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def _sniff_encoding(head: bytes) -> tuple[str, int]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return encoding, len(bom)
    if head[:4] == b"<\x00\x00\x00":
        return "utf-32-le", 0
    if head[:4] == b"\x00\x00\x00<":
        return "utf-32-be", 0
    if len(head) >= 2 and head[0] and not head[1]:
        return "utf-16-le", 0
    if len(head) >= 2 and not head[0] and head[1]:
        return "utf-16-be", 0
    return "utf-8", 0


def _check_xml_prolog(handle: BinaryIO, size: int, info: zipfile.ZipInfo, where: CellRef) -> None:
    """Refuse a part whose prolog declares a document type: that is where entities are declared.

    A DOCTYPE must come before the root element, so reading stops at the root element's start tag; comments
    and processing instructions before it are read through however long they are, in bounded chunks.
    """
    scanner = _PrologScanner()
    chunks = _inflate(handle, size, info, where)
    try:
        for text in _text(chunks):
            verdict = scanner.feed(text)
            if verdict == _PrologScanner.ROOT:
                return
            if verdict == _PrologScanner.DECLARATION:
                raise TrackerError(
                    f"contains XML entity declarations, which Excel never writes (in its part {info.filename}); "
                    "boardpack refuses to read it: re-save the tracker from Excel",
                    where,
                )
            if verdict == _PrologScanner.NOT_XML:
                raise TrackerError(
                    f"is damaged: its part {info.filename} is not XML; re-save it from Excel", where
                )
    finally:
        chunks.close()


class _PrologScanner:
    """Reads an XML prolog fed in pieces, until the root element starts or something else is certain."""

    ROOT = "root"
    DECLARATION = "declaration"
    NOT_XML = "not xml"

    def __init__(self) -> None:
        self._carry = ""
        self._closing = ""

    def feed(self, text: str) -> str | None:
        text = self._carry + text
        self._carry = ""
        index = 0
        while index < len(text):
            if self._closing:
                end = text.find(self._closing, index)
                if end < 0:
                    # Keep enough of the tail to find a terminator split across pieces.
                    self._carry = text[max(index, len(text) - len(self._closing) + 1) :]
                    return None
                index = end + len(self._closing)
                self._closing = ""
                continue
            while index < len(text) and text[index] in _XML_WHITESPACE:
                index += 1
            if index == len(text):
                return None
            if text[index] != "<":
                return self.NOT_XML
            opening = text[index : index + 4]
            if len(opening) < 2 or (opening.startswith("<!") and len(opening) < 4 and "<!--".startswith(opening)):
                self._carry = text[index:]
                return None
            if opening.startswith("<!--"):
                self._closing, index = "-->", index + 4
            elif opening.startswith("<?"):
                self._closing, index = "?>", index + 2
            elif opening.startswith("<!"):
                return self.DECLARATION
            else:
                return self.ROOT
        return None


def _is_macro_enabled(handle: BinaryIO, size: int, parts: dict[str, zipfile.ZipInfo], where: CellRef) -> bool:
    if "xl/vbaproject.bin" in parts:
        return True
    overlap = ""
    chunks = _inflate(handle, size, parts["[content_types].xml"], where)
    try:
        for text in _text(chunks):
            window = overlap + text.lower()
            if MACRO_CONTENT_MARKER in window:
                return True
            overlap = window[-len(MACRO_CONTENT_MARKER) :]
    finally:
        chunks.close()
    return False

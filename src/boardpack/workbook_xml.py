"""The parts of an .xlsx around its cells, read from their XML as openpyxl reads them: where the workbook and its
shared strings are, which sheets there are (hidden or not, chartsheets set aside), and each cell style's number
format. For the fast reader (``fast_reader``), which scans the sheets themselves.

Each part is read with compiled patterns over its bytes, and only in the form spreadsheet programs write it:
UTF-8, elements in the main namespace without a prefix, attributes in double quotes. Anything else raises
``NotCertain``, and the tracker is read by openpyxl instead. No entity is expanded: only XML's five named
entities and character references are known here, and preflight has refused any part declaring a document type.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from boardpack.excel_formats import BUILTIN_FORMATS, FIRST_CUSTOM_FORMAT_ID, shows_date, shows_duration
from boardpack.units import GENERAL


class NotCertain(Exception):
    """The workbook holds something the fast reader cannot be sure to read as openpyxl does."""


MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RELATIONSHIPS_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS_NS = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
_CONTENT_TYPES_NS = b'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"'

_CONTENT_TYPES_PART = "[Content_Types].xml"
_WORKBOOK_PART = "xl/workbook.xml"
_WORKBOOK_RELATIONSHIPS_PART = "xl/_rels/workbook.xml.rels"
_STYLES_PART = "xl/styles.xml"
STRINGS_PART = "xl/sharedStrings.xml"

# In the order openpyxl looks for them.
_WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_WORKSHEET_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_SHEET_HIDDEN = {"visible": False, "hidden": True, "veryHidden": True}

# The part's start: an optional byte-order mark and XML declaration, then the root element's start tag.
_ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:<\?xml([^>]*)\?>)?\s*<([A-Za-z]+)\b([^>]*)>")
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_ATTRIBUTE = re.compile(rb'\s+([A-Za-z_:][\w:.-]*)="([^"]*)"')
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# Characters XML forbids: the XML parser under openpyxl refuses a part holding one.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Style:
    """A cell style's number format: the code openpyxl reports, and whether openpyxl reads a number in it as a
    date, or as a duration."""

    code: str
    date: bool
    duration: bool


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str
    hidden: bool


@dataclass(frozen=True)
class Package:
    sheets: tuple[SheetPart, ...]
    styles: tuple[Style, ...]
    shared_strings: bytes | None


def read_package(archive: zipfile.ZipFile) -> Package:
    names = set(archive.namelist())
    has_strings = _check_content_types(archive, names)
    sheets = _sheets(archive, names)
    styles = _styles(part(archive, _STYLES_PART, b"styleSheet", MAIN_NS)[0])
    strings = part(archive, STRINGS_PART, b"sst", MAIN_NS)[0] if has_strings else None
    return Package(sheets, styles, strings)


def part(archive: zipfile.ZipFile, name: str, root: bytes, *declarations: bytes) -> tuple[bytes, dict[bytes, bytes]]:
    """A part's bytes and its root element's attributes, once its encoding is UTF-8 and its root element the one
    expected, unprefixed and declaring ``declarations``."""
    data = archive.read(name)
    found = _ROOT.match(data)
    if found is None or found[2] != root or any(d not in found[3] for d in declarations):
        raise NotCertain(f"{name}: root element")
    encoding = _DECLARED_ENCODING.search(found[1] or b"")
    if encoding is not None and encoding[1].lower() not in (b"utf-8", b"utf8"):
        raise NotCertain(f"{name}: encoding")
    return data, attributes(found[3])


def _check_content_types(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """That the workbook and its shared strings are where openpyxl and calamine both look for them; whether there
    are shared strings."""
    data = part(archive, _CONTENT_TYPES_PART, b"Types", _CONTENT_TYPES_NS)[0]
    overrides = [attributes(tag) for tag in re.findall(rb"<Override\b([^>]*)>", data)]
    typed = [(text(o.get(b"ContentType", b""), attribute=True), text(o.get(b"PartName", b""), attribute=True))
             for o in overrides]
    defaults = {text(attributes(tag).get(b"ContentType", b""), attribute=True)
                for tag in re.findall(rb"<Default\b([^>]*)>", data)}
    workbook = next((name for kind in _WORKBOOK_TYPES for t, name in typed if t == kind), None)
    if workbook is None and defaults & set(_WORKBOOK_TYPES):
        workbook = "/" + _WORKBOOK_PART
    if workbook != "/" + _WORKBOOK_PART:
        raise NotCertain("workbook part")
    strings = next((name for t, name in typed if t == _STRINGS_TYPE), None)
    if strings is None:
        if STRINGS_PART in names:
            raise NotCertain("shared strings calamine reads and openpyxl does not")
        return False
    if strings != "/" + STRINGS_PART or STRINGS_PART not in names:
        raise NotCertain("shared strings part")
    return True


def _sheets(archive: zipfile.ZipFile, names: set[str]) -> tuple[SheetPart, ...]:
    """The worksheets in workbook order, chartsheets set aside as openpyxl's ``worksheets`` sets them aside."""
    data, root = part(archive, _WORKBOOK_PART, b"workbook", MAIN_NS)
    for tag in re.findall(rb"<workbookPr\b([^>]*)>", data):
        if attributes(tag).get(b"date1904", b"0") not in (b"0", b"false"):
            raise NotCertain("1904 date system")
    block = re.findall(rb"<sheets>(.*?)</sheets>", data, re.DOTALL)
    if len(block) != 1:
        raise NotCertain("sheets")
    relationships = _relationships(archive)
    sheets = []
    for tag in re.findall(rb"<sheet\b([^>]*)>", block[0]):
        found = attributes(tag)
        # The r: of r:id must name the relationships namespace, declared on the root (as Excel writes it) or on
        # the sheet (as openpyxl writes it).
        if found.get(b"xmlns:r", root.get(b"xmlns:r")) != _RELATIONSHIPS_NS:
            raise NotCertain("relationships namespace")
        kind, target = relationships[text(found[b"r:id"], attribute=True)]
        if "chartsheet" in kind:
            continue
        if kind != _WORKSHEET_RELATIONSHIP or target not in names:
            raise NotCertain("sheet part")
        hidden = _SHEET_HIDDEN[text(found.get(b"state", b"visible"), attribute=True)]
        sheets.append(SheetPart(text(found[b"name"], attribute=True), target, hidden))
    if len({sheet.name for sheet in sheets}) != len(sheets):
        raise NotCertain("sheet names repeated")
    return tuple(sheets)


def _relationships(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Each relationship's type and the part it names, resolved against xl/ as openpyxl resolves it."""
    data = part(archive, _WORKBOOK_RELATIONSHIPS_PART, b"Relationships", _PACKAGE_RELATIONSHIPS_NS)[0]
    found = {}
    for tag in re.findall(rb"<Relationship\b([^>]*)>", data):
        relationship = attributes(tag)
        if relationship.get(b"TargetMode", b"Internal") != b"Internal":
            continue
        target = text(relationship[b"Target"], attribute=True)
        resolved = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        found[text(relationship[b"Id"], attribute=True)] = (text(relationship[b"Type"], attribute=True), resolved)
    return found


def _styles(data: bytes) -> tuple[Style, ...]:
    """Each cell style's number format, as openpyxl resolves the format id the style names: the workbook's own
    format of that id, else the built-in one (General for an id Excel has none for)."""
    custom: dict[int, str] = {}
    blocks = re.findall(rb"<numFmts\b[^>]*?(?:/>|>(.*?)</numFmts>)", data, re.DOTALL)
    if len(blocks) > 1:
        raise NotCertain("numFmts")
    for tag in re.findall(rb"<numFmt\b([^>]*)>", blocks[0] if blocks else b""):
        found = attributes(tag)
        custom[_format_id(found[b"numFmtId"])] = text(found[b"formatCode"], attribute=True)
    blocks = re.findall(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", data, re.DOTALL)
    if len(blocks) != 1:
        raise NotCertain("cellXfs")
    styles = []
    for tag in re.findall(rb"<xf\b([^>]*?)/?>", blocks[0]):
        number = _format_id(attributes(tag).get(b"numFmtId", b"0"))
        code = custom.get(number)
        if code is None:
            if number >= FIRST_CUSTOM_FORMAT_ID:
                raise NotCertain("undeclared number format")
            code = BUILTIN_FORMATS.get(number)
            styles.append(Style(code or GENERAL, shows_date(code), shows_duration(code)))
        else:
            styles.append(Style(code, shows_date(code), shows_duration(code)))
    if not styles:
        raise NotCertain("no cell styles")
    return tuple(styles)


def _format_id(raw: bytes) -> int:
    if not raw.isdigit():
        raise NotCertain("number format id")
    return int(raw)


def attributes(inside: bytes) -> dict[bytes, bytes]:
    """A start tag's attributes (``inside`` is what follows its name), each written name="value"."""
    found = {}
    at = 0
    for attribute in _ATTRIBUTE.finditer(inside):
        if attribute.start() != at:
            raise NotCertain("attribute")
        found[attribute[1]] = attribute[2]
        at = attribute.end()
    if inside[at:].strip() not in (b"", b"/"):
        raise NotCertain("attribute")
    return found


def text(raw: bytes, *, attribute: bool = False) -> str:
    """XML character data, or an attribute's value, as an XML parser gives it: line breaks normalised, references
    replaced."""
    value = raw.decode("utf-8")
    if attribute and any(c in value for c in "\t\n\r"):
        # A parser turns them into spaces in an attribute; sheet names and format codes hardly ever hold one.
        raise NotCertain("whitespace in attribute")
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _FORBIDDEN_CHARACTERS.search(value):
        raise NotCertain("character XML forbids")
    if "&" in value:
        if value.count("&") != sum(1 for _ in _REFERENCE.finditer(value)):
            raise NotCertain("entity other than XML's own")
        value = _REFERENCE.sub(_referenced, value)
    return value


def _referenced(found: re.Match[str]) -> str:
    if found[1]:
        return _NAMED_ENTITIES[found[1]]
    code = int(found[2]) if found[2] else int(found[3], 16)
    character = chr(code) if code <= 0x10FFFF else "\x00"
    if _FORBIDDEN_CHARACTERS.match(character) or 0xD800 <= code <= 0xDFFF:
        raise NotCertain("character reference XML forbids")
    return character

"""Rebuild the fault corpus: one tiny file per way a tracker can be unusable.

Run ``python tests/corpus/generate.py`` from the repository root after changing a fault; the files are
committed so tests do not depend on this script, and each stays well under 50 KB.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def small_workbook() -> bytes:
    """A normal workbook as openpyxl writes it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.append(["Ref", "Indicator", "Apr-19"])
    sheet.append(["CP1", "Visits up to date", 0.934])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(workbook: bytes, change: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> bytes:
    """Copy a workbook's zip, replacing or dropping parts (``None``) and appending new ones."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = change.get(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def compound_file(streams: list[str]) -> bytes:
    """A minimal, well-formed OLE2 compound file: header, one FAT sector, one directory sector of empty streams."""
    if len(streams) > 3:
        raise ValueError("one 512-byte directory sector holds the root and three streams")
    header = bytearray(512)
    header[0:8] = OLE2_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<LLLLLLLL", header, 0x2C, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    struct.pack_into("<109L", header, 0x4C, 0, *([FREE] * 108))
    fat = struct.pack("<128L", FAT_SECTOR, END_OF_CHAIN, *([FREE] * 126))
    names = ["Root Entry", *streams]
    directory = bytearray(512)
    for index in range(4):
        entry = bytearray(128)
        struct.pack_into("<LLL", entry, 0x44, NO_STREAM, NO_STREAM, NO_STREAM)
        if index < len(names):
            encoded = names[index].encode("utf-16-le") + b"\x00\x00"
            entry[: len(encoded)] = encoded
            # Root (type 5) points at the first stream; each stream (type 2) at the next as its right sibling.
            kind = 5 if index == 0 else 2
            struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)
            sibling = index + 1 if 0 < index < len(names) - 1 else NO_STREAM
            child = 1 if index == 0 and len(names) > 1 else NO_STREAM
            struct.pack_into("<LLL", entry, 0x44, NO_STREAM, sibling, child)
            struct.pack_into("<LQ", entry, 0x74, END_OF_CHAIN, 0)
        directory[index * 128 : (index + 1) * 128] = entry
    return bytes(header) + fat + bytes(directory)


ENTITY_PROLOG = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
"""


def entity_bomb() -> bytes:
    """A real workbook whose sheet declares nested entities and uses one in a cell."""
    workbook = small_workbook()
    sheet = zipfile.ZipFile(io.BytesIO(workbook)).read("xl/worksheets/sheet1.xml")
    body = sheet.split(b"?>", 1)[-1].lstrip()
    cell = b'<row r="9"><c r="A9" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
    body = body.replace(b"<sheetData>", b"<sheetData>" + cell, 1)
    return rewrite(workbook, {"xl/worksheets/sheet1.xml": ENTITY_PROLOG + body})


def macro_enabled() -> bytes:
    """A normal workbook declared macro-enabled, with a stand-in VBA project."""
    workbook = small_workbook()
    source = zipfile.ZipFile(io.BytesIO(workbook))
    types = source.read("[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    types = types.replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    )
    relationships = source.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        b'Target="vbaProject.bin"/></Relationships>',
    )
    return rewrite(
        workbook,
        {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": relationships},
        {"xl/vbaProject.bin": OLE2_MAGIC + b"not a real VBA project"},
    )


def build() -> dict[str, bytes]:
    workbook = small_workbook()
    return {
        "not_a_workbook.xlsx": b"Ref,Indicator,Apr-19\r\nCP1,Visits up to date,93.4%\r\n",
        "old_format.xls": compound_file(["Workbook"]),
        "password_protected.xlsx": compound_file(["EncryptionInfo", "EncryptedPackage"]),
        "corrupt.xlsx": workbook[: len(workbook) // 2],
        "entity_bomb.xlsx": entity_bomb(),
        "macro_enabled.xlsm": macro_enabled(),
        "valid.xlsx": workbook,
    }


def main() -> None:
    for name, data in build().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()

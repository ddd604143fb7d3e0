"""Reading a tagged PDF back: its structure tree, and the text of each marked-content sequence on each page.

The text is decoded through each font's ToUnicode map, as a screen reader would get it, so a test can compare
the text reached through the structure tree with the text drawn on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """Byte code to text, from the font's ToUnicode CMap (single-byte fonts, as boardpack writes)."""
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    data = cmap.read_bytes()
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, target in _ENTRY.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in _RANGE.findall(block):
            first = int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


@dataclass
class PageText:
    """What one page draws: text by MCID in drawing order, artifact text, and text outside any marking."""

    marked: dict[int, str] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)


def page_text(page: pikepdf.Page) -> PageText:
    found = PageText()
    _read(page.obj, pikepdf.parse_content_stream(page), page.obj.get("/Resources", pikepdf.Dictionary()), [], found)
    return found


def _read(owner, instructions, resources, stack: list, found: PageText) -> None:
    fonts: dict[str, dict[int, str]] = {}
    decode: dict[int, str] = {}
    for operands, operator in instructions:
        op = str(operator)
        if op == "BDC":
            properties = operands[1]
            if isinstance(properties, pikepdf.Name):
                properties = resources.Properties[properties]
            if str(operands[0]) == "/Artifact":
                stack.append(("artifact", None))
            elif "/MCID" in properties:
                mcid = int(properties.MCID)
                found.order.append(mcid)
                found.marked.setdefault(mcid, "")
                stack.append(("mcid", mcid))
            else:
                stack.append(("other", None))
        elif op == "BMC":
            stack.append(("artifact" if str(operands[0]) == "/Artifact" else "other", None))
        elif op == "EMC":
            stack.pop()
        elif op == "Tf":
            name = str(operands[0])
            if name not in fonts:
                fonts[name] = unicode_map(resources.Font[name])
            decode = fonts[name]
        elif op in ("Tj", "'", '"', "TJ"):
            strings = operands[0] if op == "TJ" else [operands[-1]]
            text = "".join(decode.get(byte, "\ufffd") for s in strings if isinstance(s, pikepdf.String)
                           for byte in bytes(s))
            _add(text, stack, found)
        elif op == "Do":
            xobject = resources.XObject[str(operands[0])]
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                _read(xobject, pikepdf.parse_content_stream(xobject),
                      xobject.get("/Resources", resources), stack, found)


def _add(text: str, stack: list, found: PageText) -> None:
    kinds = [kind for kind, _ in stack]
    if "artifact" in kinds:
        found.artifacts.append(text)
    elif "mcid" in kinds:
        mcid = next(value for kind, value in reversed(stack) if kind == "mcid")
        found.marked[mcid] += text
    else:
        found.unmarked.append(text)


@dataclass
class Element:
    role: str
    obj: pikepdf.Dictionary
    kids: list  # Element or (page index, mcid)
    parent: Element | None = None

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()

    def content(self) -> list[tuple[int, int]]:
        """Every (page, mcid) under this element, in order."""
        found = []
        for kid in self.kids:
            found += kid.content() if isinstance(kid, Element) else [kid]
        return found

    def children(self, role: str | None = None) -> list[Element]:
        return [kid for kid in self.kids if isinstance(kid, Element) and (role is None or kid.role == role)]

    def attribute(self, key: str):
        attributes = self.obj.get("/A")
        if attributes is None:
            return None
        for block in (attributes if isinstance(attributes, pikepdf.Array) else [attributes]):
            if key in block:
                return block[key]
        return None


class TaggedPdf:
    def __init__(self, path) -> None:
        self.pdf = pikepdf.open(path)
        self.page_index = {page.obj.objgen: index for index, page in enumerate(self.pdf.pages)}
        self.pages = [page_text(page) for page in self.pdf.pages]
        root = self.pdf.Root.StructTreeRoot
        kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        (self.document,) = [self._element(kid, None) for kid in kids]

    def _element(self, obj, parent: Element | None) -> Element:
        element = Element(str(obj.S)[1:], obj, [], parent)
        page = self.page_index[obj.Pg.objgen] if "/Pg" in obj else None
        kids = obj.get("/K")
        kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, int):
                element.kids.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                where = self.page_index[kid.Pg.objgen] if "/Pg" in kid else page
                element.kids.append((where, int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                element.kids.append(self._element(kid, element))
        return element

    def text(self, element: Element) -> str:
        return "".join(self.pages[page].marked.get(mcid, "") for page, mcid in element.content())

    def elements(self, role: str) -> list[Element]:
        return [element for element in self.document.walk() if element.role == role]

    def drawn_order(self) -> list[tuple[int, int]]:
        """Every marked-content sequence, page by page, in the order it is drawn."""
        return [(index, mcid) for index, page in enumerate(self.pages) for mcid in page.order]

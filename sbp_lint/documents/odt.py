"""OpenDocument text (.odt) to blocks: zipfile + lxml over content.xml and styles.xml.

Not odfpy: it is GPL/LGPL/Apache tri-licensed, and its ``getElementsByType``
returns paragraphs out of document order. Numbering follows the Word reader:
``line`` is the paragraph number (body first, then headers and footers) and
``column`` the character offset plus one. Tracked deletions (kept apart in
``text:tracked-changes``), comments and notes are not the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..errors import DocumentError
from .base import Block, TableLabels, style_chain
from .safezip import XmlBudget, open_zip, parse_xml, part_name, read_member

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
}
WHAT = "OpenDocument .odt"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


TEXT_P, TEXT_H = _q("text:p"), _q("text:h")
_SKIP = {_q(n) for n in ("text:tracked-changes", "office:annotation", "text:note", "draw:frame", "text:sequence-decls",
                         "office:forms", "text:bookmark-ref", "office:annotation-end")}
_ROW_GROUPS = {_q(n) for n in ("table:table-header-rows", "table:table-rows", "table:table-row-group")}
_DESCEND = {_q(n) for n in ("text:section", "text:list", "text:list-item", "text:list-header", "text:index-body",
                            "text:table-of-content", "text:alphabetical-index")}


@dataclass
class _Para:
    text: str
    style: str | None
    level: int | None  # outline level of a text:h
    table: tuple[int, int, int] | None
    list_item: bool
    row_cells: int = 0


def _text(element) -> str:
    """Visible text of a paragraph: spans, links and fields in order; text:s, text:tab and line breaks as spaces."""
    out: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIP:
            if tag == _q("text:s"):
                out.append(" " * _count(child.get(_q("text:c"))))
            elif tag in (_q("text:tab"), _q("text:line-break")):
                out.append(" ")
            else:
                out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _count(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


class _Walk:
    def __init__(self) -> None:
        self.tables = 0

    def container(self, element, table=None, in_list=False, row_cells=0) -> Iterator[_Para]:
        for child in element:
            tag = child.tag
            if tag in (TEXT_P, TEXT_H):
                level = _count(child.get(_q("text:outline-level"))) if tag == TEXT_H else None
                yield _Para(_text(child), child.get(_q("text:style-name")), level, table, in_list, row_cells)
            elif tag == _q("table:table"):
                yield from self._table(child)
            elif tag in _DESCEND:
                yield from self.container(child, table, in_list or tag == _q("text:list"), row_cells)

    def _table(self, element) -> Iterator[_Para]:
        self.tables += 1
        index = self.tables
        for row_number, row in enumerate(_rows(element), start=1):
            cells = [c for c in row if c.tag == _q("table:table-cell")]
            for cell_number, cell in enumerate(cells, start=1):
                yield from self.container(cell, (index, row_number, cell_number), row_cells=len(cells))


def _rows(element) -> Iterator:
    for child in element:
        if child.tag == _q("table:table-row"):
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


class _Styles:
    """Paragraph styles by name: their parents, display names and default outline levels."""

    def __init__(self, *roots) -> None:
        self.parent: dict[str, str] = {}
        self.display: dict[str, str] = {}
        self.outline: dict[str, int] = {}
        for root in roots:
            if root is None:
                continue
            for style in root.iter(_q("style:style")):
                name = style.get(_q("style:name"))
                if not name:
                    continue
                if style.get(_q("style:parent-style-name")):
                    self.parent[name] = style.get(_q("style:parent-style-name"))
                self.display[name] = (style.get(_q("style:display-name")) or name.replace("_20_", " ")).lower()
                if style.get(_q("style:default-outline-level")):
                    self.outline[name] = _count(style.get(_q("style:default-outline-level")))

    def chain(self, name: str | None) -> Iterator[str]:
        return style_chain(name, self.parent)

    def heading_level(self, para: _Para) -> int | None:
        if para.level is not None:
            return para.level
        for name in self.chain(para.style):
            if self.display.get(name, name.lower()) == "title":
                return 0
            if name in self.outline:
                return self.outline[name]
        return None

    def is_quote(self, para: _Para) -> bool:
        return any(self.display.get(n, n.lower()) in ("quotations", "quote") for n in self.chain(para.style))


def read_odt(data: bytes, path: str) -> list[Block]:
    archive = open_zip(data, path, WHAT, ".doc or .sxw")
    with archive:
        mimetype = read_member(archive, "mimetype", path, WHAT)
        if mimetype is not None and not mimetype.strip().startswith(b"application/vnd.oasis.opendocument.text"):
            raise DocumentError(f"not an {WHAT} file (it is {part_name(mimetype.decode('ascii', 'replace').strip())})", path)
        manifest = read_member(archive, "META-INF/manifest.xml", path, WHAT) or b""
        if b"encryption-data" in manifest:  # ODF keeps the zip but encrypts each part
            raise DocumentError("password-protected document: remove the password (File > Properties) and save it again", path)
        budget = XmlBudget(path)
        raw = budget.take(read_member(archive, "content.xml", path, WHAT))
        if raw is None:
            raise DocumentError(f"not an {WHAT} file (it has no content.xml)", path)
        content = parse_xml(raw, "content.xml", path, WHAT)
        styles_raw = budget.take(read_member(archive, "styles.xml", path, WHAT))
        styles_root = parse_xml(styles_raw, "styles.xml", path, WHAT) if styles_raw else None
    styles = _Styles(styles_root, content)
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    labels = TableLabels()
    number = 0
    body = content.find(f"{_q('office:body')}/{_q('office:text')}")
    for para in (_Walk().container(body) if body is not None else ()):
        if not para.text.strip():
            continue
        number += 1
        level = styles.heading_level(para)
        kind = "heading" if level is not None else "table_cell" if para.table else "list_item" if para.list_item else "paragraph"
        block = Block(kind=kind, quoted=styles.is_quote(para))
        block.add(para.text, number, 1)
        block.section = tuple(h[1] for h in headings if level is None or h[0] < level)
        if level is not None:
            headings = [h for h in headings if h[0] < level] + [(level, para.text.strip())]
        block.location = "table {}, row {}, cell {}".format(*para.table) if para.table else f"paragraph {number}"
        if para.table:
            block.column_header = labels.label(para.table, para.row_cells, para.text)
        blocks.append(block)
    seen: set[str] = set()
    for where, element in _page_furniture(styles_root):
        for para in _Walk().container(element):
            if not para.text.strip() or para.text in seen:
                continue
            seen.add(para.text)
            number += 1
            block = Block(kind="paragraph", location=where)
            block.add(para.text, number, 1)
            blocks.append(block)
    return blocks


def _page_furniture(styles_root) -> Iterator[tuple[str, object]]:
    if styles_root is None:
        return
    for page in styles_root.iter(_q("style:master-page")):
        for child in page:
            local = child.tag.rsplit("}", 1)[-1]
            if local.startswith(("header", "footer")) and not local.endswith("-style"):
                yield local.split("-")[0], child

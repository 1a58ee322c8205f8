"""Word .docx to blocks: zipfile + lxml over the document's XML parts.

About 20 times faster than python-docx, and it sees what python-docx's
``paragraph.text`` misses: text in content controls (``w:sdt``, which council
templates use for their form fields) and tracked insertions (``w:ins``).
Tracked deletions (``w:delText``, ``w:del``, ``w:moveFrom``), field codes and
unfilled content-control placeholders are not the document's text and are
skipped.

Each paragraph with text is one block. Its ``line`` is the paragraph number
(1-based, body order, table cells included; headers, footers, footnotes and
endnotes are numbered after the body) and its ``column`` is the character
offset in the paragraph plus one, so JSON and SARIF ``line`` is the paragraph
number. ``Block.location`` says where in Word terms ("paragraph 12",
"table 1, row 2, cell 3", "header").

The same walker (``body_paragraphs``) runs over python-docx's tree when
``sbp-lint annotate`` places comments, so numbering and offsets agree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..errors import DocumentError
from .base import Block, TableLabels, style_chain
from .safezip import XmlBudget, open_zip, parse_xml, read_member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WHAT = "Word .docx"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, T, TBL, TR, TC, SDT, SDT_CONTENT, SDT_PR = w("p"), w("t"), w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent"), w("sdtPr")
TXBX = w("txbxContent")
FALLBACK = f"{{{MC}}}Fallback"
PPR, PSTYLE, OUTLINE, NUMPR, VAL = w("pPr"), w("pStyle"), w("outlineLvl"), w("numPr"), w("val")
# Stand for one character of text.
_AS_SPACE = {w("tab"), w("ptab"), w("br"), w("cr")}
_AS_HYPHEN = {w("noBreakHyphen")}
# Never the visible text: properties, deletions, field codes, drawings (text boxes are walked separately), notes' marks.
_SKIP = {w(t) for t in ("pPr", "rPr", "sdtPr", "sdtEndPr", "del", "moveFrom", "delText", "instrText", "delInstrText",
                         "drawing", "pict", "object", "fldData", "footnoteReference", "endnoteReference", "commentReference",
                         "annotationRef", "footnoteRef", "endnoteRef", "separator", "continuationSeparator")}
_SKIP.add(f"{{{MC}}}AlternateContent")
_CONTAINERS_OF_ROWS = {SDT, SDT_CONTENT, w("customXml"), w("ins"), w("moveTo")}
_PASS_THROUGH = {w("customXml"), w("ins"), w("moveTo"), SDT_CONTENT}  # block-level wrappers of paragraphs
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$")
_HEADING_ID = re.compile(r"^heading([1-9])$", re.I)
_QUOTE_NAMES = {"quote", "intense quote"}
# Word's built-in style ids in English templates (lower case) -> (heading level, is a quote).
_BUILTIN: dict[str, tuple[int | None, bool]] = {
    "title": (0, False), **{f"heading{n}": (n, False) for n in range(1, 10)},
    "quote": (None, True), "intensequote": (None, True),
    **{name: (None, False) for name in ("normal", "listparagraph", "listbullet", "listbullet2", "listnumber",
                                        "listnumber2", "bodytext", "nospacing", "subtitle", "caption", "header",
                                        "footer", "footnotetext", "endnotetext", "commenttext", "tableparagraph",
                                        "normalweb", "tablegrid", "tocheading", "toc1", "toc2", "toc3")},
}


@dataclass
class Piece:
    """Part of a paragraph's text and the element it comes from (a ``w:t``, or a tab or break)."""

    element: object
    start: int
    text: str


@dataclass
class Paragraph:
    element: object  # the w:p
    text: str
    pieces: list[Piece]
    table: tuple[int, int, int] | None = None  # (table, row, cell), 1-based
    row_cells: int = 0  # cells in this paragraph's table row
    in_text_box: bool = False

    @functools.cached_property
    def _properties(self) -> tuple[str | None, int | None, bool]:
        """(style id, own outline level, is a list item), from one look at ``w:pPr``."""
        # w:pPr comes first in a paragraph; plain iteration is much cheaper than lxml's find() here.
        ppr = next(iter(self.element), None)
        if ppr is None or ppr.tag != PPR:
            return None, None, False
        style = level = None
        numbered = False
        for child in ppr:
            tag = child.tag
            if tag == PSTYLE:
                style = child.get(VAL)
            elif tag == OUTLINE:
                level = _int(child.get(VAL))
            elif tag == NUMPR:
                numbered = True
        return style, level, numbered

    @property
    def style_id(self) -> str | None:
        return self._properties[0]

    @property
    def own_outline_level(self) -> int | None:
        return self._properties[1]

    @property
    def is_list_item(self) -> bool:
        return self._properties[2]


# -- walking the XML ------------------------------------------------------------

def _is_placeholder(sdt) -> bool:
    """An unfilled content control shows its prompt ("Click or tap here to enter text."), not the user's text."""
    props = sdt.find(SDT_PR)
    return props is not None and props.find(w("showingPlcHdr")) is not None


def paragraph_pieces(p) -> list[Piece]:
    pieces: list[Piece] = []
    offset = 0

    def visit(element) -> None:
        nonlocal offset
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == T:
                text = child.text or ""
                if text:
                    pieces.append(Piece(child, offset, text))
                    offset += len(text)
            elif tag in _AS_SPACE or tag in _AS_HYPHEN:
                pieces.append(Piece(child, offset, "-" if tag in _AS_HYPHEN else " "))
                offset += 1
            elif tag == SDT and _is_placeholder(child):
                continue
            elif tag != P:  # runs, hyperlinks, insertions, inline content controls, fields, smart tags
                visit(child)

    visit(p)
    return pieces


class _Walk:
    """Paragraphs of one part in reading order, with their table positions."""

    def __init__(self) -> None:
        self.tables = 0

    def container(self, element, table: tuple[int, int, int] | None = None, row_cells: int = 0) -> Iterator[Paragraph]:
        for child in element:
            tag = child.tag
            if tag == P:
                pieces = paragraph_pieces(child)
                yield Paragraph(child, "".join(p.text for p in pieces), pieces, table, row_cells)
                yield from self._text_boxes(child)
            elif tag == TBL:
                yield from self._table(child)
            elif tag == SDT:
                if not _is_placeholder(child):
                    content = child.find(SDT_CONTENT)
                    if content is not None:
                        yield from self.container(content, table, row_cells)
            elif tag in _PASS_THROUGH:
                yield from self.container(child, table, row_cells)

    def _table(self, tbl) -> Iterator[Paragraph]:
        self.tables += 1
        index = self.tables
        for row_number, row in enumerate(_children(tbl, TR), start=1):
            cells = list(_children(row, TC))
            for cell_number, cell in enumerate(cells, start=1):
                yield from self.container(cell, (index, row_number, cell_number), len(cells))

    def _text_boxes(self, p) -> Iterator[Paragraph]:
        # Text boxes live inside a run's drawing; mc:Fallback repeats them for old readers, so skip it.
        for box in p.iter(TXBX):
            between = []
            for ancestor in box.iterancestors():
                if ancestor is p:
                    break
                between.append(ancestor.tag)
            if FALLBACK in between or TXBX in between:  # a repeat for old readers, or a box in a box (walked there)
                continue
            for para in self.container(box):
                para.in_text_box = True
                yield para


def _children(element, tag: str) -> Iterator:
    """Direct children with ``tag``, looking through content controls and custom XML that wrap rows or cells."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS_OF_ROWS:
            yield from _children(child, tag)


def body_paragraphs(document_root) -> list[Paragraph]:
    """Paragraphs of ``word/document.xml`` that have text, in reading order (paragraph N is item N-1)."""
    return list(iter_body_paragraphs(document_root))


def iter_body_paragraphs(document_root) -> Iterator[Paragraph]:
    """``body_paragraphs`` one at a time. The reader keeps no paragraph (nor its pieces and element proxies)
    once its block is made: for a document of many short paragraphs that is a third of the reader's memory."""
    body = document_root.find(w("body"))
    if body is not None:
        yield from (p for p in _Walk().container(body) if p.text.strip())


# -- styles: which paragraphs are headings or quotes ------------------------------

@dataclass
class Styles:
    names: dict[str, str] = field(default_factory=dict)  # style id -> lower-case name
    based_on: dict[str, str] = field(default_factory=dict)
    outline: dict[str, int] = field(default_factory=dict)  # style id -> outline level (0 = level 1)
    _levels: dict[str | None, int | None] = field(default_factory=dict)  # answers, per style id
    _quotes: dict[str | None, bool] = field(default_factory=dict)
    # styles.xml is read only when a paragraph uses a style that is not one of Word's built-in ids: it can be
    # 350 KB, and parsing it would cost most of a small document's reading time.
    load: Callable[[], object] | None = None

    @classmethod
    def parse(cls, root) -> "Styles":
        styles = cls()
        if root is None:
            return styles
        style_tag, id_attr, name_tag, based_tag = w("style"), w("styleId"), w("name"), w("basedOn")
        for style in root.iter(style_tag):
            style_id = style.get(id_attr)
            if not style_id:
                continue
            name = style.find(name_tag)
            if name is not None and name.get(VAL):
                styles.names[style_id] = name.get(VAL).strip().lower()
            base = style.find(based_tag)
            if base is not None and base.get(VAL):
                styles.based_on[style_id] = base.get(VAL)
            ppr = style.find(PPR)
            level = ppr.find(OUTLINE) if ppr is not None else None
            if level is not None and _int(level.get(VAL)) is not None:
                styles.outline[style_id] = _int(level.get(VAL))
        return styles

    def _chain(self, style_id: str | None) -> Iterator[str]:
        return style_chain(style_id, self.based_on)

    def heading_level(self, para: Paragraph) -> int | None:
        """0 for Title, 1-9 for Heading 1-9 (by style name, style id or outline level), else None."""
        own = para.own_outline_level
        if own is not None:
            return own + 1 if own < 9 else None
        style_id = para.style_id
        if style_id not in self._levels:
            builtin = _BUILTIN.get(style_id.lower()) if style_id else (None, False)
            self._levels[style_id] = builtin[0] if builtin else self._loaded()._style_level(style_id)
        return self._levels[style_id]

    def _loaded(self) -> "Styles":
        if self.load is not None:
            load, self.load = self.load, None
            parsed = Styles.parse(load())
            self.names, self.based_on, self.outline = parsed.names, parsed.based_on, parsed.outline
        return self

    def _style_level(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            name = self.names.get(style, "")
            if name == "title" or (not name and style.lower() == "title"):
                return 0
            match = _HEADING_NAME.match(name) or (None if name else _HEADING_ID.match(style))
            if match:
                return int(match.group(1))
            if style in self.outline:
                level = self.outline[style]
                return level + 1 if level < 9 else None
        return None

    def is_quote(self, para: Paragraph) -> bool:
        style_id = para.style_id
        if style_id not in self._quotes:
            builtin = _BUILTIN.get(style_id.lower()) if style_id else (None, False)
            self._quotes[style_id] = builtin[1] if builtin else any(
                self.names.get(s, s.lower()) in _QUOTE_NAMES for s in self._loaded()._chain(style_id))
        return self._quotes[style_id]


# -- the reader ----------------------------------------------------------------------

def _part_number(name: str) -> int:
    digits = re.findall(r"\d+", name)
    return int(digits[-1]) if digits else 0


def read_docx(data: bytes, path: str) -> list[Block]:
    archive = open_zip(data, path, WHAT, ".doc")
    budget = XmlBudget(path)  # every part parsed counts: memory grows with the XML, whichever part holds it
    with archive:
        document_xml = budget.take(read_member(archive, "word/document.xml", path, WHAT))
        if document_xml is None:
            raise DocumentError(f"not a {WHAT} file (it has no word/document.xml)", path)
        root = parse_xml(document_xml, "word/document.xml", path, WHAT)
        document_xml = None  # the tree has it all; do not hold the bytes too while walking
        def load_styles():
            raw = budget.take(read_member(archive, "word/styles.xml", path, WHAT))
            return parse_xml(raw, "word/styles.xml", path, WHAT) if raw else None

        builder = _Builder(Styles(load=load_styles))
        for para in iter_body_paragraphs(root):
            builder.body(para)
        root = None  # blocks hold no elements: free the body's tree before headers and notes are parsed
        names = archive.namelist()
        for kind in ("header", "footer"):
            parts = sorted((n for n in names if re.fullmatch(rf"word/{kind}\d*\.xml", n)), key=_part_number)
            for name in parts:
                part = parse_xml(budget.take(read_member(archive, name, path, WHAT)), name, path, WHAT)
                builder.extra(_Walk().container(part), kind)
        for kind in ("footnote", "endnote"):
            raw = budget.take(read_member(archive, f"word/{kind}s.xml", path, WHAT))
            if raw is None:
                continue
            notes = parse_xml(raw, f"word/{kind}s.xml", path, WHAT)
            number = 0
            for note in notes.iter(w(kind)):
                if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                number += 1
                builder.extra(_Walk().container(note), f"{kind} {number}")
    return builder.blocks


class _Builder:
    """Turns paragraphs into blocks: numbering, headings and sections, tables, quotes."""

    def __init__(self, styles: Styles):
        self.styles = styles
        self.blocks: list[Block] = []
        self.number = 0
        self.headings: list[tuple[int, str]] = []
        self.labels = TableLabels()
        self.seen_extra: set[str] = set()

    def _block(self, para: Paragraph, kind: str) -> Block:
        self.number += 1
        block = Block(kind=kind)
        block.add(para.text, self.number, 1)
        return block

    def body(self, para: Paragraph) -> None:
        level = self.styles.heading_level(para)
        if level is not None:
            block = self._block(para, "heading")
            text = para.text.strip()
            block.section = tuple(h[1] for h in self.headings if h[0] < level)
            self.headings = [h for h in self.headings if h[0] < level] + [(level, text)]
        else:
            kind = "table_cell" if para.table else "list_item" if para.is_list_item else "paragraph"
            block = self._block(para, kind)
            block.section = tuple(h[1] for h in self.headings)
            block.quoted = self.styles.is_quote(para)
        block.location = self._location(para, block.line)
        if para.table:
            block.column_header = self.labels.label(para.table, para.row_cells, para.text)
        self.blocks.append(block)

    def _location(self, para: Paragraph, number: int) -> str:
        if para.table:
            return "table {}, row {}, cell {}".format(*para.table)
        if para.in_text_box:
            return f"text box (paragraph {number})"
        return f"paragraph {number}"

    def extra(self, paragraphs: Iterator[Paragraph], where: str) -> None:
        """Headers, footers and notes: numbered after the body, located by their part."""
        for para in paragraphs:
            if not para.text.strip():
                continue
            if where in ("header", "footer"):
                # The first-page, odd and even headers often repeat each other: report the text once.
                if para.text in self.seen_extra:
                    continue
                self.seen_extra.add(para.text)
            block = self._block(para, "paragraph")
            block.location = where
            block.quoted = self.styles.is_quote(para)
            self.blocks.append(block)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None

"""HTML to blocks with source positions (the standard library's ``html.parser``).

Scripts, styles, ``pre``, ``textarea`` and the ``head`` are skipped; inline
``code`` stands in as a neutral word that is never flagged. ``h1``-``h6`` give
sections, ``blockquote`` marks the person's own words, table cells know their
column header, and HTML comments are kept as directives (suppressions).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .base import Block

_SKIP = {"script", "style", "pre", "textarea", "head", "noscript", "template", "svg", "math", "select", "iframe", "object"}
_BLOCKS = {"p", "div", "li", "td", "th", "dd", "dt", "caption", "figcaption", "section", "article", "header", "footer",
           "main", "aside", "nav", "ul", "ol", "dl", "table", "tr", "thead", "tbody", "tfoot", "form", "fieldset", "legend",
           "address", "details", "summary", "hr", "body", "html", "blockquote", "figure", "label",
           "h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


@dataclass
class _Table:
    index: int
    row: int = 0
    cell: int = 0
    in_head: bool = False
    headers: dict[int, str] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = source.split("\n")
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.skip: list[str] = []
        self.open: list[str] = []  # open block-level and inline-context tags (li, td, th, h1..h6, blockquote)
        self.tables: list[_Table] = []
        self.table_count = 0
        self.headings: list[tuple[int, str]] = []
        self.cell_is_header = False

    # -- structure -----------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == self.skip[-1] or tag in _SKIP and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.flush()
            self.skip.append(tag)
            return
        if tag == "br" or tag == "wbr":
            if self.current is not None:
                line, column = self.getpos()
                self.current.add_space(line, column + 1)
            return
        if tag == "code":
            self._code()
            return
        if tag not in _BLOCKS:
            return
        self.flush()
        if tag == "table":
            self.table_count += 1
            self.tables.append(_Table(self.table_count))
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = True
        elif tag == "tr" and self.tables:
            self.tables[-1].row += 1
            self.tables[-1].cell = 0
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].cell += 1
            self.cell_is_header = tag == "th" or self.tables[-1].in_head
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "wbr", "hr") or tag in _VOID:
            self.handle_starttag(tag, attrs)
        # A self-closed non-void tag (<p/>) opens nothing.

    def handle_endtag(self, tag):
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag not in _BLOCKS:
            return
        self.flush()
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass
        if tag == "table" and self.tables:
            self.tables.pop()
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = False

    def _code(self) -> None:
        # Inline code: a neutral stand-in word keeps the sentence parseable; its real text is skipped.
        line, column = self.getpos()
        block = self._ensure()
        start = len(block.text)
        block.add("code", line, column + 1, 0)
        block.skip.append((start, len(block.text)))
        self.skip.append("code")

    # -- text ------------------------------------------------------------------
    def handle_data(self, data):
        if self.skip or not data:
            return
        line, column = self.getpos()
        for i, piece in enumerate(data.split("\n")):
            if i:
                if self.current is not None:
                    self.current.add_space(line + i - 1, len(self.lines[line + i - 2].rstrip("\r")) + 1 if line + i - 2 < len(self.lines) else 1)
                column = 0
            piece = piece.rstrip("\r")
            if not piece:
                continue
            if self.current is None and not piece.strip():
                continue
            self._ensure().add(piece.replace("\u00a0", " "), line + i, column + 1)

    def handle_entityref(self, name):
        self._reference("&" + name, html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self._reference("&#" + name, html.unescape(f"&#{name};"))

    def _reference(self, raw: str, char: str) -> None:
        if self.skip:
            return
        line, column = self.getpos()
        source = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        length = len(raw) + (1 if source[column + len(raw):column + len(raw) + 1] == ";" else 0)
        char = char.replace("\u00a0", " ")
        if self.current is None and not char.strip():
            return
        self._ensure().add(char, line, column + 1, length)

    def handle_comment(self, data):
        line, _ = self.getpos()
        directive = (line, data.strip())
        if self.current is not None and self.current.text.strip():
            self.current.directives.append(directive)
        else:
            holder = Block(kind="directive")
            holder.directives.append(directive)
            self.blocks.append(holder)

    # -- blocks ----------------------------------------------------------------
    def _ensure(self) -> Block:
        if self.current is None:
            self.current = self._new_block()
        return self.current

    def _new_block(self) -> Block:
        heading = next((t for t in reversed(self.open) if len(t) == 2 and t[0] == "h" and t[1].isdigit()), None)
        cell = next((t for t in reversed(self.open) if t in ("td", "th")), None)
        kind = "heading" if heading else "table_cell" if cell and self.tables else "list_item" if "li" in self.open else "paragraph"
        block = Block(kind=kind, quoted="blockquote" in self.open)
        if kind == "table_cell":
            table = self.tables[-1]
            block.location = f"table {table.index}, row {table.row}, cell {table.cell}"
            if not self.cell_is_header:
                block.column_header = table.headers.get(table.cell)
        return block

    def flush(self) -> None:
        block, self.current = self.current, None
        if block is None or not block.text.strip():
            return
        text = " ".join(block.text.split())
        if block.kind == "heading":
            level = int(next((t for t in reversed(self.open) if len(t) == 2 and t[0] == "h" and t[1].isdigit()), "h6")[1])
            block.section = tuple(h[1] for h in self.headings if h[0] < level)
            self.headings = [h for h in self.headings if h[0] < level] + [(level, text)]
        else:
            block.section = tuple(h[1] for h in self.headings)
        if block.kind == "table_cell" and self.cell_is_header and self.tables:
            self.tables[-1].headers.setdefault(self.tables[-1].cell, text)
        self.blocks.append(block)


def read_html(source: str) -> list[Block]:
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    reader.flush()
    return reader.blocks

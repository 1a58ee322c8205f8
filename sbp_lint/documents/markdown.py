"""Markdown (CommonMark plus tables) to blocks, with exact source positions.

Code (fenced, indented and inline), raw HTML and YAML front matter are not
prose and are skipped; HTML comments are kept as directives for suppression.

The parser's work is bounded. markdown-it's inline parser spends tens of microseconds on each
unmatched ``[`` or emphasis run (200 KB of ``[`` took 10 s to parse and, with the tokens it made,
over 800 MB to check). A paragraph with more than ``MAX_MARKUP_PER_BLOCK`` markup characters, and
every paragraph once the document has used ``MAX_MARKUP_PER_DOCUMENT`` of them, is read as plain
text instead: its words, markup characters included, at their exact lines and columns (or skipped,
like code, when markup characters are most of it: that is not prose). No real record comes near
either limit.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import DocumentError
from .base import Block, split_lines

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_BLOCK_KINDS = {"heading_open": "heading", "th_open": "table_cell", "td_open": "table_cell"}


# Past this depth of nested markup markdown-it stops and silently drops the rest of the file (its default, 20, is
# about 10 levels of list). 100 stays far from Python's recursion limit, even for 5,000 levels.
MAX_NESTING = 100


# Characters markdown-it's inline rules start work at (links, images, emphasis, code, autolinks, entities, escapes).
_MARKUP = re.compile(r"[\[\]*_`<&\\!~]")
MAX_MARKUP_PER_BLOCK = 5_000  # about 0.5 s of the worst case; a paragraph with 1,000 links has 4,000
MAX_MARKUP_PER_DOCUMENT = 100_000  # about 10 s of the worst case, for the whole file


@functools.lru_cache(maxsize=1)  # building one takes a sixth of the time of parsing a page
def _parser() -> MarkdownIt:
    # text_join would merge escapes and entities into plain text and lose their source length.
    # The core "inline" rule is run by _parse_inline instead, so each paragraph's work can be bounded.
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable(["text_join", "inline"])


def _parse(source: str) -> list[Token]:
    """Block tokens, each ``inline`` token given its children: parsed, or (past the markup budget) plain text."""
    parser = _parser()
    env: dict = {}
    tokens = parser.parse(source, env)
    budget = MAX_MARKUP_PER_DOCUMENT
    for token in tokens:
        if token.type != "inline":
            continue
        markup = len(_MARKUP.findall(token.content)) if _MARKUP.search(token.content) else 0
        if markup > MAX_MARKUP_PER_BLOCK or markup > budget:
            # Mostly markup characters is not prose (and a run of thousands of them would cost the language
            # pipeline a token each): skipped, like code. Otherwise its words are checked as plain text.
            prose = markup * 2 < len(token.content) - token.content.count(" ")
            token.children = _plain_children(token.content) if prose else []
            continue
        budget -= markup
        token.children = []
        parser.inline.parse(token.content, parser, env, token.children)
    return tokens


def _plain_children(content: str) -> list[Token]:
    """A paragraph's lines as plain text, the way the inline parser hands them over (soft breaks between)."""
    children: list[Token] = []
    for number, line in enumerate(content.split("\n")):
        if number:
            children.append(Token("softbreak", "br", 0))
        if line:
            text = Token("text", "", 0)
            text.content = line
            children.append(text)
    return children


def _check_nesting(tokens: list[Token]) -> None:
    """Refuse a file nested so deep that markdown-it gave up on it, rather than check only its first part."""
    # At the limit a token's level is MAX_NESTING - 1 or MAX_NESTING whether or not anything was dropped, so
    # reaching it counts as too deep (about 50 levels of list: no real document comes near).
    deep = next((t for t in tokens if t.level >= MAX_NESTING - 1), None)
    if deep is not None:
        where = f" (line {deep.map[0] + 1})" if deep.map else ""
        raise DocumentError(f"lists or block quotes nested too deep to check{where}")


def _blank_front_matter(source: str) -> str:
    match = _FRONT_MATTER.match(source)
    if not match:
        return source
    blanked = re.sub(r"[^\r\n]", "", match.group(0))  # keep the line count
    return blanked + source[match.end():]


class _Cursor:
    """Where the next piece of an inline token starts in the source (0-based)."""

    def __init__(self, lines: list[str], line: int, column: int):
        self.lines = lines
        self.line = line
        self.column = column

    def find(self, needle: str) -> int | None:
        if self.line >= len(self.lines):
            return None
        found = self.lines[self.line].find(needle, self.column)
        return None if found < 0 else found


def read_markdown(source: str) -> list[Block]:
    # markdown-it replaces NUL with U+FFFD; do the same first so the source still lines up.
    source = _blank_front_matter(source.replace("\x00", "\ufffd"))
    lines = split_lines(source)
    tokens = _parse(source)
    _check_nesting(tokens)
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []  # (level, text) of open headings
    line_columns: dict[int, int] = {}  # per source line, how far inline tokens have consumed it
    quote_depth = 0
    list_depth = 0
    kind_stack: list[str] = []
    table_index = 0
    row_index = 0
    cell_index = 0
    headers: list[str] = []
    in_thead = False
    heading_level = 1
    for token in tokens:
        t = token.type
        if t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth -= 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif t == "table_open":
            table_index += 1
            row_index = 0
            headers = []
        elif t == "thead_open":
            in_thead = True
        elif t == "thead_close":
            in_thead = False
        elif t == "tr_open":
            row_index += 1
            cell_index = 0
        elif t in ("th_open", "td_open"):
            cell_index += 1
        elif t == "html_block" and token.map:
            _collect_comments(token.content, token.map[0] + 1, blocks)
        if t == "heading_open":
            heading_level = int(token.tag[1:])
        if t in _BLOCK_KINDS or t == "paragraph_open":
            kind_stack.append(_BLOCK_KINDS.get(t, "paragraph"))
            continue
        if t != "inline" or not token.map:
            continue
        kind = kind_stack.pop() if kind_stack else "paragraph"
        if kind == "paragraph":
            kind = "quote" if quote_depth else "list_item" if list_depth else "paragraph"
        block = Block(kind=kind, quoted=quote_depth > 0)
        start_line = token.map[0]
        cursor = _Cursor(lines, start_line, line_columns.get(start_line, 0))
        _inline(token.children or [], cursor, block)
        line_columns[cursor.line] = cursor.column
        text = block.text.strip()
        if kind == "heading":
            headings = [h for h in headings if h[0] < heading_level] + [(heading_level, text)]
        block.section = tuple(h[1] for h in headings)
        if kind == "heading":
            block.section = block.section[:-1]
        if kind == "table_cell":
            block.location = f"table {table_index}, row {row_index}, cell {cell_index}"
            if in_thead:
                headers.append(text)
            elif cell_index <= len(headers):
                block.column_header = headers[cell_index - 1]
        if block.text.strip() or block.directives:
            blocks.append(block)
    return blocks


def _collect_comments(html: str, line: int, blocks: list[Block]) -> None:
    """HTML comments on their own lines carry directives; keep them on an empty block."""
    for match in re.finditer(r"<!--(.*?)-->", html, re.S):
        directive_line = line + html.count("\n", 0, match.start())
        holder = Block(kind="directive")
        holder.directives.append((directive_line, match.group(1).strip()))
        blocks.append(holder)


def _inline(children: list[Token], cursor: _Cursor, block: Block) -> None:
    for child in children:
        t = child.type
        if t in ("text", "text_special"):
            source = child.markup if t == "text_special" and child.markup else child.content
            found = cursor.find(source)
            if found is None:
                # Should not happen; keep the text and point at the cursor rather than fail.
                block.add(child.content, cursor.line + 1, cursor.column + 1, 0)
                continue
            block.add(child.content, cursor.line + 1, found + 1, len(source))
            cursor.column = found + len(source)
        elif t in ("softbreak", "hardbreak"):
            block.add_space(cursor.line + 1, len(cursor.lines[cursor.line]) + 1 if cursor.line < len(cursor.lines) else 1)
            cursor.line += 1
            cursor.column = 0
        elif t == "code_inline":
            found = cursor.find(child.markup)
            if found is None:
                continue
            close = cursor.lines[cursor.line].find(child.markup, found + len(child.markup))
            start = len(block.text)
            # Stand in a neutral word so the sentence still parses; never flag it.
            block.add("code", cursor.line + 1, found + 1, 0)
            block.skip.append((start, len(block.text)))
            cursor.column = close + len(child.markup) if close >= 0 else found + len(child.markup)
        elif t == "html_inline":
            found = cursor.find(child.content)
            if child.content.startswith("<!--"):
                block.directives.append((cursor.line + 1, child.content[4:-3].strip()))
            if found is not None:
                cursor.column = found + len(child.content)
        elif t == "image":
            continue
        elif child.markup and t.endswith(("_open", "_close")) and t not in ("link_open", "link_close"):
            found = cursor.find(child.markup)
            if found is not None:
                cursor.column = found + len(child.markup)

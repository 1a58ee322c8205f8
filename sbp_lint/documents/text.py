"""Plain text to blocks: paragraphs split on blank lines, list lines and headings.

Plain text has no markup, so headings are guessed conservatively: a short line
on its own without closing punctuation (e.g. "Personal outcomes") or a line
of the form "Heading:" with nothing after the colon.
"""

from __future__ import annotations

import re

from .base import Block, split_lines

_LIST_ITEM = re.compile(r"^(\s*(?:[-*\u2022]|\d+[.)])\s+)")
_MAX_HEADING_WORDS = 8


def is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _MAX_HEADING_WORDS:
        return False
    if stripped.endswith(":"):
        return ":" not in stripped[:-1]
    if ":" in stripped:
        return False  # "Outcome: I want to ..." is a statement, not a heading
    return stripped[0].isupper() and stripped[-1] not in ".!?,;\"'\u201d)" and not _LIST_ITEM.match(line)


def read_text(source: str) -> list[Block]:
    blocks: list[Block] = []
    section: tuple[str, ...] = ()
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal section
        if not paragraph:
            return
        if len(paragraph) == 1 and is_heading(paragraph[0][1]):
            number, line = paragraph[0]
            block = Block(kind="heading", section=section)
            stripped = line.strip()
            block.add(stripped, number, line.index(stripped) + 1)
            blocks.append(block)
            section = (stripped.rstrip(":"),)
        else:
            block: Block | None = None
            for number, line in paragraph:
                item = _LIST_ITEM.match(line)
                if item or block is None:
                    if block is not None:
                        blocks.append(block)
                    block = Block(kind="list_item" if item else "paragraph", section=section)
                    offset = item.end() if item else len(line) - len(line.lstrip())
                else:
                    block.add_space(number - 1, 1)
                    offset = len(line) - len(line.lstrip())
                block.add(line[offset:].rstrip(), number, offset + 1)
            if block is not None:
                blocks.append(block)
        paragraph.clear()

    for number, line in enumerate(split_lines(source), start=1):
        if line.strip():
            paragraph.append((number, line.replace("\t", " ")))
        else:
            flush()
    flush()
    return blocks

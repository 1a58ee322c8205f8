"""PDF to blocks from its text layer (pypdf, BSD-3-Clause).

A last resort: a PDF has no paragraphs, only lines, so reading order and
hyphenation are whatever the text layer holds. ``line`` is the page number and
``column`` the character offset in that page's extracted text plus one;
``Block.location`` is "page N". Paragraphs are split at blank lines and at
short heading-like lines after a finished sentence, so section-scoped rules
(outcomes) still work. A PDF with no text at all is a scan: say so.
"""

from __future__ import annotations

import io
import logging
import re

from ..errors import DocumentError
from .base import Block
from .text import is_heading, read_text

_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def _pages(data: bytes, path: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not the user's business
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("not a PDF file (no %PDF header)", path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        # Many PDFs are encrypted with only an owner password (it restricts printing or copying; anyone may
        # open them): the empty user password opens them. One that needs a password to open cannot be read.
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("password-protected PDF: open it and save a copy without a password", path)
        return [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except DependencyError:  # pypdf[crypto] is a dependency; an environment without it cannot decrypt AES
        raise DocumentError("encrypted PDF: reading it needs the 'cryptography' package (pip install cryptography)", path) from None
    except NotImplementedError as exc:
        raise DocumentError(f"encrypted PDF in a form that cannot be read ({' '.join(str(exc).split())[:100]})", path) from None
    except LimitReachedError:
        raise DocumentError("refused: a stream in this PDF unpacks beyond the safe limit (a decompression bomb?)", path) from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files; each is this file's error
        raise DocumentError(f"damaged PDF ({type(exc).__name__}: {' '.join(str(exc).split())[:100]})", path) from None


def read_pdf(data: bytes, path: str) -> list[Block]:
    pages = _pages(data, path)
    if not any(page.strip() for page in pages):
        raise DocumentError("no text layer (scanned PDF?): run it through OCR, or check the original document", path)
    lines: list[str] = []
    origin: list[tuple[int, int] | None] = []  # per virtual line: (page, offset of the line in the page text)
    previous = ""
    for number, page in enumerate(pages, start=1):
        offset = 0
        for raw in page.split("\n"):
            text = raw.rstrip("\r").replace("\r", " ")  # a lone CR would end a line for read_text (same length)
            heading = is_heading(text) and (not previous.strip() or _SENTENCE_END.search(previous) or is_heading(previous))
            if heading:
                lines.append("")
                origin.append(None)
            lines.append(text)
            origin.append((number, offset))
            if heading:
                lines.append("")
                origin.append(None)
            previous = text
            offset += len(raw) + 1
        lines.append("")  # a page break ends a paragraph
        origin.append(None)
    blocks = read_text("\n".join(lines))
    for block in blocks:
        for segment in block.segments:
            place = origin[segment.line - 1] if segment.line - 1 < len(origin) else None
            if place is None:  # a separator standing between lines
                place = next((o for o in reversed(origin[:segment.line - 1]) if o), (1, 0))
            segment.line, segment.column = place[0], place[1] + segment.column
        block.location = f"page {block.line}"
    return blocks

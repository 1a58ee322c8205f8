"""What ``POST /api/check`` answers: the CLI's JSON contract for one file, plus what the page needs.

The contract (``sbp_lint.reporters.json_report.as_dict``, version 1) is kept as it is; each finding
gains the keys a page needs to show and fix it in place, all additive:

- ``why``: the rule's reason; ``sentence``: the sentence the words sit in;
- ``fix``: the safe replacement with the original's capitals kept ("Suffers from" → "Lives with");
- ``rewrite``: the whole sentence rewritten, when the linter offers one;
- ``offsets``: where the words and their sentence are in the text, in UTF-16 code units (what
  JavaScript strings count), or null when a finding has no place in the text.

Offsets refer to the text the client sent, or, for an uploaded document, to ``text``: the file's
words as editable Markdown (headings, lists and quotes kept), which is what the page then edits.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from ..documents import Document, decode, format_for, parse_bytes, parse_text
from ..documents.base import LINE_BREAK, line_starts
from ..findings import FileResult, Finding
from ..commands.fix import match_case
from ..reporters.json_report import as_dict

# The formats the page accepts; others get a clear 415 rather than a guess.
UPLOAD_FORMATS = {".docx": "docx", ".odt": "odt", ".md": "markdown", ".markdown": "markdown",
                  ".txt": "text", ".html": "html", ".htm": "html"}
TEXT_FORMATS = ("markdown", "text")  # shown as they are; the others are shown as Markdown made from their words
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each
MAX_NAME = 200


class UnsupportedFile(Exception):
    """An upload whose extension the page does not read."""


@dataclass
class Checked:
    """One checked input: the document (its blocks numbered as the findings' block spans use them) and the text shown."""

    document: Document
    result: FileResult
    shown: str  # the text the offsets refer to
    from_source: bool  # True: ``shown`` is the source itself (lines and columns apply); False: made from blocks


def clean_name(filename: str | None, default: str) -> str:
    """A file name to report and to derive download names from: no folders, no control characters."""
    name = Path((filename or "").replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable()).strip()[:MAX_NAME]
    return name or default


def upload_format(filename: str) -> str:
    fmt = UPLOAD_FORMATS.get(Path(filename).suffix.lower())
    if fmt is None:
        raise UnsupportedFile(f"{filename}: the page reads {', '.join(sorted(set(UPLOAD_FORMATS)))} files")
    return fmt


def normalise_newlines(text: str) -> str:
    """CRLF and CR as LF, as a browser's text box holds them (so offsets match what the page shows)."""
    return LINE_BREAK.sub("\n", text)


# -- checking --------------------------------------------------------------------------

def check_text(linter, text: str, filename: str | None = None) -> dict:
    """Pasted text: Markdown unless the file name says plain text. Offsets are into ``text`` as sent."""
    name = clean_name(filename, "<text>")
    fmt = format_for(name) if filename else "markdown"
    if fmt not in TEXT_FORMATS:
        fmt = "markdown"  # a .docx name on pasted text still means text
    document = parse_text(text, name, fmt)
    findings = linter.check_document(document)  # also sets document.audience
    checked = Checked(document, FileResult(name, findings, audience=document.audience), text, True)
    return respond(linter, checked, include_text=False)


def check_upload(linter, data: bytes, filename: str) -> dict:
    """An uploaded file: read as the CLI reads it; ``text`` in the answer is what the page shows and edits."""
    fmt = upload_format(filename)
    source = ""
    if fmt in TEXT_FORMATS:
        source, encoding = decode(data, filename)
        source = normalise_newlines(source)  # lines and columns are the same; offsets then match the page's text
        document = parse_text(source, filename, fmt)
        document.encoding = encoding
    else:
        document = parse_bytes(data, filename, fmt)
    findings = linter.check_document(document)  # also sets document.audience
    result = FileResult(filename, findings, encoding=document.encoding, audience=document.audience)
    return respond(linter, Checked(document, result, source, fmt in TEXT_FORMATS), include_text=True)


def respond(linter, checked: Checked, include_text: bool) -> dict:
    """The contract for one file, each finding extended with why, fix, rewrite, sentence and offsets."""
    if checked.from_source:
        place = SourcePlacer(checked.shown, checked.document)
    else:
        place = BlockPlacer(checked.document)
        checked.shown = place.text
    answer = as_dict([checked.result], linter.rules)
    entry = answer["files"][0]
    for extra in ("profile", "kind"):  # file-level fields other work adds; copied when the result has them
        value = getattr(checked.result, extra, None)
        if value is not None and extra not in entry:
            entry[extra] = value
    utf16 = Utf16(checked.shown)
    for finding, data in zip(checked.result.findings, entry["findings"]):
        data.update(page_fields(linter, finding, data))
        span = place(finding)
        data["offsets"] = {key: utf16(value) for key, value in span.items()} if span else None
    answer["format"] = checked.document.format
    if include_text:
        answer["text"] = checked.shown
    return answer


def page_fields(linter, finding: Finding, data: dict) -> dict:
    """why, sentence, fix (capitals matched) and rewrite, whether or not the contract already carries them."""
    rule = linter.all_rules.get(finding.rule)
    fields = {"sentence": " ".join(finding.sentence.split()) if finding.sentence else "",
              "why": data.get("why") or getattr(finding, "why", None) or (rule.why if rule else "")}
    fields["fix"] = match_case(finding.text, finding.fix) if finding.fix else None
    rewrite = data.get("rewrite") or getattr(finding, "rewrite", None)
    if dataclasses.is_dataclass(rewrite):
        rewrite = dataclasses.asdict(rewrite)
    fields["rewrite"] = rewrite if isinstance(rewrite, dict) and rewrite.get("text") else None
    return fields


# -- where a finding is in the text shown --------------------------------------------------

class Utf16:
    """Python string indices to UTF-16 code units: characters beyond U+FFFF count twice in JavaScript."""

    def __init__(self, text: str):
        self.astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, index: int) -> int:
        return index + bisect.bisect_left(self.astral, index)


class SourcePlacer:
    """Offsets from a finding's 1-based line and column in the text itself (pasted text, .md, .txt)."""

    def __init__(self, text: str, document: Document):
        self.text = text
        self.blocks = document.blocks
        self.starts = line_starts(text)  # lines as the readers count them

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        value = self.starts[line - 1] + column - 1
        return value if value <= len(self.text) else None

    def __call__(self, finding: Finding) -> dict | None:
        start, end = self.offset(finding.line, finding.column), self.offset(finding.end_line, finding.end_column)
        if start is None or end is None or end < start:
            return None
        sentence = self.sentence(finding)
        sentence_start, sentence_end = sentence if sentence and sentence[0] <= start and end <= sentence[1] else (start, end)
        return {"start": start, "end": end, "sentence_start": sentence_start, "sentence_end": sentence_end}

    def sentence(self, finding: Finding) -> tuple[int, int] | None:
        """The sentence's edges in the source, through the block it was found in (markup between words included)."""
        if finding.block_span is None or not 0 <= finding.block_span[0] < len(self.blocks):
            return None
        block = self.blocks[finding.block_span[0]]
        first, last = finding.block_span[3], finding.block_span[4]
        if not 0 <= first < last <= len(block.text):
            return None
        start, end = self.offset(*block.position(first)), self.offset(*block.position(last, end=True))
        return (start, end) if start is not None and end is not None and start < end else None


class BlockPlacer:
    """Markdown made from a document's blocks (for Word, ODT and HTML), and offsets into it from the block spans."""

    def __init__(self, document: Document):
        parts: list[str] = []
        self.base: dict[int, int] = {}  # block index -> offset of its text in ``self.text``
        length = 0
        for index, block in enumerate(document.blocks):
            if not block.text.strip():
                continue
            prefix = _prefix(block)
            if parts:
                parts.append("\n\n")
                length += 2
            self.base[index] = length + len(prefix)
            parts.append(prefix + block.text.replace("\n", " "))  # same length: a line break would end a heading
            length += len(prefix) + len(block.text)
        self.text = "".join(parts) + ("\n" if parts else "")

    def __call__(self, finding: Finding) -> dict | None:
        if finding.block_span is None or finding.block_span[0] not in self.base:
            return None
        base = self.base[finding.block_span[0]]
        _, start, end, sentence_start, sentence_end = finding.block_span
        if not (sentence_start <= start and end <= sentence_end):
            sentence_start, sentence_end = start, end
        return {"start": base + start, "end": base + end,
                "sentence_start": base + sentence_start, "sentence_end": base + sentence_end}


def _prefix(block) -> str:
    """Markdown that keeps what the rules read from the layout: headings (sections), list items, quotes."""
    if block.kind == "heading":
        return "#" * min(len(block.section) + 1, 6) + " "
    if block.quoted or block.kind == "quote":
        return "> "
    if block.kind == "list_item":
        return "- "
    return ""

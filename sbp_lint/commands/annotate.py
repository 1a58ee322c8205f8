"""``sbp-lint annotate``: a copy of a Word document with a comment on each flagged sentence.

One comment per sentence, however many findings it has: their messages, the sentence rewritten
and why it matters, anchored from the first flagged word to the last.

The document is read once into memory and checked with the ordinary reader;
python-docx (>= 1.2, which can add comments) opens the same bytes, and the
reader's own walker finds paragraph N again in python-docx's tree, so a
finding's (paragraph, column) names the same characters in both. Runs are split
at the span's edges (a copy of the run's formatting goes with each piece) and
the comment is anchored on the runs in between. Nothing else is touched: text,
formatting, tables, existing comments and tracked changes stay as they were.
The original file is only ever read; the copy is written atomically.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..documents import parse_bytes, read_file_bytes
from ..documents.docx import T, Paragraph, body_paragraphs, paragraph_pieces, w
from ..documents.safezip import open_zip, verify_all
from ..errors import DocumentError, SbpError
from ..findings import Finding
from ..atomic import write_atomic

AUTHOR = "sbp-lint"
INITIALS = "SBP"
R, RPR = w("r"), w("rPr")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Annotated:
    source: str
    output: str
    findings: list[Finding]
    comments: int = 0
    elsewhere: list[Finding] = field(default_factory=list)  # in headers, footers, notes or text boxes: not commented


def default_output(path: str) -> str:
    source = Path(path)
    return str(source.with_name(f"{source.stem}.reviewed{source.suffix}"))


def comment_text(findings: list[Finding], rules: dict | None = None) -> str:
    """One comment for one sentence: what was found (every finding's message), the sentence
    rewritten, and in a line why it matters. No command-line hints: a Word user cannot run them.
    The rule ids end the comment as plain words, to filter on."""
    rules = rules or {}
    lines = list(dict.fromkeys(f.message for f in findings))
    rewrite = next((f.rewrite for f in findings if f.rewrite is not None), None)
    if rewrite is not None:
        lines.append("Suggested rewrite: " + rewrite.text)
        if rewrite.placeholders:
            lines.append("Fill in the parts in [square brackets].")
    elif findings[0].suggestions:
        lines.append("Try: " + "; ".join(findings[0].suggestions))
    rule = next((rules[f.rule] for f in findings if f.rule in rules), None)
    if rule is not None and rule.why:
        lines.append("Why: " + _first_sentence(rule.why))
    lines.append("Rules: " + ", ".join(dict.fromkeys(f.rule for f in findings)))
    return "\n".join(lines)


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


def sentence_groups(findings: list[Finding]) -> list[list[Finding]]:
    """Findings that share a sentence (and so a paragraph and a rewrite), in document order."""
    groups: dict[tuple, list[Finding]] = {}
    for index, finding in enumerate(findings):
        span = finding.block_span
        key = (finding.line, span[0], span[3], span[4]) if span is not None and finding.end_line == finding.line else (index,)
        groups.setdefault(key, []).append(finding)
    return list(groups.values())


def check_output(source: str, output: str, force: bool) -> None:
    """The copy never replaces the original, and replaces another file only with --force."""
    out = Path(output)
    if out.exists() and Path(source).exists() and out.resolve() == Path(source).resolve():
        raise SbpError("the output would replace the original document; choose another name with -o", output)
    if out.is_dir():
        raise SbpError("is a folder; give a file name for the reviewed copy", output)
    if out.exists() and not force:
        raise SbpError("already exists (use --force to replace it)", output)
    if not out.parent.exists():
        raise SbpError("its folder does not exist", output)


def annotate_file(linter, source: str, output: str | None = None, force: bool = False) -> Annotated:
    """Check ``source`` (a .docx) and write the commented copy. Raises ``SbpError`` (one line) on any problem."""
    output = output or default_output(source)
    if Path(source).suffix.lower() != ".docx":
        raise SbpError("annotate writes Word comments: give a .docx file", source)
    check_output(source, output, force)
    data = read_file_bytes(source, linter.config.max_bytes)
    document = parse_bytes(data, source, "docx")  # every hostile-file check happens here
    with open_zip(data, source, "Word .docx", ".doc") as archive:
        verify_all(archive, source, "Word .docx")  # no part may lie about its size before python-docx reads it whole
    findings = linter.check_document(document)
    word = _open_with_python_docx(data, source)
    from docx.text.paragraph import Paragraph as WordParagraph
    from docx.text.run import Run

    result = Annotated(source, output, findings)
    paragraphs = body_paragraphs(word.element)
    rules = {rule.id: rule for rule in linter.rules}
    for group in sentence_groups(findings):
        first = group[0]
        para = paragraphs[first.line - 1] if 1 <= first.line <= len(paragraphs) else None
        if para is None or para.in_text_box or any(f.end_line != f.line for f in group):
            result.elsewhere.extend(group)
            continue
        start = min(f.column for f in group) - 1
        end = max(f.end_column for f in group) - 1
        text = "".join(piece.text for piece in paragraph_pieces(para.element))
        runs = isolate(para, start, end, text[start:end]) if all(
            text[f.column - 1:f.end_column - 1] == f.text for f in group) else None
        if runs is None:
            result.elsewhere.extend(group)
            continue
        parent = WordParagraph(para.element, word._body)
        word.add_comment([Run(runs[0], parent), Run(runs[1], parent)], text=comment_text(group, rules), author=AUTHOR, initials=INITIALS)
        result.comments += 1
    buffer = io.BytesIO()
    word.save(buffer)
    try:
        write_atomic(output, buffer.getvalue())
    except OSError as exc:
        raise SbpError(f"cannot write: {exc.strerror or exc}", output) from None
    return result


def _open_with_python_docx(data: bytes, source: str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, PackageNotFoundError) as exc:
        raise DocumentError(f"python-docx cannot open this Word file for writing ({' '.join(str(exc).split())[:100]})", source) from None


# -- splitting runs at a span's edges ---------------------------------------------------

def isolate(para: Paragraph, start: int, end: int, expected: str) -> tuple[object, object] | None:
    """Split runs so that [start, end) of the paragraph's text is whole runs; the first and last of them.

    None when the paragraph no longer holds ``expected`` there (it never should) or
    the text sits outside a run.
    """
    text = "".join(p.text for p in paragraph_pieces(para.element))
    if start >= end or text[start:end] != expected:
        return None
    if not (_boundary(para.element, start) and _boundary(para.element, end)):
        return None
    pieces = paragraph_pieces(para.element)
    inside = [p for p in pieces if start <= p.start and p.start + len(p.text) <= end]
    if not inside:
        return None
    return inside[0].element.getparent(), inside[-1].element.getparent()


def _boundary(p, offset: int) -> bool:
    """Make ``offset`` fall between two runs. False if it cannot (text outside a ``w:r``)."""
    for piece in paragraph_pieces(p):
        piece_end = piece.start + len(piece.text)
        if piece.start < offset < piece_end:  # inside a w:t: split the text, then the run
            run = piece.element.getparent()
            if run.tag != R or piece.element.tag != T:
                return False
            cut = offset - piece.start
            tail = copy.deepcopy(piece.element)
            piece.element.text, tail.text = piece.text[:cut], piece.text[cut:]
            for t in (piece.element, tail):
                t.set(XML_SPACE, "preserve")
            piece.element.addnext(tail)
            _split_run_before(run, tail)
            return True
        if piece.start == offset:
            run = piece.element.getparent()
            if run.tag != R:
                return False
            _split_run_before(run, piece.element)
            return True
    return True  # the end of the paragraph is already a boundary


def _split_run_before(run, child) -> None:
    """Move ``child`` and what follows it into a new run (with the same formatting) right after ``run``."""
    children = list(run)
    index = children.index(child)
    if not any(c.tag != RPR for c in children[:index]):
        return  # already the first content of its run
    new = copy.deepcopy(run)
    for c in list(new)[:index]:
        if c.tag != RPR:
            new.remove(c)
    for c in children[index:]:
        run.remove(c)
    run.addnext(new)


def describe(result: Annotated) -> str:
    n = result.comments
    line = f"{result.output}: {n} comment{'s' if n != 1 else ''} on {len(result.findings)} finding{'s' if len(result.findings) != 1 else ''}"
    if result.elsewhere:
        places = sorted({f.location or f"paragraph {f.line}" for f in result.elsewhere})
        line += (f"; {len(result.elsewhere)} in {', '.join(places[:4])}{'…' if len(places) > 4 else ''}"
                 f" (comments go only on the body's text; 'sbp-lint check {result.source}' lists these)")
    return line


def annotate_paths(paths, output: str | None, force: bool, settings, echo, say) -> int:
    """``sbp-lint annotate``: each document in turn; one line per document, an error does not stop the others."""
    linter = settings.linter(settings.config(paths[0]))
    failed = False
    for path in paths:
        try:
            echo(describe(annotate_file(linter, path, output, force)))
        except SbpError as exc:
            say(f"sbp-lint: error: {exc}")
            failed = True
    return 2 if failed else 0

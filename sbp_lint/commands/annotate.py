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
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..documents import parse_bytes, read_file_bytes
from ..documents.docx import T, Paragraph, body_paragraphs, paragraph_pieces, w
from ..documents.safezip import open_zip, verify_all
from ..errors import DocumentError, SbpError, printable
from ..findings import Finding
from ..atomic import write_atomic
from ..run.limits import FileTimeout, time_limit

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
    comments = CommentWriter(word)
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
        comments.add(Run(runs[0], parent), Run(runs[1], parent), comment_text(group, rules))
        result.comments += 1
    buffer = io.BytesIO()
    word.save(buffer)
    try:
        # The copy is as private as the original: it holds the same text, and comments about it.
        write_atomic(output, buffer.getvalue(), mode=_mode_of(source))
    except OSError as exc:
        raise SbpError(f"cannot write: {exc.strerror or exc}", output) from None
    return result


class CommentWriter:
    """Adds Word comments in time linear in their number.

    python-docx's ``add_comment`` looks for the next free comment id by reading every existing
    comment's id, each time: 20,000 comments took longer than anyone waits. Here the largest id is
    read once and ids are counted on from it; the comment itself is made as python-docx makes it
    (same XML, author, initials, date and text), and anchored with python-docx's own range marks.
    """

    def __init__(self, word):
        self.word = word
        comments = word.comments  # creates the comments part if the document has none
        self.part = getattr(comments, "_comments_part", None)
        self.element = getattr(comments, "_comments_elm", None)
        if self.element is not None:
            ids = [int(i) for i in self.element.xpath("./w:comment/@w:id") if str(i).lstrip("-").isdigit()]
            self.next_id = max(ids, default=-1) + 1

    def add(self, first_run, last_run, text: str) -> None:
        if self.element is None or self.next_id > 2**31 - 1:  # another python-docx layout, or ids used up: its own way
            self.word.add_comment([first_run, last_run], text=text, author=AUTHOR, initials=INITIALS)
            return
        import datetime

        from docx.comments import Comment
        from docx.oxml.ns import nsdecls
        from docx.oxml.parser import parse_xml

        element = parse_xml(
            f'<w:comment {nsdecls("w")} w:id="{self.next_id}" w:author=""><w:p><w:pPr><w:pStyle w:val="CommentText"/>'
            '</w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r></w:p></w:comment>')
        self.element.append(element)
        element.author, element.initials = AUTHOR, INITIALS
        element.date = datetime.datetime.now(datetime.timezone.utc)
        comment = Comment(element, self.part)
        first, *rest = text.split("\n")
        comment.paragraphs[0].add_run(first)
        for line in rest:
            comment.add_paragraph(text=line)
        first_run.mark_comment_range(last_run, self.next_id)
        self.next_id += 1


def _mode_of(source: str) -> int | None:
    try:
        return stat.S_IMODE(os.stat(source).st_mode)
    except OSError:
        return None


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
    limit = linter.config.timeout
    failed = False
    for path in paths:
        try:
            with time_limit(limit):  # a pathological document must not hold the command for ever
                echo(printable(describe(annotate_file(linter, path, output, force))))
        except FileTimeout:
            say(f"sbp-lint: error: {printable(path)}: took longer than {limit:g} s to annotate; nothing was written "
                "(allow longer with --timeout SECONDS)")
            failed = True
        except SbpError as exc:
            say(f"sbp-lint: error: {exc}")
            failed = True
    return 2 if failed else 0

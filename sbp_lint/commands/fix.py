"""``check --fix`` and ``--diff``: apply the safe one-for-one replacements that rules mark with ``fix:``.

Only plain text and Markdown are ever rewritten, and only where the file still
holds exactly the text the finding reported (anything else, such as markup
inside the span, is left alone). Edits are applied from the end backwards so
earlier positions stay valid. The file keeps its encoding (UTF-8, UTF-8 with a
BOM, cp1252) and its line endings, because the text is decoded from bytes and
encoded back without newline translation; a file that would not survive that
round trip byte for byte is not touched. Writes go to a temporary file in the
same folder, then ``os.replace``, so a crash never leaves half a file.
"""

from __future__ import annotations

import difflib
import errno
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..atomic import write_atomic
from ..documents import BOMS, REWRITABLE_FORMATS, decode, format_for
from ..documents.base import line_starts  # lines counted as the readers count them (CR, LF, CRLF only)
from ..errors import DocumentError, printable
from ..findings import FileResult, Finding

MARKED = dict(BOMS)  # UTF-16/UTF-32 files keep their byte order mark
Edit = tuple[int, int, str]  # start, end (exclusive) offsets in the text, replacement


@dataclass
class FileFix:
    path: str
    original: str
    fixed: str
    encoding: str | None
    applied: int
    written: bool | None = None  # None: not asked to write (--diff); False: the write failed, the file is unchanged

    @property
    def changed(self) -> bool:
        return self.fixed != self.original and self.written is not False


@dataclass
class FixReport:
    results: list[FileResult]
    fixes: list[FileFix] = field(default_factory=list)
    not_rewritable: list[str] = field(default_factory=list)  # documents with fixable findings that are never rewritten
    problems: list[str] = field(default_factory=list)  # one line each: files that could not be fixed
    unwritten: int = 0  # files whose fixed text could not be written (left as they were)

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.fixes if f.changed)

    @property
    def changed_files(self) -> int:
        return sum(1 for f in self.fixes if f.changed)

    def messages(self, diff: bool) -> list[str]:
        """What the user is told on standard error: problems, what was not rewritten, and the count."""
        lines = [f"sbp-lint: {problem}" for problem in self.problems]
        if self.not_rewritable:
            lines.append("sbp-lint: Word, ODT, HTML and PDF documents are never rewritten; "
                         "'sbp-lint annotate FILE.docx' writes a reviewed copy with comments")
        if any(r.path == "-" and any(f.fix for f in r.findings) for r in self.results):
            lines.append("sbp-lint: standard input is checked but not fixed")
        n, files = self.applied, self.changed_files
        verb = "would fix" if diff else "fixed"
        lines.append(f"sbp-lint: {verb} {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}")
        return lines

    def exit_code(self) -> int | None:
        """2 when a fixed file could not be written (it is unchanged); None: the findings decide."""
        return 2 if self.unwritten else None

    def diff_exit_code(self) -> int:
        """--diff: 2 if a file could not be read, 1 if something would change, else 0."""
        return 2 if any(r.error for r in self.results) else 1 if self.changed_files else 0


# -- positions and edits ------------------------------------------------------------

def _offset(starts: list[int], line: int, column: int) -> int | None:
    if line < 1 or column < 1 or line > len(starts):
        return None
    return starts[line - 1] + column - 1


def match_case(original: str, replacement: str) -> str:
    """Keep a capital at the start of a sentence ("Suffers from" → "Lives with") and all-capitals."""
    if not original or not replacement:
        return replacement
    if len(original) > 1 and original.isupper():
        return replacement if _acronym(original) else replacement.upper()
    if original[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _acronym(word: str) -> bool:
    """"EHCP", "ICO": capitals that spell letters, not a shouted word ("SUFFERS FROM"), so their expansion stays lower case."""
    from ..rewrite.inflection import is_word

    return " " not in word.strip() and not is_word(word)


def plan_edits(text: str, findings: list[Finding]) -> list[Edit]:
    """Edits for findings with a fix whose span still holds the reported text; overlaps keep the first."""
    starts = line_starts(text)
    candidates: list[Edit] = []
    for finding in findings:
        if not finding.fix:
            continue
        start = _offset(starts, finding.line, finding.column)
        end = _offset(starts, finding.end_line, finding.end_column)
        if start is None or end is None or not 0 <= start < end <= len(text):
            continue
        source = text[start:end]
        # A span across a soft line break differs only in whitespace; markup or entities inside it: leave alone.
        if source != finding.text and " ".join(source.split()) != " ".join(finding.text.split()):
            continue
        replacement = match_case(source, finding.fix)
        if replacement != source:  # "fixed N" counts only edits that change something
            candidates.append((start, end, replacement))
    chosen: list[Edit] = []
    for edit in sorted(set(candidates)):
        if chosen and edit[0] < chosen[-1][1]:
            continue
        chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):  # from the end, so earlier offsets stay put
        text = text[:start] + replacement + text[end:]
    return text


# -- files -----------------------------------------------------------------------------

def encode(text: str, encoding: str | None) -> bytes:
    """The text as its file held it: the same encoding, and the same byte order mark."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding in MARKED:
        return MARKED[encoding] + text.encode(encoding)
    return text.encode(encoding or "utf-8")


def fix_file(path: str, findings: list[Finding]) -> FileFix:
    """The fixed text of one file (not written). Raises ``DocumentError`` if it cannot be fixed safely."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DocumentError(exc.strerror or "cannot be read", path) from None
    text, encoding = decode(data, path)
    if encode(text, encoding) != data:
        raise DocumentError("not fixed: its bytes would not survive being decoded and written back", path)
    edits = plan_edits(text, findings)
    fixed = apply_edits(text, edits)
    try:
        encode(fixed, encoding)
    except UnicodeEncodeError:
        raise DocumentError(f"not fixed: a replacement cannot be written in its {encoding} encoding", path) from None
    return FileFix(path, text, fixed, encoding, len(edits))


def unified_diff(fix: FileFix) -> str:
    lines = difflib.unified_diff(_lines(fix.original), _lines(fix.fixed),
                                 fromfile=f"a/{fix.path}", tofile=f"b/{fix.path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _write_fix(fix: FileFix, report: FixReport) -> str | None:
    """Write one fixed file whole or not at all; on failure say so (the file is unchanged).

    Returns why later files should not be tried (the disk is full), else None."""
    try:
        write_atomic(fix.path, encode(fix.fixed, fix.encoding), durable=True)
        fix.written = True
        return None
    except OSError as exc:
        fix.written = False
        report.unwritten += 1
        reason = exc.strerror or "it cannot be written"
        report.problems.append(f"{printable(fix.path)}: not fixed: {reason}; the file is unchanged")
        return "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else None


def _lines(text: str) -> list[str]:
    """The text's lines with their endings, cut where the readers cut them (a form feed stays inside its line)."""
    starts = line_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)]) if a < b]


def run_fixes(results: list[FileResult], linter, *, write: bool, diff_out: TextIO | None = None) -> FixReport:
    """Fix (or, with ``write=False``, only diff) every rewritable file; re-check the files that changed."""
    report = FixReport(results=[])
    stopped: str | None = None  # why writing stopped (a full disk): the files after it are not tried
    skipped = 0
    for result in results:
        fixable = [f for f in result.findings if f.fix]
        if result.error or not fixable or result.path == "-" or not Path(result.path).is_file():
            report.results.append(result)
            continue
        if format_for(result.path) not in REWRITABLE_FORMATS:
            report.not_rewritable.append(result.path)
            report.results.append(result)
            continue
        try:
            fix = fix_file(result.path, fixable)
        except DocumentError as exc:
            report.problems.append(str(exc))
            report.results.append(result)
            continue
        report.fixes.append(fix)
        if not fix.changed:
            report.results.append(result)
            continue
        if diff_out is not None:
            diff_out.write(unified_diff(fix))
        if write:
            if stopped:
                fix.written = False
                skipped += 1
            else:
                stopped = _write_fix(fix, report)
            if not fix.written:
                report.results.append(result)
                continue
            report.results.append(linter.check_file(fix.path))  # what is left, at its new positions
        else:
            report.results.append(result)
    if skipped:
        report.unwritten += skipped
        report.problems.append(f"{skipped} more file{'s' if skipped != 1 else ''} not fixed because {stopped}; "
                               f"{'they are' if skipped != 1 else 'it is'} unchanged")
    return report

"""How much a practitioner has to read: lines of text output per page, before and after the calm
report (issue 14), and how well the audience is detected.

    python -m benchmarks.text_output                       # examples/ (and tests/data/kinds/ if present)
    python -m benchmarks.text_output path/to/docs ...      # other documents or folders

"Before" is the report as it was up to 0.1.0, one block per finding (where, the sentence, the ^ marks,
the message, "Try:", a blank line), counted exactly as that reporter wrote it; "after" is
``sbp_lint.reporters.text`` as it stands, plain (as in a file, a pipe or a CI log). A page is 500
words of the document's own text (headings and table cells included, markup left out). "Projected"
gives every sentence with a finding of a category that gets rewrites (issue 14: deficit, label,
jargon, passive, outcomes) a stand-in rewrite as long as the sentence, for the shape of the report
once rewrites exist; it is a projection, not a measurement of real rewrites.

Audience: for a folder with an ``index.yaml`` mapping file names to ``audience: adult | child``
(tests/data/kinds/), the share of files whose detected audience matches, and the misses.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import yaml

from sbp_lint import Linter
from sbp_lint.documents import format_for, parse_bytes
import dataclasses
from types import SimpleNamespace

from sbp_lint.findings import FileResult
from sbp_lint.reporters import text
from sbp_lint.reporters.summary import summary

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_PAGE = 500
DEFAULT = [ROOT / "examples", ROOT / "tests" / "data" / "kinds"]
SUFFIXES = (".md", ".txt", ".docx", ".odt", ".html")


def words_in(path: Path) -> int:
    document = parse_bytes(path.read_bytes(), str(path), format_for(str(path)))
    return sum(len(block.text.split()) for block in document.blocks)


def lines_before(result: FileResult) -> int:
    """Lines the one-block-per-finding report wrote for these findings (header, sentence, marks, message, Try, blank)."""
    lines = 0
    for finding in result.findings:
        sentence = " ".join(finding.sentence.split())
        words = " ".join(finding.text.split())
        lines += 3  # where; the message; the blank line
        if sentence:
            lines += 1
            marked = words and words in sentence and not (sentence.startswith(words) and len(words) == len(sentence))
            lines += 1 if marked else 0
        lines += 1 if finding.suggestions else 0
    return lines


def summary_lines(results: list[FileResult]) -> int:
    return len(summary(results)["by_category"]) + (2 if summary(results)["findings"] else 1)


REWRITTEN = ("deficit", "label", "jargon", "passive", "service_as_outcome", "missing_first_person")


def lines_after(result: FileResult, project: bool = False) -> int:
    if project and not any(getattr(f, "rewrite", None) for f in result.findings):
        result = dataclasses.replace(result, findings=[_with_rewrite(f) for f in result.findings])
    out = io.StringIO()
    text.report([result], [], out)
    return out.getvalue().count("\n")


def _with_rewrite(finding):
    """A copy of ``finding`` with a stand-in rewrite of its sentence, if its category gets rewrites."""
    if finding.category not in REWRITTEN or not finding.sentence.strip():
        return finding
    copy = dataclasses.replace(finding)
    copy.rewrite = SimpleNamespace(text=finding.sentence + " …", safe=False, placeholders=[])
    return copy


def documents(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.name != "README.md"
                            and ".rewrite." not in p.name)
        elif path.is_file():
            found.append(path)
    return found


def measure(linter: Linter, files: list[Path]) -> list[tuple[Path, int, int, int, int, int, FileResult]]:
    rows = []
    for path in files:
        result = linter.check_file(str(path))
        if result.error:
            print(f"{path}: {result.error}", file=sys.stderr)
            continue
        before = lines_before(result) + summary_lines([result])
        rows.append((path, words_in(path), len(result.findings), before, lines_after(result), lines_after(result, True), result))
    return rows


def audience_accuracy(rows, index_file: Path) -> None:
    index = yaml.safe_load(index_file.read_text(encoding="utf-8")) or {}
    entries = index.get("files", index) if isinstance(index, dict) else index if isinstance(index, list) else {}
    expected = {}
    for name, entry in (entries.items() if isinstance(entries, dict) else ((e.get("file") or e.get("path"), e) for e in entries)):
        audience = entry.get("audience") if isinstance(entry, dict) else None
        if name and audience:
            expected[Path(name).name] = audience
    checked = [(row, expected[row[0].name]) for row in rows if row[0].name in expected]
    if not checked:
        return
    right = [row for row, want in checked if row[-1].audience.value == want]
    unknown = [row for row, want in checked if row[-1].audience.value == "unknown"]
    print(f"\naudience ({index_file.parent}): {len(right)}/{len(checked)} right ({len(right) / len(checked):.0%}), "
          f"{len(unknown)} unknown, {len(checked) - len(right) - len(unknown)} wrong")
    for row, want in checked:
        if row[-1].audience.value != want:
            print(f"  {row[0].name}: expected {want}, {row[-1].audience.describe()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or [p for p in DEFAULT if p.exists()]
    linter = Linter()
    rows = measure(linter, documents(paths))
    print(f"{'document':42} {'words':>6} {'pages':>5} {'findings':>8} {'lines: before':>13} {'after':>6} {'projected':>9}"
          f"   per page: before → after (projected)")
    totals = [0, 0, 0, 0, 0]
    for path, words, findings, before, after, projected, result in rows:
        pages = max(words / WORDS_PER_PAGE, 0.1)
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        print(f"{name[-42:]:42} {words:6} {pages:5.1f} {findings:8} {before:13} {after:6} {projected:9}   "
              f"{before / pages:5.0f} → {after / pages:3.0f} ({projected / pages:.0f})  {result.audience.value}")
        totals = [t + v for t, v in zip(totals, (words, findings, before, after, projected))]
    if rows:
        words, findings, before, after, projected = totals
        pages = words / WORDS_PER_PAGE
        print(f"{'all':42} {words:6} {pages:5.1f} {findings:8} {before:13} {after:6} {projected:9}   "
              f"{before / pages:5.0f} → {after / pages:3.0f} ({projected / pages:.0f})  "
              f"{1 - after / before:.0%} fewer lines ({1 - projected / before:.0%} projected)")
    for path in paths:
        if (path / "index.yaml").is_file():
            audience_accuracy(rows, path / "index.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How ``sbp-lint annotate`` scales with the number of comments it adds.

    python -m benchmarks.annotate_scaling 1000 2000 4000 20000          # one rule: the comments' own cost
    python -m benchmarks.annotate_scaling --all-rules 1000 2000 4000    # every rule, as users run it

Builds a Word document of N paragraphs, each with one finding ("Mrs Jones refuses her tablets on
Tuesday."), and times ``annotate_file`` on it with one loaded linter: the total, and the part spent
checking the document (the rest is adding comments and saving). Not a test: see README.md.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def build(path: Path, paragraphs: int) -> None:
    import docx

    word = docx.Document()
    for n in range(paragraphs):
        word.add_paragraph(f"Visit {n}: Mrs Jones refuses her tablets on Tuesday.")
    word.save(path)


def measure(linter, paragraphs: int) -> tuple[float, float, int]:
    from sbp_lint.commands.annotate import annotate_file
    from sbp_lint.documents import read_document

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.docx"
        build(source, paragraphs)
        start = time.perf_counter()
        linter.check_document(read_document(str(source)))
        checking = time.perf_counter() - start
        start = time.perf_counter()
        result = annotate_file(linter, str(source))
        total = time.perf_counter() - start
    return total, checking, result.comments


def main(argv: list[str]) -> None:
    from sbp_lint import Linter
    from sbp_lint.config import Config

    all_rules = "--all-rules" in argv
    argv = [a for a in argv if a != "--all-rules"]
    linter = Linter(Config(timeout=3600.0), select=None if all_rules else ["deficit.refuses"])
    print("| paragraphs | comments | annotate (s) | of which checking (s) | comments and saving (s) |")
    print("|---|---|---|---|---|")
    for size in [int(a) for a in argv] or [1000, 2000, 4000]:
        total, checking, comments = measure(linter, size)
        print(f"| {size:,} | {comments:,} | {total:.1f} | {checking:.1f} | {max(total - checking, 0):.1f} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Word documents per second: reading alone, and the full check, on a generated 200-page plan.

    python -m benchmarks.docx_speed              # 200 pages
    python -m benchmarks.docx_speed --pages 50 --json

The document is built with python-docx from the example plans' sentences
(shuffled with a fixed seed): headings, paragraphs, a table and a content
control every page, a header and a footer; about 480 words a page. Reading
alone is ``read_document`` (zip + lxml, the hostile-file guards included);
the full check is ``Linter.check_file`` after the pipeline has loaded. The
example council template (examples/care-and-support-plan.docx) is timed too,
as the size most plans are.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_PAGE = 480


def sentences() -> list[str]:
    found: list[str] = []
    for name in ("care-and-support-plan.md", "assessment.md", "case-notes.md"):
        path = ROOT / "examples" / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("-*#| ").strip()
            if len(line.split()) >= 6 and "|" not in line:
                found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 4]
    return found or ["Mrs Evans lives at home and likes to garden in the mornings."]


def build(path: Path, pages: int, seed: int = 7) -> dict:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rng = random.Random(seed)
    pool = sentences()
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Dyffryn County Council: care and support plan"
    document.sections[0].footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    words = paragraphs = 0
    headings = ["About me", "What matters to me", "Personal outcomes", "My strengths and support network", "Eligible needs"]
    for page in range(pages):
        document.add_heading(f"{headings[page % len(headings)]} ({page + 1})", 1)
        page_words = 0
        while page_words < WORDS_PER_PAGE - 60:
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
            document.add_paragraph(text)
            page_words += len(text.split())
            paragraphs += 1
        table = document.add_table(rows=2, cols=3)
        for col, (head, cell) in enumerate(zip(("Action", "Who", "When"), rng.sample(pool, 3))):
            table.cell(0, col).text = head
            table.cell(1, col).text = cell
            page_words += 1 + len(cell.split())
        field = document.add_paragraph("Reviewed by: ")
        field._p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r>'
                                  f'<w:t>Rhys Morgan</w:t></w:r></w:sdtContent></w:sdt>'))
        words += page_words + 4
        paragraphs += 8
    document.save(path)
    return {"pages": pages, "words": words, "paragraphs": paragraphs, "bytes": path.stat().st_size}


def rate(function, minimum_seconds: float = 2.0, minimum_runs: int = 3) -> tuple[float, int]:
    """Runs per second of ``function`` over at least ``minimum_seconds`` and ``minimum_runs``."""
    runs = 0
    start = time.perf_counter()
    while True:
        function()
        runs += 1
        elapsed = time.perf_counter() - start
        if elapsed >= minimum_seconds and runs >= minimum_runs:
            return runs / elapsed, runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--check-runs", type=int, default=2, help="full checks of the big document to average")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from sbp_lint import Linter
    from sbp_lint.documents import read_document

    results: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "plan-200-pages.docx"
        results["document"] = build(big, args.pages)
        example = ROOT / "examples" / "care-and-support-plan.docx"

        read_rate, runs = rate(lambda: read_document(str(big)))
        results["read_big"] = {"docs_per_s": read_rate, "runs": runs}
        load_start = time.perf_counter()
        linter = Linter()
        linter.check_text("Warm-up sentence.")
        results["pipeline_load_s"] = time.perf_counter() - load_start
        start = time.perf_counter()
        findings = 0
        for _ in range(args.check_runs):
            findings = len(linter.check_file(str(big)).findings)
        elapsed = (time.perf_counter() - start) / args.check_runs
        results["check_big"] = {"docs_per_s": 1 / elapsed, "seconds_per_doc": elapsed,
                                "words_per_s": results["document"]["words"] / elapsed, "findings": findings}
        if example.exists():
            read_small, _ = rate(lambda: read_document(str(example)))
            check_small, _ = rate(lambda: linter.check_file(str(example)), minimum_seconds=3.0)
            results["example_template"] = {"read_docs_per_s": read_small, "check_docs_per_s": check_small}

    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return 0
    doc = results["document"]
    print(f"generated: {doc['pages']} pages, {doc['paragraphs']} paragraphs, {doc['words']:,} words, {doc['bytes'] / 1024:.0f} KiB")
    print(f"read only:  {results['read_big']['docs_per_s']:.2f} documents/s "
          f"({results['read_big']['docs_per_s'] * doc['words']:,.0f} words/s)")
    check = results["check_big"]
    print(f"full check: {check['docs_per_s']:.3f} documents/s ({check['seconds_per_doc']:.1f} s each, "
          f"{check['words_per_s']:,.0f} words/s, {check['findings']} findings); pipeline load {results['pipeline_load_s']:.1f} s")
    if "example_template" in results:
        small = results["example_template"]
        print(f"example template (4 pages): read {small['read_docs_per_s']:.0f} documents/s, "
              f"full check {small['check_docs_per_s']:.1f} documents/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

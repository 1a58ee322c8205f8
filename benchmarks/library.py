"""A generated library of care records, for speed and memory measurements.

Sentences come from the repository's own invented material (``examples/*.md``
and the labelled dev corpus when present; never the held-out set) and are put
together, deterministically, into plans, assessments and case notes with the
headings such documents use. No real people.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 20250314

_BODY_HEADINGS = ("About me", "My strengths and support network", "What is working well", "Eligible needs",
                  "Risks and how they are managed", "Communication", "Health and well-being", "Review")
_OUTCOME_HEADINGS = ("What matters to me", "Personal outcomes")
_TITLES = ("Care and support plan", "Assessment of needs", "Case notes", "Carer's assessment", "Review of care and support plan")
_NAMES = ("Mrs Gwen Evans", "Mr Dafydd Jones", "Ffion Davies", "Mr Tom Hughes", "Mrs Aisha Patel", "Mr Emyr Thomas",
          "Ms Carys Lewis", "Mr Owen Price", "Mrs Siân Roberts", "Mr Idris Morgan")


def sentence_pools() -> tuple[list[str], list[str], list[str]]:
    """(record sentences, corpus sentences, outcome statements) from the examples and the dev corpus."""
    body: list[str] = []
    corpus_body: list[str] = []
    outcomes: list[str] = []
    for path in sorted((ROOT / "examples").glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        section = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                section = stripped.lstrip("#").strip().lower()
                continue
            text = re.sub(r"^(?:[-*]|\d+[.)])\s+", "", stripped).replace("**", "")
            if len(text.split()) < 4 or text.startswith(("|", "<", ">")):
                continue
            (outcomes if "outcome" in section or "matters" in section else body).append(text)
    corpus = ROOT / "tests" / "corpus" / "dev.yaml"
    if corpus.is_file():
        for entry in yaml.safe_load(corpus.read_text(encoding="utf-8")) or []:
            text = " ".join(str(entry.get("text", "")).split())
            if len(text.split()) >= 3:
                (outcomes if entry.get("context") == "outcome" else corpus_body).append(text)
    return body, corpus_body or body, outcomes


class Generator:
    """Deterministic documents built from the sentence pools."""

    def __init__(self, seed: int = SEED):
        self.random = random.Random(seed)
        self.body, self.corpus, self.outcomes = sentence_pools()

    def sentence(self) -> str:
        # Whole records' sentences twice as often as the corpus's single (often short) test sentences.
        return self.random.choice(self.body if self.random.random() < 2 / 3 else self.corpus)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 5)))

    def document(self, words: int) -> str:
        """A Markdown record of about ``words`` words."""
        rnd = self.random
        parts = [f"# {rnd.choice(_TITLES)}: {rnd.choice(_NAMES)}", ""]
        count = 0
        while count < words:
            if rnd.random() < 0.25:
                heading = rnd.choice(_OUTCOME_HEADINGS)
                items = [rnd.choice(self.outcomes) for _ in range(rnd.randint(2, 5))]
                section = [f"## {heading}", "", *(f"- {item}" for item in items), ""]
            else:
                heading = rnd.choice(_BODY_HEADINGS)
                paragraphs = [self.paragraph() for _ in range(rnd.randint(1, 3))]
                section = [f"## {heading}", ""] + [line for p in paragraphs for line in (p, "")]
            parts += section
            count += sum(len(line.lstrip("#- ").split()) for line in section)  # words, not markup
        return "\n".join(parts) + "\n"


def make_library(folder: Path, documents: int = 1000, words: int = 500_000, seed: int = SEED) -> tuple[list[Path], int]:
    """Write ``documents`` Markdown files of together at least ``words`` words; returns (files, words)."""
    generator = Generator(seed)
    folder.mkdir(parents=True, exist_ok=True)
    mean = words // documents + 1
    files, total = [], 0
    for index in range(documents):
        size = generator.random.randint(mean // 2, mean * 3 // 2) if index < documents - 1 else max(words - total, 50)
        text = generator.document(size)
        path = folder / f"{index // 100:02d}" / f"record-{index:04d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
        total += len(text.split())
    return files, total


def long_document(words: int = 50_000, seed: int = SEED, one_line: bool = False) -> str:
    """One long record; with ``one_line`` the body is a single line (no paragraph breaks at all)."""
    text = Generator(seed).document(words)
    if one_line:
        return " ".join(line.lstrip("#- ") for line in text.splitlines() if line.strip()) + "\n"
    return text

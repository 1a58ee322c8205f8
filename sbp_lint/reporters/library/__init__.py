"""A library report: what a practice-quality lead wants to know about a whole set of records.

The numbers here (rates per 1,000 words, the documents that need attention
most, the commonest flagged phrases, the spread of reading grades) are
rendered by ``reporters.html``; this module only counts.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ...documents import read_document
from ...errors import DocumentError
from ...findings import CATEGORIES, FileResult, Finding, Severity
from ...nlp import syllables
from ...nlp.language import LANGUAGES, WELSH, split_by_language
from ..common import shown_results
from ..redact import PSEUDONYM

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_WEIGHT = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.SUGGESTION: 1}
MIN_WORDS_FOR_GRADE = 30  # a reading grade of a few lines means little
MIN_SENTENCE_WORDS = 3
MAX_PHRASE_WORDS = 6  # longer spans (whole sentences) are not "phrases"
DEFAULT_TARGET_GRADE = 6.0  # the document_grade check's default: a reading age of about 11


@dataclass
class DocumentStats:
    path: str
    words: int = 0
    grade: float | None = None  # Flesch-Kincaid grade of the whole document
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    words_by_language: dict[str, int] = field(default_factory=dict)  # en | cy -> words (nlp/language.py)

    @property
    def score(self) -> int:
        """Findings weighted by severity (error 3, warning 2, suggestion 1)."""
        return sum(_WEIGHT.get(f.severity, 1) for f in self.findings)

    @property
    def per_1000(self) -> float:
        return 1000 * len(self.findings) / self.words if self.words else 0.0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    shown: str = ""  # the path as the page shows it

    def top_categories(self, n: int = 3) -> list[tuple[str, int]]:
        return Counter(f.category for f in self.findings).most_common(n)


@dataclass
class Phrase:
    text: str
    category: str
    rule: str
    count: int = 0
    documents: set[str] = field(default_factory=set)
    suggestions: list[str] = field(default_factory=list)


@dataclass
class LanguageRow:
    language: str  # en | cy
    documents: int  # documents with words in this language
    words: int
    findings: int
    per_1000: float
    top_categories: list[tuple[str, int]]


@dataclass
class LibraryReport:
    title: str
    roots: list[str]
    documents: list[DocumentStats]
    target_grade: float = DEFAULT_TARGET_GRADE
    created: str = field(default_factory=lambda: datetime.date.today().isoformat())

    @property
    def checked(self) -> list[DocumentStats]:
        return [d for d in self.documents if d.error is None]

    @property
    def errors(self) -> list[DocumentStats]:
        return [d for d in self.documents if d.error is not None]

    @property
    def words(self) -> int:
        return sum(d.words for d in self.checked)

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.checked for f in d.findings]

    def per_1000(self) -> float:
        return 1000 * len(self.findings) / self.words if self.words else 0.0

    def categories(self) -> list[tuple[str, int, float]]:
        """(category, findings, findings per 1,000 words) for every category, in the contract's order."""
        counts = Counter(f.category for f in self.findings)
        known = [c for c in CATEGORIES] + sorted(set(counts) - set(CATEGORIES))
        words = self.words or 1
        return [(c, counts.get(c, 0), 1000 * counts.get(c, 0) / words) for c in known]

    def attention(self, n: int = 15) -> list[DocumentStats]:
        """The documents that most need attention: most severity-weighted findings, then densest."""
        ranked = sorted((d for d in self.checked if d.findings), key=lambda d: (-d.score, -d.per_1000, d.path))
        return ranked[:n]

    def phrases(self, n: int = 20) -> list[Phrase]:
        """The commonest flagged phrases (case-insensitive), with the rules' suggested alternatives."""
        found: dict[tuple[str, str], Phrase] = {}
        for document in self.checked:
            for f in document.findings:
                text = " ".join(f.text.split())
                if not text or len(text.split()) > MAX_PHRASE_WORDS or text == " ".join(f.sentence.split()):
                    continue
                key = (f.rule, text.lower())
                phrase = found.setdefault(key, Phrase(text=text.lower(), category=f.category, rule=f.rule))
                phrase.count += 1
                phrase.documents.add(document.path)
                for suggestion in f.suggestions:
                    if suggestion not in phrase.suggestions:
                        phrase.suggestions.append(suggestion)
        return sorted(found.values(), key=lambda p: (-p.count, -len(p.documents), p.text))[:n]

    def rules(self, n: int = 12) -> list[tuple[str, str, int]]:
        counts = Counter((f.rule, f.category) for f in self.findings)
        return [(rule, category, count) for (rule, category), count in counts.most_common(n)]

    def languages(self) -> list["LanguageRow"]:
        """Words and findings per language (English, Welsh), for libraries with Welsh in them."""
        rows = []
        for language in LANGUAGES:
            words = sum(d.words_by_language.get(language, 0) for d in self.checked)
            findings = [f for f in self.findings if f.language == language]
            documents = sum(1 for d in self.checked if d.words_by_language.get(language))
            if words or findings:
                rows.append(LanguageRow(language, documents, words, len(findings),
                                        1000 * len(findings) / words if words else 0.0,
                                        Counter(f.category for f in findings).most_common(3)))
        return rows

    def bilingual(self) -> bool:
        """Whether any document has Welsh in it (the report then counts each language)."""
        return any(d.words_by_language.get(WELSH) for d in self.checked) or any(f.language == WELSH for f in self.findings)

    def grades(self) -> list[float]:
        return [d.grade for d in self.checked if d.grade is not None]

    def grade_bins(self, low: int = 4, high: int = 16) -> list[tuple[str, int, float]]:
        """(label, documents, lower edge) for grade bins: 'under 5', '5–6' … '15–16', '16+'."""
        bins: dict[int, int] = defaultdict(int)
        for grade in self.grades():
            bins[min(max(math.floor(grade), low), high)] += 1
        labels = {low: f"<{low + 1}", high: f"{high}+"}
        return [(labels.get(g, f"{g}\u2013{g + 1}"), bins.get(g, 0), float(g)) for g in range(low, high + 1)]

    def median_grade(self) -> float | None:
        grades = self.grades()
        return statistics.median(grades) if grades else None


def document_stats(result: FileResult) -> DocumentStats:
    """Words and reading grade of a checked file (read again: reading is ~1% of the parse)."""
    stats = DocumentStats(path=result.path, findings=list(result.findings), error=result.error)
    if result.error:
        return stats
    try:
        document = read_document(result.file)
    except DocumentError as exc:
        stats.error = exc.reason
        return stats
    texts = [b.text.strip() for b in document.blocks if b.text.strip()]
    stats.words = sum(len(_WORD.findall(t)) for t in texts)
    for block in split_by_language([b for b in document.blocks if b.text.strip()]):
        stats.words_by_language[block.language] = stats.words_by_language.get(block.language, 0) + len(_WORD.findall(block.text))
    # Like the document_grade check: headings and fragments ("Social worker", dates) would make any document
    # look easy; list items end a sentence though they carry no full stop.
    prose = [t if t[-1] in ".!?:;" else t + "." for b, t in zip((b for b in document.blocks if b.text.strip()), texts)
             if b.kind != "heading" and len(_WORD.findall(t)) >= MIN_SENTENCE_WORDS]
    if sum(len(_WORD.findall(t)) for t in prose) >= MIN_WORDS_FOR_GRADE:
        stats.grade = round(syllables.grade("\n".join(prose)), 1)
    return stats


def target_grade(rules) -> float:
    """The document_grade rule's limit when that rule is loaded, else its default."""
    for rule in rules:
        if rule.spec.name == "document_grade":
            return float(rule.options.get("max_grade", DEFAULT_TARGET_GRADE))
    return DEFAULT_TARGET_GRADE


def shown_path(path: str, roots: list[str]) -> str:
    """``path`` from the checked folder's name on ("library/plans/a.md"), however the folder was given."""
    for root in roots:
        if os.path.isdir(root):
            base = os.path.dirname(os.path.normpath(os.path.abspath(root)))
            relative = os.path.relpath(os.path.abspath(path), base)
            if not relative.startswith(".."):
                return relative
    return path


def build_report(results: list[FileResult], rules, roots: list[str], title: str = "Writing quality report") -> LibraryReport:
    results = shown_results(results)
    documents = [document_stats(r) for r in results]
    for result, document in zip(results, documents):
        # A --redact-paths pseudonym is shown as it is; other paths from the checked folder's name on.
        document.shown = result.path if PSEUDONYM.match(result.path) and result.origin else shown_path(document.path, list(roots))
    return LibraryReport(title=title, roots=list(roots), documents=documents, target_grade=target_grade(rules))

"""Findings: what a rule reports, located in the original file."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields

from .audience import Audience


class Severity(enum.IntEnum):
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls[value.strip().upper()]

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "suggestion")

CATEGORIES = (
    "deficit",
    "control",  # controlling and paternalistic wording: permission, obedience, management (rules/control.yaml)
    "jargon",
    "plain_language",
    "label",
    "passive",
    "service_as_outcome",
    "missing_first_person",
    "readability",
    "structure",
)


@dataclass
class Rewrite:
    """The whole sentence rewritten: ``placeholders`` are the square-bracket gaps the writer fills in
    ("who", "because …"); ``safe`` is true only when every change certainly keeps the meaning."""

    text: str
    safe: bool
    placeholders: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"text": self.text, "safe": self.safe, "placeholders": list(self.placeholders)}


@dataclass
class Finding:
    rule: str
    category: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int  # just past the last character, like SARIF
    text: str
    message: str
    suggestions: list[str] = field(default_factory=list)
    sentence: str = ""  # the sentence the span sits in, for reports and fingerprints
    location: str = ""  # a human location where lines mean little (e.g. "table 1, row 2, cell 1")
    fix: str | None = None  # a safe one-for-one replacement, when the rule marks one
    # Where the finding's words live in the document's blocks (block index, start, end,
    # sentence start, sentence end), and the message's non-text values: enough to rebuild
    # the text-bearing fields from the file, so the cache never stores document text.
    block_span: tuple[int, int, int, int, int] | None = None
    details: dict = field(default_factory=dict)
    # The sentence rewritten (one rewrite per sentence, shared by every finding in it), and how to
    # rebuild it from the block's text without the language pipeline: a recipe holds positions and
    # the rules' own words only, so the cache can keep it (sbp_lint/rewrite/recipe.py).
    rewrite: Rewrite | None = None
    recipe: dict | None = None
    # This finding's own edits before they are combined per sentence (sbp_lint/rewrite/edits.py); never stored.
    edits: object | None = field(default=None, repr=False, compare=False)
    language: str = "en"  # en | cy: the language of the sentence it is in (nlp/language.py)

    def as_dict(self) -> dict:
        """The fields by name, severity as text. Shallow: dataclasses.asdict deep-copies every value,
        which cost more than writing the JSON."""
        data = {name: getattr(self, name) for name in _FINDING_FIELDS}
        data["severity"] = str(self.severity)
        return data

    def to_json(self) -> dict:
        data = self.as_dict()
        for internal in ("sentence", "location", "fix", "block_span", "details", "recipe", "edits"):
            del data[internal]
        data["rewrite"] = self.rewrite.to_json() if self.rewrite is not None else None
        if self.location:
            data["location"] = self.location
        return data


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


# A file's good-practice profile (practice/profile.py counts them): numbers only, so caches and redacted
# reports may hold it. Defined here, beside FileResult, so the cache can check entries without loading spaCy.
PROFILE_KEYS = ("words", "strengths", "own_words", "outcomes", "outcomes_first_person", "decisions",
                "decisions_explained", "words_welsh")


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None  # set when the file was not plain UTF-8
    audience: Audience | None = None  # who the document is about (None: not checked)
    kind: str | None = None  # the kind of document (sbp_lint/practice/kinds.py; None: not checked)
    profile: dict | None = None  # its good-practice profile, numbers only (sbp_lint/practice/profile.py)
    # The file itself when ``path`` is only how reports show it (a --redact-paths pseudonym, or a name
    # with its control characters and non-UTF-8 bytes escaped): reporters that read the file use this.
    origin: str | None = None
    # For the cache: where each block a finding names (``block_span[0]``) lies among the reader's blocks,
    # as (reader's block, offset). Positions only, never text. None: not known (findings not from a check).
    sources: dict[int, tuple[int, int]] | None = field(default=None, compare=False, repr=False)

    @property
    def file(self) -> str:
        return self.origin or self.path

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
    language: str = "en"  # en | cy: the language of the sentence it is in (nlp/language.py)

    def as_dict(self) -> dict:
        """The fields by name, severity as text. Shallow: dataclasses.asdict deep-copies every value,
        which cost more than writing the JSON."""
        data = {name: getattr(self, name) for name in _FINDING_FIELDS}
        data["severity"] = str(self.severity)
        return data

    def to_json(self) -> dict:
        data = self.as_dict()
        for internal in ("sentence", "location", "fix", "block_span", "details"):
            del data[internal]
        if self.location:
            data["location"] = self.location
        return data


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None  # set when the file was not plain UTF-8
    audience: Audience | None = None  # who the document is about (None: not checked)
    # The file itself when ``path`` is only how reports show it (a --redact-paths pseudonym, or a name
    # with its control characters and non-UTF-8 bytes escaped): reporters that read the file use this.
    origin: str | None = None
    # For the cache: where each block a finding names (``block_span[0]``) lies among the reader's blocks,
    # as (reader's block, offset). Positions only, never text. None: not known (findings not from a check).
    sources: dict[int, tuple[int, int]] | None = field(default=None, compare=False, repr=False)

    @property
    def file(self) -> str:
        return self.origin or self.path

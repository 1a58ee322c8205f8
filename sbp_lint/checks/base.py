"""What a named check is: options checked against its defaults, and hits that become findings.

A check sees every sentence of a document in order (``sentence``) and may report at the end
of the document (``end``). Its message fields are declared in ``fields``, so a pack's
templates are checked against them when the check is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Iterable

from ..nlp.context import SentenceContext
from ..documents.base import Block, Document
from ..errors import ConfigError, PackError
from ..findings import Severity
from ..packs import templates


@dataclass
class Hit:
    """Something a check found: a character span of a block, with message fields."""

    block: Block
    start: int
    end: int
    sentence: str = ""
    fields: dict = field(default_factory=dict)
    severity: Severity | None = None  # overrides the rule's severity
    sent: object | None = None  # the spaCy sentence it was found in, when the check reports it later (for rewrites)


def _option_error(rule, option: str, message: str) -> PackError | ConfigError:
    """A bad option, blamed on the file that set it: the user's configuration, or the rule pack."""
    from_config = bool(rule.options_from) and option in rule.options_from[2]
    source, line = rule.options_blame(option)
    return (ConfigError if from_config else PackError)(message, source, line)


class Check:
    name: ClassVar[str] = ""
    defaults: ClassVar[dict] = {}  # allowed options and their defaults
    fields: ClassVar[tuple[str, ...]] = ()  # message fields its hits fill, besides {match}
    # An English rule's check sees English sentences only; one that judges the whole document from words and
    # headings (a practice model's elements) sees the Welsh sentences too, so a bilingual or Welsh record is
    # judged on all it says. Such a check must not lean on tags or a parse for a Welsh sentence.
    all_languages: ClassVar[bool] = False

    def __init__(self, rule, nlp=None):
        self.rule = rule
        unknown = set(rule.options) - set(self.defaults)
        if unknown:
            name = sorted(unknown)[0]
            raise _option_error(rule, name, f"unknown option '{name}' for check '{self.name}' of rule '{rule.id}' "
                                            f"(allowed: {', '.join(sorted(self.defaults)) or 'none'})")
        self.options = {**self.defaults, **rule.options}
        for key, default in self.defaults.items():
            value = self.options[key]
            if isinstance(default, list):
                if not isinstance(value, list):
                    raise _option_error(rule, key, f"option '{key}' of rule '{rule.id}' must be a list")
            elif isinstance(default, (int, float)) and not isinstance(default, bool):
                if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                    raise _option_error(rule, key, f"option '{key}' of rule '{rule.id}' must be a number")
            elif type(value) is not type(default):
                raise _option_error(rule, key, f"option '{key}' of rule '{rule.id}' must be a {type(default).__name__}")
        self._check_templates(rule)

    def _check_templates(self, rule) -> None:
        allowed = {"match", *self.fields}
        fixes = list(rule.fix.values()) if isinstance(rule.fix, dict) else [rule.fix]
        for template in [rule.message, *rule.suggestions, rule.better, *fixes]:
            if isinstance(template, str) and (problem := templates.problem(template, allowed)):
                raise PackError(f"rule '{rule.id}': {problem}", rule.source, rule.line)

    def begin(self, document: Document) -> None:
        """A new document starts."""

    def sentence(self, ctx: SentenceContext) -> Iterable[Hit]:
        return ()

    def end(self) -> Iterable[Hit]:
        """The document ended: document-level findings."""
        return ()

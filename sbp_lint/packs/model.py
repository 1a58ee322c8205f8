"""The rule model: what a YAML rule becomes once it has been validated."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..findings import Severity
from .kinds import CheckSpec, KindSpec
from .rewrites import RewriteSpec


def selects(name: str, rule_id: str, pack: str, category: str) -> bool:
    """True if ``name`` (a rule id, id prefix, pack or category) picks the rule so described."""
    return name in (rule_id, pack, category) or rule_id.startswith(name.rstrip(".") + ".")


@dataclass(frozen=True)
class Exceptions:
    """When a match is not a finding: declarative filters shared by all kinds."""

    phrases: tuple[str, ...] = ()  # a longer phrase around the match that makes it ordinary
    preceded_by: tuple[str, ...] = ()  # words (lower case or lemma) just before the match
    followed_by: tuple[str, ...] = ()  # words just after the match
    window: int = 2  # how many tokens before/after count
    subject_in: tuple[str, ...] = ()  # the verb's subject is one of these (an organisation, not a person)
    object_in: tuple[str, ...] = ()  # the verb's object is one of these ("a failure to engage with families": a service's)
    sentence_has: tuple[str, ...] = ()  # the sentence contains one of these phrases
    passive: bool = False  # the matched verb is passive ("she was refused a place"): the person was acted on
    covered: bool = False  # another rule's finding already covers these words (a general rule giving way to a specific one)


@dataclass(frozen=True)
class Example:
    """One of a rule's own examples. A flag example may pin what is flagged and how it is fixed,
    as LanguageTool's ``<marker>``/``correction`` and sqlfluff's ``fix_str`` do."""

    text: str
    match: str | None = None  # the flagged words, exactly as written in ``text``
    fix: str | None = None  # the safe replacement offered for them
    rewrite: str | None = None  # the whole sentence as rewritten (every finding in it combined)


@dataclass(frozen=True)
class Wording:
    """A rule's words for one audience (``audience: {child: {...}, adult: {...}}`` in YAML); None keeps the rule's own."""

    message: str | None = None
    suggestions: tuple[str, ...] | None = None
    better: str | None = None
    why: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    pack: str
    category: str
    severity: Severity
    message: str
    why: str
    suggestions: tuple[str, ...]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    spec: KindSpec  # what the rule's kind needs: phrases, patterns or a named check with options
    scope: str = "all"
    in_quotes: bool = False
    exceptions: Exceptions = Exceptions()
    better: str | None = None
    fix: str | dict[str, str] | None = None  # one replacement, or one per matched form
    rewrite: RewriteSpec | None = None  # how the sentence is rewritten (packs/rewrites.py); a fix: is a safe one
    source: str = ""
    line: int = 0
    audiences: tuple[str, ...] = ()  # the audiences the rule runs for (none: every one)
    wording: dict[str, Wording] = field(default_factory=dict)  # per audience (adult, child)
    # (file, line, option names) when a configuration laid options over the rule's own: a bad one is blamed there.
    options_from: tuple[str | None, int | None, frozenset[str]] | None = None
    language: str = "en"  # en | cy: the sentences it reads (its pack's ``language``)

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def options(self) -> dict:
        return self.spec.options if isinstance(self.spec, CheckSpec) else {}

    def with_options(self, extra: dict, source: str | None = None, line: int | None = None) -> "Rule":
        """The rule with a configuration's options (from ``source``, at ``line``) laid over its own (named checks only)."""
        if not extra or not isinstance(self.spec, CheckSpec):
            return self
        return dataclasses.replace(self, spec=dataclasses.replace(self.spec, options={**self.spec.options, **extra}),
                                   options_from=(source, line, frozenset(extra)))

    def options_blame(self, option: str | None = None) -> tuple[str | None, int | None]:
        """Where an option (any option, when None) came from: the configuration that set it, or the rule's pack."""
        if self.options_from and (option is None or option in self.options_from[2]):
            return self.options_from[0], self.options_from[1]
        return self.source, self.line

    def runs_for(self, audience: str | None) -> bool:
        """Whether findings of this rule are kept in a document about ``audience`` (None: not known).

        A rule for children only still runs when the audience is not known: missing
        safeguarding wording in a record with no cues would cost more than a misplaced finding.
        """
        return not self.audiences or audience is None or audience in self.audiences

    def for_audience(self, audience: str | None) -> "Rule":
        """The rule with its words for ``audience`` laid over its own."""
        wording = self.wording.get(audience) if audience else None
        if wording is None:
            return self
        return dataclasses.replace(
            self, message=wording.message or self.message, why=wording.why or self.why,
            suggestions=self.suggestions if wording.suggestions is None else wording.suggestions,
            better=wording.better or self.better, severity=wording.severity or self.severity)

    def selected_by(self, name: str) -> bool:
        """True if ``name`` (a rule id, id prefix, pack or category) picks this rule."""
        return selects(name, self.id, self.pack, self.category)


@dataclass
class Pack:
    name: str
    description: str
    path: str
    rules: list[Rule]
    language: str = "en"  # en | cy

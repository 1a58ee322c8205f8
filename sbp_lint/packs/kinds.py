"""Rule kinds: one unit each for what a kind reads from YAML, how it is described and how it is compiled.

A rule's ``spec`` is one of these. The loader asks it to parse the kind's own keys, ``explain``
and SARIF ask it to say what it flags, and the engine hands it a ``target`` to compile into
(``add_phrases``, ``add_token_patterns``, ``add_dependency_patterns``, ``add_check``), so the
dispatch on kinds lives here alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from ..errors import PackError
from ..yamlutil import LineDict, plain

PHRASE_ATTRS = ("lower", "lemma", "orth")


class CompileTarget(Protocol):
    def add_phrases(self, rule, attr: str, phrases: tuple[str, ...]) -> None: ...
    def add_token_patterns(self, rule, patterns: tuple) -> None: ...
    def add_dependency_patterns(self, rule, patterns: tuple) -> None: ...
    def add_check(self, rule) -> None: ...


class KindSpec:
    kind: ClassVar[str] = ""
    keys: ClassVar[frozenset[str]] = frozenset()  # the YAML keys this kind adds to the common ones
    required: ClassVar[str] = ""  # the one key a rule of this kind cannot do without

    @property
    def name(self) -> str:
        """How ``sbp-lint rules`` lists it."""
        return self.kind

    def describe(self, message: str) -> str:
        """What the rule flags, in a sentence."""
        raise NotImplementedError

    def compile(self, rule, target: CompileTarget) -> None:
        raise NotImplementedError

    def accepts(self, span) -> bool:
        """A last word on a match the matchers found (part of speech, for phrases)."""
        return True


@dataclass(frozen=True)
class PhraseSpec(KindSpec):
    kind: ClassVar[str] = "phrase"
    keys: ClassVar[frozenset[str]] = frozenset({"phrases", "attr", "pos"})
    required: ClassVar[str] = "phrases"
    phrases: tuple[str, ...] = ()
    attr: str = "lower"  # lower: any letter case; lemma: every form of the word; orth: exact case (acronyms)
    pos: tuple[str, ...] = ()  # parts of speech the match's root may have (none: any)

    @classmethod
    def parse(cls, raw: LineDict, where: str) -> "PhraseSpec":
        phrases = raw.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise PackError("'phrases' must be a non-empty list of strings", where, raw.line_of("phrases"))
        attr = raw.get("attr", "lower")
        if attr not in PHRASE_ATTRS:
            raise PackError("'attr' must be 'lower', 'lemma' or 'orth' (exact letter case)", where, raw.line_of("attr"))
        pos = raw.get("pos", [])
        if not isinstance(pos, list) or not all(isinstance(p, str) for p in pos):
            raise PackError("'pos' must be a list of part-of-speech tags such as NOUN", where, raw.line_of("pos"))
        return cls(phrases=tuple(phrases), attr=attr, pos=tuple(pos))

    def describe(self, message: str) -> str:
        shown = ", ".join(f"'{p}'" for p in self.phrases[:12]) + (" …" if len(self.phrases) > 12 else "")
        how = {"lemma": "and other forms of the same word", "orth": "in exactly this letter case"}.get(self.attr, "in any letter case")
        return f"The words {shown}, {how}."

    def compile(self, rule, target: CompileTarget) -> None:
        target.add_phrases(rule, self.attr, self.phrases)

    def accepts(self, span) -> bool:
        return not self.pos or span.root.pos_ in self.pos


def _patterns(raw: LineDict, where: str) -> tuple:
    patterns = raw.get("patterns")
    if not isinstance(patterns, list) or not patterns or \
            not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns):
        raise PackError("'patterns' must be a non-empty list of non-empty lists of token mappings", where, raw.line_of("patterns"))
    return tuple(plain(p) for p in patterns)


@dataclass(frozen=True)
class PatternSpec(KindSpec):
    kind: ClassVar[str] = "pattern"
    keys: ClassVar[frozenset[str]] = frozenset({"patterns"})
    required: ClassVar[str] = "patterns"
    patterns: tuple = ()  # spaCy Matcher token patterns

    @classmethod
    def parse(cls, raw: LineDict, where: str) -> "PatternSpec":
        return cls(patterns=_patterns(raw, where))

    def describe(self, message: str) -> str:
        return f"Matched by {len(self.patterns)} {self.kind} pattern(s): " + message.replace("{match}", "…")

    def compile(self, rule, target: CompileTarget) -> None:
        target.add_token_patterns(rule, self.patterns)


@dataclass(frozen=True)
class DependencySpec(PatternSpec):
    kind: ClassVar[str] = "dependency"  # spaCy DependencyMatcher patterns

    def compile(self, rule, target: CompileTarget) -> None:
        target.add_dependency_patterns(rule, self.patterns)


@dataclass(frozen=True)
class CheckSpec(KindSpec):
    kind: ClassVar[str] = "check"
    keys: ClassVar[frozenset[str]] = frozenset({"check", "options"})
    required: ClassVar[str] = "check"
    check: str = ""  # the name a check registers under (sbp_lint/checks)
    options: dict = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def parse(cls, raw: LineDict, where: str) -> "CheckSpec":
        check = raw.get("check")
        if not isinstance(check, str) or not check.strip():
            raise PackError("'check' must be the name of a check", where, raw.line_of("check"))
        options = raw.get("options", {})
        if not isinstance(options, dict):
            raise PackError("'options' must be a mapping", where, raw.line_of("options"))
        return cls(check=check, options=plain(options))

    @property
    def name(self) -> str:
        return self.check

    def describe(self, message: str) -> str:
        return f"Found by the '{self.check}' check: " + message.replace("{match}", "…")

    def compile(self, rule, target: CompileTarget) -> None:
        target.add_check(rule)


SPECS: dict[str, type[KindSpec]] = {spec.kind: spec for spec in (PhraseSpec, PatternSpec, DependencySpec, CheckSpec)}
KINDS = tuple(SPECS)

"""The compiled rules: spaCy matchers for every matcher rule, and the named checks.

All phrase rules share three PhraseMatchers (LOWER, LEMMA and case-sensitive ORTH), all token
patterns one gated Matcher and all dependency patterns one DependencyMatcher, so each Doc is scanned
once whatever the number of rules. The token and dependency matchers, whose cost grows with their
patterns, run only where the words their patterns need are (nlp/anchors.py). Each rule's kind
compiles itself into this set (``packs.kinds``); this module knows only how to hold and run what it
is given.
"""

from __future__ import annotations

from spacy.matcher import DependencyMatcher, PhraseMatcher

from ..checks import Check, make_check
from ..errors import PackError, SbpError, one_line
from ..nlp.anchors import GatedMatcher, WordGate, anchor_docs, pattern_anchor
from ..phrases import phrase_variants

# Labels of the anchor words (nlp/anchors.py) that ride along in the phrase matchers.
_PATTERN_ANCHOR = "sbp-lint anchor: pattern"
_DEPENDENCY_ANCHOR = "sbp-lint anchor: dependency"

Match = tuple[str, int, int]  # rule id, first token, token after the last


class CompiledRules:
    def __init__(self, nlp, rules) -> None:
        self.nlp = nlp
        vocab = nlp.vocab
        self.phrase = {"lower": PhraseMatcher(vocab, attr="LOWER"), "lemma": PhraseMatcher(vocab, attr="LEMMA"),
                       "orth": PhraseMatcher(vocab, attr="ORTH")}  # orth: case-sensitive, for acronyms such as "CIN"
        self.matcher = GatedMatcher(vocab)  # on a Doc, only the patterns whose every word is in it
        self.dep = DependencyMatcher(vocab, validate=True)
        self._dep_gate = WordGate()  # the DependencyMatcher runs whole, where any of its patterns could match
        self.checks: list[Check] = []
        self._unanchored: set[str] = set()  # anchor labels whose matcher must run on every Doc
        self._lemma_phrases: dict[str, set[str]] = {}  # tagged together once every rule is in
        for rule in rules:
            try:
                rule.spec.compile(rule, self)
            except SbpError:  # a pack or a configuration that names its own file and line
                raise
            except Exception as exc:  # spaCy reports invalid patterns in several exception types
                raise PackError(f"rule '{rule.id}': invalid {rule.kind} pattern: {one_line(exc, 300)}", rule.source, rule.line) from None
        self._add_lemma_phrases()

    # -- what the rule kinds compile into (packs.kinds.CompileTarget) ------------------
    def add_phrases(self, rule, attr: str, phrases: tuple[str, ...]) -> None:
        variants = {v for phrase in phrases for v in phrase_variants(phrase)}
        if attr == "lemma":
            self._lemma_phrases[rule.id] = variants
            return
        self.phrase[attr].add(rule.id, list(self.nlp.tokenizer.pipe(sorted(variants))))

    def add_token_patterns(self, rule, patterns: tuple) -> None:
        self.matcher.add(rule.id, [list(p) for p in patterns])
        for pattern in patterns:
            self._anchor(_PATTERN_ANCHOR, list(pattern))

    def add_dependency_patterns(self, rule, patterns: tuple) -> None:
        self.dep.add(rule.id, [list(p) for p in patterns])
        for pattern in patterns:
            nodes = [node.get("RIGHT_ATTRS", {}) for node in pattern]
            self._anchor(_DEPENDENCY_ANCHOR, nodes)
            self._dep_gate.add(rule.id, nodes)

    def add_check(self, rule) -> None:
        self.checks.append(make_check(rule, self.nlp))

    # -- building ---------------------------------------------------------------------
    def _add_lemma_phrases(self) -> None:
        docs = self._lemma_docs({v for variants in self._lemma_phrases.values() for v in variants})
        for rule_id, variants in self._lemma_phrases.items():
            self.phrase["lemma"].add(rule_id, [docs[v] for v in sorted(variants)])

    def _lemma_docs(self, texts: set[str]) -> dict:
        """Lemma patterns with their lemmas: from the shipped table (``lemma_table``) where it holds them for
        this pipeline, tagged now otherwise."""
        from .lemma_table import known_lemma_docs, tag_lemma_docs

        return tag_lemma_docs(self.nlp, texts, known_lemma_docs(self.nlp, texts))

    def _anchor(self, label: str, specs: list[dict]) -> None:
        """Look for the pattern's anchor word with the phrase matchers; no anchor: match every Doc."""
        anchor = pattern_anchor(specs)
        if anchor is None:
            self._unanchored.add(label)
            return
        attr, values = anchor
        self.phrase[attr.lower()].add(label, anchor_docs(self.nlp.vocab, attr, values))

    # -- matching ---------------------------------------------------------------------
    def matches(self, doc) -> list[Match]:
        """Every rule match in ``doc``, longest first where one rule matches inside its own longer match."""
        strings = self.nlp.vocab.strings
        found = []
        anchored = set(self._unanchored)
        for matcher in self.phrase.values():
            if len(matcher):
                for match_id, start, end in matcher(doc):
                    label = strings[match_id]
                    if label in (_PATTERN_ANCHOR, _DEPENDENCY_ANCHOR):
                        anchored.add(label)
                    else:
                        found.append((label, start, end))
        if len(self.matcher) and _PATTERN_ANCHOR in anchored:
            found += [(strings[m], s, e) for m, s, e in self.matcher(doc)]
        # The anchor words above are the cheap first test (the phrase matchers run anyway); the gates
        # then look for all of a pattern's words, on the third of Docs that hold some anchor.
        if len(self.dep) and _DEPENDENCY_ANCHOR in anchored and self._dep_gate.passes(doc):
            found += [(strings[m], min(ids), max(ids) + 1) for m, ids in self.dep(doc)]
        # Longest match first, so a rule reports "package of care" rather than "care" inside it.
        found.sort(key=lambda f: (f[1], -(f[2] - f[1])))
        kept: list[Match] = []
        for rule_id, start, end in found:
            if any(r == rule_id and s <= start and end <= e for r, s, e in kept):
                continue
            kept.append((rule_id, start, end))
        return kept

"""Rules applied to parsed blocks: one pass of spaCy matchers, then named checks.

All phrase rules share three PhraseMatchers (LOWER, LEMMA and case-sensitive ORTH), all token patterns
one Matcher and all dependency patterns one DependencyMatcher, so each Doc is
scanned once whatever the number of rules.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

from .anchors import anchor_docs, pattern_anchor
from ..checks import Check, Hit, make_check
from ..nlp.context import SentenceContext, outcome_label, quote_ranges, reports_a_result
from ..documents.base import Block, Document
from ..errors import PackError
from ..findings import Finding, Severity
from ..policy.glossary import Glossary
from ..packs import Rule

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "poss", "csubj")
# Labels of the anchor words (sbp_lint/anchors.py) that ride along in the phrase matchers.
_PATTERN_ANCHOR = "sbp-lint anchor: pattern"
_DEPENDENCY_ANCHOR = "sbp-lint anchor: dependency"


def phrase_variants(phrase: str) -> set[str]:
    """'wheelchair-bound' also as 'wheelchair bound' (and back), so one entry covers both."""
    phrase = " ".join(phrase.split())
    return {phrase, phrase.replace("-", " "), phrase.replace(" - ", "-").replace(" ", "-")} - {""}


class Engine:
    def __init__(self, nlp, rules: list[Rule], allow: Iterable[str] = (), severity: dict[str, Severity] | None = None):
        self.nlp = nlp
        self.rules = {rule.id: rule for rule in rules}
        self.allow = Glossary(allow)
        self.severity = severity or {}
        self._exception_res: dict[str, tuple[re.Pattern | None, re.Pattern | None]] = {}
        self.checks: list[Check] = []
        self._build(rules)

    # -- compiling -------------------------------------------------------
    def _build(self, rules: list[Rule]) -> None:
        vocab = self.nlp.vocab
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.orth = PhraseMatcher(vocab, attr="ORTH")  # case-sensitive: acronyms such as "CIN", "PEP"
        self.matcher = Matcher(vocab, validate=True)
        self.dep = DependencyMatcher(vocab, validate=True)
        self._unanchored: set[str] = set()  # anchor labels whose matcher must run on every Doc
        lemma_docs = self._lemma_docs({v for r in rules if r.kind == "phrase" and r.attr == "lemma" for v in phrase_variants_all(r)})
        for rule in rules:
            try:
                if rule.kind == "phrase" and rule.attr == "lower":
                    self.lower.add(rule.id, list(self.nlp.tokenizer.pipe(sorted(phrase_variants_all(rule)))))
                elif rule.kind == "phrase" and rule.attr == "orth":
                    self.orth.add(rule.id, list(self.nlp.tokenizer.pipe(sorted(phrase_variants_all(rule)))))
                elif rule.kind == "phrase":
                    self.lemma.add(rule.id, [lemma_docs[v] for v in sorted(phrase_variants_all(rule))])
                elif rule.kind == "pattern":
                    self.matcher.add(rule.id, [list(p) for p in rule.patterns])
                    for pattern in rule.patterns:
                        self._anchor(_PATTERN_ANCHOR, list(pattern))
                elif rule.kind == "dependency":
                    self.dep.add(rule.id, [list(p) for p in rule.patterns])
                    for pattern in rule.patterns:
                        self._anchor(_DEPENDENCY_ANCHOR, [node.get("RIGHT_ATTRS", {}) for node in pattern])
                else:
                    self.checks.append(make_check(rule, self.nlp))
            except PackError:
                raise
            except Exception as exc:  # spaCy reports invalid patterns in several exception types
                raise PackError(f"rule '{rule.id}': invalid {rule.kind} pattern: {_one_line(exc)}", rule.source, rule.line) from None

    def _lemma_docs(self, texts: set[str]) -> dict:
        """Lemma patterns, tagged once: the tagging was a third of the matchers' build time at every start.

        The parser is left out (lemmas do not need it), and a hyphenated variant ("put-herself-at-risk")
        takes the lemmas of its spaced twin ("put herself at risk") when their words are the same.
        """
        spaced = sorted(t for t in texts if "-" not in t or t.replace("-", " ") not in texts)
        no_parser = [name for name in ("parser",) if name in self.nlp.pipe_names]
        docs = dict(zip(spaced, self.nlp.pipe(spaced, disable=no_parser)))
        untagged = []
        for text in sorted(texts - set(docs)):
            doc, twin = self.nlp.make_doc(text), docs[text.replace("-", " ")]
            if [t.text for t in doc if t.text != "-"] != [t.text for t in twin]:
                untagged.append(text)
                continue
            lemmas = iter(t.lemma_ for t in twin)
            for token in doc:
                token.lemma_ = "-" if token.text == "-" else next(lemmas)
            docs[text] = doc
        docs.update(zip(untagged, self.nlp.pipe(untagged, disable=no_parser)))
        return docs

    def _anchor(self, label: str, specs: list[dict]) -> None:
        """Look for the pattern's anchor word with the phrase matchers; no anchor: match every Doc."""
        anchor = pattern_anchor(specs)
        if anchor is None:
            self._unanchored.add(label)
            return
        attr, values = anchor
        matcher = {"LOWER": self.lower, "LEMMA": self.lemma, "ORTH": self.orth}[attr]
        matcher.add(label, anchor_docs(self.nlp.vocab, attr, values))

    # -- checking --------------------------------------------------------
    def check(self, document: Document, docs: Iterable) -> Iterator[Finding]:
        """Findings for ``document``; ``docs`` are the parsed texts of its blocks, in order."""
        for check in self.checks:
            check.begin(document)
        blocks = [b for b in document.blocks if b.text.strip()]
        for block, doc in zip(blocks, docs):
            yield from self.check_block(block, doc)
        for check in self.checks:
            for hit in check.end():
                finding = self._from_hit(check.rule, hit)
                if finding:
                    yield finding

    def check_block(self, block: Block, doc) -> Iterator[Finding]:
        if block.outcome_start and outcome_label(block.text) and reports_a_result(doc, block.outcome_start):
            block.outcome_start = None  # "Outcome: Mrs Jones agreed to ..." in case notes: a result, not a goal
        quotes = quote_ranges(block.text)
        sents = list(doc.sents)
        tokens = list(doc)  # made once, shared by every check (a Span makes new Tokens on each walk)
        contexts = [SentenceContext(sent, block, quotes, tokens[sent.start:sent.end]) for sent in sents]
        seen: set[tuple[str, int, int]] = set()
        for rule_id, start, end in self._matches(doc):
            rule = self.rules[rule_id]
            span = doc[start:end]
            ctx = contexts[_sentence_index(sents, start)]
            if (rule.id, span.start_char, span.end_char) in seen or not self._keep(rule, span, ctx):
                continue
            seen.add((rule.id, span.start_char, span.end_char))
            yield self._finding(rule, block, span.start_char, span.end_char, ctx.text)
        for ctx in contexts:
            for check in self.checks:
                for hit in check.sentence(ctx):
                    finding = self._from_hit(check.rule, hit, ctx)
                    if finding:
                        yield finding

    def _matches(self, doc) -> list[tuple[str, int, int]]:
        strings = self.nlp.vocab.strings
        found = []
        anchored = set(self._unanchored)
        for matcher in (self.lower, self.lemma, self.orth):
            if len(matcher):
                for match_id, start, end in matcher(doc):
                    label = strings[match_id]
                    if label in (_PATTERN_ANCHOR, _DEPENDENCY_ANCHOR):
                        anchored.add(label)
                    else:
                        found.append((label, start, end))
        if len(self.matcher) and _PATTERN_ANCHOR in anchored:
            found += [(strings[m], s, e) for m, s, e in self.matcher(doc)]
        if len(self.dep) and _DEPENDENCY_ANCHOR in anchored:
            found += [(strings[m], min(ids), max(ids) + 1) for m, ids in self.dep(doc)]
        # Longest match first, so a rule reports "package of care" rather than "care" inside it.
        found.sort(key=lambda f: (f[1], -(f[2] - f[1])))
        kept: list[tuple[str, int, int]] = []
        for rule_id, start, end in found:
            if any(r == rule_id and s <= start and end <= e for r, s, e in kept):
                continue
            kept.append((rule_id, start, end))
        return kept

    def _keep(self, rule: Rule, span, ctx: SentenceContext) -> bool:
        start, end = span.start_char, span.end_char
        if not self._placed(rule, ctx.block, start, end, ctx):
            return False
        if self.allow.allows(span.text):
            return False
        if rule.pos and span.root.pos_ not in rule.pos:
            return False
        return not self._excepted(rule, span, ctx)

    def _placed(self, rule: Rule, block: Block, start: int, end: int, ctx: SentenceContext | None) -> bool:
        """Scope, the person's quoted words and skipped code."""
        ctx = ctx or SentenceContext(None, block, quote_ranges(block.text))
        if ctx.skipped(start, end):
            return False
        if rule.scope == "outcome" and not ctx.in_outcome(start):
            return False
        if rule.scope == "not_outcome" and ctx.in_outcome(start):
            return False
        return rule.in_quotes or not ctx.quoted(start, end)

    def _excepted(self, rule: Rule, span, ctx: SentenceContext) -> bool:
        ex = rule.exceptions
        sent = ctx.sent
        if ex.phrases or ex.sentence_has:
            around, anywhere = self._exception_patterns(rule)
            offset = sent.start_char
            if around is not None:
                for m in around.finditer(ctx.text):
                    if m.start() + offset < span.end_char and span.start_char < m.end() + offset:
                        return True
            if anywhere is not None and anywhere.search(ctx.text):
                return True
        doc = span.doc
        if ex.preceded_by:
            before = doc[max(sent.start, span.start - ex.window):span.start]
            if any(t.lower_ in ex.preceded_by or t.lemma_.lower() in ex.preceded_by for t in before):
                return True
        if ex.followed_by:
            after = doc[span.end:min(sent.end, span.end + ex.window)]
            if any(t.lower_ in ex.followed_by or t.lemma_.lower() in ex.followed_by for t in after):
                return True
        if ex.passive and any(c.dep_ in ("auxpass", "nsubjpass") for c in span.root.children):
            return True
        if ex.subject_in:
            return any(s.lemma_.lower() in ex.subject_in or s.lower_ in ex.subject_in for s in _subjects(span.root))
        return False

    def _exception_patterns(self, rule: Rule) -> tuple[re.Pattern | None, re.Pattern | None]:
        if rule.id not in self._exception_res:
            def compile_(words):
                if not words:
                    return None
                alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)
            self._exception_res[rule.id] = (compile_(rule.exceptions.phrases), compile_(rule.exceptions.sentence_has))
        return self._exception_res[rule.id]

    def _from_hit(self, rule: Rule, hit: Hit, ctx: SentenceContext | None = None) -> Finding | None:
        if ctx is not None and hit.block is not ctx.block:
            ctx = None
        if not self._placed(rule, hit.block, hit.start, hit.end, ctx):
            return None
        sentence = hit.sentence or (ctx.text if ctx else hit.block.text[hit.start:hit.end])
        return self._finding(rule, hit.block, hit.start, hit.end, sentence, hit.fields, hit.severity)

    def _finding(self, rule: Rule, block: Block, start: int, end: int, sentence: str,
                 fields: dict | None = None, severity: Severity | None = None) -> Finding:
        text = block.text[start:end]
        line, column = block.position(start)
        end_line, end_column = block.position(end, end=True)
        sentence = sentence.strip()
        # The sentence is a piece of the block that holds the match: find it again by position.
        sentence_start = block.text.rfind(sentence, 0, end + len(sentence)) if sentence else -1
        if sentence_start < 0 or sentence_start > start:
            sentence_start = block.text.find(sentence) if sentence else start
        anchor = (block.index, start, end, sentence_start, sentence_start + len(sentence)) if sentence_start >= 0 else None
        finding = Finding(
            rule=rule.id, category=rule.category,
            severity=self.severity.get(rule.id, severity or rule.severity),
            line=line, column=column, end_line=end_line, end_column=end_column, text=text,
            message="", sentence=sentence, location=block.location, anchor=anchor,
            details={k: v for k, v in (fields or {}).items() if _is_plain_value(k, v)},
        )
        self.render(finding, rule, fields)
        return finding

    def render(self, finding: Finding, rule: Rule | None = None, fields: dict | None = None, match: str | None = None) -> None:
        """Fill the rule's message, suggestions and fix for ``finding`` (``match`` stands in for its words)."""
        rule = rule or self.rules.get(finding.rule)
        if rule is None:
            return
        values = {**finding.details, **(fields or {}), "match": finding.text if match is None else match}
        finding.message = _fill(rule.message, values)
        finding.suggestions = [_fill(s, values) for s in rule.suggestions]
        finding.fix = _fix(rule.fix, finding.text, values) if match is None else None

    def restore(self, finding: Finding, blocks: list[Block]) -> Finding | None:
        """Rebuild a cached finding's words from the document's blocks; None if they no longer fit."""
        index, start, end, sentence_start, sentence_end = finding.anchor
        if not 0 <= index < len(blocks) or end > len(blocks[index].text):
            return None
        block = blocks[index]
        # In place: a cached finding is a fresh object made from its JSON entry, used once.
        finding.text, finding.sentence = block.text[start:end], block.text[sentence_start:sentence_end]
        self.render(finding)
        return finding


def _is_plain_value(key: str, value) -> bool:
    """Numbers (word counts, grades) are not document text; words are, and stay out of caches."""
    return isinstance(value, (int, float, bool)) or key == "plural"


def phrase_variants_all(rule: Rule) -> set[str]:
    return {v for phrase in rule.phrases for v in phrase_variants(phrase)}


def _subjects(token) -> list:
    """Grammatical subjects of a verb (or noun) and of the verb it depends on."""
    found = []
    seen = 0
    while token is not None and seen < 4:
        found += [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        found += [g for c in token.children if c.dep_ == "agent" for g in c.children]
        # An adjective complement takes the subject of its copula: "The ward was noisy and chaotic".
        if found or token.dep_ not in ("xcomp", "conj", "ccomp", "dobj", "pobj", "prep", "acl", "acomp", "attr") or token.head.i == token.i:
            break
        token = token.head
        seen += 1
    # "Swansea Council": the head noun decides; its compounds are part of the name.
    return found + [c for s in found for c in s.children if c.dep_ == "compound"]


def _sentence_index(sents: list, token_index: int) -> int:
    for index, sent in enumerate(sents):
        if sent.start <= token_index < sent.end:
            return index
    return len(sents) - 1


def _fix(fix: str | dict | None, text: str, values: dict) -> str | None:
    """The safe replacement for ``text``: one string, or per matched form ("utilised" -> "used").

    A form a mapping does not list gets no fix. A capital at the start of the
    match is kept, so "Prior to the visit" becomes "Before the visit".
    """
    if isinstance(fix, dict):
        fix = fix.get(" ".join(text.lower().split()))
    if not fix:
        return None
    fix = _fill(fix, values)
    if text[:1].isupper() and fix[:1].islower() and not text[1:2].isupper():
        fix = fix[0].upper() + fix[1:]
    return fix


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict) -> str:
    # Most suggestions are plain text: formatting them would only copy them.
    return template.format_map(_Missing(values)) if "{" in template or "}" in template else template


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] if text else type(exc).__name__

"""The engine itself: the rules applied to one parsed document, block by block, sentence by sentence.

For each block's Doc: the compiled matchers' matches, kept when they are placed where the rule
applies and no exception holds; then every named check sees each sentence; at the end of the
document the checks report what they found across it. What is finally reported (allow-lists,
severities, overrides, suppressions) is the policy's to decide, not the engine's.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..checks import Hit
from ..documents.base import Block, Document
from ..findings import Finding
from ..nlp.context import SentenceContext, quote_ranges
from ..nlp.language import ENGLISH, WELSH
from ..nlp.outcomes import settle_outcome
from ..nlp.welsh import load_welsh_pipeline
from ..packs import Rule
from ..phrases import phrase_variants
from ..practice.profile import ProfileBuilder
from ..rewrite import Rewriter
from .build import make_finding, restore
from .compiled import CompiledRules
from .filters import Exceptions, placed

__all__ = ["Engine", "phrase_variants"]


class Engine:
    """English rules read English blocks with the English pipeline's Docs; Welsh rules read Welsh blocks
    (``Block.language``, set by ``nlp.language``) with the Welsh tokenizer's. The Welsh set is compiled
    the first time a document has Welsh in it, so English-only runs pay nothing for it."""

    def __init__(self, nlp, rules: list[Rule]):
        self.nlp = nlp
        self.rules = {rule.id: rule for rule in rules}
        self.compiled = CompiledRules(nlp, [r for r in rules if r.language == ENGLISH])
        self.checks = self.compiled.checks
        self._welsh_rules = [r for r in rules if r.language == WELSH]
        self._welsh: CompiledRules | None = None
        self.exceptions = Exceptions()
        self.profile = ProfileBuilder()  # observers: what the document does well, counted in the same pass
        self._bilingual: list = []  # English checks that read Welsh sentences too (set per document)
        self.rewriter = Rewriter(rules)

    @property
    def welsh(self) -> CompiledRules:
        """The Welsh rules, compiled on the Welsh pipeline (on first use)."""
        if self._welsh is None:
            self._welsh = CompiledRules(load_welsh_pipeline(), self._welsh_rules)
        return self._welsh

    def compiled_for(self, language: str) -> CompiledRules:
        return self.welsh if language == WELSH else self.compiled

    def check(self, document: Document, docs: Iterable) -> Iterator[Finding]:
        """Findings for ``document``; ``docs`` are the parsed texts of its blocks, in order.

        Once the findings are all given, ``document.profile`` holds the document's good-practice profile."""
        self.profile.begin(document)
        blocks = [b for b in document.blocks if b.text.strip()]
        sets = [self.compiled] + ([self.welsh] if any(b.language == WELSH for b in blocks) else [])
        self._bilingual = [c for c in self.compiled.checks if c.all_languages]
        for compiled in sets:
            for check in compiled.checks:
                check.begin(document)
        for block, doc in zip(blocks, docs):
            yield from self.check_block(block, doc)
        for compiled in sets:
            for check in compiled.checks:
                for hit in check.end():
                    finding = self._from_hit(check.rule, hit)
                    if finding:
                        yield finding
        document.profile = self.profile.end()

    def check_block(self, block: Block, doc) -> Iterator[Finding]:
        compiled = self.compiled_for(block.language)
        settle_outcome(block, doc)
        quotes = quote_ranges(block.text)
        sents = list(doc.sents)
        tokens = list(doc)  # made once, shared by every check (a Span makes new Tokens on each walk)
        contexts = [SentenceContext(sent, block, quotes, tokens[sent.start:sent.end]) for sent in sents]
        seen: set[tuple[str, int, int]] = set()
        kept: list[tuple[Rule, int, int, SentenceContext, object]] = []  # the last is the spaCy Span, for rewrites
        for rule_id, start, end in compiled.matches(doc):
            rule = self.rules[rule_id]
            span = doc[start:end]
            ctx = contexts[_sentence_index(sents, start)]
            key = (rule.id, span.start_char, span.end_char)
            if key in seen or not self._keep(rule, span, ctx):
                continue
            seen.add(key)
            kept.append((rule, span.start_char, span.end_char, ctx, span))
        kept = _uncovered(kept)
        for rule, start, end, ctx, span in kept:
            finding = make_finding(rule, block, start, end, ctx.text)
            finding.edits = self.rewriter.for_span(rule, span)
            yield finding
        spans = [(start, end) for _, start, end, _, _ in kept]
        for ctx in contexts:
            self.profile.sentence(ctx)
            for check in self._sentence_checks(compiled):
                for hit in check.sentence(ctx):
                    if check.rule.exceptions.covered and hit.block is block and _overlaps(hit.start, hit.end, spans):
                        continue
                    finding = self._from_hit(check.rule, hit, ctx)
                    if finding:
                        yield finding

    def _sentence_checks(self, compiled: CompiledRules) -> list:
        """The checks that see a sentence read with ``compiled``: a Welsh sentence also goes to the English
        document-level checks that read both languages (``Check.all_languages``)."""
        if compiled is self.compiled:
            return compiled.checks
        return [*compiled.checks, *self._bilingual]

    def _keep(self, rule: Rule, span, ctx: SentenceContext) -> bool:
        return (placed(rule, ctx, span.start_char, span.end_char) and rule.spec.accepts(span)
                and not self.exceptions.applies(rule, span, ctx))

    def _from_hit(self, rule: Rule, hit: Hit, ctx: SentenceContext | None = None) -> Finding | None:
        if ctx is None or hit.block is not ctx.block:
            ctx = SentenceContext(None, hit.block, quote_ranges(hit.block.text))
        if not placed(rule, ctx, hit.start, hit.end):
            return None
        sentence = hit.sentence or (ctx.text if ctx.sent is not None else hit.block.text[hit.start:hit.end])
        finding = make_finding(rule, hit.block, hit.start, hit.end, sentence, hit.fields, hit.severity)
        finding.edits = self.rewriter.for_hit(rule, hit, hit.sent if hit.sent is not None else ctx.sent)
        return finding

    def restore(self, finding: Finding, blocks: list[Block]) -> Finding | None:
        """A cached finding with its words rebuilt from ``blocks``; None if they no longer fit."""
        return restore(finding, {b.index: b.text for b in blocks}, self.rules.get(finding.rule))


def _uncovered(kept: list) -> list:
    """Matches less those of rules with ``exceptions.covered`` whose words another rule's match overlaps
    (a general rule gives way to a specific one). Named checks with ``covered`` give way the same way."""
    if not any(rule.exceptions.covered for rule, *_ in kept):
        return kept
    return [entry for entry in kept
            if not entry[0].exceptions.covered
            or not any(other is not entry[0] and not other.exceptions.covered and s < entry[2] and entry[1] < e
                       for other, s, e, *_ in kept)]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _sentence_index(sents: list, token_index: int) -> int:
    for index, sent in enumerate(sents):
        if sent.start <= token_index < sent.end:
            return index
    return len(sents) - 1

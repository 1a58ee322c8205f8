"""The engine: the rules applied to one parsed document, block by block, sentence by sentence.

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
from ..nlp.outcomes import settle_outcome
from ..packs import Rule
from ..rewrite import Rewriter
from .build import make_finding, restore
from .compiled import CompiledRules, phrase_variants
from .filters import Exceptions, placed

__all__ = ["Engine", "phrase_variants"]


class Engine:
    def __init__(self, nlp, rules: list[Rule]):
        self.nlp = nlp
        self.rules = {rule.id: rule for rule in rules}
        self.compiled = CompiledRules(nlp, rules)
        self.checks = self.compiled.checks
        self.exceptions = Exceptions()
        self.rewriter = Rewriter(rules)

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
        settle_outcome(block, doc)
        quotes = quote_ranges(block.text)
        sents = list(doc.sents)
        tokens = list(doc)  # made once, shared by every check (a Span makes new Tokens on each walk)
        contexts = [SentenceContext(sent, block, quotes, tokens[sent.start:sent.end]) for sent in sents]
        seen: set[tuple[str, int, int]] = set()
        for rule_id, start, end in self.compiled.matches(doc):
            rule = self.rules[rule_id]
            span = doc[start:end]
            ctx = contexts[_sentence_index(sents, start)]
            key = (rule.id, span.start_char, span.end_char)
            if key in seen or not self._keep(rule, span, ctx):
                continue
            seen.add(key)
            finding = make_finding(rule, block, span.start_char, span.end_char, ctx.text)
            finding.edits = self.rewriter.for_span(rule, span)
            yield finding
        for ctx in contexts:
            for check in self.checks:
                for hit in check.sentence(ctx):
                    finding = self._from_hit(check.rule, hit, ctx)
                    if finding:
                        yield finding

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
        return restore(finding, blocks, self.rules.get(finding.rule))


def _sentence_index(sents: list, token_index: int) -> int:
    for index, sent in enumerate(sents):
        if sent.start <= token_index < sent.end:
            return index
    return len(sents) - 1

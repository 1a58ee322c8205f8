"""Findings from matches and hits: positions in the original file, the sentence, the filled message.

A finding also records where its words live among the document's blocks (``block_span``),
so a cached finding, which holds no document text, can have its words rebuilt from the file.
"""

from __future__ import annotations

from typing import Mapping

from ..documents.base import Block
from ..findings import Finding, Severity
from ..packs import Rule, templates
from ..rewrite import restore as restore_rewrite


def make_finding(rule: Rule, block: Block, start: int, end: int, sentence: str,
                 fields: dict | None = None, severity: Severity | None = None) -> Finding:
    line, column = block.position(start)
    end_line, end_column = block.position(end, end=True)
    sentence = sentence.strip()
    # The sentence is a piece of the block that holds the match: find it again by position.
    sentence_start = block.text.rfind(sentence, 0, end + len(sentence)) if sentence else -1
    if sentence_start < 0 or sentence_start > start:
        sentence_start = block.text.find(sentence) if sentence else start
    block_span = (block.index, start, end, sentence_start, sentence_start + len(sentence)) if sentence_start >= 0 else None
    finding = Finding(
        rule=rule.id, category=rule.category, severity=severity or rule.severity,
        line=line, column=column, end_line=end_line, end_column=end_column, text=block.text[start:end],
        message="", sentence=sentence, location=block.location, block_span=block_span,
        details={k: v for k, v in (fields or {}).items() if _is_plain_value(k, v)}, language=block.language,
    )
    templates.render(finding, rule, fields)
    return finding


def restore(finding: Finding, texts: Mapping[int, str], rule: Rule | None) -> Finding | None:
    """Rebuild a cached finding's words from the texts of the document's blocks (by block index, each from
    the block's start: it may run on past the block's end); None if they no longer fit."""
    index, start, end, sentence_start, sentence_end = finding.block_span
    text = texts.get(index)
    if text is None or end > len(text) or sentence_end > len(text):
        return None
    # In place: a cached finding is a fresh object made from its JSON entry, used once.
    finding.text, finding.sentence = text[start:end], text[sentence_start:sentence_end]
    if rule is not None:
        templates.render(finding, rule)
    restore_rewrite(finding, text)
    return finding


def _is_plain_value(key: str, value) -> bool:
    """Numbers (word counts, grades) are not document text; words are, and stay out of caches."""
    return isinstance(value, (int, float, bool)) or key == "plural"

"""Feeding text to spaCy in bounded pieces.

Memory in spaCy grows with the words in flight (about 18 MiB per 1,000 words),
so a document never goes through the pipeline as one Doc: readers split it into
blocks (paragraphs, cells), a block longer than ``MAX_BLOCK_CHARS`` (a 1 MB
line, a pasted transcript) is cut at sentence-like boundaries here, and
``pipe_texts`` caps a batch by characters as well as by count. A run of more than
``MAX_RUN_CHARS`` characters without a space (an image pasted as base64, a row of
brackets) is left out: it holds no words for a rule, and spaCy's tokenizer strips
such a run's punctuation one character at a time, re-reading the rest each time
(200 KB of "[" took 35 s).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Iterator

from .context import quote_ranges
from ..documents.base import Block, Segment

BATCH_SIZE = 64  # paragraphs per nlp.pipe batch: throughput plateaus from 32
MAX_BLOCK_CHARS = 5_000  # about 900 words: longer blocks are cut before parsing
MAX_BATCH_CHARS = 40_000  # about 7,000 words in flight (64 typical paragraphs): about 130 MiB
MAX_RUN_CHARS = 500  # characters without a space: no word or web address is this long
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))

# Where a cut is least harmful: after sentence-final punctuation, then after ; or :, then at any space.
_BOUNDARIES = (re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"), re.compile(r"[;:]\s+"), re.compile(r"\s+"))


def pipe_texts(nlp, texts: Iterable[str], batch_size: int = BATCH_SIZE, max_chars: int | None = None) -> Iterator:
    """``nlp.pipe`` over ``texts`` in batches of at most ``batch_size`` texts and ``max_chars`` characters."""
    max_chars = max_chars or MAX_BATCH_CHARS
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= batch_size or size + len(text) > max_chars):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def split_long_blocks(blocks: list[Block], limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """``blocks`` with every block longer than ``limit`` cut into pieces that map exactly to the source, and
    every run of over ``MAX_RUN_CHARS`` characters without a space left out (it holds no words to read)."""
    if all(len(b.text) <= limit and not _LONG_RUN.search(b.text) for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        runs = [m.span() for m in _LONG_RUN.finditer(block.text)]
        long_cuts = cut_points(block.text, limit) if len(block.text) > limit else []  # a short block: no quotes to find
        cuts = sorted({*long_cuts, *(end for run in runs for end in run)} - {0, len(block.text)})
        if not cuts:
            out.append(block)
            continue
        first = True  # the block's first piece kept carries its directives
        for start, end in zip([0, *cuts], [*cuts, len(block.text)]):
            if not any(run_start <= start and end <= run_end for run_start, run_end in runs):
                out.append(piece(block, start, end, first=first))
                first = False
    return out


def cut_points(text: str, limit: int) -> list[int]:
    """Offsets at which to cut ``text`` so no piece exceeds ``limit``; never inside a quotation when avoidable."""
    quotes = quote_ranges(text)
    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        cut = _best_cut(text, start, start + limit, quotes)
        cuts.append(cut)
        start = cut
    return cuts


def _best_cut(text: str, start: int, stop: int, quotes: list[tuple[int, int]]) -> int:
    """The latest good boundary in the second half of ``text[start:stop]`` (a hard cut if there is none)."""
    low = start + (stop - start) // 2
    for boundary in _BOUNDARIES:
        ends = [m.end() for m in boundary.finditer(text, low, stop) if m.end() < stop]
        ends = [e for e in ends if not any(qs < e < qe for qs, qe in quotes)] or ends
        if ends:
            return ends[-1]
    return stop


def piece(block: Block, start: int, end: int, first: bool) -> Block:
    """The part ``block.text[start:end]`` as a block of its own, its segments pointing at the same source."""
    segments = []
    for seg in block.segments:
        if seg.end <= start or seg.start >= end:
            continue
        lo, hi = max(seg.start, start), min(seg.end, end)
        if seg.source_length == seg.end - seg.start:  # plain text: one source character per character
            segments.append(Segment(lo - start, hi - start, seg.line, seg.column + lo - seg.start, hi - lo))
        else:  # an entity such as "&amp;" cannot be split: keep its source span
            segments.append(Segment(lo - start, hi - start, seg.line, seg.column, seg.source_length))
    outcome = block.outcome_start
    if outcome is not None:
        outcome = max(outcome - start, 0) if outcome < end else None
    skip = [(max(s, start) - start, min(e, end) - start) for s, e in block.skip if s < end and e > start]
    return replace(block, text=block.text[start:end], segments=segments, skip=skip, outcome_start=outcome,
                   directives=list(block.directives) if first else [], source=(block.source[0], block.source[1] + start))

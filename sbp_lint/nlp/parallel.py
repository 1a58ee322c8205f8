"""One document's blocks parsed in worker processes, for ``--jobs N`` on fewer files than jobs.

Per-file parallelism leaves a single large file (a 100,000-word transcript) on one core. Here the
document's English blocks are cut into exactly the batches ``batching.pipe_texts`` would feed
``nlp.pipe`` in one process (same texts, same order, same batch sizes, so the model sees the same
inputs and gives the same annotations), the batches go to ``jobs`` worker processes, and their
Docs come back, serialized with ``DocBin``, in order. The parent consumes them as they arrive: the
rules run on the first batches while the workers parse the later ones.

Workers are forked after the pipeline is loaded, so they start in milliseconds and share the model.
At most ``2 × jobs`` batches are in flight, so memory stays bounded as in one process. If a worker
dies (killed, out of memory), the batches still owed are parsed in the parent: slower, same result.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from . import batching

# What a Doc carries back: words, spaces, tags, parts of speech, morphology, lemmas and the tree
# (sentence boundaries follow from the tree). Entities are not made (no NER), nor kept.
DOC_ATTRS = ["ORTH", "SPACY", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP"]
MIN_BATCHES = 4  # fewer batches than this (about 28,000 words) are not worth a pool

_worker_nlp = None  # the pipeline a worker uses (inherited through fork)


def available() -> bool:
    """Forked workers share the loaded model; without fork every worker would load it again."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def batches(texts: Iterable[str]) -> list[list[str]]:
    """``texts`` in the batches ``batching.pipe_texts`` makes, by the same rule (count and characters)."""
    out: list[list[str]] = []
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= batching.BATCH_SIZE or size + len(text) > batching.MAX_BATCH_CHARS):
            out.append(batch)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        out.append(batch)
    return out


class BlockPool:
    """``jobs`` forked workers that parse batches of block texts; use as a context manager."""

    def __init__(self, nlp, jobs: int):
        self.nlp = nlp
        self.jobs = jobs
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> "BlockPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            global _worker_nlp
            _worker_nlp = self.nlp  # copied into the workers as they fork
            context = multiprocessing.get_context("fork")
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_init_worker)
        return self._executor

    def pipe(self, nlp, texts: list[str]) -> Iterator:
        """The Doc of each text, in order, as ``batching.pipe_texts(nlp, texts)`` gives them."""
        work = batches(texts)
        if len(work) < MIN_BATCHES or nlp is not self.nlp:
            yield from batching.pipe_texts(nlp, texts)
            return
        pending: deque[tuple[list[str], Future | None]] = deque()
        queued = iter(work)
        broken = False
        for _ in range(2 * self.jobs):
            broken = self._submit(pending, queued, broken)
        while pending:
            batch, future = pending.popleft()
            docs = None
            if future is not None:
                try:
                    docs = _from_bytes(nlp.vocab, future.result())
                except BrokenProcessPool:
                    broken = True
            if docs is None:  # no pool (a worker died): parsed here, as in one process
                docs = list(nlp.pipe(batch, batch_size=len(batch)))
            broken = self._submit(pending, queued, broken)
            yield from docs

    def _submit(self, pending: deque, queued: Iterator[list[str]], broken: bool) -> bool:
        batch = next(queued, None)
        if batch is None:
            return broken
        if not broken:
            try:
                pending.append((batch, self._pool().submit(_parse_batch, batch)))
                return False
            except BrokenProcessPool:
                pass
        pending.append((batch, None))
        return True


def _init_worker() -> None:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _parse_batch(texts: list[str]) -> bytes:
    from spacy.tokens import DocBin

    docs = _worker_nlp.pipe(texts, batch_size=len(texts))
    return DocBin(attrs=DOC_ATTRS, docs=docs).to_bytes()


def _from_bytes(vocab, data: bytes) -> list:
    from spacy.tokens import DocBin

    return list(DocBin(attrs=DOC_ATTRS).from_bytes(data).get_docs(vocab))

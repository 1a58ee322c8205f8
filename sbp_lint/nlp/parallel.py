"""One document's blocks parsed in several processes, for ``--jobs N`` on fewer files than jobs.

Per-file parallelism leaves a single large file (a 100,000-word transcript) on one core. Here the
document's English blocks are cut into exactly the batches ``batching.pipe_texts`` would feed
``nlp.pipe`` in one process (same texts, same order, same batch sizes, so the model sees the same
inputs and gives the same annotations). ``jobs - 1`` forked workers parse batches ahead of the parent,
and the parent parses too: it runs the rules on each batch in order and, whenever the next batch is
still being parsed, parses the next batch no worker has been given. So the two kinds of
work share the cores in whatever proportion the document asks for (rules are cheap on some text,
dear on other), and no core waits while the other works.

Workers are forked after the pipeline is loaded, so they start in milliseconds and share the model.
They send annotations back as arrays (words, spaces and one row of ids per token, with the strings the
parent may not know), which costs a quarter of serializing whole Docs. At most ``window`` batches are
ahead of the rules, so memory stays bounded as in one process. If a worker dies (killed, out of
memory), the batches still owed are parsed in the parent: slower, same result.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from . import batching

# What a Doc carries back besides its words and spaces: tags, parts of speech, morphology, lemmas and
# the tree (sentence boundaries follow from the tree). Entities are not made (no NER), nor kept.
DOC_ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP"]
_STRING_COLUMNS = (2, 3)  # MORPH and LEMMA: values a fresh word may add to a worker's strings
MIN_BATCHES = 4  # fewer batches than this (about 28,000 words) are not worth a pool
AHEAD_PER_WORKER = 3  # batches a worker may have unfinished: one parsing, the rest queued
WINDOW_PER_WORKER = 6  # how far ahead of the rules (in batches) anything is parsed: memory stays bounded
# The pool's own threads in this process (moving tasks to the workers, reading their results) need the
# interpreter lock, which the rules hold for Python's default 5 ms at a time: a worker then waited for
# its next batch 0.3-0.4 s of a 100,000-word file. At 0.5 ms it waits 0.1 s.
SWITCH_INTERVAL = 0.0005

_worker_nlp = None  # the pipeline a worker uses (inherited through fork)

Payload = tuple[list[list[str]], list[list[bool]], list, list[str]]  # words, spaces, arrays, strings


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
    """``jobs - 1`` forked workers and the parent, parsing batches of block texts; use as a context manager."""

    def __init__(self, nlp, jobs: int):
        self.nlp = nlp
        self.workers = max(1, jobs - 1)
        self.window = WINDOW_PER_WORKER * self.workers
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False

    def __enter__(self) -> "BlockPool":
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._interval, SWITCH_INTERVAL))
        return self

    def __exit__(self, *exc) -> None:
        self.close()
        sys.setswitchinterval(self._interval)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            global _worker_nlp
            _worker_nlp = self.nlp  # copied into the workers as they fork
            context = multiprocessing.get_context("fork")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker)
        return self._executor

    def pipe(self, nlp, texts: list[str]) -> Iterator:
        """The Doc of each text, in order, as ``batching.pipe_texts(nlp, texts)`` gives them.

        The first batches go to the workers at once, so they parse while the caller gets ready (compiles
        the rules, works out the document's kind)."""
        work = batches(texts)
        if len(work) < MIN_BATCHES or nlp is not self.nlp:
            return batching.pipe_texts(nlp, texts)
        run = _Run(self, nlp, work)
        run.hand_out(0, ahead=self.window)  # the caller is busy for a while yet: the whole window, not a share
        return run.docs()

    def _submit(self, batch: list[str]) -> Future | None:
        if self._broken:
            return None
        try:
            return self._pool().submit(_parse_batch, batch)
        except BrokenProcessPool:
            self._broken = True
            return None


class _Run:
    """One document's batches: handed to a worker, parsed here ahead of the rules, or nobody's yet.

    Batches are handed out in order from ``next``, the first that is nobody's: each worker has at most
    ``AHEAD_PER_WORKER`` batches being parsed or queued (at first the whole window: the parent is still
    getting ready), and the parent takes the next batch for itself whenever
    the one the rules want is still being parsed. Nothing is taken back from a worker (cancelling a
    future races with the pool's own clean-up when a worker dies), and nothing goes further than
    ``window`` batches ahead of the rules, so memory stays bounded."""

    def __init__(self, pool: BlockPool, nlp, work: list[list[str]]):
        self.pool, self.nlp, self.work = pool, nlp, work
        self.owed: dict[int, Future | None] = {}  # batch -> its worker's future (None: the pool broke)
        self.done: dict[int, list] = {}  # batches parsed here ahead of the rules
        self.next = 0

    def docs(self) -> Iterator:
        for index in range(len(self.work)):
            self.hand_out(index)
            docs = self.done.pop(index, None)
            if docs is None:
                docs = self._receive(index)
            yield from docs

    def hand_out(self, index: int, ahead: int | None = None) -> None:
        """Keep the workers busy: batches from ``next`` while fewer than their share (``ahead``) are still being
        parsed or waiting to be. Finished batches do not count: a worker whose results wait for the rules would
        sit idle (the window bounds how many Docs wait)."""
        share = AHEAD_PER_WORKER * self.pool.workers if ahead is None else ahead
        while self.next < len(self.work) and self.next <= index + self.pool.window and self._unfinished() < share:
            self.owed[self.next] = self.pool._submit(self.work[self.next])
            self.next += 1

    def _unfinished(self) -> int:
        return sum(1 for future in self.owed.values() if future is not None and not future.done())

    def _receive(self, index: int) -> list:
        """Batch ``index``'s Docs: from its worker, parsing batches nobody has while it is still busy; or
        parsed here when no worker has it."""
        if index not in self.owed:  # nobody's: the workers owe their share already
            self.next = max(self.next, index + 1)
            return _parse_here(self.nlp, self.work[index])
        future = self.owed.pop(index)
        while future is not None and not future.done() and self._take(index):
            pass
        if future is not None:
            try:
                return _from_payload(self.nlp.vocab, future.result())
            except BrokenProcessPool:
                self.pool._broken = True
        return _parse_here(self.nlp, self.work[index])

    def _take(self, index: int) -> bool:
        """Parse the next batch nobody has here, if one is within the window; False if none is."""
        if self.next >= len(self.work) or self.next > index + self.pool.window:
            return False
        self.done[self.next] = _parse_here(self.nlp, self.work[self.next])
        self.next += 1
        return True


def _init_worker() -> None:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _parse_here(nlp, batch: list[str]) -> list:
    return list(nlp.pipe(batch, batch_size=len(batch)))


def _parse_batch(texts: list[str]) -> Payload:
    docs = _parse_here(_worker_nlp, texts)
    strings = _worker_nlp.vocab.strings
    arrays = [doc.to_array(DOC_ATTRS) for doc in docs]
    ids = {int(value) for array in arrays for column in _STRING_COLUMNS for value in array[:, column] if value}
    return ([[t.text for t in doc] for doc in docs], [[bool(t.whitespace_) for t in doc] for doc in docs], arrays,
            [strings[value] for value in ids])


def _from_payload(vocab, payload: Payload) -> list:
    from spacy.tokens import Doc

    words, spaces, arrays, strings = payload
    for text in strings:
        vocab.strings.add(text)
    return [Doc(vocab, words=w, spaces=s).from_array(DOC_ATTRS, a) for w, s, a in zip(words, spaces, arrays)]

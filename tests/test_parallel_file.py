"""Issue 17: one large file with ``--jobs 2`` is parsed in worker processes, block batch by block batch,
and reports exactly what ``--jobs 1`` reports: the same findings, positions and order."""

import os

import pytest

from sbp_lint.nlp import batching, parallel
from sbp_lint.run.runner import make_runner

PARAGRAPHS = [
    "Mrs Jones refuses her tablets in the morning and is non-compliant with her medication.",
    "We will support Mr Davies to attend the day centre so that he can see his friends.",
    "She was assessed by the social worker and a decision was made to increase her care package.",
    "Dafydd enjoys walking his dog Bryn along the canal, and he wants to keep doing this.",
    "The service user suffers from dementia and is wheelchair bound, so staff must manage her behaviour.",
    "## Personal outcomes",
    "- To be able to cook my own meals again.",
    "Mae Mrs Jones yn gwrthod ei thabledi bob bore. She is a service user.",
]


def document(paragraphs: int) -> str:
    body = [f"Visit {n}: {PARAGRAPHS[n % len(PARAGRAPHS)]}" if not PARAGRAPHS[n % len(PARAGRAPHS)].startswith(("#", "-"))
            else PARAGRAPHS[n % len(PARAGRAPHS)] for n in range(paragraphs)]
    return "# Case notes\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture()
def big_file(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_BATCHES", 2)  # a test-sized file still goes to the workers
    path = tmp_path / "notes.md"
    path.write_text(document(700), encoding="utf-8")  # about 11 batches of 64 paragraphs
    return path


def _findings(results):
    return [(r.path, r.error, [f.to_json() for f in r.findings]) for r in results]


def test_one_file_with_two_jobs_reports_what_one_job_reports(linter, big_file):
    one = make_runner(linter, jobs=1, cache_dir=None, progress=False).run([str(big_file)])
    runner = make_runner(linter, jobs=2, cache_dir=None, progress=False)
    two = runner.run([str(big_file)])
    assert runner.stats.jobs == 2
    assert _findings(two) == _findings(one) and len(one[0].findings) > 500


def test_docs_from_workers_carry_the_same_annotation(linter):
    texts = [p for p in document(300).split("\n\n")]
    assert len(parallel.batches(texts)) >= 4
    assert [len(b) for b in parallel.batches(texts)] == [64, 64, 64, 64, len(texts) - 256]
    here = list(batching.pipe_texts(linter.nlp, texts))
    with parallel.BlockPool(linter.nlp, 2) as pool:
        there = list(pool.pipe(linter.nlp, texts))

    def annotation(doc):
        return [(t.idx, t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i,
                 t.is_sent_start) for t in doc]

    assert [annotation(d) for d in there] == [annotation(d) for d in here]


def _worker_dies(texts):
    os._exit(1)


def test_a_worker_that_dies_leaves_its_batches_to_the_parent(linter, big_file, monkeypatch):
    one = make_runner(linter, jobs=1, cache_dir=None, progress=False).run([str(big_file)])
    monkeypatch.setattr(parallel, "_parse_batch", _worker_dies)
    two = make_runner(linter, jobs=2, cache_dir=None, progress=False).run([str(big_file)])
    assert _findings(two) == _findings(one)


def _slow_worker(texts):
    import time

    time.sleep(0.5)
    return _PARSE_BATCH(texts)


_PARSE_BATCH = parallel._parse_batch


def test_the_parent_parses_batches_no_worker_has_started(linter, monkeypatch):
    """A busy worker does not leave the other core idle: the parent takes later batches it has not started,
    and the Docs still come back in order with the same annotation."""
    texts = [p for p in document(400).split("\n\n")]
    here = list(batching.pipe_texts(linter.nlp, texts))
    parsed_here = []
    parse_here = parallel._parse_here
    monkeypatch.setattr(parallel, "_parse_here", lambda nlp, batch: parsed_here.append(len(batch)) or parse_here(nlp, batch))
    monkeypatch.setattr(parallel, "_parse_batch", _slow_worker)  # inherited by the worker as it forks
    with parallel.BlockPool(linter.nlp, 2) as pool:
        there = list(pool.pipe(linter.nlp, texts))
    assert [[(t.text, t.tag_, t.lemma_, t.dep_, t.head.i) for t in d] for d in there] == \
        [[(t.text, t.tag_, t.lemma_, t.dep_, t.head.i) for t in d] for d in here]
    assert parsed_here and sum(parsed_here) < len(texts)  # the parent parsed some batches, the worker the rest


def test_the_pool_shortens_the_switch_interval_only_while_it_runs(linter):
    """Its threads get the interpreter lock sooner while it runs; a program embedding the linter gets its own
    setting back afterwards."""
    import sys

    before = sys.getswitchinterval()
    with parallel.BlockPool(linter.nlp, 2):
        assert sys.getswitchinterval() == min(before, parallel.SWITCH_INTERVAL)
    assert sys.getswitchinterval() == before

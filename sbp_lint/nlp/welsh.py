"""The Welsh pipeline: a tokenizer and sentence splitter only, loaded once, on first need, never downloaded.

English rules read tags and dependencies that spaCy's English model gives nonsense for on Welsh
("Rydw i eisiau" tagged as an English noun phrase), so Welsh sentences get only what the Welsh
rules need: words to match phrases against, and sentences. The tokenizer is spacy-cymraeg's (MIT;
the Welsh language data of Bangor University's Techiaith spaCy fork, 6 KB of Python), which splits
"i'r", "mae'n" and "gyda'm" at the apostrophe as Welsh writers mean them. Without it installed, a
blank multi-language tokenizer stands in (those words stay whole, so fewer Welsh rules match).

It is loaded only when a document has Welsh in it, so English-only runs start as fast as before.
"""

from __future__ import annotations

import functools
import warnings
from importlib import metadata

TOKENIZER_PACKAGE = "spacy-cymraeg"


@functools.lru_cache(maxsize=1)
def load_welsh_pipeline():
    from .spacy_import import import_spacy

    spacy = import_spacy()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import spacy_cymraeg  # noqa: F401  registers the "cy" language with spaCy

            nlp = spacy.blank("cy")
        except ImportError:
            nlp = spacy.blank("xx")
    # A clitic written on its own ("'r", "'n", as a pack phrase starts: "'r henoed") is one word, as it is in
    # running text ("Mae'r", "hi'n"); without this the tokenizer reads the apostrophe as an opening quote.
    from spacy.symbols import ORTH

    for clitic in ("r", "n", "i", "m", "w", "u", "th", "ch"):
        for apostrophe in ("'", "\u2019"):
            nlp.tokenizer.add_special_case(apostrophe + clitic, [{ORTH: apostrophe + clitic}])
    nlp.add_pipe("sentencizer")
    return nlp


def welsh_pipeline_id() -> str:
    """Which Welsh tokenizer a run uses, for cache keys, without loading it."""
    try:
        return f"{TOKENIZER_PACKAGE}-{metadata.version(TOKENIZER_PACKAGE)}"
    except metadata.PackageNotFoundError:
        return "blank-xx"


def normal(text: str) -> str:
    """A token's text in lower case with a straight apostrophe ("’n" and "'n" are one word)."""
    return text.lower().replace("\u2019", "'")

"""The engine: the rules applied to one parsed document (``core.Engine``), and findings built and
restored (``build``).

``Engine`` is imported on first use: it compiles spaCy matchers and so imports spaCy, which a run
answered wholly from the cache must not pay for (restoring a cached finding needs only ``build``).
"""

from __future__ import annotations

__all__ = ["Engine", "phrase_variants"]


def __getattr__(name: str):
    if name in __all__:
        from ..nlp.spacy_import import import_spacy

        import_spacy()  # before core imports spaCy's matchers: spaCy without its command line
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module 'sbp_lint.engine' has no attribute {name!r}")

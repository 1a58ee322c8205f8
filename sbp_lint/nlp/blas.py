"""Matrix products through numpy's own BLAS (OpenBLAS, one thread) instead of thinc's BLIS.

thinc's ``NumpyOps`` multiplies matrices with BLIS, built into its ``blis`` wheel. Most of the
parse is such products (tok2vec's convolutions, the tagger, the parser's first layer), and on the
2-core AMD EPYC VM the same products through numpy's OpenBLAS take about 0.7 of the CPU time, with
the same annotations on every example and corpus text (``tests/test_blas.py``). The parser's
per-step products are spaCy's own Cython, which calls BLIS whatever the ops say.

Only with one OpenBLAS thread: sbp-lint runs in parallel with processes (``--jobs``), and OpenBLAS's
threads would compete with them for the same cores. The command line asks for one thread before
numpy is first imported (``one_thread_before_numpy``), unless ``OPENBLAS_NUM_THREADS`` is set
already; a program that uses ``Linter`` itself gets BLIS unless it sets ``OPENBLAS_NUM_THREADS=1``
before importing numpy.
"""

from __future__ import annotations

import os
import sys

THREADS = "OPENBLAS_NUM_THREADS"


def one_thread_before_numpy() -> None:
    """Ask OpenBLAS for one thread, if numpy (which starts it) is not imported yet and no one has asked otherwise."""
    if "numpy" not in sys.modules:
        os.environ.setdefault(THREADS, "1")


def numpy_blas_usable() -> bool:
    """numpy's BLAS is OpenBLAS and runs on one thread (as far as the environment tells)."""
    if os.environ.get(THREADS) != "1" or os.environ.get("SBP_LINT_BLIS") == "1":
        return False
    try:
        import numpy

        name = numpy.__config__.CONFIG["Build Dependencies"]["blas"]["name"]
    except (ImportError, AttributeError, KeyError, TypeError):
        return False
    return "openblas" in str(name).lower()


def use_numpy_blas(nlp) -> bool:
    """Give every model layer of ``nlp`` thinc ops that multiply through numpy; True if it did."""
    if not numpy_blas_usable():
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops
    return True

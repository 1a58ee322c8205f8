"""sbp-lint: a plain-language and strengths-based writing linter for social-care documents."""

from .errors import SbpError
from .findings import FileResult, Finding, Severity

__version__ = "0.1.0"
__all__ = ["Linter", "Finding", "FileResult", "Severity", "SbpError", "__version__"]


def __getattr__(name: str):
    # The linter is imported on first use: it brings spaCy (about a second), which a run answered
    # wholly from the cache, and commands such as ``rules`` or ``--version``, never need.
    if name == "Linter":
        from .linter import Linter

        return Linter
    raise AttributeError(f"module 'sbp_lint' has no attribute {name!r}")

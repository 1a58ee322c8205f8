"""sbp-lint: a plain-language and strengths-based writing linter for social-care documents."""

from .errors import SbpError
from .findings import FileResult, Finding, Severity
from .linter import Linter

__version__ = "0.1.0"
__all__ = ["Linter", "Finding", "FileResult", "Severity", "SbpError", "__version__"]

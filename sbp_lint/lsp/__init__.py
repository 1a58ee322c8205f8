"""``sbp-lint lsp``: findings while you type, in any editor that speaks the Language Server Protocol.

pygls (Apache-2.0) is an optional dependency: ``pip install 'sbp-lint[lsp]'``.
This module imports it only when the server starts, so the rest of sbp-lint
never needs it.
"""

from __future__ import annotations

INSTALL_HINT = "the language server needs pygls 2: pip install 'sbp-lint[lsp]' (or: pip install 'pygls>=2,<3')"


def pygls_missing() -> str | None:
    """Why the server cannot start (pygls 2 is not installed), or None."""
    try:
        import pygls.lsp.server  # noqa: F401 - pygls 2.x's module; 1.x has no pygls.lsp.server
    except ImportError:
        return INSTALL_HINT
    return None


def main() -> int:
    """Run the server over standard input and output; the exit code LSP asks for (2: cannot start)."""
    import sys

    problem = pygls_missing()
    if problem:
        print(f"sbp-lint: error: {problem}", file=sys.stderr)
        return 2
    from .server import serve

    return serve()

"""``sbp-lint serve``: a local web page for practitioners, and an API for case-management systems.

Paste a draft or open a document, see the findings highlighted in place, accept fixes and rewrites,
download the corrected text or a reviewed Word copy. Everything stays on this computer: the server
listens on 127.0.0.1, stores no document and loads nothing from the network. Its dependencies are an
optional extra (``pip install 'sbp-lint[serve]'``), imported only here.
"""

from __future__ import annotations

from typing import Iterable

from ..errors import SbpError

INSTALL_HINT = "'sbp-lint serve' needs its extra: pip install 'sbp-lint[serve]'"
EXTRA_MODULES = ("starlette", "uvicorn", "python_multipart")


def run(host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False, config_file: str | None = None,
        allow_hosts: Iterable[str] = ()) -> None:
    """Serve the page until Ctrl+C. Raises ``SbpError`` (one line) when the extra is missing or the port is busy."""
    try:
        from .server import run as run_server
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in EXTRA_MODULES:
            raise
        raise SbpError(f"{INSTALL_HINT} ({exc.name or 'a dependency'} is missing)") from None
    run_server(host=host, port=port, open_browser=open_browser, config_file=config_file, allow_hosts=allow_hosts)

"""Writing a file whole or not at all: a temporary file beside it, then a rename over it.

Every file sbp-lint writes (reports, baselines, cache entries, fixed documents, reviewed Word
copies) goes through ``write_atomic``, so a crash, a full disk or a parallel reader never
sees half a file. A file that already exists keeps its permissions; a new one gets the
ordinary permissions the user's umask gives (``mkstemp`` alone would make it private).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str | os.PathLike, data: bytes | str, *, durable: bool = False) -> None:
    """Write ``data`` (text is written as UTF-8 with ``\\n`` line ends) to ``path`` atomically.

    ``durable`` also flushes it to the disk before the rename (for a user's own document).
    Raises ``OSError``; the temporary file is removed whatever happens.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".sbp-tmp", dir=target.resolve().parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = _new_file_mode()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise

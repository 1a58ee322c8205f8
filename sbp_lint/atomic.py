"""Writing a file whole or not at all: a temporary file beside it, then a rename over it.

Every file sbp-lint writes (reports, baselines, cache entries, fixed documents, reviewed Word
copies) goes through ``write_atomic``, so a crash, a full disk or a parallel reader never
sees half a file: if anything fails, the old file is left exactly as it was.

What the rename would otherwise lose is kept:

- a **symbolic link** stays a link: the file it points to is replaced (in that file's folder);
- the file's **permissions** stay (a new file gets the ordinary permissions the user's umask gives,
  as ``mkstemp`` alone would make it private, or the ``mode`` the caller asks for);
- its **owner and group** stay when the process may set them (root may; anyone may keep a group
  they belong to), so ``sudo sbp-lint check --fix`` does not hand a user's notes to root;
- a file with **other hard links** is refused (``LinkedFileError``): a rename would split the
  links (the other names would keep the old text), and writing in place would give up the
  whole-or-nothing guarantee. The message says so; nothing is written.

A path that names something other than a regular file (``/dev/null``, ``/dev/stdout``, a named
pipe) is written to directly: there is nothing there a rename could keep whole.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class LinkedFileError(OSError):
    """The file has other hard links: replacing it would split them, so it is not written."""


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str | os.PathLike, data: bytes | str, *, durable: bool = False, mode: int | None = None) -> None:
    """Write ``data`` (text is written as UTF-8 with ``\\n`` line ends) to ``path`` atomically.

    ``durable`` also flushes it (and the folder's entry) to the disk (for a user's own document).
    ``mode`` sets the permissions (default: the existing file's, or the umask's for a new one).
    Raises ``OSError`` (``LinkedFileError`` for a file with other hard links); the temporary file
    is removed whatever happens, and the file at ``path`` is then untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        existing = os.stat(path)  # through symbolic links: the file that would be replaced
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_in_place(path, payload)
        return
    if existing is not None and existing.st_nlink > 1:
        raise LinkedFileError(errno.EMLINK, f"it has {existing.st_nlink} hard links, and replacing it would split "
                                            "them, so it was left as it is (write to a copy)")
    target = Path(os.path.realpath(path))  # a symbolic link stays; the file it points to is replaced
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".sbp-tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if existing is not None:
            _keep_owner(temporary, existing)
        os.chmod(temporary, mode if mode is not None else stat.S_IMODE(existing.st_mode) if existing else _new_file_mode())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    if durable:
        _sync_folder(target.parent)


def _keep_owner(temporary: str, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group where this process may (else they stay its own)."""
    if not hasattr(os, "chown") or (existing.st_uid, existing.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid, gid in ((existing.st_uid, existing.st_gid), (-1, existing.st_gid)):
        try:
            os.chown(temporary, uid, gid)
            return
        except PermissionError:
            continue


def _write_in_place(path: str | os.PathLike, payload: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(payload)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: the folder's entry is flushed with the folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

"""Which files a run checks: explicit files, and folders walked with include/exclude globs."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path, PurePosixPath
from typing import Iterator

from ..config import DEFAULT_EXCLUDE


def _matches(relative: PurePosixPath, patterns: tuple[str, ...]) -> bool:
    text = relative.as_posix()
    return any(
        fnmatch.fnmatch(text, p) or fnmatch.fnmatch(relative.name, p) or any(fnmatch.fnmatch(part, p) for part in relative.parts)
        for p in patterns
    )


def expand_paths(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...],
                 force_exclude: bool = False, empty: list[str] | None = None) -> Iterator[str]:
    """Files to check, in a stable order. Explicit files are checked (missing ones too, to report) unless
    ``force_exclude`` applies ``exclude`` to them as well, as pre-commit names every changed file explicitly.
    Folders in which nothing matched are added to ``empty`` (the caller warns: a misspelt glob or folder
    would otherwise pass a CI gate silently)."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if not (force_exclude and raw != "-" and _matches(_as_given(path), exclude)):
                yield raw
            continue
        found = []
        for folder, dirs, files in os.walk(path, followlinks=False):  # no symlink loops
            rel_folder = PurePosixPath(Path(folder).relative_to(path).as_posix())
            dirs[:] = sorted(d for d in dirs if not _matches(rel_folder / d, exclude))
            for name in files:
                relative = rel_folder / name
                if _matches(relative, include) and not _matches(relative, exclude):
                    found.append(os.path.join(folder, name))
        if not found and empty is not None:
            empty.append(raw)
        yield from sorted(found)


def _as_given(path: Path) -> PurePosixPath:
    """An explicit file's path relative to the current folder when it lies inside it (as pre-commit gives it)."""
    try:
        return PurePosixPath(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return PurePosixPath(path.as_posix())


def input_replaced_by(output: str, paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...]) -> str | None:
    """The input that writing ``output`` would replace (or that a later run would check as a document), else None.

    Compared as the file system sees them, so a symbolic link, a hard link, ``./plan.md`` or
    ``../notes/plan.md`` all name the same file; an output inside a folder being checked counts
    when the folder's include/exclude globs would pick it up.
    """
    out_real = os.path.realpath(output)
    out_id = _identity(output)
    for raw in paths:
        if raw == "-":
            continue
        if not os.path.isdir(raw):
            if os.path.realpath(raw) == out_real or (out_id is not None and _identity(raw) == out_id):
                return raw
            continue
        folder = os.path.realpath(raw)
        if os.path.commonpath([folder, out_real]) != folder or out_real == folder:
            continue
        relative = PurePosixPath(Path(os.path.relpath(out_real, folder)).as_posix())
        if _matches(relative, include) and not _matches(relative, exclude):
            return raw
    return None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def nothing_to_check(folder: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> str:
    """The warning for a folder in which no file matched (exit code unchanged, as ruff and markdownlint do)."""
    skipped = [p for p in exclude if p not in DEFAULT_EXCLUDE]
    line = f"sbp-lint: warning: {folder}: no files to check (include: {', '.join(include)}"
    return line + (f"; exclude: {', '.join(skipped)})" if skipped else ")")

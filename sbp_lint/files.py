"""Which files a run checks: explicit files, and folders walked with include/exclude globs."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path, PurePosixPath
from typing import Iterator


def _matches(relative: PurePosixPath, patterns: tuple[str, ...]) -> bool:
    text = relative.as_posix()
    return any(
        fnmatch.fnmatch(text, p) or fnmatch.fnmatch(relative.name, p) or any(fnmatch.fnmatch(part, p) for part in relative.parts)
        for p in patterns
    )


def expand_paths(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[str]:
    """Files to check, in a stable order. Explicit files are always checked; missing ones too (to report)."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
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
        yield from sorted(found)

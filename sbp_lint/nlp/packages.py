"""Where an installed spaCy pipeline lives, found without importing it (importing spaCy takes a second)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def pipeline_folder(name: str) -> Path | None:
    """The folder of a pipeline given as a path or as an installed package's name (not imported)."""
    path = Path(name)
    if path.is_dir():
        return path
    if not name.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) if locations else None

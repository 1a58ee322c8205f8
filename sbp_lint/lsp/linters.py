"""One ``Linter`` per configuration, found for each document as the command line finds it.

The closest ``.sbp-lint.yaml`` (or ``pyproject.toml`` with ``[tool.sbp-lint]``)
at or above the document's folder wins, so per-folder configurations work; a
document with no file (an untitled buffer) uses the first workspace folder's.
A linter is kept while its configuration is unchanged: its key is the file and
a digest of its content, the editor's unsaved copy when the editor sends it to
us, else the bytes on disk. Loading the spaCy pipeline is shared
(``pipeline.load_pipeline`` keeps it), so a second configuration costs only its
rule packs.

Everything here runs on the server's single worker thread: spaCy pipelines are
not safe to use from two threads at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..config import CONFIG_NAMES, Config, find_config, load_config_file, parse_config
from ..errors import ConfigError
from ..linter import Linter
from ..yamlutil import load_yaml

# Configuration files the editor has open, by resolved path, with their (maybe unsaved) text.
Unsaved = Mapping[Path, str]


@dataclass(frozen=True)
class ConfigKey:
    path: Path | None  # None: no configuration file, the defaults
    digest: str  # of the content the linter was made from ("" for the defaults)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class LinterPool:
    def __init__(self, roots: list[Path] | None = None):
        self.roots = list(roots or [])
        self._linters: dict[ConfigKey, Linter] = {}

    def start_folder(self, document_path: Path | None) -> Path | None:
        """Where the configuration search starts: the document's folder, else the first workspace folder."""
        if document_path is not None:
            return document_path.parent
        return self.roots[0] if self.roots else None

    def config_path(self, document_path: Path | None) -> Path | None:
        start = self.start_folder(document_path)
        return find_config(start) if start is not None else None

    def key(self, document_path: Path | None, unsaved: Unsaved | None = None) -> ConfigKey:
        """What the linter for this document depends on; it changes when the configuration does."""
        path = self.config_path(document_path)
        if path is None:
            return ConfigKey(None, "")
        text = _unsaved_text(path, unsaved)
        if text is not None:
            return ConfigKey(path, "editor:" + _digest(text.encode("utf-8", "surrogatepass")))
        try:
            return ConfigKey(path, _digest(path.read_bytes()))
        except OSError:
            return ConfigKey(path, "unreadable")

    def linter_for(self, document_path: Path | None, unsaved: Unsaved | None = None) -> tuple[Linter, ConfigKey]:
        """The linter for a document and the key it was made for.

        Raises ``SbpError`` (one line) for a broken configuration."""
        key = self.key(document_path, unsaved)
        linter = self._linters.get(key)
        if linter is None:
            linter = Linter(self._load(key, unsaved))
            # Old versions of this configuration will not be asked for again.
            for stale in [k for k in self._linters if k.path == key.path]:
                del self._linters[stale]
            self._linters[key] = linter
        return linter, key

    def _load(self, key: ConfigKey, unsaved: Unsaved | None) -> Config:
        if key.path is None:
            return Config()
        text = _unsaved_text(key.path, unsaved)
        if text is not None:
            where = str(key.path)
            data = load_yaml(text, where, ConfigError)
            return parse_config(data if data is not None else {}, where)
        return load_config_file(key.path)

    def clear(self) -> None:
        self._linters.clear()


def _unsaved_text(config_path: Path, unsaved: Unsaved | None) -> str | None:
    """The editor's copy of a YAML configuration (pyproject.toml is always read from disk)."""
    if not unsaved or config_path.name not in CONFIG_NAMES:
        return None
    return unsaved.get(config_path.resolve())

"""A per-file cache of findings, so an unchanged library re-checks in a fraction of the time.

An entry's key is the sha256 of the file's bytes, its path (per-glob overrides
make findings depend on it) and the linter's fingerprint: tool version, the
rule packs' YAML, the configuration, the selected rules and the spaCy pipeline.
Keys use content, not modification times: copies in document libraries often
keep their timestamps. An entry holds hashes and findings only, without their
words: positions in the document, rule ids and numbers; the words, sentences and
messages are rebuilt from the file when the entry is used. A corrupt or
unreadable entry counts as a miss and is rewritten.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from pathlib import Path

from .. import __version__
from ..atomic import write_atomic
from ..audience import Audience
from ..findings import FileResult, Finding, Severity
from ..nlp.pipeline import pipeline_id

DEFAULT_CACHE_DIR = ".sbp_lint_cache"
CACHE_FORMAT = 3  # 3: findings keep their rewrite as a recipe
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by sbp-lint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def linter_fingerprint(linter) -> str:
    """Everything besides the file that decides its findings, as one hash."""
    parts = [f"sbp-lint {__version__} {code_hash()}", f"cache format {CACHE_FORMAT}", f"pipeline {pipeline_id(linter.nlp)}"]
    for pack in linter.packs:
        try:
            parts.append(f"pack {pack.name} {sha256(Path(pack.path).read_bytes())}")
        except OSError:
            parts.append(f"pack {pack.name} {pack.path}")
    # repr() of the dataclass covers every field, including ones added later.
    parts.append(f"config {linter.config!r}")
    parts += [f"rule {r.id} {r.severity} {sorted(r.options.items())!r}" for r in linter.rules]
    return sha256("\n".join(parts))


@functools.lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of sbp-lint's own modules: a changed check (in a checkout, before a version bump) is a new tool."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


# Document text never goes into the cache: these fields are rebuilt from the file on a hit.
_TEXT_FIELDS = ("text", "sentence", "message", "suggestions", "fix")


def _audience(data: dict | None) -> Audience | None:
    return Audience(**{**data, "cues": tuple(data.get("cues", ()))}) if data else None


def finding_from_json(data: dict) -> Finding:
    data = dict(data)
    data["severity"] = Severity.parse(data["severity"])
    if data.get("block_span") is not None:
        data["block_span"] = tuple(data["block_span"])
        data.update(text="", sentence="", message="", suggestions=[], fix=None)
    return Finding(**data)


def finding_to_json(finding: Finding) -> dict:
    data = finding.as_dict()
    # A rewrite is kept as its recipe (positions and the rules' own words) and rebuilt on restore.
    del data["rewrite"], data["edits"]
    if finding.block_span is not None:
        for name in _TEXT_FIELDS:
            del data[name]
    return data


class Cache:
    """Findings per file under ``directory`` (created on first write, with a .gitignore and CACHEDIR.TAG)."""

    def __init__(self, directory: str | os.PathLike, fingerprint: str):
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.writable = True  # turned off after a failed write: a read-only folder is not an error

    def key(self, path: str, data: bytes) -> str:
        return sha256(f"{self.fingerprint}\0{os.path.normpath(path)}\0{sha256(data)}")

    def _entry(self, key: str) -> Path:
        return self.directory / "v1" / key[:2] / f"{key}.json"

    def get(self, path: str, key: str) -> FileResult | None:
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if data.get("key") != key:
                return None
            findings = [finding_from_json(f) for f in data["findings"]]
            audience = _audience(data.get("audience"))
            return FileResult(path=path, findings=findings, encoding=data.get("encoding"), audience=audience)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # corrupt: checked again and rewritten

    def put(self, key: str, result: FileResult) -> None:
        if not self.writable or result.error:
            return  # an unreadable file is looked at again next time
        entry = self._entry(key)
        data = {"key": key, "encoding": result.encoding, "findings": [finding_to_json(f) for f in result.findings]}
        if result.audience is not None:  # a value, a score and cue labels: no document text
            data["audience"] = dataclasses.asdict(result.audience)
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader (or a parallel run) never sees half an entry.
            write_atomic(entry, json.dumps(data, ensure_ascii=False))  # dumps uses the C encoder; dump does not
        except OSError:
            self.writable = False

    def _prepare(self) -> None:
        if (self.directory / "CACHEDIR.TAG").is_file():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        # git and backup tools skip the folder.
        (self.directory / ".gitignore").write_text("# Created by sbp-lint automatically.\n*\n", encoding="utf-8")
        (self.directory / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")

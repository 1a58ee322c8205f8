"""A per-file cache of findings, so an unchanged library re-checks in a fraction of the time.

An entry's key is the sha256 of the file's bytes, its path (per-glob overrides
make findings depend on it) and the linter's fingerprint: tool version, the
rule packs' YAML, the configuration, the selected rules and the spaCy pipeline.
Keys use content, not modification times: copies in document libraries often
keep their timestamps. An entry holds hashes and findings only, without their
words: positions in the document, rule ids and numbers, and where the blocks the findings
name lie in the reader's blocks; the words, sentences and messages are rebuilt from the
file when the entry is used, without the language pipeline or language detection. A corrupt or
unreadable entry counts as a miss and is rewritten.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import os
from pathlib import Path
from typing import Iterable

from .. import __version__, fastjson
from ..atomic import write_atomic
from ..audience import Audience
from ..findings import CATEGORIES, PROFILE_KEYS, SEVERITY_NAMES, FileResult, Finding, Severity
from ..nlp.language import LANGUAGES
from ..nlp.welsh import welsh_pipeline_id
from ..practice.kinds import KINDS, UNKNOWN
from ..rewrite.recipe import valid as recipe_is_valid

DEFAULT_CACHE_DIR = ".sbp_lint_cache"
# 3: findings keep their rewrite as a recipe; 4: an entry may also carry the document's kind and
# good-practice profile (issue 15); 5: words_welsh in the profile, and where blocks lie (sources, issue 17)
CACHE_FORMAT = 5
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by sbp-lint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def sha256(data: bytes | str) -> str:
    # surrogateescape: a file name that is not UTF-8 keys the cache by its own bytes
    return hashlib.sha256(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data).hexdigest()


def linter_fingerprint(linter) -> str:
    """Everything besides the file that decides its findings, as one hash."""
    parts = [f"sbp-lint {__version__} {code_hash()}", f"cache format {CACHE_FORMAT}", f"pipeline {linter.pipeline_id}",
             f"welsh tokenizer {welsh_pipeline_id()}"]
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


def _profile(data) -> dict | None:
    """A cached profile: counts only (anything else makes the entry corrupt, so the file is checked again)."""
    if data is None:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in data.values()):
        raise ValueError("a profile holds counts only")
    return dict(data)


def finding_from_json(data: dict) -> Finding:
    data = dict(data)
    data["severity"] = Severity.parse(data["severity"])
    if data.get("block_span") is not None:
        data["block_span"] = tuple(data["block_span"])
        data.update(text="", sentence="", message="", suggestions=[], fix=None)
    return Finding(**data)


# -- what a cache entry may hold: anything else is a miss (a tampered or damaged entry is never served) --

MAX_POSITION = 10**9
MAX_FINDINGS = 1_000_000
ENCODINGS = (None, "utf-8-sig", "cp1252", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_FINDING_KEYS = frozenset(Finding.__dataclass_fields__)
_POSITIONS = ("line", "column", "end_line", "end_column")


def _whole(value, low: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= MAX_POSITION


def _plain_value(value) -> bool:
    """A message field kept in the cache: a word count, a grade, a flag (finite numbers only)."""
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) < 1e12
    return isinstance(value, (bool, str)) or (isinstance(value, int) and abs(value) <= MAX_POSITION)


def valid_finding(data, known_rules: frozenset[str] | None) -> bool:
    """True if ``data`` is a finding this version wrote: the right keys, types and ranges, a known rule."""
    if not isinstance(data, dict) or not set(data) <= _FINDING_KEYS:
        return False
    if not (isinstance(data.get("rule"), str) and (known_rules is None or data["rule"] in known_rules)
            and data.get("category") in CATEGORIES and data.get("severity") in SEVERITY_NAMES
            and all(_whole(data.get(name), 1) for name in _POSITIONS)
            and isinstance(data.get("location", ""), str) and data.get("language", "en") in LANGUAGES):
        return False
    if data.get("rewrite") is not None or data.get("edits") is not None or (
            data.get("recipe") is not None and not recipe_is_valid(data["recipe"])):
        return False  # a rewrite is kept only as a recipe of positions and the rules' words
    details = data.get("details", {})
    if not isinstance(details, dict) or not all(isinstance(k, str) and _plain_value(v) for k, v in details.items()):
        return False
    span = data.get("block_span")
    if span is not None:
        return (isinstance(span, list) and len(span) == 5 and all(_whole(n) for n in span)
                and span[1] <= span[2] and span[3] <= span[4])
    return (all(isinstance(data.get(name), str) for name in ("text", "message", "sentence"))
            and isinstance(data.get("suggestions"), list) and all(isinstance(s, str) for s in data["suggestions"])
            and (data.get("fix") is None or isinstance(data["fix"], str)))


def valid_audience(data) -> bool:
    """None, or an audience as ``put`` writes it: a value, where it came from, a score and cue labels."""
    return data is None or (
        isinstance(data, dict) and set(data) <= {"value", "source", "score", "cues"}
        and data.get("value") in ("adult", "child", "unknown") and data.get("source", "detected") in ("detected", "configuration")
        and isinstance(data.get("score", 0), int) and abs(data.get("score", 0)) <= MAX_POSITION
        and isinstance(data.get("cues", []), list) and all(isinstance(c, str) and len(c) <= 80 for c in data.get("cues", [])))


def valid_profile(data) -> bool:
    """None, or a good-practice profile as ``put`` writes it: the known counts, whole numbers only."""
    return data is None or (isinstance(data, dict) and set(data) <= set(PROFILE_KEYS)
                            and all(_whole(v) for v in data.values()))


def valid_sources(data) -> bool:
    """None, or [[block, reader's block, offset], ...] as ``put`` writes them: whole numbers only."""
    return data is None or (isinstance(data, list) and len(data) <= MAX_FINDINGS and all(
        isinstance(item, list) and len(item) == 3 and all(_whole(n) for n in item) for item in data))


def valid_entry(data, key: str, known_rules: frozenset[str] | None) -> bool:
    return (isinstance(data, dict) and data.get("key") == key and data.get("encoding") in ENCODINGS
            and isinstance(data.get("findings"), list) and len(data["findings"]) <= MAX_FINDINGS
            and valid_audience(data.get("audience")) and valid_sources(data.get("sources"))
            and data.get("kind") in (None, *KINDS, UNKNOWN) and valid_profile(data.get("profile"))
            and all(valid_finding(f, known_rules) for f in data["findings"]))


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

    def __init__(self, directory: str | os.PathLike, fingerprint: str, known_rules: Iterable[str] | None = None):
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.known_rules = frozenset(known_rules) if known_rules is not None else None  # entries naming others are misses
        self.writable = True  # turned off after a failed write: a read-only folder is not an error
        self._prepared = False

    def key(self, path: str, data: bytes) -> str:
        return sha256(f"{self.fingerprint}\0{os.path.normpath(path)}\0{sha256(data)}")

    def _entry(self, key: str) -> Path:
        return self.directory / "v1" / key[:2] / f"{key}.json"

    def get(self, path: str, key: str) -> FileResult | None:
        try:
            data = fastjson.loads(self._entry(key).read_bytes())
            if not valid_entry(data, key, self.known_rules):
                return None  # tampered or damaged: checked again and rewritten
            findings = [finding_from_json(f) for f in data["findings"]]
            audience = _audience(data.get("audience"))
            sources = data.get("sources")
            sources = {index: (origin, offset) for index, origin, offset in sources} if sources is not None else None
            return FileResult(path=path, findings=findings, encoding=data.get("encoding"), audience=audience,
                              kind=data.get("kind"), profile=_profile(data.get("profile")), sources=sources)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # corrupt (or nested too deeply to read): checked again and rewritten

    def put(self, key: str, result: FileResult) -> None:
        if not self.writable or result.error:
            return  # an unreadable file is looked at again next time
        entry = self._entry(key)
        data = {"key": key, "encoding": result.encoding, "findings": [finding_to_json(f) for f in result.findings]}
        if result.audience is not None:  # a value, a score and cue labels: no document text
            data["audience"] = dataclasses.asdict(result.audience)
        if result.kind is not None:  # a label
            data["kind"] = result.kind
        if result.profile is not None:  # numbers only
            data["profile"] = result.profile
        if result.sources is not None:  # positions of blocks: no document text
            data["sources"] = [[index, origin, offset] for index, (origin, offset) in result.sources.items()]
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a reader (or a parallel run) never sees half an entry.
            write_atomic(entry, fastjson.dumps(data))
        except OSError:
            self.writable = False

    def _prepare(self) -> None:
        """Mark the cache so git and backup tools skip it, without touching anything that is not ours.

        A new or empty folder is marked as a whole. A folder that already holds other files
        (``--cache-dir .``) is not: a CACHEDIR.TAG there would make backups skip the user's own
        files, and its .gitignore is theirs. Only the ``v1`` folder inside it is marked then.
        Marker files are created, never replaced."""
        if self._prepared or (self.directory / "CACHEDIR.TAG").is_file():
            self._prepared = True
            return
        ours = not self.directory.exists() or not any(self.directory.iterdir())
        folder = self.directory if ours else self.directory / "v1"
        folder.mkdir(parents=True, exist_ok=True)
        _create(folder / ".gitignore", "# Created by sbp-lint automatically.\n*\n")
        _create(folder / "CACHEDIR.TAG", _CACHEDIR_TAG)
        self._prepared = True


def _create(path: Path, text: str) -> None:
    """Write ``path`` only if there is no such file yet (never replace a user's .gitignore)."""
    try:
        with open(path, "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        pass

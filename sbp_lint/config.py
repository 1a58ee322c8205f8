"""Configuration: ``.sbp-lint.yaml`` or ``[tool.sbp-lint]`` in ``pyproject.toml``.

The closest file at or above the checked path wins (no merging, like ruff);
``--config FILE`` overrides the search. Unknown keys are errors.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .audience import SETTINGS as AUDIENCE_SETTINGS
from .nlp.outcomes import DEFAULT_OUTCOME_HEADINGS
from .errors import ConfigError
from .findings import SEVERITY_NAMES
from .yamlutil import LineDict, read_yaml_file

CONFIG_NAMES = (".sbp-lint.yaml", ".sbp-lint.yml")
FAIL_ON = ("error", "warning", "suggestion", "never")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.docx", "*.odt", "*.html", "*.htm", "*.pdf")
DEFAULT_MAX_FILE_SIZE_MB = 20.0
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".sbp_lint_cache", ".venv", "venv", "__pycache__", ".tox")


def glob_regex(pattern: str) -> re.Pattern:
    """A path glob as a regex: ``*`` within a folder, ``**`` across folders, ``?``, ``[abc]``.

    A pattern with no ``/`` matches a file or folder name at any depth (like
    .gitignore); one with a ``/`` matches from the configuration's folder.
    """
    pattern = pattern.strip().removeprefix("./")
    if pattern.endswith("/"):
        pattern += "**"
    anchored = "/" in pattern
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1:close]
            body = "^" + body[1:] if body.startswith("!") else body
            # A set's own regex syntax stays literal: backslashes, and "[", "&", "~", "|" (future set operations).
            out.append("[" + re.sub(r"([\\\[&~|])", r"\\\1", body) + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile(("" if anchored else "(?:.*/)?") + "".join(out) + r"\Z")


@dataclass
class Override:
    """Settings for the files that match ``files`` (globs relative to the configuration's folder).

    Like ruff's per-file-ignores and ESLint's overrides: later overrides win,
    and the command line's --select/--ignore still apply on top.
    """

    files: tuple[str, ...]
    select: tuple[str, ...] | None = None  # replaces the rule selection for these files
    extend_select: tuple[str, ...] = ()  # adds rules (e.g. ones ignored everywhere else)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # rule, pack or category -> level
    allow: tuple[str, ...] = ()  # more phrases never flagged in these files
    audience: str | None = None  # adult | child | auto for these files (None: as the configuration says)
    line: int | None = None  # where it was written, for error messages
    _regexes: tuple = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._regexes = tuple(glob_regex(p) for p in self.files)

    def matches(self, relative: str) -> bool:
        """``relative`` is a path from the configuration's folder, with ``/``: it or a folder above it matches."""
        parts = relative.split("/")
        candidates = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
        return any(r.match(c) for r in self._regexes for c in candidates)


OVERRIDE_KEYS = ("files", "select", "extend_select", "ignore", "severity", "allow", "audience")


@dataclass
class Config:
    packs: list[str] | None = None  # built-in packs to use; None means all
    extra_packs: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    outcome_headings: tuple[str, ...] = DEFAULT_OUTCOME_HEADINGS
    model: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    force_exclude: bool = False  # apply exclude to files named explicitly too (pre-commit names every file)
    fail_on: str = "warning"
    allow: list[str] = field(default_factory=list)  # an organisation's glossary: phrases never flagged
    options: dict[str, dict] = field(default_factory=dict)  # per-rule options for named checks
    overrides: list[Override] = field(default_factory=list)  # per-glob settings, in order
    report_unused_suppressions: bool = False  # report inline comments that suppress nothing
    redact: bool = False  # keep document text out of every output
    redact_paths: bool = False  # also name files by pseudonyms in every output (implies redact)
    timeout: float = 120.0  # seconds one file may take before it is given up with an error
    max_file_size_mb: float = DEFAULT_MAX_FILE_SIZE_MB  # larger files are refused, one error each
    audience: str = "auto"  # who the documents are about: adult | child | auto (detected per file)
    path: str | None = None  # the file this came from
    # Where each rule's ``options`` were written, so a bad value is blamed on this file, not the rule pack.
    option_lines: dict[str, int | None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_size_mb * 1024 * 1024)


def _strings(value, key: str, where: str, line: int | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", where, line)
    return [v.strip() for v in value]


def parse_config(data: dict, where: str) -> Config:
    if not isinstance(data, dict):
        raise ConfigError("configuration must be a mapping of keys to values", where, getattr(data, "line", None))
    line_of = data.line_of if isinstance(data, LineDict) else (lambda key: None)
    config = Config(path=where)
    base = Path(where).parent
    known = set(Config.__dataclass_fields__) - {"path"}
    for raw_key, value in data.items():
        key = str(raw_key).replace("-", "_")
        line = line_of(raw_key)
        if key not in known:
            raise ConfigError(f"unknown configuration key '{raw_key}' (known: {', '.join(sorted(known))})", where, line)
        if key in ("packs", "select", "ignore", "allow"):
            setattr(config, key, _strings(value, key, where, line))
        elif key in ("include", "exclude", "outcome_headings"):
            setattr(config, key, tuple(_strings(value, key, where, line)))
        elif key == "extra_packs":
            config.extra_packs = [(base / p).resolve() for p in _strings(value, key, where, line)]
        elif key == "model":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError("'model' must be a spaCy package name or a path", where, line)
            config.model = str((base / value).resolve()) if ("/" in value or value.startswith(".")) else value
        elif key == "fail_on":
            if value not in FAIL_ON:
                raise ConfigError(f"'fail_on' must be one of: {', '.join(FAIL_ON)}", where, line)
            config.fail_on = value
        elif key == "severity":
            config.severity = _severity_map(value, "severity", where, line)
        elif key == "options":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError("'options' must map rule ids to mappings of options", where, line)
            config.options = {str(k): dict(v) for k, v in value.items()}
            config.option_lines = {str(k): value.line_of(k) if isinstance(value, LineDict) else line for k in value}
        elif key == "overrides":
            config.overrides = _overrides(value, where, line)
        elif key == "audience":
            config.audience = _audience(value, "audience", where, line)
        elif key in ("report_unused_suppressions", "redact", "redact_paths", "force_exclude"):
            if not isinstance(value, bool):
                raise ConfigError(f"'{key}' must be true or false", where, line)
            setattr(config, key, value)
            config.redact = config.redact or config.redact_paths
        elif key == "timeout":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 86400:
                raise ConfigError("'timeout' must be a number of seconds above 0", where, line)
            config.timeout = float(value)
        elif key == "max_file_size_mb":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 4096:
                raise ConfigError("'max_file_size_mb' must be a number of megabytes above 0 (at most 4096)", where, line)
            config.max_file_size_mb = float(value)
    return config


def _severity_map(value, key: str, where: str, line: int | None) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) and v in SEVERITY_NAMES for v in value.values()):
        raise ConfigError(f"'{key}' must map rule ids to error, warning or suggestion", where, line)
    return {str(k): v for k, v in value.items()}


def _audience(value, key: str, where: str, line: int | None) -> str:
    if value not in AUDIENCE_SETTINGS:
        raise ConfigError(f"'{key}' must be one of: {', '.join(AUDIENCE_SETTINGS)}", where, line)
    return value


def _overrides(value, where: str, line: int | None) -> list[Override]:
    """``overrides: [{files: [...], ignore: [...], severity: {...}, ...}]``."""
    if not isinstance(value, list):
        raise ConfigError("'overrides' must be a list of mappings, each with 'files'", where, line)
    result = []
    for item in value:
        at = getattr(item, "line", None) or line
        if not isinstance(item, dict):
            raise ConfigError("each override must be a mapping with 'files'", where, at)
        item_line = item.line_of if isinstance(item, LineDict) else (lambda key: at)
        settings: dict = {}
        for raw_key, setting in item.items():
            key = str(raw_key).replace("-", "_")
            if key not in OVERRIDE_KEYS:
                raise ConfigError(f"unknown key '{raw_key}' in override (known: {', '.join(OVERRIDE_KEYS)})", where, item_line(raw_key))
            if key == "severity":
                settings[key] = _severity_map(setting, "overrides.severity", where, item_line(raw_key))
            elif key == "audience":
                settings[key] = _audience(setting, "overrides.audience", where, item_line(raw_key))
            else:
                settings[key] = tuple(_strings(setting, f"overrides.{key}", where, item_line(raw_key)))
        if "files" not in settings:
            raise ConfigError("override is missing 'files' (a list of globs)", where, at)
        for pattern in settings["files"]:
            try:
                glob_regex(pattern)
            except re.error as exc:
                raise ConfigError(f"override glob '{pattern}' is not a valid pattern ({exc.msg})", where, item_line("files")) from None
        if len(settings) == 1:
            raise ConfigError(f"override for {list(settings['files'])} changes nothing (give {', '.join(OVERRIDE_KEYS[1:])})", where, at)
        result.append(Override(**settings, line=at))
    return result


def load_config_file(path: Path) -> Config:
    where = str(path)
    if not path.is_file():
        raise ConfigError("configuration file not found", where)
    if path.name == "pyproject.toml":
        section = _pyproject_section(path)
        return parse_config(section if section is not None else {}, where)
    data = read_yaml_file(path, ConfigError)
    return parse_config(data if data is not None else {}, where)


def _pyproject_section(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    except (OSError, UnicodeDecodeError):
        raise ConfigError("cannot be read", str(path)) from None
    return data.get("tool", {}).get("sbp-lint")


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start``."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if _pyproject_section(pyproject) is not None:
                    return pyproject
            except ConfigError:
                continue  # someone else's broken pyproject is not ours to report
    return None


def resolve_config(explicit: str | None, start: Path) -> Config:
    if explicit:
        return load_config_file(Path(explicit))
    found = find_config(start)
    return load_config_file(found) if found else Config()

"""Configuration: ``.sbp-lint.yaml`` or ``[tool.sbp-lint]`` in ``pyproject.toml``.

The closest file at or above the checked path wins (no merging, like ruff);
``--config FILE`` overrides the search. Unknown keys are errors.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .context import DEFAULT_OUTCOME_HEADINGS
from .errors import ConfigError
from .findings import SEVERITY_NAMES
from .yamlutil import LineDict, read_yaml_file

CONFIG_NAMES = (".sbp-lint.yaml", ".sbp-lint.yml")
FAIL_ON = ("error", "warning", "suggestion", "never")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".sbp_lint_cache", ".venv", "venv", "__pycache__", ".tox")


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
    fail_on: str = "warning"
    allow: list[str] = field(default_factory=list)  # an organisation's glossary: phrases never flagged
    options: dict[str, dict] = field(default_factory=dict)  # per-rule options for named checks
    path: str | None = None  # the file this came from


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
            if not isinstance(value, dict) or not all(isinstance(v, str) and v in SEVERITY_NAMES for v in value.values()):
                raise ConfigError("'severity' must map rule ids to error, warning or suggestion", where, line)
            config.severity = {str(k): v for k, v in value.items()}
        elif key == "options":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError("'options' must map rule ids to mappings of options", where, line)
            config.options = {str(k): dict(v) for k, v in value.items()}
    return config


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

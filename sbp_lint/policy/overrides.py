"""Per-file settings: the configuration's own, then per-glob overrides (``overrides:``).

The engine runs every rule that any file may need; each file then keeps the
findings of the rules active for it, with its severities and allow-list.
Order of precedence, lowest first: the configuration's own settings, each
matching override in the order written, then the command line's
``--select``/``--ignore`` (the command line always wins).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..config import Config, Override
from ..errors import ConfigError
from ..findings import Severity
from .glossary import Glossary
from ..packs import Rule


@dataclass(frozen=True)
class FileSettings:
    active: frozenset[str]  # rule ids whose findings are kept
    severity: dict[str, Severity]  # rule id -> level, from the configuration and overrides
    allow: Glossary  # phrases never flagged (see glossary.py)
    audience: str = "auto"  # adult | child | auto (see sbp_lint/audience.py)


class Overrides:
    def __init__(self, config: Config, all_rules: list[Rule], selected: list[Rule],
                 cli_select: list[str] | None = None, cli_ignore: list[str] | None = None):
        self.overrides = config.overrides
        self.rules = all_rules
        self.base_dir = Path(config.path).resolve().parent if config.path else None
        self.base = frozenset(r.id for r in selected)
        self.cli_select = self._ids(cli_select or [])
        self.cli_ignore = self._ids(cli_ignore or []) or frozenset()
        self._cache: dict[str, FileSettings] = {}
        self.severity = {rule_id: Severity.parse(level) for rule_id, level in config.severity.items()}
        self.allow = tuple(config.allow)
        self.audience = config.audience
        self.default = FileSettings(self._command_line(self.base), self.severity, Glossary(self.allow), self.audience)
        for override in self.overrides:
            for name in [*(override.select or ()), *override.extend_select, *override.ignore, *override.severity]:
                if not any(r.selected_by(name) for r in all_rules):
                    raise ConfigError(f"override for {list(override.files)}: '{name}' names no rule, pack or category",
                                      config.path, override.line)

    def _ids(self, names) -> frozenset[str] | None:
        if not names:
            return None
        return frozenset(r.id for r in self.rules if any(r.selected_by(n) for n in names))

    def _command_line(self, ids: frozenset[str]) -> frozenset[str]:
        if self.cli_select is not None:
            ids &= self.cli_select
        return ids - self.cli_ignore

    def extra_rules(self) -> list[Rule]:
        """Rules some override turns on that the base selection leaves off: the engine must run them too."""
        wanted: set[str] = set()
        for override in self.overrides:
            wanted |= self._ids(override.select) or set()
            wanted |= self._ids(override.extend_select) or set()
        wanted = self._command_line(frozenset(wanted)) - self.base
        return [r for r in self.rules if r.id in wanted]

    def relative(self, path: str) -> str:
        if path.startswith("<") or path == "-":
            return path
        base = self.base_dir or Path(os.getcwd()).resolve()
        try:
            return Path(path).resolve().relative_to(base).as_posix()
        except (ValueError, OSError):
            return Path(path).as_posix()

    def for_path(self, path: str) -> FileSettings:
        """The settings for ``path``: the configuration's own unless an override matches it."""
        if not self.overrides:
            return self.default
        if path not in self._cache:
            self._cache[path] = self._resolve(path)
        return self._cache[path]

    def _resolve(self, path: str) -> FileSettings:
        relative = self.relative(path)
        matching = [o for o in self.overrides if o.matches(relative)]
        if not matching:
            return self.default
        active = set(self.base)
        severity = dict(self.severity)
        allow = set(self.allow)
        audience = self.audience
        for override in matching:
            active = self._apply_selection(override, active)
            for name, level in override.severity.items():
                severity.update({r.id: Severity.parse(level) for r in self.rules if r.selected_by(name)})
            allow |= set(override.allow)  # Glossary normalises case, hyphens and spaces
            audience = override.audience or audience
        return FileSettings(self._command_line(frozenset(active)), severity, Glossary(allow), audience)

    def _apply_selection(self, override: Override, active: set[str]) -> set[str]:
        if override.select is not None:
            active = set(self._ids(override.select))
        active |= self._ids(override.extend_select) or set()
        return active - (self._ids(override.ignore) or set())

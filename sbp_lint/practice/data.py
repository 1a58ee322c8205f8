"""The recognisers' word lists and patterns, read from YAML beside them and checked as rule packs are:
a wrong key or value stops the run with the file, the line and what is wrong."""

from __future__ import annotations

from pathlib import Path

from ..errors import PackError
from ..yamlutil import LineDict, LineList, read_yaml_file

HERE = Path(__file__).resolve().parent


class DataFile:
    """One YAML data file, read once; ``words``, ``mapping`` and ``patterns`` check what they return."""

    def __init__(self, name: str | Path):
        self.path = name if isinstance(name, Path) else HERE / name
        self.where = str(self.path)
        data = read_yaml_file(self.path, PackError)
        if not isinstance(data, LineDict):
            raise PackError("must be a mapping", self.where, 1)
        self.data = data

    def _get(self, keys: tuple[str, ...]):
        node, line = self.data, self.data.line
        for key in keys:
            if not isinstance(node, LineDict) or key not in node:
                raise PackError(f"missing '{'.'.join(keys)}'", self.where, line)
            line = node.line_of(key)
            node = node[key]
        return node, line

    def words(self, *keys: str) -> frozenset[str]:
        """A list of words or phrases, in lower case."""
        value, line = self._get(keys)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise PackError(f"'{'.'.join(keys)}' must be a list of words", self.where, line)
        return frozenset(" ".join(v.lower().split()) for v in value)

    def mapping(self, *keys: str) -> LineDict:
        value, line = self._get(keys)
        if not isinstance(value, LineDict):
            raise PackError(f"'{'.'.join(keys)}' must be a mapping", self.where, line)
        return value

    def line_of(self, *keys: str) -> int:
        return self._get(keys)[1]

    def check_keys(self, allowed: set[str], *keys: str) -> None:
        node = self.mapping(*keys) if keys else self.data
        for key in node:
            if key not in allowed:
                raise PackError(f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})", self.where, node.line_of(key))

    def patterns(self, *keys: str) -> dict[str, list[tuple[int, list]]]:
        """Matcher patterns by label: ``{label: [(line, pattern), ...]}``."""
        node = self.mapping(*keys)
        result: dict[str, list[tuple[int, list]]] = {}
        for label, patterns in node.items():
            if not isinstance(patterns, list) or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p)
                                                         for p in patterns):
                raise PackError(f"'{label}' must be a list of token patterns (lists of mappings)", self.where, node.line_of(label))
            result[label] = [(getattr(p, "line", node.line_of(label)), _plain(p)) for p in patterns]
        return result


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, LineList)):
        return [_plain(v) for v in value]
    return value


def add_patterns(matcher, data: DataFile, patterns: dict[str, list[tuple[int, list]]]) -> None:
    """Add ``patterns`` to a spaCy Matcher; an invalid one names its file and line."""
    for label, entries in patterns.items():
        for line, pattern in entries:
            try:
                matcher.add(label, [pattern])
            except Exception as exc:  # spaCy reports invalid patterns in several exception types
                raise PackError(f"invalid token pattern for '{label}': {' '.join(str(exc).split())[:300]}", data.where, line) from None

"""Word lists shared by rules: ``rules/lists/*.yaml``, named in a rule as ``"@name"``.

Several rules need the same nouns: "the Council failed to…", "the care home refused…" and "staff
were unable to engage him" are not deficit language about a person, whichever deficit rule matched.
Rules are data, so the organisations, professionals and processes that can be a verb's subject live
in one list each, and a rule's ``exceptions`` (or a named check's list options) name a list as
``"@organisations"``. Each entry is replaced by the list's words when the pack loads, so the engine
never sees the reference.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import PackError
from ..yamlutil import LineDict, read_yaml_file

PREFIX = "@"


def lists_dir(rules_dir: Path) -> Path:
    return rules_dir / "lists"


@lru_cache(maxsize=4)
def load_lists(directory: Path) -> dict[str, tuple[str, ...]]:
    """Every list in ``directory``'s YAML files (``lists: {name: [words]}``); names must be unique."""
    found: dict[str, tuple[str, ...]] = {}
    if not directory.is_dir():
        return found
    for path in sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")):
        data = read_yaml_file(path, PackError)
        where = str(path)
        if not isinstance(data, LineDict) or set(data) != {"lists"} or not isinstance(data["lists"], LineDict):
            raise PackError("a word-list file must be a mapping with only 'lists: {name: [words]}'", where, 1)
        for name, words in data["lists"].items():
            line = data["lists"].line_of(name)
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
                raise PackError(f"list '{name}' must be a non-empty list of strings", where, line)
            if name in found:
                raise PackError(f"duplicate word list '{name}'", where, line)
            found[name] = tuple(words)
    return found


def expand(values: list, known: dict[str, tuple[str, ...]], where: str, line: int | None) -> list:
    """``values`` with each ``"@name"`` replaced by the words of that list (order kept, no repeats)."""
    out: list = []
    for value in values:
        if isinstance(value, str) and value.startswith(PREFIX):
            name = value[len(PREFIX):]
            if name not in known:
                names = ", ".join(PREFIX + n for n in sorted(known)) or "none"
                raise PackError(f"unknown word list '{value}' (known: {names})", where, line)
            out.extend(w for w in known[name] if w not in out)
        elif value not in out:
            out.append(value)
    return out

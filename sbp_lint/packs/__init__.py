"""Rule packs: YAML files under ``rules/``, one pack per concern, validated on load.

Rules are data. Each carries its message, why, suggestions and its own flag/pass
examples; a broken pack fails with the file, the line and what is wrong.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import PackError
from ..findings import CATEGORIES, SEVERITY_NAMES, Severity
from ..yamlutil import LineDict, read_yaml_file

KINDS = ("phrase", "pattern", "dependency", "check")
SCOPES = ("all", "outcome", "not_outcome")
_COMMON = {"id", "kind", "category", "severity", "message", "why", "suggestions", "examples",
           "scope", "in_quotes", "exceptions", "better", "fix"}
_KIND_KEYS = {
    "phrase": {"phrases", "attr", "pos"},
    "pattern": {"patterns"},
    "dependency": {"patterns"},
    "check": {"check", "options"},
}
_EXCEPTION_KEYS = {"phrases", "preceded_by", "followed_by", "window", "subject_in", "sentence_has", "passive"}
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*$")
_PACK_KEYS = {"pack", "description", "rules"}


@dataclass(frozen=True)
class Exceptions:
    """When a match is not a finding: declarative filters shared by all kinds."""

    phrases: tuple[str, ...] = ()  # a longer phrase around the match that makes it ordinary
    preceded_by: tuple[str, ...] = ()  # words (lower case or lemma) just before the match
    followed_by: tuple[str, ...] = ()  # words just after the match
    window: int = 2  # how many tokens before/after count
    subject_in: tuple[str, ...] = ()  # the verb's subject is one of these (an organisation, not a person)
    sentence_has: tuple[str, ...] = ()  # the sentence contains one of these phrases
    passive: bool = False  # the matched verb is passive ("she was refused a place"): the person was acted on


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    pack: str
    kind: str
    category: str
    severity: Severity
    message: str
    why: str
    suggestions: tuple[str, ...]
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    scope: str = "all"
    in_quotes: bool = False
    exceptions: Exceptions = Exceptions()
    better: str | None = None
    fix: str | dict[str, str] | None = None  # one replacement, or one per matched form
    phrases: tuple[str, ...] = ()
    attr: str = "lower"
    pos: tuple[str, ...] = ()
    patterns: tuple = ()
    check: str | None = None
    options: dict = field(default_factory=dict, hash=False, compare=False)
    source: str = ""
    line: int = 0

    def selected_by(self, name: str) -> bool:
        """True if ``name`` (a rule id, id prefix, pack or category) picks this rule."""
        return name in (self.id, self.pack, self.category) or self.id.startswith(name.rstrip(".") + ".")


@dataclass
class Pack:
    name: str
    description: str
    path: str
    rules: list[Rule]


def builtin_rules_dir() -> Path:
    """The shipped packs: inside the installed package, or ``rules/`` beside it in a checkout."""
    packaged = Path(str(resources.files("sbp_lint") / "rules"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def load_pack_dir(directory: Path) -> list[Pack]:
    if not directory.is_dir():
        raise PackError("rule pack folder not found", str(directory))
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    return [load_pack_file(p) for p in files]


def load_packs(names: list[str] | None = None, extra_dirs: list[Path] | None = None) -> list[Pack]:
    """Built-in packs (all, or ``names``) plus an organisation's own folders. Ids must be unique."""
    packs = load_pack_dir(builtin_rules_dir())
    if names is not None:
        known = {p.name for p in packs}
        for name in names:
            if name not in known:
                raise PackError(f"unknown built-in pack '{name}' (known: {', '.join(sorted(known))})")
        packs = [p for p in packs if p.name in names]
    for directory in extra_dirs or []:
        packs.extend(load_pack_dir(directory))
    seen: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                first = seen[rule.id]
                raise PackError(f"duplicate rule id '{rule.id}' (first defined in {first.source}:{first.line})", rule.source, rule.line)
            seen[rule.id] = rule
    return packs


def load_pack_file(path: Path) -> Pack:
    data = read_yaml_file(path, PackError)
    where = str(path)
    if not isinstance(data, LineDict):
        raise PackError("a rule pack must be a mapping with 'pack' and 'rules'", where, 1)
    _unknown_keys(data, _PACK_KEYS, where, "pack")
    name = data.get("pack")
    if not isinstance(name, str) or not re.match(r"^[a-z][a-z0-9_-]*$", name):
        raise PackError("'pack' must be a lower-case name", where, data.line_of("pack"))
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise PackError("'rules' must be a non-empty list", where, data.line_of("rules"))
    parsed = [_rule(raw, name, where) for raw in rules]
    first_lines: dict[str, int] = {}
    for rule in parsed:
        if rule.id in first_lines:
            raise PackError(f"duplicate rule id '{rule.id}' (first at line {first_lines[rule.id]})", where, rule.line)
        first_lines[rule.id] = rule.line
    return Pack(name, str(data.get("description", "")), where, parsed)


def _unknown_keys(data: LineDict, allowed: set[str], where: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise PackError(f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})", where, data.line_of(key))


def _rule(raw, pack: str, where: str) -> Rule:
    if not isinstance(raw, LineDict):
        line = getattr(raw, "line", None)
        raise PackError("each rule must be a mapping", where, line)
    line = raw.line

    def need(key: str, kind: type | tuple, what: str):
        if key not in raw:
            raise PackError(f"rule is missing '{key}'", where, line)
        value = raw[key]
        if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            raise PackError(f"'{key}' must be {what}", where, raw.line_of(key))
        return value

    rule_id = need("id", str, "a string")
    if not _ID.match(rule_id):
        raise PackError(f"rule id '{rule_id}' must look like 'category.name' in lower case", where, raw.line_of("id"))
    kind = need("kind", str, "a string")
    if kind not in KINDS:
        raise PackError(f"unknown kind '{kind}' (use one of: {', '.join(KINDS)})", where, raw.line_of("kind"))
    _unknown_keys(raw, _COMMON | _KIND_KEYS[kind], where, f"rule '{rule_id}' ({kind})")
    category = need("category", str, "a string")
    if category not in CATEGORIES:
        raise PackError(f"unknown category '{category}' (use one of: {', '.join(CATEGORIES)})", where, raw.line_of("category"))
    severity = need("severity", str, "a string")
    if severity not in SEVERITY_NAMES:
        raise PackError(f"unknown severity '{severity}' (use error, warning or suggestion)", where, raw.line_of("severity"))
    message = need("message", str, "a non-empty string")
    why = need("why", str, "a non-empty string")
    suggestions = need("suggestions", list, "a list of strings")
    if not all(isinstance(s, str) for s in suggestions):
        raise PackError("'suggestions' must be a list of strings", where, raw.line_of("suggestions"))
    for key in ("message", "suggestions", "better", "fix"):
        values = raw.get(key)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str) and not _valid_template(value):
                raise PackError(f"'{key}' has a stray '{{' or '}}' (use {{match}} to quote the match)", where, raw.line_of(key))
    flag, passing = _examples(raw, where)
    scope = raw.get("scope", "all")
    if scope not in SCOPES:
        raise PackError(f"unknown scope '{scope}' (use one of: {', '.join(SCOPES)})", where, raw.line_of("scope"))
    in_quotes = raw.get("in_quotes", False)
    if not isinstance(in_quotes, bool):
        raise PackError("'in_quotes' must be true or false", where, raw.line_of("in_quotes"))
    if "better" in raw and not isinstance(raw["better"], str):
        raise PackError("'better' must be a string", where, raw.line_of("better"))
    fix = _fix(raw, where)
    common = dict(
        id=rule_id, pack=pack, kind=kind, category=category, severity=Severity.parse(severity),
        message=message.strip(), why=" ".join(why.split()), suggestions=tuple(suggestions),
        flag_examples=flag, pass_examples=passing, scope=scope, in_quotes=in_quotes,
        exceptions=_exceptions(raw, where), better=raw.get("better"), fix=fix,
        source=where, line=line,
    )
    if kind == "phrase":
        phrases = need("phrases", list, "a list of strings")
        if not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise PackError("'phrases' must be a non-empty list of strings", where, raw.line_of("phrases"))
        attr = raw.get("attr", "lower")
        if attr not in ("lower", "lemma", "orth"):
            raise PackError("'attr' must be 'lower', 'lemma' or 'orth' (exact letter case)", where, raw.line_of("attr"))
        pos = raw.get("pos", [])
        if not isinstance(pos, list) or not all(isinstance(p, str) for p in pos):
            raise PackError("'pos' must be a list of part-of-speech tags such as NOUN", where, raw.line_of("pos"))
        return Rule(**common, phrases=tuple(phrases), attr=attr, pos=tuple(pos))
    if kind in ("pattern", "dependency"):
        patterns = need("patterns", list, "a list of token patterns")
        if not patterns or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns):
            raise PackError("'patterns' must be a non-empty list of non-empty lists of token mappings", where, raw.line_of("patterns"))
        return Rule(**common, patterns=tuple(_plain(p) for p in patterns))
    check = need("check", str, "the name of a check")
    options = raw.get("options", {})
    if not isinstance(options, dict):
        raise PackError("'options' must be a mapping", where, raw.line_of("options"))
    return Rule(**common, check=check, options=_plain(options))


def _fix(raw: LineDict, where: str) -> str | dict[str, str] | None:
    """``fix``: one replacement, or a mapping from each matched form to its replacement."""
    fix = raw.get("fix")
    if fix is None or (isinstance(fix, str) and fix.strip()):
        return fix
    if isinstance(fix, dict) and fix and all(isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in fix.items()):
        return {" ".join(k.lower().split()): v for k, v in fix.items()}
    raise PackError("'fix' must be a replacement string or a mapping of matched forms to replacements", where, raw.line_of("fix"))


def _valid_template(text: str) -> bool:
    try:
        list(string.Formatter().parse(text))
    except ValueError:
        return False
    return True


def _examples(raw: LineDict, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    examples = raw.get("examples")
    line = raw.line_of("examples")
    if not isinstance(examples, LineDict):
        raise PackError("rule needs 'examples' with 'flag' and 'pass' lists", where, line)
    _unknown_keys(examples, {"flag", "pass"}, where, "examples")
    result = []
    for key in ("flag", "pass"):
        value = examples.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise PackError(f"'examples.{key}' must be a non-empty list of strings", where, examples.line_of(key))
        result.append(tuple(value))
    return result[0], result[1]


def _exceptions(raw: LineDict, where: str) -> Exceptions:
    data = raw.get("exceptions")
    if data is None:
        return Exceptions()
    if not isinstance(data, LineDict):
        raise PackError("'exceptions' must be a mapping", where, raw.line_of("exceptions"))
    _unknown_keys(data, _EXCEPTION_KEYS, where, "exceptions")
    values = {}
    for key in _EXCEPTION_KEYS - {"window", "passive"}:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise PackError(f"'exceptions.{key}' must be a list of strings", where, data.line_of(key))
        values[key] = tuple(v.lower() for v in value)
    window = data.get("window", 2)
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 10:
        raise PackError("'exceptions.window' must be a whole number from 1 to 10", where, data.line_of("window"))
    passive = data.get("passive", False)
    if not isinstance(passive, bool):
        raise PackError("'exceptions.passive' must be true or false", where, data.line_of("passive"))
    return Exceptions(window=window, passive=passive, **values)


def _plain(value):
    """LineDict/LineList to plain dict/list (spaCy's pattern validators want plain types)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value

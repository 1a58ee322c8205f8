"""Rule packs from YAML: validated on load, so a broken pack fails with its file, line and what is wrong."""

from __future__ import annotations

import dataclasses
import functools
import re
from importlib import resources
from pathlib import Path

from ..audience import AUDIENCES
from ..errors import PackError
from ..findings import CATEGORIES, SEVERITY_NAMES, Severity
from ..nlp.language import LANGUAGES, WELSH
from ..nlp.mutations import expand_phrases
from ..yamlutil import LineDict, read_yaml_file
from . import templates
from .kinds import SPECS, CheckSpec, PhraseSpec
from .lists import expand, lists_dir, load_lists
from .model import Example, Exceptions, Pack, Rule, Wording
from .rewrites import from_fix, parse_rewrite

SCOPES = ("all", "outcome", "not_outcome")
_COMMON = {"id", "kind", "category", "severity", "message", "why", "suggestions", "examples",
           "scope", "in_quotes", "exceptions", "better", "fix", "audience", "audiences", "rewrite"}
_EXCEPTION_KEYS = {"phrases", "preceded_by", "followed_by", "window", "subject_in", "object_in", "sentence_has", "passive",
                   "covered"}
_EXAMPLE_KEYS = {"text", "match", "fix", "rewrite"}
_WORDING_KEYS = {"message", "suggestions", "better", "why", "severity"}
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_.-]*$")
_PACK_KEYS = {"pack", "description", "rules", "language"}
# What a Welsh rule can use: the Welsh pipeline is a tokenizer and sentence splitter, with no tagger,
# lemmatizer or parser (nlp/welsh.py), so no part of speech, lemma or grammatical relation.
_WELSH_KINDS = ("phrase", "check")
_WELSH_EXCEPTIONS = {"phrases", "preceded_by", "followed_by", "window", "sentence_has", "covered"}


@functools.lru_cache(maxsize=1)
def builtin_rules_dir() -> Path:
    """The shipped packs: inside the installed package, or ``rules/`` beside it in a checkout.

    Found once per process: every rule's word lists ask for it (a thousand times when the packs load, 0.05 s)."""
    packaged = Path(str(resources.files("sbp_lint") / "rules"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def shared_lists() -> dict[str, tuple[str, ...]]:
    """The built-in word lists (``rules/lists/``) that any pack may name as ``"@name"``."""
    return load_lists(lists_dir(builtin_rules_dir()))


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
    language = data.get("language", "en")
    if language not in LANGUAGES:
        raise PackError(f"'language' must be one of: {', '.join(LANGUAGES)}", where, data.line_of("language"))
    parsed = [_rule(raw, name, where, language) for raw in rules]
    first_lines: dict[str, int] = {}
    for rule in parsed:
        if rule.id in first_lines:
            raise PackError(f"duplicate rule id '{rule.id}' (first at line {first_lines[rule.id]})", where, rule.line)
        first_lines[rule.id] = rule.line
    return Pack(name, str(data.get("description", "")), where, parsed, language)


def _unknown_keys(data: LineDict, allowed: set[str] | frozenset[str], where: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise PackError(f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})", where, data.line_of(key))


class _RuleReader:
    """Reads one rule mapping; every complaint names the pack file and the line."""

    def __init__(self, raw: LineDict, where: str):
        self.raw, self.where = raw, where

    def fail(self, message: str, key: str | None = None):
        raise PackError(message, self.where, self.raw.line_of(key) if key else self.raw.line)

    def need(self, key: str, kind: type | tuple, what: str):
        if key not in self.raw:
            self.fail(f"rule is missing '{key}'")
        value = self.raw[key]
        if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            self.fail(f"'{key}' must be {what}", key)
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str | None, what: str) -> str:
        value = self.need(key, str, "a string") if default is None else self.raw.get(key, default)
        if value not in options:
            self.fail(what.format(value=value, options=", ".join(options)), key)
        return value

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"'{key}' must be true or false", key)
        return value


def _rule(raw, pack: str, where: str, language: str = "en") -> Rule:
    if not isinstance(raw, LineDict):
        raise PackError("each rule must be a mapping", where, getattr(raw, "line", None))
    read = _RuleReader(raw, where)
    rule_id = read.need("id", str, "a string")
    if not _ID.match(rule_id):
        read.fail(f"rule id '{rule_id}' must look like 'category.name' in lower case", "id")
    kind = read.choice("kind", tuple(SPECS), None, "unknown kind '{value}' (use one of: {options})")
    spec_type = SPECS[kind]
    _unknown_keys(raw, _COMMON | spec_type.keys, where, f"rule '{rule_id}' ({kind})")
    category = read.choice("category", CATEGORIES, None, "unknown category '{value}' (use one of: {options})")
    severity = read.choice("severity", SEVERITY_NAMES, None, "unknown severity '{value}' (use error, warning or suggestion)")
    message = read.need("message", str, "a non-empty string")
    why = read.need("why", str, "a non-empty string")
    suggestions = read.need("suggestions", list, "a list of strings")
    if not all(isinstance(s, str) for s in suggestions):
        read.fail("'suggestions' must be a list of strings", "suggestions")
    if "better" in raw and not isinstance(raw["better"], str):
        read.fail("'better' must be a string", "better")
    if spec_type.required not in raw:
        read.fail(f"rule is missing '{spec_type.required}'")
    spec = spec_type.parse(raw, where)
    if isinstance(spec, CheckSpec):
        options = {k: expand(v, shared_lists(), where, raw.line_of("options")) if isinstance(v, list) else v
                   for k, v in spec.options.items()}
        spec = dataclasses.replace(spec, options=options)
    _check_templates(read, spec)
    flag, passing = _examples(raw, where)
    exceptions = _exceptions(raw, where)
    if language == WELSH:
        spec, exceptions = _welsh(read, kind, spec, exceptions)
    return Rule(
        id=rule_id, pack=pack, category=category, severity=Severity.parse(severity),
        message=message.strip(), why=" ".join(why.split()), suggestions=tuple(suggestions),
        flag_examples=flag, pass_examples=passing, spec=spec,
        scope=read.choice("scope", SCOPES, "all", "unknown scope '{value}' (use one of: {options})"),
        in_quotes=read.flag("in_quotes"), exceptions=exceptions, better=raw.get("better"),
        fix=(fix := _fix(raw, where)), rewrite=_rewrite(raw, where, category, kind, fix), source=where, line=raw.line,
        audiences=_audiences(read), wording=_wording(read, spec, Severity.parse(severity)), language=language,
    )


def _welsh(read: _RuleReader, kind: str, spec, exceptions: Exceptions):
    """A Welsh rule: only what a tokenizer supports, and its phrases in every mutated form (nlp/mutations.py)."""
    if kind not in _WELSH_KINDS:
        read.fail(f"a Welsh rule (language: cy) must be a phrase or a check; '{kind}' needs the tags and parse "
                  "the Welsh pipeline does not have", "kind")
    if isinstance(spec, PhraseSpec):
        if spec.attr == "lemma" or spec.pos:
            read.fail("a Welsh rule (language: cy) cannot use 'attr: lemma' or 'pos': the Welsh pipeline has no "
                      "lemmatizer or tagger; list the word's forms (mutations are added for you)",
                      "attr" if spec.attr == "lemma" else "pos")
        spec = dataclasses.replace(spec, phrases=expand_phrases(spec.phrases))
    rewrite = read.raw.get("rewrite")
    if rewrite is not None and not (isinstance(rewrite, dict) and dict(rewrite) == {"method": "first_person"}):
        read.fail("a Welsh rule (language: cy) can only have 'rewrite: {method: first_person}': a Welsh replacement "
                  "changes the mutation of the words around it, which the Welsh pipeline cannot see", "rewrite")
    used = {key for key in read.raw.get("exceptions") or {}}
    if used - _WELSH_EXCEPTIONS:
        read.fail(f"a Welsh rule (language: cy) cannot use 'exceptions.{sorted(used - _WELSH_EXCEPTIONS)[0]}': "
                  "it needs a parse the Welsh pipeline does not have", "exceptions")
    exceptions = dataclasses.replace(
        exceptions, phrases=expand_phrases(exceptions.phrases),
        preceded_by=expand_phrases(exceptions.preceded_by), followed_by=expand_phrases(exceptions.followed_by))
    return spec, exceptions


def _rewrite(raw: LineDict, where: str, category: str, kind: str, fix):
    """The rule's ``rewrite:``; a rule with only a ``fix:`` rewrites with it, safely."""
    if "rewrite" in raw:
        return parse_rewrite(raw["rewrite"], where, raw.line_of("rewrite"), category, kind)
    return from_fix(fix) if fix else None


def _check_templates(read: _RuleReader, spec) -> None:
    """Only ``{match}`` and a named check's own fields (those the check validates when it is built)."""
    for key in ("message", "suggestions", "better", "fix"):
        values = read.raw.get(key)
        values = values.values() if isinstance(values, dict) else values if isinstance(values, list) else [values]
        for value in values:
            if not isinstance(value, str):
                continue
            try:
                names = templates.field_names(value)
            except ValueError as exc:
                read.fail(f"'{key}' has {_brace_problem(exc)}", key)
            if not isinstance(spec, CheckSpec) and set(names) - {"match"}:
                read.fail(f"'{key}' uses '{{{sorted(set(names) - {'match'})[0]}}}': only {{match}} is filled for a {spec.kind} rule", key)


def _audiences(read: _RuleReader) -> tuple[str, ...]:
    """``audiences: [child]``: the rule runs only for documents about these audiences (or not known)."""
    value = read.raw.get("audiences")
    if value is None:
        return ()
    if not isinstance(value, list) or not value or not all(v in AUDIENCES for v in value):
        read.fail(f"'audiences' must be a list of: {', '.join(AUDIENCES)}", "audiences")
    return tuple(value)


def _wording(read: _RuleReader, spec, severity: Severity) -> dict[str, Wording]:
    """``audience: {child: {message, suggestions, better, why, severity}, adult: {...}}``: words per audience."""
    data = read.raw.get("audience")
    if data is None:
        return {}
    if not isinstance(data, LineDict) or not data:
        read.fail(f"'audience' must map {' and/or '.join(AUDIENCES)} to the rule's words for them", "audience")
    _unknown_keys(data, set(AUDIENCES), read.where, "audience")
    wording = {}
    for audience, words in data.items():
        if not isinstance(words, LineDict) or not words:
            raise PackError(f"'audience.{audience}' must be a mapping of {', '.join(sorted(_WORDING_KEYS))}",
                            read.where, data.line_of(audience))
        _unknown_keys(words, _WORDING_KEYS, read.where, f"audience.{audience}")
        wording[audience] = _one_wording(words, audience, read.where, spec)
        if (wording[audience].severity or severity) > severity:
            raise PackError(f"'audience.{audience}.severity' may not be above the rule's own ({severity})",
                            read.where, words.line_of("severity"))
    return wording


def _one_wording(words: LineDict, audience: str, where: str, spec) -> Wording:
    def fail(key: str, what: str):
        raise PackError(f"'audience.{audience}.{key}' must be {what}", where, words.line_of(key))

    for key in ("message", "better", "why"):
        if key in words and not (isinstance(words[key], str) and words[key].strip()):
            fail(key, "a non-empty string")
    suggestions = words.get("suggestions")
    if suggestions is not None and (not isinstance(suggestions, list) or not all(isinstance(x, str) for x in suggestions)):
        fail("suggestions", "a list of strings")
    severity = words.get("severity")
    if severity is not None and severity not in SEVERITY_NAMES:
        fail("severity", "error, warning or suggestion")
    for key in ("message", "better", "suggestions"):
        for value in (suggestions or []) if key == "suggestions" else [words.get(key)]:
            if isinstance(value, str):
                _check_template(value, f"audience.{audience}.{key}", spec, where, words.line_of(key))
    return Wording(
        message=words["message"].strip() if "message" in words else None,
        suggestions=tuple(suggestions) if suggestions is not None else None,
        better=words.get("better"), why=" ".join(words["why"].split()) if "why" in words else None,
        severity=Severity.parse(severity) if severity else None,
    )


def _check_template(value: str, key: str, spec, where: str, line: int | None) -> None:
    try:
        names = templates.field_names(value)
    except ValueError as exc:
        raise PackError(f"'{key}' has {_brace_problem(exc)}", where, line) from None
    if not isinstance(spec, CheckSpec) and set(names) - {"match"}:
        raise PackError(f"'{key}' uses '{{{sorted(set(names) - {'match'})[0]}}}': only {{match}} is filled for a {spec.kind} rule",
                        where, line)


def _brace_problem(exc: ValueError) -> str:
    text = str(exc)
    return text if text.startswith("'{") else "a stray '{' or '}' (use {match} to quote the match)"


def _fix(raw: LineDict, where: str) -> str | dict[str, str] | None:
    """``fix``: one replacement, or a mapping from each matched form to its replacement."""
    fix = raw.get("fix")
    if fix is None or (isinstance(fix, str) and fix.strip()):
        return fix
    if isinstance(fix, dict) and fix and all(isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in fix.items()):
        return {" ".join(k.lower().split()): v for k, v in fix.items()}
    raise PackError("'fix' must be a replacement string or a mapping of matched forms to replacements", where, raw.line_of("fix"))


def _examples(raw: LineDict, where: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = raw.get("examples")
    if not isinstance(examples, LineDict):
        raise PackError("rule needs 'examples' with 'flag' and 'pass' lists", where, raw.line_of("examples"))
    _unknown_keys(examples, {"flag", "pass"}, where, "examples")
    result = []
    for key in ("flag", "pass"):
        value = examples.get(key)
        if not isinstance(value, list) or not value:
            raise PackError(f"'examples.{key}' must be a non-empty list", where, examples.line_of(key))
        result.append(tuple(_example(item, key, where, examples.line_of(key)) for item in value))
    return result[0], result[1]


def _example(item, key: str, where: str, line: int) -> Example:
    """A plain sentence, or (flag examples) ``{text: ..., match: ..., fix: ...}`` pinning what is flagged."""
    if isinstance(item, str) and item.strip():
        return Example(item)
    if key == "flag" and isinstance(item, LineDict):
        _unknown_keys(item, _EXAMPLE_KEYS, where, "a flag example")
        values = {k: item.get(k) for k in _EXAMPLE_KEYS}
        if all(v is None or (isinstance(v, str) and v.strip()) for v in values.values()) and values["text"]:
            if values["match"] is not None and values["match"] not in values["text"]:
                raise PackError(f"example match '{values['match']}' is not in its text", where, item.line)
            return Example(**values)
    what = "a sentence or {text, match, fix, rewrite}" if key == "flag" else "a sentence"
    raise PackError(f"each 'examples.{key}' entry must be {what}", where, getattr(item, "line", None) or line)


def _exceptions(raw: LineDict, where: str) -> Exceptions:
    data = raw.get("exceptions")
    if data is None:
        return Exceptions()
    if not isinstance(data, LineDict):
        raise PackError("'exceptions' must be a mapping", where, raw.line_of("exceptions"))
    _unknown_keys(data, _EXCEPTION_KEYS, where, "exceptions")
    values = {}
    for key in _EXCEPTION_KEYS - {"window", "passive", "covered"}:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise PackError(f"'exceptions.{key}' must be a list of strings", where, data.line_of(key))
        values[key] = tuple(v.lower() for v in expand(value, shared_lists(), where, data.line_of(key)))
    window = data.get("window", 2)
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 10:
        raise PackError("'exceptions.window' must be a whole number from 1 to 10", where, data.line_of("window"))
    flags = {}
    for key in ("passive", "covered"):
        flags[key] = data.get(key, False)
        if not isinstance(flags[key], bool):
            raise PackError(f"'exceptions.{key}' must be true or false", where, data.line_of(key))
    return Exceptions(window=window, **flags, **values)

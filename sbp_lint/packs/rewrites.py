"""A rule's ``rewrite:``: how the sentence is rewritten around what the rule flags. Data, checked on load.

Keys (all optional; a rule of kind ``check`` names a ``method``, or gives ``to`` for the words it flags):

- ``to``: what the flagged words become: a string, or a mapping from a matched form (lower case, as
  the rule's phrases spell it) or its dictionary form ("refuse") to a replacement. A verb's replacement
  is written in the dictionary form and put into the match's tense and person ("choose not to" →
  "were choosing not to"); a noun's agrees in number, and "a"/"an" before it follows.
- ``be``: when the words are the complement of "be" ("is an alcoholic"), "be" and the words become
  this verb phrase, in be's tense ("has an alcohol problem", "does not have ...").
- ``people``: when the words stand for a group of people ("the elderly"), they and their "the"
  become this ("older people").
- ``object_verb``: a verb put before a replaced verb's direct object ("refuses his tablets" →
  "chooses not to take his tablets"): one verb, or a mapping from the object's dictionary form to a
  verb, ``"*"`` for any other object.
- ``drop_next``: words dropped when they come straight after the match ("resistant to the plan" with
  ``be: disagree with`` → "disagrees with the plan").
- ``mass``: the replacement takes no "a"/"an" ("a package of care" → "help at home").
- ``only``: of the match's words, only the one in this list is replaced (with its possessive: "her
  boyfriend (22)" → "the man … (22)"); the words around it stay ("a 19-year-old boyfriend" → "a
  19-year-old man", "105 cases" → "105 [families]"). Keys of ``to`` name that word.
- ``first_word``: only the match's first word is replaced; the words after it stay ("contact with his
  dad" → "time with his dad").
- ``aux``: the match takes in the auxiliaries and "not" just before it and a "to" just after it, and
  ``to`` maps those whole forms ("is not allowed to": "cannot", "was expected to": "was asked to"); the
  swap rewrites the clause's verb, so it wins over a passive-to-active rewrite of the same words.
- ``then``: text added at the end of the clause: a placeholder in square brackets for a fact the
  record should give ("[because …]").
- ``safe``: true only when the change certainly keeps the meaning (a fixed swap): ``--fix`` applies it.
- ``method``: a rewrite that needs the grammar (``sbp_lint/rewrite``): ``active`` (passive to active,
  naming the actor or leaving ``actor``), ``first_person`` (an outcome in the person's own voice),
  ``service_goal`` (a service written as an outcome becomes the person's goal, the service its means).
  Their texts are data too: ``actor``, ``goal``, ``means_at``, ``means_with``, ``helped``, ``places``.

In a mapping, ``"*"`` stands for every form the mapping does not name, and a key may name a part of
speech after a slash ("focus/noun": "aim", "focus/verb": "work") for a word that is both.

Square brackets mark what the writer must fill in; a rewrite never invents a fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import PackError
from ..yamlutil import LineDict

METHODS = ("active", "first_person", "service_goal")
_TEXT_KEYS = ("to", "be", "people")  # a string or a mapping of matched forms
_STRING_KEYS = ("then", "actor", "goal", "means_at", "means_with", "helped")
KEYS = frozenset({*_TEXT_KEYS, *_STRING_KEYS, "object_verb", "safe", "method", "places", "drop_next", "mass", "first_word",
                  "only", "aux"})


@dataclass(frozen=True)
class RewriteSpec:
    to: str | dict[str, str] | None = None
    be: str | dict[str, str] | None = None
    people: str | dict[str, str] | None = None
    object_verb: str | dict[str, str] | None = None
    then: str | None = None
    drop_next: tuple[str, ...] = ()
    mass: bool = False
    first_word: bool = False
    aux: bool = False  # the match widened over its auxiliaries, "not" and a following "to" (``swap._with_aux``)
    only: tuple[str, ...] = ()
    safe: bool = False
    method: str | None = None
    actor: str = "[who]"
    goal: str = "I want to [what {service} gives me]"
    means_at: str | None = None  # the service kept as the means: "at {service}" (none: only in the goal)
    means_with: str | None = None
    helped: str = "with help from {who}"
    places: tuple[str, ...] = ()
    forms_only: bool = False  # safe only for the forms the mapping names as written (a fix: lists exactly those)

    @staticmethod
    def lookup(value: str | dict[str, str] | None, *keys: str) -> str | None:
        """The replacement for the first of ``keys`` a mapping lists (a plain string fits every form)."""
        if not isinstance(value, dict):
            return value
        for key in keys:
            key = " ".join(key.lower().split())
            if key in value:
                return value[key]
        return value.get("*")


def parse_rewrite(raw, where: str, line: int, category: str, kind: str) -> RewriteSpec:
    """``rewrite:`` of one rule, validated: its file and line on any problem."""
    if not isinstance(raw, LineDict):
        raise PackError("'rewrite' must be a mapping (to, be, people, object_verb, then, safe, method, ...)", where, line)
    for key in raw:
        if key not in KEYS:
            raise PackError(f"unknown key '{key}' in rewrite (allowed: {', '.join(sorted(KEYS))})", where, raw.line_of(key))
    values: dict = {}
    for key in _TEXT_KEYS:
        if key in raw:
            values[key] = _text_or_forms(raw, key, where)
    for key in _STRING_KEYS:
        if key in raw:
            value = raw[key]
            if not isinstance(value, str) or not value.strip():
                raise PackError(f"'rewrite.{key}' must be a non-empty string", where, raw.line_of(key))
            values[key] = value
    if "object_verb" in raw:
        values["object_verb"] = _text_or_forms(raw, "object_verb", where)
    for key in ("places", "drop_next", "only"):
        if key in raw:
            words = raw[key]
            if not isinstance(words, list) or not all(isinstance(p, str) and p.strip() for p in words):
                raise PackError(f"'rewrite.{key}' must be a list of words", where, raw.line_of(key))
            values[key] = tuple(p.lower() for p in words)
    for key in ("safe", "mass", "first_word", "aux"):
        if not isinstance(raw.get(key, False), bool):
            raise PackError(f"'rewrite.{key}' must be true or false", where, raw.line_of(key))
    safe = raw.get("safe", False)
    values["mass"] = raw.get("mass", False)
    values["first_word"] = raw.get("first_word", False)
    values["aux"] = raw.get("aux", False)
    method = raw.get("method")
    if method is not None and method not in METHODS:
        raise PackError(f"unknown rewrite method '{method}' (use one of: {', '.join(METHODS)})", where, raw.line_of("method"))
    if method is not None and any(k in values for k in _TEXT_KEYS):
        raise PackError("'rewrite.method' does its own rewriting: drop to, be and people", where, raw.line_of("method"))
    if method is None and not any(k in values for k in _TEXT_KEYS):
        raise PackError("'rewrite' needs 'to', 'be' or 'people' (or a 'method')", where, line)
    if safe and (method or "then" in values or "object_verb" in values or _has_placeholder(values)):
        raise PackError("'rewrite.safe' is only for fixed swaps: no placeholders, 'then', 'object_verb' or method",
                        where, raw.line_of("safe"))
    return RewriteSpec(safe=safe, method=method, **values)


def from_fix(fix: str | dict[str, str]) -> RewriteSpec:
    """A rule's older ``fix:`` (a one-for-one swap per form) read as a safe rewrite."""
    return RewriteSpec(to=fix, safe=True, forms_only=True)


def _text_or_forms(raw: LineDict, key: str, where: str) -> str | dict[str, str]:
    value = raw[key]
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
                                                 for k, v in value.items()):
        return {" ".join(k.lower().split()): v for k, v in value.items()}
    raise PackError(f"'rewrite.{key}' must be a string or a mapping of matched forms to strings", where, raw.line_of(key))


def _has_placeholder(values: dict) -> bool:
    texts = [v for k in _TEXT_KEYS for v in ([values[k]] if isinstance(values.get(k), str) else (values.get(k) or {}).values())]
    return any("[" in t for t in texts)

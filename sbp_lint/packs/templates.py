"""Message templates: a rule's message, suggestions and fix, filled for one finding.

Templates name fields in braces: ``{match}`` (the flagged words) everywhere, and the
fields a named check declares (``{words}``, ``{grade}`` ...). Nothing else is allowed:
no positional fields, attribute access or indexing, which would let a pack print
Python internals, and no field a rule cannot be given.
"""

from __future__ import annotations

import re
import string

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def field_names(template: str) -> list[str]:
    """The fields a template uses. Raises ValueError for a stray brace or a field that is not a plain name."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not _NAME.match(name):
            raise ValueError(f"'{{{name}}}' is not a field (use a plain name such as {{match}})")
        if conversion or (spec and not re.fullmatch(r"[<>^]?\d*(?:\.\d+)?[df%]?", spec)):
            raise ValueError(f"'{{{name}}}' may not carry a conversion or format")
        names.append(name)
    return names


def problem(template: str, allowed: frozenset[str] | set[str]) -> str | None:
    """Why ``template`` cannot be used with these fields, or None."""
    try:
        names = field_names(template)
    except ValueError as exc:
        return str(exc) if "{" in str(exc) else "a stray '{' or '}' (use {match} to quote the match)"
    unknown = sorted(set(names) - set(allowed))
    if unknown:
        return f"unknown field '{{{unknown[0]}}}' (this rule can use: {', '.join('{' + n + '}' for n in sorted(allowed))})"
    return None


def fill(template: str, values: dict) -> str:
    # Most suggestions are plain text: formatting them would only copy them.
    return template.format_map(_Missing(values)) if "{" in template or "}" in template else template


def fix_for(fix: str | dict | None, text: str, values: dict) -> str | None:
    """The safe replacement for ``text``: one string, or per matched form ("utilised" -> "used").

    A form a mapping does not list gets no fix. A capital at the start of the
    match is kept, so "Prior to the visit" becomes "Before the visit".
    """
    if isinstance(fix, dict):
        fix = fix.get(" ".join(text.lower().split()))
    if not fix:
        return None
    fix = fill(fix, values)
    if text[:1].isupper() and fix[:1].islower() and not text[1:2].isupper():
        fix = fix[0].upper() + fix[1:]
    return fix


def render(finding, rule, fields: dict | None = None, match: str | None = None) -> None:
    """Fill ``rule``'s message, suggestions and fix for ``finding`` (``match`` stands in for its words).

    A finding made in a document about a child or an adult (``details["audience"]``) takes the rule's
    words for that audience, so a cached or redacted finding reads as it did when it was made."""
    rule = rule.for_audience(finding.details.get("audience"))
    values = {**finding.details, **(fields or {}), "match": finding.text if match is None else match}
    finding.message = fill(rule.message, values)
    finding.suggestions = [fill(s, values) for s in rule.suggestions]
    finding.fix = fix_for(rule.fix, finding.text, values) if match is None else None

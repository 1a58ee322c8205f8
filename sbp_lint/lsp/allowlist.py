"""Adding a phrase to ``allow:`` in a ``.sbp-lint.yaml``, as the smallest text edit.

The quick fix must keep everything else in the file as the team wrote it
(comments, order, quoting), so it never re-dumps the YAML: it finds the
``allow`` node with PyYAML's composer, which knows where every node starts and
ends, and inserts one item in the style already used (a block list item, or
``, phrase`` in a flow list). The result is parsed again and accepted only if
the allow list gained the phrase and every other key is unchanged; otherwise
no edit is offered.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from ..policy.glossary import normalise

_PLAIN = re.compile(r"[^\W_][\w .'’&/()-]*")


@dataclass(frozen=True)
class TextEdit:
    """Replace ``text[start:end]`` (character offsets) with ``new_text``."""

    start: int
    end: int
    new_text: str

    def apply(self, text: str) -> str:
        return text[:self.start] + self.new_text + text[self.end:]


def allow_phrase(flagged: str) -> str:
    """The phrase to allow for a finding's words: single spaces, and "Refuses" as "refuses" (acronyms kept)."""
    phrase = " ".join(flagged.split())
    if len(phrase) > 1 and phrase[0].isupper() and phrase[1:] == phrase[1:].lower():
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def yaml_scalar(phrase: str) -> str:
    """``phrase`` as a YAML scalar that reads back as the same string, in block and flow lists alike."""
    if _PLAIN.fullmatch(phrase) and phrase == phrase.strip():
        try:
            if yaml.safe_load(phrase) == phrase:  # not "yes", "no", "null", "1.5"...
                return phrase
        except yaml.YAMLError:
            pass
    return json.dumps(phrase, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _allowed(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def allow_edit(text: str, phrase: str) -> TextEdit | None:
    """The edit that adds ``phrase`` to the allow list of configuration ``text``, or None when that
    cannot be done safely (the YAML is broken, not a mapping, or the phrase is already allowed)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        before = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if root is None:
        edit = _append_key(text, phrase)
    elif not isinstance(root, yaml.MappingNode):
        return None
    else:
        if any(normalise(p) == normalise(phrase) for p in _allowed((before or {}).get("allow"))):
            return None
        value = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "allow"), None)
        edit = _append_key(text, phrase) if value is None else _add_to(text, value, phrase)
    return edit if edit is not None and _verified(before, edit.apply(text), phrase) else None


def _append_key(text: str, phrase: str) -> TextEdit:
    nl = _newline(text)
    lead = "" if not text or text.endswith(("\n", "\r")) else nl
    return TextEdit(len(text), len(text), f"{lead}allow:{nl}  - {yaml_scalar(phrase)}{nl}")


def _add_to(text: str, value: yaml.Node, phrase: str) -> TextEdit | None:
    scalar = yaml_scalar(phrase)
    if isinstance(value, yaml.SequenceNode):
        if value.flow_style:
            if value.value:
                end = value.value[-1].end_mark.index
                return TextEdit(end, end, f", {scalar}")
            close = text.rfind("]", value.start_mark.index, value.end_mark.index)
            return TextEdit(close, close, scalar) if close >= 0 else None
        return _add_block_item(text, value, scalar)
    if isinstance(value, yaml.ScalarNode) and value.style in (None, "", "'", '"'):
        start, end = value.start_mark.index, value.end_mark.index
        if value.tag.endswith(":null"):  # "allow:" with nothing after it, or "allow: ~"
            return TextEdit(start, end, f"{' ' if start == end else ''}[{scalar}]")
        return TextEdit(start, end, f"[{text[start:end]}, {scalar}]")  # "allow: contact" -> a list of two
    return None


def _add_block_item(text: str, value: yaml.SequenceNode, scalar: str) -> TextEdit:
    """A new ``- phrase`` line after the last item, indented like the first one."""
    first, last = value.value[0], value.value[-1]
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    prefix = text[line_start:first.start_mark.index]  # e.g. "  - "
    if prefix.strip() != "-":
        prefix = " " * (len(prefix) - len(prefix.lstrip())) + "- "
    # At the end of the last item's line, so a trailing "# comment" stays with its item.
    line_end = len(text)
    for i in range(last.end_mark.index, len(text)):
        if text[i] in "\r\n":
            line_end = i
            break
    return TextEdit(line_end, line_end, f"{_newline(text)}{prefix}{scalar}")


def _verified(before, after_text: str, phrase: str) -> bool:
    try:
        after = yaml.safe_load(after_text)
    except yaml.YAMLError:
        return False
    if not isinstance(after, dict):
        return False
    before = before if isinstance(before, dict) else {}
    others_kept = {k: v for k, v in before.items() if k != "allow"} == {k: v for k, v in after.items() if k != "allow"}
    return others_kept and _allowed(after.get("allow")) == [*_allowed(before.get("allow")), phrase]

"""Quick fixes for sbp-lint's diagnostics.

- Replace the flagged words with the rule's safe one-for-one fix ("suffers from" -> "lives with").
- Rewrite the sentence: with the safe rewrite, or with the rewrite whose [placeholders] the writer fills in.
- Add the phrase to ``allow:`` in the governing ``.sbp-lint.yaml`` (created if there is none).
- Disable the rule for this line (Markdown only): ``<!-- sbp-lint disable-next-line RULE -->`` above it.

Every action first checks that the document still has the flagged words where
the diagnostic says: a stale diagnostic gets no edit rather than a wrong one.
The functions here build plain data (``Edit``, ``Action``); the server turns
them into a ``WorkspaceEdit`` the client can apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .allowlist import TextEdit, allow_edit, allow_phrase

DISABLE_COMMENT = "<!-- sbp-lint disable-next-line {rules} -->"
_LINE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")  # indentation and block-quote markers to repeat
_DISABLE_LINE = re.compile(r"^(?P<head>[ \t>]*<!--\s*sbp-lint\s+disable-next-line\s+)(?P<names>[^\s-][^>]*?)"
                           r"(?P<tail>\s*(?:--[^>]*)?-->\s*)$")


@dataclass
class Action:
    title: str
    edits: list[TextEdit]  # edits of the document itself (character offsets)
    preferred: bool = False
    diagnostic: object = None  # the diagnostic it fixes, echoed back to the client
    config_path: Path | None = None  # an allow-list edit: the configuration file to change
    config_edit: TextEdit | None = None
    config_text: str = ""  # the configuration's text the edit was made for
    create_config: bool = False  # the configuration file does not exist yet


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def sentence_span(text: str, start: int, end: int, sentence: str) -> tuple[int, int] | None:
    """Where ``sentence`` (as the linter saw it: markup gone, line breaks as spaces) is in ``text``,
    around the flagged span ``start``..``end``; None when it cannot be found word for word."""
    words = sentence.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    reach = len(sentence) * 2 + 200
    lo = max(0, start - reach)
    for match in pattern.finditer(text, lo, min(len(text), end + reach)):
        if match.start() <= start and end <= match.end():
            return match.start(), match.end()
    return None


def still_flagged(text: str, start: int, end: int, data: dict) -> bool:
    """The document still has the diagnostic's words at its range (the client may send an old one)."""
    flagged = data.get("text") or ""
    return bool(flagged) and _same_words(text[start:end], flagged)


def fix_actions(text: str, start: int, end: int, data: dict, diagnostic=None) -> list[Action]:
    """Replace the words with the safe fix, and rewrite the sentence, when the finding has them."""
    if not still_flagged(text, start, end, data):
        return []
    flagged = data["text"]
    actions = []
    fix = data.get("fix")
    if isinstance(fix, str):
        actions.append(Action(f"Replace '{flagged}' with '{fix}'", [TextEdit(start, end, fix)], preferred=True,
                              diagnostic=diagnostic))
    rewrite = data.get("rewrite")
    if isinstance(rewrite, dict) and isinstance(rewrite.get("text"), str):
        span = sentence_span(text, start, end, data.get("sentence") or "")
        if span:
            placeholders = [p for p in rewrite.get("placeholders") or [] if isinstance(p, str)]
            if rewrite.get("safe"):
                title, preferred = f"Rewrite the sentence: {_short(rewrite['text'])}", not actions
            else:
                fill = ", ".join(f"[{p}]" for p in placeholders) or "the placeholders"
                title, preferred = f"Insert a rewrite of the sentence (then fill in {fill})", False
            actions.append(Action(title, [TextEdit(span[0], span[1], rewrite["text"])], preferred=preferred,
                                  diagnostic=diagnostic))
    return actions


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def disable_action(text: str, offset: int, rule: str, diagnostic=None) -> Action | None:
    """``<!-- sbp-lint disable-next-line RULE -->`` above the line holding ``offset``.

    The comment repeats the line's indentation and block-quote markers, so it stays
    inside the same list item or quote. If the line above is already such a comment,
    the rule is added to it instead (None if it names the rule already)."""
    title = f"Disable {rule} for this line"
    line_start = _line_start(text, offset)
    if line_start > 0:
        above_start = _line_start(text, line_start - (2 if text[line_start - 2:line_start] == "\r\n" else 1))
        match = _DISABLE_LINE.match(text[above_start:_line_end(text, above_start)])
        if match:
            names = match.group("names").rstrip()
            if rule in re.split(r"[\s,]+", names):
                return None
            at = above_start + match.start("names") + len(names)
            return Action(title, [TextEdit(at, at, f", {rule}")], diagnostic=diagnostic)
    prefix = _LINE_PREFIX.match(text, line_start).group(0)
    comment = prefix + DISABLE_COMMENT.format(rules=rule) + newline_of(text)
    return Action(title, [TextEdit(line_start, line_start, comment)], diagnostic=diagnostic)


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _line_end(text: str, offset: int) -> int:
    ends = [i for i in (text.find("\r", offset), text.find("\n", offset)) if i >= 0]
    return min(ends) if ends else len(text)


def newline_of(text: str) -> str:
    """The document's line break, for inserted lines."""
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def allow_action(config_path: Path, config_text: str | None, flagged: str, diagnostic=None) -> Action | None:
    """Add the flagged phrase to ``allow:`` in ``config_path`` (``config_text`` None: create the file)."""
    phrase = allow_phrase(flagged)
    if not phrase:
        return None
    edit = allow_edit(config_text or "", phrase)
    if edit is None:
        return None
    return Action(f"Add '{phrase}' to the allow list in {config_path.name}", [], diagnostic=diagnostic,
                  config_path=config_path, config_edit=edit, config_text=config_text or "",
                  create_config=config_text is None)


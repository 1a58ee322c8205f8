"""A rewrite as a recipe: how to rebuild the sentence from its block, holding no document text.

A recipe is a list of pieces, each a short JSON list:

- ``["t", text]``: literal text, which comes only from the rules (replacements, placeholders,
  pronouns, "did not");
- ``["r", start, end]``: characters ``start:end`` of the block, as written;
- ``["l", start, end]`` / ``["u", start, end]``: the same with the first letter made lower or upper case
  ("The referral" moved after the verb becomes "the referral");
- ``["i", start, end, tag]``: the block's word at ``start:end`` in another form ("refused" → "refuse").

The cache keeps recipes, never texts (``sbp_lint/run/cache.py``), and both a fresh check and a
cached one make the rewrite with ``render``, so they cannot differ.
"""

from __future__ import annotations

import re

from ..findings import Rewrite
from .inflection import inflect

Piece = list  # ["t", text] | ["r"|"l"|"u", start, end] | ["i", start, end, tag]

_KEYS = {"pieces", "safe", "fix", "region"}
_OPEN = "\ue000"  # stands for a "[" that a rule wrote, until the placeholders are read
_PLACEHOLDER = re.compile(_OPEN + r"([^\[\]" + _OPEN + r"]*)\]")
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?)])")
_SPACES = re.compile(r"[ \t]{2,}")
_DOUBLE_PUNCT = re.compile(r"([,;:])\s*([,.;:])")


def piece_text(piece: Piece, text: str) -> str:
    kind = piece[0]
    if kind == "t":
        return piece[1].replace("[", _OPEN)
    words = text[piece[1]:piece[2]]
    if kind == "r":
        return words
    if kind == "l":
        return words[:1].lower() + words[1:]
    if kind == "u":
        return words[:1].upper() + words[1:]
    if kind == "i":
        return inflect(words, piece[3])
    raise ValueError(f"unknown recipe piece {kind!r}")


def render(recipe: dict, block_text: str) -> Rewrite:
    """The rewrite a recipe describes, made from the text of its block."""
    joined = "".join(piece_text(p, block_text) for p in recipe["pieces"])
    placeholders = [m.group(1) for m in _PLACEHOLDER.finditer(joined)]
    return Rewrite(text=tidy(joined.replace(_OPEN, "[")), safe=bool(recipe.get("safe")), placeholders=placeholders)


def tidy(text: str) -> str:
    """One space between words, none before punctuation, no doubled commas from a removed phrase."""
    text = _SPACES.sub(" ", text.replace("\n", " ").replace("\r", " "))
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _DOUBLE_PUNCT.sub(lambda m: m.group(2) if m.group(2) == "." else m.group(1), text)
    return text.strip()


def valid(recipe) -> bool:
    """A recipe read back from a cache entry: the right shape, or it is ignored."""
    if not isinstance(recipe, dict) or not isinstance(recipe.get("pieces"), list) or not set(recipe) <= _KEYS:
        return False
    if not isinstance(recipe.get("safe", False), bool) or not isinstance(recipe.get("fix", ""), str):
        return False
    region = recipe.get("region")
    if region is not None and not (isinstance(region, list) and len(region) == 4
                                   and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in region)):
        return False
    for piece in recipe["pieces"]:
        if not isinstance(piece, list) or not piece or piece[0] not in ("t", "r", "l", "u", "i"):
            return False
        if piece[0] == "t" and not (len(piece) == 2 and isinstance(piece[1], str)):
            return False
        if piece[0] != "t" and not (len(piece) == (4 if piece[0] == "i" else 3)
                                    and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in piece[1:3])
                                    and (piece[0] != "i" or isinstance(piece[3], str))):
            return False
    return True


def fits(recipe: dict, block_text: str) -> bool:
    """Every range of the recipe lies inside the block."""
    return all(p[0] == "t" or 0 <= p[1] <= p[2] <= len(block_text) for p in recipe["pieces"])

"""Edits, and one rewrite per sentence from the edits of every finding in it.

Each finding contributes a ``Group``: edits of its block (a character range and what replaces it,
as recipe pieces) with a rank. The groups of one sentence combine into one recipe:

- identical edits (two findings of one passive, say) count once;
- an edit that lies inside a range another edit keeps (``r``/``l``/``u`` pieces) is applied there too:
  "The service user was visited" → "[who] visited the person" keeps the label's swap inside the
  moved subject;
- an edit on exactly the word another edit re-inflects (``i``) gives its dictionary form to that word:
  "Support is required" → "[who] needs support", not "[who] requires support";
- edits that still overlap are settled by the groups' rank (the larger restructure wins), then their
  size; the losing group's edits are left out whole, so no half-made change reaches the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .inflection import inflect_phrase

Piece = tuple  # as in recipe.py, as tuples; "k" ("kl": lower-cased) is a kept range that takes no edits inside it

NESTABLE = ("r", "l", "u")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    pieces: tuple[Piece, ...]
    base: str | None = None  # the replacement in dictionary form, for a word another edit re-inflects


@dataclass
class Group:
    """One finding's edits."""

    edits: tuple[Edit, ...]
    rank: int = 1  # 1 a word swap, 2 a swap that adds words, 3 passive to active, 4 first person, 5 service to goal
    safe: bool = False
    fix: str | None = None  # the replacement of exactly the finding's words, when safe (what --fix applies)

    @property
    def extent(self) -> int:
        return max(e.end for e in self.edits) - min(e.start for e in self.edits)


def literal(text: str) -> Piece:
    return ("t", text)


def keep(start: int, end: int, kind: str = "r") -> Piece:
    return (kind, start, end)


# -- combining ------------------------------------------------------------------------

def _inside(edit: Edit, piece: Piece) -> bool:
    return piece[0] in NESTABLE and piece[1] <= edit.start and edit.end <= piece[2] and piece[1] < piece[2]


def _reinflects(edit: Edit, piece: Piece) -> bool:
    return piece[0] == "i" and edit.base is not None and (piece[1], piece[2]) == (edit.start, edit.end)


def _compatible(a: Edit, b: Edit) -> bool:
    if a == b:
        return True
    if a.start == a.end and b.start == b.end:
        return a.start != b.start or a.pieces != b.pieces
    if a.start == a.end:
        return not (b.start < a.start < b.end) or any(_inside(a, p) for p in b.pieces)
    if b.start == b.end:
        return not (a.start < b.start < a.end) or any(_inside(b, p) for p in a.pieces)
    if a.end <= b.start or b.end <= a.start:
        return True
    return any(_inside(a, p) or _reinflects(a, p) for p in b.pieces) or any(_inside(b, p) or _reinflects(b, p) for p in a.pieces)


def choose(groups: list[Group]) -> list[Group]:
    """The groups whose edits go in: by rank, then size; a group that clashes with one already in stays out."""
    chosen: list[Group] = []
    for group in sorted(groups, key=lambda g: (-g.rank, -g.extent, min(e.start for e in g.edits))):
        if all(_compatible(a, b) for other in chosen for a in group.edits for b in other.edits):
            chosen.append(group)
    return chosen


def combine(chosen: list[Group], start: int, end: int, capital: bool) -> list[Piece]:
    """The sentence ``start:end`` of the block with the edits of ``chosen`` (``choose``'s answer) applied, as
    flat pieces."""
    edits = sorted({e for g in chosen for e in g.edits if start <= e.start and e.end <= end},
                   key=lambda e: (e.start, e.end))
    pieces = _expand(start, end, edits, set())
    pieces = _merge(pieces)
    if capital and pieces:
        pieces[0] = _capitalise(pieces[0])
    return [p for p in pieces if not (p[0] == "t" and not p[1]) and not (p[0] != "t" and p[1] >= p[2])]


def _contained(inner: Edit, outer: Edit) -> bool:
    if inner is outer or (inner.start, inner.end) == (outer.start, outer.end):
        return False
    if inner.start == inner.end and inner.start in (outer.start, outer.end):
        return False
    return outer.start <= inner.start and inner.end <= outer.end


def _expand(start: int, end: int, edits: list[Edit], used: set[Edit]) -> list[Piece]:
    """The range ``start:end`` with the edits that lie in it applied (edits inside kept ranges, recursively).

    Each edit goes in once, at the first place that holds it."""
    inside = [e for e in edits if start <= e.start and e.end <= end and e not in used]
    top = [e for e in inside if not any(_contained(e, other) for other in inside)]
    out: list[Piece] = []
    cursor = start
    for edit in top:
        if edit.start < cursor or edit in used:
            continue  # overlapping leftovers: the first stays
        used.add(edit)
        out.append(("r", cursor, edit.start))
        for piece in edit.pieces:
            if piece[0] in NESTABLE:
                nested = [e for e in inside if e not in used and _inside(e, piece)]
                out.extend(_case(_expand(piece[1], piece[2], nested, used) if nested else [piece], piece[0]))
            elif piece[0] == "i":
                twin = next((e for e in inside if e not in used and _reinflects(e, piece)), None)
                if twin is not None:
                    used.add(twin)
                out.append(("t", inflect_phrase(twin.base, piece[3])) if twin else piece)
            elif piece[0] in ("k", "kl"):
                out.append(("r" if piece[0] == "k" else "l", piece[1], piece[2]))
            else:
                out.append(piece)
        cursor = max(cursor, edit.end)
    out.append(("r", cursor, end))
    return out


def _case(pieces: list[Piece], kind: str) -> list[Piece]:
    """A kept range's first letter made lower or upper case, wherever that letter now comes from."""
    if kind == "r":
        return pieces
    pieces = list(pieces)
    for index, piece in enumerate(pieces):
        if piece[0] == "t" and not piece[1]:
            continue
        if piece[0] == "t":
            text = piece[1]
            pieces[index] = ("t", (text[:1].lower() if kind == "l" else text[:1].upper()) + text[1:])
        elif piece[0] in ("r", "l", "u") and piece[1] < piece[2]:
            pieces[index] = (kind, piece[1], piece[2])
        else:
            continue
        break
    return pieces


def _capitalise(piece: Piece) -> Piece:
    if piece[0] == "t":
        text = piece[1]
        return ("t", text[:1].upper() + text[1:]) if text[:1].isalpha() else piece
    if piece[0] in ("r", "l"):
        return ("u", piece[1], piece[2])
    return piece


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring literals joined, neighbouring plain ranges joined."""
    out: list[Piece] = []
    for piece in pieces:
        if piece[0] != "t" and piece[1] >= piece[2] and piece[0] != "i":
            continue
        if out and piece[0] == "t" and out[-1][0] == "t":
            out[-1] = ("t", out[-1][1] + piece[1])
        elif out and piece[0] == "r" and out[-1][0] in ("r", "l", "u") and out[-1][2] == piece[1]:
            out[-1] = (out[-1][0], out[-1][1], piece[2])
        else:
            out.append(piece)
    return out


@dataclass
class SentenceEdits:
    """The groups of every finding in one sentence, gathered before they are combined."""

    block: int
    start: int
    end: int
    groups: list[Group] = field(default_factory=list)

"""The good-practice profile in words: one line per file for the text report.

"Good practice: 6 strengths, 2 passages in the person's own words, 4 of 4 outcomes in their voice,
2 of 2 decisions explained". Parts with nothing to count (no outcomes, no decisions) are left out; a
file with no strengths says so, because that is worth knowing too.
"""

from __future__ import annotations


# Fewer English words than this (names, a bilingual title) is too little English to say "no strengths found":
# strengths are recognised in English sentences only. The same bar as a document long enough to judge.
ENGLISH_TO_JUDGE = 50


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def profile_line(profile: dict | None) -> str:
    """The profile as one line of plain words ("" when the file has none, e.g. it could not be read)."""
    if not profile:
        return ""
    strengths = profile.get("strengths", 0)
    own = profile.get("own_words", 0)
    welsh = profile.get("words_welsh", 0)
    mostly_welsh = welsh > 0 and profile.get("words", 0) - welsh < ENGLISH_TO_JUDGE
    if strengths:
        found = _count(strengths, "strength", "strengths")
    else:  # strengths are recognised in English sentences only
        found = "strengths not yet recognised in Welsh" if mostly_welsh else "no strengths found"
    parts = [found,
             _count(own, "passage", "passages") + " in the person's own words" if own else "nothing in the person's own words"]
    outcomes = profile.get("outcomes", 0)
    if outcomes:
        parts.append(f"{profile.get('outcomes_first_person', 0)} of {_count(outcomes, 'outcome', 'outcomes')} in their voice")
    decisions = profile.get("decisions", 0)
    if decisions:
        parts.append(f"{profile.get('decisions_explained', 0)} of {_count(decisions, 'decision', 'decisions')} explained")
    return "Good practice: " + ", ".join(parts)

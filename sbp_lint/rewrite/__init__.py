"""Rewrites: the writer's own sentence, rewritten around what the rules flag.

The engine asks the ``Rewriter`` for each finding's edits while it still has the parse
(``for_span`` for a rule's match, ``for_hit`` for a named check); once the policy has decided what
is reported, ``attach`` combines the edits of every finding in a sentence into one rewrite
(``edits.combine``) and gives it, with its recipe, to each of them. ``restore`` rebuilds a cached
finding's rewrite from its recipe and the block's text, with no language pipeline.

Modules, one idea each: ``inflection`` (word forms), ``edits`` (edits and how they combine),
``recipe`` (the text-free form the cache keeps), ``swap`` (a rule's data-driven replacement),
``active`` (passive to active), ``first_person`` (outcomes in the person's voice), ``services``
(a service written as an outcome becomes the person's goal).
"""

from __future__ import annotations

from ..findings import Finding
from ..nlp.language import ENGLISH
from ..packs.rewrites import RewriteSpec
from .active import active
from .edits import Group, choose, combine
from .first_person import first_person, welsh_first_person
from .recipe import fits, render, valid
from .services import service_goal
from .swap import swap

# The categories whose every finding comes with a rewrite of its sentence.
# plain_language: the general formal words, which were jargon when issue 14 asked for a rewrite on every
# jargon finding (issue 16 gave them a category of their own).
REWRITTEN = ("deficit", "label", "jargon", "plain_language", "passive", "service_as_outcome", "missing_first_person",
             "control")
METHODS = {"active": active, "first_person": first_person, "service_goal": service_goal}
WELSH_METHODS = {"first_person": welsh_first_person}

__all__ = ["REWRITTEN", "Rewriter", "attach", "restore"]


def default_spec(rule) -> RewriteSpec | None:
    """A rule with no ``rewrite:`` of its own: its words become a placeholder made from its first suggestion.

    Welsh rules get none: a Welsh sentence is tokenized but not tagged or parsed, so nothing could put a
    replacement into its tense or mutation ("dioddef o ddementia" but "byw gyda dementia"), and an
    English gap in a Welsh sentence would not help its writer. The one exception is an outcome put
    into the person's voice, where only the verb and its subject change (``first_person.welsh_first_person``)."""
    if rule.language != ENGLISH:
        return rule.rewrite if rule.rewrite is not None and rule.rewrite.method in WELSH_METHODS else None
    if rule.rewrite is not None:
        return rule.rewrite
    if rule.category in REWRITTEN and rule.suggestions and rule.kind != "check":
        hint = rule.suggestions[0].replace("[", "").replace("]", "").strip()
        return RewriteSpec(to=f"[{hint}]")
    return None


class Rewriter:
    """Each rule's way of rewriting, ready for the engine."""

    def __init__(self, rules):
        self.specs = {rule.id: spec for rule in rules if (spec := default_spec(rule)) is not None}

    def for_span(self, rule, span) -> Group | None:
        """The edits for a phrase or pattern rule's match (a spaCy Span)."""
        spec = self.specs.get(rule.id)
        if spec is None or spec.method is not None:
            return None
        try:
            return swap(spec, span)
        except Exception:  # noqa: BLE001 - a parse a rewrite cannot read costs its rewrite, never the check
            return None

    def for_hit(self, rule, hit, sent) -> Group | None:
        """The edits for a named check's hit, given the sentence (a spaCy Span) it is in."""
        spec = self.specs.get(rule.id)
        if spec is None or sent is None:
            return None
        method = (METHODS if rule.language == ENGLISH else WELSH_METHODS).get(spec.method or "")
        if method is None:
            return self._words_of_hit(spec, hit, sent) if rule.language == ENGLISH else None
        try:
            if spec.method == "active":
                return active(spec, sent, hit.start, hit.end, hit.fields.get("participle"))
            return method(spec, sent, hit.start, hit.end)
        except Exception:  # noqa: BLE001
            return None


    @staticmethod
    def _words_of_hit(spec: RewriteSpec, hit, sent) -> Group | None:
        """A check whose rule gives ``to`` (no method): the words it flagged are swapped like a phrase rule's."""
        if spec.method is not None or hit.block is None:
            return None
        span = sent.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is None or not (sent.start <= span.start and span.end <= sent.end):
            return None
        try:
            return swap(spec, span)
        except Exception:  # noqa: BLE001 - as in for_span
            return None


def attach(findings: list[Finding], blocks) -> None:
    """One rewrite per sentence: the edits of its findings combined, given to each finding that has edits."""
    sentences: dict[tuple[int, int, int], list[Finding]] = {}
    for finding in findings:
        if finding.block_span is not None and (isinstance(finding.edits, Group) or finding.category in REWRITTEN):
            index, _, _, start, end = finding.block_span
            sentences.setdefault((index, start, end), []).append(finding)
    for (index, start, end), members in sentences.items():
        groups = [f.edits for f in members if isinstance(f.edits, Group)]
        if not groups or not 0 <= index < len(blocks):
            continue
        text = blocks[index].text
        chosen = choose(groups)
        sentence = text[start:end]
        pieces = combine(chosen, start, end, capital=sentence[:1].isupper())
        recipe = {"pieces": [list(p) for p in pieces], "safe": all(g.safe for g in chosen)}
        region = _verbatim_region(blocks[index], start, end)
        if region is not None:
            recipe["region"] = region
        rewrite = render(recipe, text)
        if " ".join(rewrite.text.split()) == " ".join(sentence.split()):
            continue
        for finding in members:
            own = finding.edits
            finding.recipe = dict(recipe)
            if isinstance(own, Group) and own.safe and own.fix and finding.fix is None:
                finding.fix = own.fix
                finding.recipe["fix"] = own.fix  # the rule's own words, so the cache may keep it
            finding.rewrite = rewrite
    for finding in findings:
        finding.edits = None


def _verbatim_region(block, start: int, end: int) -> list[int] | None:
    """[line, column, end line, end column] of the sentence in the file, when the file holds it character
    for character on one line (no markup inside): where a tool may put the rewrite in its place."""
    line, column = block.position(start)
    end_line, end_column = block.position(end, end=True)
    if line != end_line or end_column - column != end - start:
        return None
    return [line, column, end_line, end_column]


def restore(finding: Finding, block_text: str) -> None:
    """A cached finding's rewrite, rebuilt from its recipe and the block's text."""
    recipe = finding.recipe
    if recipe is None:
        return
    if not valid(recipe) or not fits(recipe, block_text):
        finding.recipe = None
        return
    finding.rewrite = render(recipe, block_text)
    if recipe.get("fix") and finding.fix is None:
        finding.fix = recipe["fix"]

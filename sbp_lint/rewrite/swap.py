"""Swaps: the flagged words replaced as a rule's ``rewrite:`` says, agreeing with the sentence around them.

A verb's replacement takes the verb's tense and person ("refused" → "chose not to"), its
auxiliaries and negation stay ("were refusing" → "were choosing not to", "has suffered from" →
"has lived with"); a noun's takes its number ("refusals" → "decisions not to"), and "a"/"an" before
it follows the new word. ``be`` restructures "is an alcoholic" into "has an alcohol problem";
``people`` turns "the elderly" into "older people"; ``object_verb`` and ``then`` add words around
the clause. Everything here reads the spaCy parse; the result is a ``Group`` of edits.
"""

from __future__ import annotations

from ..packs.rewrites import RewriteSpec
from .edits import Edit, Group, keep, literal
from .inflection import article, inflect_lemma, inflect_phrase, lemma, plural_phrase, same_case

_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
_DETERMINERS = {"a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that", "some", "any", "no"}
_POSSESSIVES = {"my", "your", "his", "her", "their", "our"}
_PREPOSITIONS = {"about", "to", "with", "of", "from", "into", "in", "for", "on"}
_DEGREE = {"very", "extremely", "really", "so", "quite", "highly", "incredibly", "particularly", "increasingly", "too"}
# What ends a clause for ``then``: a new clause or the sentence's punctuation.
_CLAUSE_BREAKS = {"conj", "cc", "advcl", "parataxis", "punct", "mark"}


def swap(spec: RewriteSpec, span, rank: int = 1) -> Group | None:
    """The edits for ``span`` (the flagged words) under ``spec``; None if the spec has nothing for it."""
    if spec.aux:
        if spec.only and (words := [t for t in span if t.lower_ in spec.only]):
            span = span.doc[words[0].i:words[0].i + 1]  # "Hughes was placed in": "placed", then its "was"
        span = _with_aux(span, spec.to)
        rank = max(rank, 4)  # it rewrites the clause's verb: a passive-to-active rewrite of it would undo it
    keys = _keys(span)
    head = _head(span)
    # A fix: lists the forms a swap is safe for; another form of the word is still rewritten, but not safely.
    safe = spec.safe and not (spec.forms_only and isinstance(spec.to, dict) and keys[0] not in spec.to)
    if spec.be is not None and (group := _be(spec, span, span.root, keys)) is not None:
        return group
    if spec.people is not None and (group := _people(spec, span, head, keys)) is not None:
        return group
    doc = span.doc
    possessive_too = False
    if spec.only and not spec.aux:
        words = [t for t in span if t.lower_ in spec.only]
        if not words:
            return None
        span = doc[words[0].i:words[0].i + 1]  # "a 19-year-old boyfriend": only "boyfriend" goes
        head = span[0]
        keys = _keys(span)
        before_word = doc[span.start - 1] if span.start > 0 else None
        possessive_too = before_word is not None and before_word.lower_ in _POSSESSIVES
    # "focus/noun" before "focus": a word that is a noun and a verb may be mapped per part of speech
    pos = span.root.pos_.lower()
    replacement = RewriteSpec.lookup(spec.to, *(f"{key}/{pos}" for key in keys[:2]), *keys)
    if replacement is None:
        return None
    if possessive_too:
        # "her boyfriend (22)" → "the man … (22)": a possessive cannot own what the rewrite names
        return Group((Edit(doc[span.start - 1].idx, span.end_char,
                           (literal(_capitals(doc[span.start - 1:span.end], "the " + replacement)),)),), rank=rank, safe=False)
    if spec.first_word and len(span) > 1:
        span = doc[span.start:span.start + 1]  # "contact with his dad": only "contact" goes
        head = span[0]
    start, end = span.start_char, span.end_char
    verbal = head.tag_ in _VERB_TAGS and head.pos_ in ("VERB", "AUX")
    base = None
    if verbal and not _is_form_key(spec.to, span):
        base = replacement
        replacement = inflect_phrase(replacement, head.tag_)
    elif verbal:
        base = _dictionary_form(replacement)  # a form-keyed swap ("commenced": "started") can still be re-inflected
    elif _plural_match(span, head) and not _is_form_key(spec.to, span) and not spec.mass and not replacement.startswith("["):
        replacement = plural_phrase(replacement)
    before = doc[span.start - 1] if span.start > 0 else None
    if head.dep_ in ("compound", "amod", "nmod") and head.head.i >= span.end or (before is not None and before.dep_ == "det"):
        replacement = _without_article(replacement)  # "The EDT worker" → "The out-of-hours team worker"
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in spec.drop_next:
        # dropped first, so a replacement that brings its own "to" keeps it ("commitment to" → "promise to")
        end = after.idx + len(after)
        after = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if after is not None and replacement.split(" ")[-1].lower() == after.lower_ and after.lower_ in ("to", "with", "from", "of"):
        replacement = replacement.rsplit(" ", 1)[0]  # "choose not to" + "to let her in": one "to"
        base = base.rsplit(" ", 1)[0] if base else None
    if after is not None and after.lower_ == "of" and not verbal and replacement.endswith(" to") and spec.object_verb:
        # "her refusal of the hoist" → "her decision not to have the hoist"
        objects = [c for c in after.children if c.dep_ == "pobj"]
        verb = RewriteSpec.lookup(spec.object_verb, *(w for o in objects for w in (o.lemma_, o.lower_))) if objects else None
        if verb:
            replacement += " " + verb
            end = after.idx + len(after)
            after = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if replacement.split(" ")[-1] in _PREPOSITIONS and not replacement.endswith("not to") \
            and (after is None or after.is_punct or after.dep_ in ("cc", "mark")):
        replacement = replacement.rsplit(" ", 1)[0]  # nothing follows for the preposition: "disagrees with us"
        base = base.rsplit(" ", 1)[0] if base else None
    replacement = _capitals(span, replacement)
    edits = []
    span_only = True
    owned = before is not None and before.dep_ == "det" and before.head.i == span.root.i
    if before is not None and before.lower_ in ("a", "an", "the", "this", "that") and replacement:
        wanted = article(replacement.split(" ")[0])
        first = replacement.split(" ")[0].lower()
        if owned and (replacement.startswith("[") or (before.lower_ in ("a", "an") and (
                spec.mass or first in _DETERMINERS or _plural_match(span, head) or _plural_start(replacement)))):
            # "a" before a replacement that brings its own, or any article before a gap to fill in
            edits.append(Edit(before.idx, start, ()))
            replacement = _capitals(doc[before.i:span.end], replacement)
            span_only = False
        elif before.lower_ in ("a", "an") and wanted != before.lower_ and replacement[:1].isalpha():
            edits.append(Edit(before.idx, before.idx + len(before), (literal(same_case(before.text, wanted)),)))
            span_only = False
    if "{modifier}" in replacement:
        # "a dementia sufferer" → "a person living with dementia": the noun before the match moves into it
        modifiers = [t for t in doc[:span.start] if t.dep_ == "compound" and t.head.i == span.root.i]
        if modifiers and modifiers[-1].i == span.start - 1:
            start = modifiers[0].idx
            if before is not None and before.i == modifiers[0].i:
                before = None
        edits.append(Edit(start, end, _with_modifier(replacement, modifiers if modifiers and modifiers[-1].i == span.start - 1 else [])))
        return Group(tuple(edits), rank=rank, safe=False)
    possessive = doc[span.start - 1] if span.start > 0 and doc[span.start - 1].dep_ == "poss" else None
    if replacement.startswith(("the ", "The ")) and possessive is not None and possessive.lower_ in ("our", "my", "their", "your"):
        edits.append(Edit(possessive.idx, start, ()))  # "our clients" → "the people we support"
        replacement = _capitals(doc[possessive.i:span.end], replacement)
        span_only = False
    edits.append(Edit(start, end, (literal(replacement),), base=base))
    rank_now = rank
    if verbal and spec.object_verb and (obj := _object(head, span)) is not None \
            and (verb := RewriteSpec.lookup(spec.object_verb, obj.lemma_, obj.lower_)) is not None:
        edits.append(Edit(obj.left_edge.idx, obj.left_edge.idx, (literal(verb + " "),)))
        rank_now = max(rank, 2)
    if spec.then and "[" not in replacement:
        point = clause_end(span.root if span.root.pos_ in ("VERB", "AUX", "NOUN", "PROPN") else head)
        point = max(point, end)
        edits.append(Edit(point, point, (literal(" " + spec.then),)))
        rank_now = max(rank, 2)
    single = safe and span_only and len(edits) == 1
    return Group(tuple(edits), rank=rank_now, safe=safe and span_only, fix=replacement if single else None)


def _with_aux(span, to):
    """"not allowed" in "He is not allowed to go" → "is not allowed to": the auxiliaries and "not" before the
    match and a "to" after it, so a mapping can name the whole verb group ("is not allowed to": "cannot")."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and doc[start - 1].dep_ in ("aux", "auxpass", "neg") and doc[start - 1].pos_ in ("AUX", "PART", "VERB") \
            and doc[start - 1].lower_ != "to":  # "hard to manage his behaviour": the "to" belongs to the sentence
        start -= 1
    written = " ".join(doc[start:end].text.lower().split())
    if end < len(doc) and doc[end].lower_ == "to" and isinstance(to, dict) and f"{written} to" in to:
        end += 1  # only when the mapping names the form with its "to" ("escorted to chapel" keeps its "to")
    return doc[start:end]


# -- the forms ------------------------------------------------------------------------

def _capitals(span, replacement: str) -> str:
    """A capital at the start of a sentence stays there; elsewhere the rule's own spelling ("LAC child" → "child in care")."""
    if span.text[:1].isupper() and span.start == span.sent.start and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _dictionary_form(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    return lemma(first, "VERB") + (" " + rest if rest else "") if first.isalpha() else phrase


def _plural_match(span, head) -> bool:
    """The match is a plural noun as written ("clients", "SUs"), not a tag's guess ("s47")."""
    return head.tag_ in ("NNS", "NNPS") and span.text.rstrip("'’")[-1:] in ("s", "S") and not span.text.isupper()


def _without_article(text: str) -> str:
    for word in ("the ", "a ", "an ", "The ", "A ", "An "):
        if text.startswith(word):
            return text[len(word):]
    return text


def _keys(span) -> list[str]:
    """How a mapping may name the match: as written, in dictionary form, without a leading article."""
    written = " ".join(span.text.lower().split())
    lemmas = " ".join(t.lemma_.lower() for t in span)
    keys = [written, lemmas]
    for article_word in ("the ", "a ", "an "):
        if written.startswith(article_word):
            keys.append(written[len(article_word):])
    return keys


def _is_form_key(value, span) -> bool:
    """The mapping lists this very form ("suffering from": "living with"): use it as written."""
    return isinstance(value, dict) and " ".join(span.text.lower().split()) in value \
        and " ".join(span.text.lower().split()) != " ".join(t.lemma_.lower() for t in span)


def _head(span):
    """The word that carries the match's grammar: its first verb, else its root."""
    verbs = [t for t in span if t.tag_ in _VERB_TAGS and t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else span.root


def _plural_start(text: str) -> bool:
    first = text.split(" ")[0].lower()
    return first in ("people", "children", "families", "adults", "men", "women") or (first.endswith("s") and first in ("others",))


def _object(head, span):
    """The replaced verb's direct object, after the match."""
    for child in head.children:
        # the small model sometimes reads a bare noun object as a clause ("refuses help": help/NOUN/xcomp);
        # read as a verb, "chooses not to help" would turn the person's refusal into a refusal to help others
        if child.i >= span.end and (child.dep_ == "dobj" or (child.dep_ == "xcomp" and child.pos_ in ("NOUN", "PROPN"))):
            return child
    return None


def clause_end(head) -> int:
    """Where ``head``'s clause ends: after its words, before a new clause or the closing punctuation."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in _CLAUSE_BREAKS]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if not (c.dep_ in ("conj", "cc", "parataxis") and c.pos_ in ("VERB", "AUX")))
    tokens = [t for t in tokens if not t.is_punct or t.i < max(x.i for x in tokens)]
    last = max(tokens, key=lambda t: t.i)
    while last.is_punct and last.i > head.i:
        last = last.doc[last.i - 1]
    return last.idx + len(last)


# -- restructures -------------------------------------------------------------------

def _be(spec: RewriteSpec, span, head, keys) -> Group | None:
    """"is an alcoholic" → "has an alcohol problem": the match is the complement of "be"."""
    if head.dep_ not in ("attr", "acomp") or head.head.lemma_ != "be" or \
            any(c.dep_ in ("relcl", "acl") or c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX") for c in head.children):
        return None  # "is senile and confused": the other words still need "is"
    be = head.head
    replacement = RewriteSpec.lookup(spec.be, *keys)
    if replacement is None:
        return None
    between = head.doc[be.i + 1:span.start]
    modifiers = [t for t in between if t.dep_ == "compound" and t.head.i == head.i]
    if modifiers and "{modifier}" not in replacement:
        return None
    if any(t.dep_ not in ("det", "neg", "advmod", "compound") or t.dep_ == "compound" and t not in modifiers for t in between):
        return None
    negated = [t for t in between if t.dep_ == "neg"] or [t for t in be.children if t.dep_ == "neg" and t.i < be.i]
    adverbs = [t for t in between if t.dep_ == "advmod" and t.lower_ not in _DEGREE]  # "very vulnerable": the degree goes
    tag = be.tag_ if be.tag_ in _VERB_TAGS else "VBZ"
    if negated and not any(c.dep_ in ("aux", "auxpass") for c in be.children):
        verb = inflect_lemma("do", tag) + " not " + replacement  # "is not an alcoholic" → "does not have ..."
    else:
        verb = inflect_phrase(replacement, tag)
    words = " ".join([*(t.text for t in adverbs), verb])
    words = same_case(be.text, words)
    start = be.idx
    end = span.end_char
    doc = span.doc
    nxt = span.end
    if nxt < len(doc) and doc[nxt].lower_ in spec.drop_next:
        end = doc[nxt].idx + len(doc[nxt])
        nxt += 1
    if words.split(" ")[-1] in _PREPOSITIONS and (nxt >= len(doc) or doc[nxt].is_punct or doc[nxt].dep_ in ("cc", "mark")):
        words = words.rsplit(" ", 1)[0]
    edits = [Edit(start, end, _with_modifier(words, modifiers))]
    if spec.then:
        point = max(clause_end(be), end)
        edits.append(Edit(point, point, (literal(" " + spec.then),)))
    return Group(tuple(edits), rank=2, safe=spec.safe)


def _with_modifier(text: str, modifiers: list) -> tuple:
    """Pieces for a replacement with ``{modifier}``: the noun before the match, kept ("a heroin addict" →
    "dependent on heroin"); a gap when there is none."""
    if "{modifier}" not in text:
        return (literal(text),)
    before, _, after = text.partition("{modifier}")
    if not modifiers:
        return (literal(before + "[what]" + after),)
    return (literal(before), keep(modifiers[0].idx, modifiers[-1].idx + len(modifiers[-1])), literal(after))


def _people(spec: RewriteSpec, span, head, keys) -> Group | None:
    """"the elderly" → "older people": the words stand for a group, with "the" before them."""
    doc = span.doc
    first = span[0]
    if first.lower_ == "the":
        start_token = first
    elif span.start > 0 and doc[span.start - 1].lower_ == "the":
        start_token = doc[span.start - 1]
    else:
        return None
    if head.dep_ in ("amod", "compound") and head.head.i >= span.end:
        return None  # "the elderly gentleman": an adjective, not a group
    if span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN") and doc[span.end].dep_ != "prep":
        return None
    replacement = RewriteSpec.lookup(spec.people, *keys)
    if replacement is None:
        return None
    replacement = same_case(start_token.text, replacement)
    edits = (Edit(start_token.idx, span.end_char, (literal(replacement),)),)
    return Group(edits, rank=1, safe=spec.safe)

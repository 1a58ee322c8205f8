"""Outcomes in the person's own voice: "Ffion wants to see her sister" → "I want to see my sister".

- a third-person subject (a name, "Mrs Jones", "she", "the service user") becomes "I" ("we" for a
  couple or family), its verb agrees ("wants" → "want", "is" → "am"), and the pronouns that stand
  for the person turn with it ("her sister" → "my sister", "himself" → "myself");
- a bare infinitive ("To reduce social isolation") or a phrase with no verb ("More time with my
  friends") gets "I want" in front, the words kept;
- "Mrs Jones to have a bath twice a week" becomes "I want to have a bath twice a week";
- reported words ("Mr Rees told me he hopes to drive again") lose the frame: "I hope to drive again";
- the worker's plan for the person ("We will encourage Mrs Bevan to go to the lunch club") becomes
  the person's wish: "I want to go to the lunch club";
- Welsh "Mae Dafydd eisiau …" becomes "Rydw i eisiau …".
"""

from __future__ import annotations

import re

from ..packs.rewrites import RewriteSpec
from .edits import Edit, Group, literal

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}
_FEMALE = {"mrs", "ms", "miss", "she", "her", "herself", "mum", "mother", "daughter", "sister", "grandmother", "nan", "wife"}
_MALE = {"mr", "he", "him", "his", "himself", "dad", "father", "son", "brother", "grandfather", "taid", "husband"}
_PERSON_NOUNS = {"person", "user", "client", "resident", "patient", "individual", "child", "adult", "service", "man", "woman",
                 "gentleman", "lady", "boy", "girl"}
SINGULAR = {"fem": {"she": "I", "her": "my", "hers": "mine", "herself": "myself"},
            "masc": {"he": "I", "his": "my", "him": "me", "himself": "myself"}}
PLURAL = {"they": "we", "them": "us", "their": "our", "theirs": "ours", "themselves": "ourselves"}
REPORTING = {"tell", "say", "explain", "report", "share", "mention", "inform", "state", "add", "describe", "express"}
WORKER_VERBS = {"encourage", "prompt", "support", "help", "enable", "assist", "remind", "ask", "get", "allow"}
_WELSH = re.compile(r"^(Mae|Roedd|Bydd)\s+(?:[A-Z][\w'’-]*\s+){1,3}(?=eisiau|yn\s|wedi\s|angen\s)")
_WELSH_I = {"Mae": "Rydw i ", "Roedd": "Roeddwn i ", "Bydd": "Bydda i "}


def first_person(spec: RewriteSpec, sent, start: int, end: int) -> Group | None:
    """Edits that put the outcome statement at ``start:end`` of the block into the first person."""
    tokens = [t for t in sent if t.idx >= start and t.idx < end]
    if not tokens:
        return None
    text = sent.doc.text
    welsh = _WELSH.match(text[tokens[0].idx:end])
    if welsh:
        return Group((Edit(tokens[0].idx, tokens[0].idx + welsh.end(), (literal(_WELSH_I[welsh.group(1)]),)),), rank=4)
    first = _first_word(tokens)
    if first is None:
        return None
    root = _root(tokens)
    for build in (_reported, _worker_plan, _goal_frame, _to_fragment, _third_person, _infinitive, _imperative):
        edits = build(tokens, root, first)
        if edits is not None:
            return Group(tuple(edits), rank=4)
    if root.pos_ not in ("VERB", "AUX"):
        return Group((Edit(first.idx, first.idx, (literal("I want "),)), *_lower_first(first), *_turn(tokens, None)), rank=4)
    return None


# A Welsh outcome about the person ("Mae Dafydd eisiau …", "Mae hi'n mynd …"): the verb "bod" and its
# subject become "Rydw i" in the same tense. The rest stays as written, so a possessive or pronoun for the
# person later on ("ei chwaer", "eu cartref", "i'w") would keep the third person, and turning it needs the
# right mutation ("ei chwaer" → "fy chwaer", "ei gath" → "fy nghath"), which a tokenizer cannot give:
# such a sentence gets no rewrite rather than a half-turned one.
_WELSH_SUBJECT = re.compile(r"^(Mae|Roedd|Bydd)\s+(?:(?:[A-Z][\w'’-]*\s+){1,3}|(?:hi|e|fe|o|fo)\s+)(?=eisiau\b|yn\s|wedi\s|angen\s)"
                            r"|^(Mae|Roedd|Bydd)\s+(?:[A-Z][\w-]*\s+){0,2}(?:[A-Z][\w-]*|hi|e|fe|o|fo)(?=['’]n\s)")
_WELSH_PERSON_LATER = re.compile(r"\b(?:ei|eu|hi|e|fe|fo|o|hun|hunan|nhw)\b|['’](?:i|w)\b", re.IGNORECASE)


def welsh_first_person(spec: RewriteSpec, sent, start: int, end: int) -> Group | None:
    """A Welsh outcome in the person's voice, when only its verb and subject need to change."""
    text = sent.doc.text
    begin = next((t.idx for t in sent if start <= t.idx < end and not t.is_punct and t.text not in ("-", "*", "•")), None)
    if begin is None:
        return None
    found = _WELSH_SUBJECT.match(text[begin:end])
    if found is None or _WELSH_PERSON_LATER.search(text[begin + found.end():end]):
        return None
    verb = found.group(1) or found.group(2)
    return Group((Edit(begin, begin + found.end(), (literal(_WELSH_I[verb].rstrip() if found.group(2) else _WELSH_I[verb]),)),),
                 rank=4)


def _first_word(tokens):
    return next((t for t in tokens if not t.is_punct and not t.is_space and t.text not in ("-", "*", "•")), None)


def _root(tokens):
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _lower_first(token) -> list[Edit]:
    """"More time" → "I want more time": the old first word is no longer first (names keep their capital)."""
    if token.pos_ == "PROPN" or token.text == "I" or not token.text[:1].isupper() or token.text.isupper():
        return []
    return [Edit(token.idx, token.idx + 1, (literal(token.text[0].lower()),))]


# -- the shapes -----------------------------------------------------------------------

def _reported(tokens, root, first):
    """"Mr Rees told me he hopes to drive again" → "I hope to drive again"."""
    if root.lemma_.lower() not in REPORTING:
        return None
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    if clause is None:
        return None
    subject = _subject_of(clause)
    if subject is None or subject.lower_ not in ("he", "she", "they"):
        return None
    begin = clause.left_edge
    if begin.dep_ == "mark":
        begin = begin.doc[begin.i + 1]
    gender = _gender_of(subject)
    edits = [Edit(first.idx, begin.idx, ())]
    edits += _subject_and_verb(subject, clause, gender)
    edits += _turn([t for t in tokens if t.i > subject.i], gender, skip={subject.i})
    return edits


def _worker_plan(tokens, root, first):
    """"We will encourage Mrs Bevan to go to the lunch club" → "I want to go to the lunch club"."""
    subject = _subject_of(root)
    if subject is None or subject.lower_ not in ("we", "i", "staff", "carers") or root.lemma_.lower() not in WORKER_VERBS:
        return None
    target = next((c for c in root.children if c.dep_ in ("dobj", "nsubj") and c.i > root.i), None)
    action = next((c for c in root.children if c.dep_ in ("xcomp", "ccomp") and c.i > root.i), None)
    if action is None or target is None:
        return None
    to = next((c for c in action.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    start_of_action = to if to is not None else action
    words = "I want " if to is not None else "I want to "
    gender = _gender_of(target)
    edits = [Edit(first.idx, start_of_action.idx, (literal(words),))]
    edits += _turn([t for t in tokens if t.i >= start_of_action.i], gender)
    return edits


GOAL_NOUNS = {"goal", "outcome", "aim", "wish", "hope", "ambition", "dream", "plan", "target"}


def _goal_frame(tokens, root, first):
    """"His goal is to cook a roast dinner" → "I want to cook a roast dinner"."""
    subject = _subject_of(root)
    if root.lemma_ != "be" or subject is None or subject.lemma_.lower() not in GOAL_NOUNS:
        return None
    to = next((t for t in tokens if t.i > root.i and t.lower_ == "to" and t.i + 1 < len(t.doc) and t.nbor(1).tag_ == "VB"), None)
    if to is None:
        return None
    owner = next((t for t in subject.children if t.dep_ == "poss"), None)
    gender = _gender_of(owner)
    return [Edit(first.idx, to.idx, (literal("I want "),)), *_turn([t for t in tokens if t.i > to.i], gender)]


def _third_person(tokens, root, first):
    """"Mrs Jones wants to go home" → "I want to go home"; "They want to stay together" → "We want …"."""
    verb = root if root.pos_ in ("VERB", "AUX") else None
    subject = _subject_of(verb) if verb is not None else None
    if subject is None or not _names_the_person(subject):
        return None
    gender = _gender_of(subject)
    return _subject_and_verb(subject, verb, gender) + _turn([t for t in tokens if t.i > subject.i], gender,
                                                          skip={t.i for t in subject.subtree})


def _infinitive(tokens, root, first):
    """"To reduce social isolation" → "I want to reduce social isolation"."""
    if first.lower_ != "to" or first.i + 1 >= len(first.doc) or first.nbor(1).tag_ not in ("VB", "VBP"):
        return None
    return [Edit(first.idx, first.idx, (literal("I want "),)), *_lower_first(first), *_turn(tokens, None)]


def _imperative(tokens, root, first):
    """"Have a walk-in shower fitted" → "I want to have a walk-in shower fitted"."""
    if root is not first or root.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return None
    return [Edit(first.idx, first.idx, (literal("I want to "),)), *_lower_first(first), *_turn(tokens, None)]


def _to_fragment(tokens, root, first):
    """"Mrs Jones to have a bath twice a week" → "I want to have a bath twice a week"."""
    to = next((t for t in tokens if t.lower_ == "to" and t.i + 1 < len(t.doc) and t.nbor(1).tag_ == "VB"), None)
    if to is None or to.i == first.i:
        return None
    before = [t for t in tokens if first.i <= t.i < to.i]
    named = [t for t in before if _names_the_person(t) or t.text[:1].isupper() and t.lower_ != "for" and t.i != first.i]
    if before and before[0].text[:1].isupper() and before[0].lower_ not in ("for", "to"):
        named.append(before[0])  # "Jac to have a sleepover": a name the tagger may call anything
    if not named or any(t.pos_ == "AUX" or t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in before):
        return None
    gender = _gender_of(named[0])
    return [Edit(first.idx, to.idx, (literal("I want "),)), *_turn([t for t in tokens if t.i > to.i], gender)]


# -- the person and their pronouns ------------------------------------------------

def _subject_of(verb):
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        return _subject_of(verb.head)
    return None


def _names_the_person(noun) -> bool:
    """How a writer names the person: a pronoun, a name, a title, "the service user"."""
    if noun.lower_ in ("he", "she", "they"):
        return True
    words = [t.lower_.rstrip(".") for t in noun.subtree]
    if any(w in ("my", "our", "i", "we") for w in words):
        return False
    if words and words[0] in TITLES:
        return True
    if noun.pos_ == "PROPN" or (noun.tag_ == "NN" and noun.text[:1].isupper() and noun.i > 0 and noun.i != noun.sent.start):
        return True
    return noun.lemma_.lower() in _PERSON_NOUNS or (noun.pos_ == "NOUN" and noun.text[:1].isupper() and noun.lower_ not in ("staff", "carers"))


def _plural(subject) -> bool:
    return subject.lower_ == "they" or any(t.dep_ == "conj" for t in subject.subtree) or subject.tag_ in ("NNS", "NNPS")


def _gender_of(noun) -> str | None:
    """"fem", "masc", "plural" or None (unknown: the first third-person pronoun later decides)."""
    if noun is None:
        return None
    if _plural(noun):
        return "plural"
    words = {t.lower_.rstrip(".") for t in noun.subtree}
    if words & _FEMALE or "Gender=Fem" in str(noun.morph):
        return "fem"
    if words & _MALE or "Gender=Masc" in str(noun.morph):
        return "masc"
    return None


def _subject_and_verb(subject, verb, gender) -> list[Edit]:
    """The subject made "I"/"We" and its finite verb agreeing with it."""
    we = gender == "plural"
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    at_start = subject.left_edge.i == subject.sent.start or subject.doc[subject.left_edge.i - 1].is_punct
    pronoun = ("We" if at_start else "we") if we else "I"
    edits = [Edit(start, end, (literal(pronoun),))]
    for clause in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                           and not any(k.dep_ in ("nsubj", "nsubjpass") for k in c.children))):
        finite = _finite(clause)  # "Mr Evans cannot manage the stairs but wants to ...": both verbs agree
        if finite is not None and finite.i > subject.i:
            tag = _agreeing_tag(finite, we)
            if tag is not None:
                edits.append(Edit(finite.idx, finite.idx + len(finite), (("i", finite.idx, finite.idx + len(finite), tag),)))
    return edits


def _finite(verb):
    """The word that agrees with the subject: the first auxiliary, else the verb."""
    auxiliaries = sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), key=lambda t: t.i)
    candidates = auxiliaries + [verb]
    for token in candidates:
        if token.tag_ in ("VBZ", "VBD", "VBP", "MD"):
            return token
    return None


def _agreeing_tag(token, we: bool) -> str | None:
    if token.tag_ == "MD":
        return None
    if token.tag_ == "VBZ":
        return "VBP" if we or token.lemma_ != "be" else "VBP1"
    if token.tag_ == "VBD" and token.lemma_ == "be":
        return "VBDP" if we else "VBD"
    return None


def _turn(tokens, gender, skip: set[int] | frozenset = frozenset()) -> list[Edit]:
    """Third-person pronouns that stand for the person, in the first person ("her sister" → "my sister")."""
    edits = []
    for token in tokens:
        if token.i in skip:
            continue
        word = token.lower_
        if gender is None and word in ("she", "her", "hers", "herself"):
            gender = "fem"
        elif gender is None and word in ("he", "his", "him", "himself"):
            gender = "masc"
        table = PLURAL if gender == "plural" else SINGULAR.get(gender or "", {})
        if word not in table:
            continue
        new = table[word]
        if word == "her":
            new = "my" if token.tag_ == "PRP$" else "me"
        if word == "they" and token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        edits.append(Edit(token.idx, token.idx + len(token), (literal(new if not token.text[:1].isupper() or new == "I" else new.capitalize()),)))
        finite = _finite(token.head) if new in ("I", "we") and token.dep_ in ("nsubj", "nsubjpass") else None
        if finite is not None and finite.i > token.i and (tag := _agreeing_tag(finite, new == "we")) is not None:
            edits.append(Edit(finite.idx, finite.idx + len(finite), (("i", finite.idx, finite.idx + len(finite), tag),)))
    return edits

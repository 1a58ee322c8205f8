"""A service written as an outcome becomes the person's goal, with the service kept as the means.

"To attend the lunch club" → "I want to [what the lunch club gives me] at the lunch club": the goal
is a placeholder for the person's own words, since only they can say what the service is for; the
service stays, as the way there. Staff doing something for the person ("Staff will prompt her to
take her tablets") becomes what the person wants to do, with their help: "I want to take my tablets,
with help from staff". The texts are the rule's (``goal``, ``means_at``, ``means_with``, ``helped``,
``places``); the person's pronouns turn as in ``first_person``.
"""

from __future__ import annotations

from ..packs.rewrites import RewriteSpec
from .active import OBJECT_CASE
from .edits import Edit, Group, keep, literal
from .first_person import PLURAL, SINGULAR, _gender_of
from .inflection import common_word

_CUT = {"relcl", "acl", "advcl", "xcomp", "ccomp", "punct", "cc", "conj", "npadvmod", "advmod"}
# Prepositions that say when or where, not which service: "the day centre on Tuesdays" keeps "on Tuesdays" outside.
_WHEN = {"on", "at", "by", "before", "after", "during", "until", "in", "every", "once", "twice", "as", "from"}
_INPUT_NOUNS = {"time", "support", "visit", "input", "session", "hour", "call", "help", "contact", "check", "monitoring"}


def service_goal(spec: RewriteSpec, sent, start: int, end: int) -> Group | None:
    """One edit that rewrites the outcome statement around the service at ``start:end``."""
    statement = _statement(sent)
    hit = [t for t in statement if start <= t.idx < end]
    if not statement or not hit:
        return None
    last = _last_word(statement)
    root = next((t for t in hit if t.head.i not in {h.i for h in hit} or t.head.i == t.i), hit[0])
    gender = _person_gender(statement)
    staff = _staff_action(root)
    if staff is not None:
        who, action = staff
        if who is None:
            # "Mrs Lloyd will be supported to attend chapel" → "I want to attend chapel"
            pieces = [literal("I want ")] + _turned(action.idx, last.idx + len(last), statement, gender)
            return Group((Edit(statement[0].idx, last.idx + len(last), tuple(pieces)),), rank=5)
        if spec.means_with is None and spec.means_at is None:
            # "Staff will encourage Mr Davies to eat more" → "I want to [what eating more gives me]"
            verb = action.nbor(1) if action.lower_ == "to" else action
            before, _, after = spec.goal.partition("{service}")
            pieces = [literal(before), ("i", verb.idx, verb.idx + len(verb), "VBG")]
            pieces += _turned(verb.idx + len(verb), last.idx + len(last), statement, gender, nestable=False)
            pieces.append(literal(after))
            return Group((Edit(statement[0].idx, last.idx + len(last), tuple(pieces)),), rank=5)
        pieces = [literal("I want ")]
        pieces += _turned(action.idx, last.idx + len(last), statement, gender)
        before, _, after = spec.helped.partition("{who}")
        pieces.append(literal(", " + before))
        pieces += _who(who) if who is not None else [literal("[who]")]
        pieces.append(literal(after))
        return Group((Edit(statement[0].idx, last.idx + len(last), tuple(pieces)),), rank=5)
    noun = _service_noun(root)
    if noun is None:
        return None
    np_start, np_end = _phrase(noun, hit)
    rest_from = np_end
    pieces = []
    before, _, after = spec.goal.partition("{service}")
    pieces.append(literal(before))
    pieces += _turned(np_start, np_end, statement, gender, nestable=False, lower_first=True)
    pieces.append(literal(after))
    means = spec.means_at if noun.lemma_.lower() in spec.places else spec.means_with
    if means is None:
        return Group((Edit(statement[0].idx, last.idx + len(last), tuple(pieces)),), rank=5)
    if noun.lemma_.lower() not in _INPUT_NOUNS:
        m_before, _, m_after = means.partition("{service}")
        pieces.append(literal(" " + m_before))
        pieces += _turned(np_start, np_end, statement, gender, nestable=False, lower_first=True)
        pieces.append(literal(m_after))
    if rest_from < last.idx + len(last):
        pieces.append(literal(" "))
        pieces += _turned(rest_from, last.idx + len(last), statement, gender)
    return Group((Edit(statement[0].idx, last.idx + len(last), tuple(pieces)),), rank=5)


def _statement(sent) -> list:
    """The sentence's words from the outcome itself: after an "Outcome:" label or a list bullet."""
    tokens = [t for t in sent if not t.is_space]
    for index, token in enumerate(tokens[:4]):
        if token.text == ":" and index + 1 < len(tokens):
            return tokens[index + 1:]
    while tokens and tokens[0].text in ("-", "*", "•"):
        tokens = tokens[1:]
    return tokens


def _last_word(statement):
    words = [t for t in statement if not t.is_punct]
    return words[-1] if words else statement[-1]


def _person_gender(statement) -> str | None:
    for token in statement:
        if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in ("i", "we", "staff", "carers"):
            gender = _gender_of(token)
            if gender is not None:
                return gender
    return None


def _staff_action(root):
    """(who, the action they help with) for "Staff will prompt her to take her tablets"; who is None for
    "Mrs Lloyd will be supported to attend chapel" (the passive names no one)."""
    if root.pos_ != "VERB":
        return None
    action = next((c for c in root.children if c.i > root.i and (c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children))), None)
    if action is None:
        return None
    if any(c.dep_ == "auxpass" for c in root.children):
        to = next((c for c in action.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        return None, to if to is not None else action
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    to = next((c for c in action.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    return subject, to if to is not None else action


def _service_noun(root):
    """The noun that names the service: the verb's object, or the word itself."""
    if root.pos_ in ("NOUN", "PROPN"):
        node = root
        while node.dep_ in ("compound", "amod") and node.head.pos_ in ("NOUN", "PROPN"):
            node = node.head
        return node
    if root.pos_ in ("VERB", "AUX", "ADJ"):
        for child in root.children:
            if child.dep_ in ("dobj", "attr"):
                return child
        for child in root.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("to", "with", "at", "from", "by"):
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if objects:
                    return objects[0]
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ not in ("i", "we"):
            return subject
    return None


def _phrase(noun, hit) -> tuple[int, int]:
    """The service's noun phrase, without clauses after it ("a carer to come" → "a carer")."""
    tokens = [noun]
    stack = [c for c in noun.children if c.dep_ not in _CUT and not _when(c)]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CUT)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "day", "week", "weekend",
               "weekday", "morning", "afternoon", "evening", "night", "month", "year", "time", "date", "discharge", "easter",
               "christmas", "summer", "winter", "spring", "autumn", "holiday"}


def _when(child) -> bool:
    """A phrase that says when ("on Tuesdays", "before the winter"), not which service ("meals on wheels")."""
    if child.dep_ != "prep" or child.lower_ not in _WHEN:
        return False
    objects = [o for o in child.children if o.dep_ == "pobj"]
    return not objects or any(o.lemma_.lower() in _TIME_WORDS or o.like_num for o in objects) or child.lower_ in ("by", "every", "until", "during", "before", "after")


def _turned(start: int, end: int, statement, gender, nestable: bool = True, lower_first: bool = False) -> list:
    """The range ``start:end`` kept, its pronouns for the person in the first person ("his plan" → "my plan")."""
    pieces = []
    cursor = start
    kind = "r" if nestable else "k"
    table = PLURAL if gender == "plural" else SINGULAR.get(gender or "", {**SINGULAR["fem"], **SINGULAR["masc"]})
    for token in statement:
        if not start <= token.idx < end or token.lower_ not in table:
            continue
        new = table[token.lower_]
        if token.lower_ == "her":
            new = "my" if token.tag_ == "PRP$" else "me"
        pieces.append(keep(cursor, token.idx, kind))
        pieces.append(literal(new))
        cursor = token.idx + len(token)
    pieces.append(keep(cursor, end, kind))
    pieces = [p for p in pieces if p[0] == "t" or p[1] < p[2]]
    if lower_first and pieces and pieces[0][0] != "t":
        first = next((t for t in statement if t.idx == pieces[0][1]), None)
        if first is not None and common_word(first):
            pieces[0] = ("kl" if not nestable else "l", pieces[0][1], pieces[0][2])
    return pieces


def _who(subject) -> list:
    if subject.lower_ in OBJECT_CASE:
        return [literal("us" if subject.lower_ == "we" else OBJECT_CASE[subject.lower_])]
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    first = subject.left_edge
    kind = "l" if common_word(first) else "r"
    return [keep(start, end, kind)]

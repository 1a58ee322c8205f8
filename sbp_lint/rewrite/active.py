"""Passive to active: "The referral was sent on Monday" → "[who] sent the referral on Monday".

The actor comes first: the rule's ``actor`` placeholder ("[who]"), since the passive rules fire only
where no "by …" phrase names one. The passive auxiliary goes; the other auxiliaries stay and set the
verb's new form ("will be reviewed" → "will review", "has been made" → "has made", "is being
reviewed" → "is reviewing"); a negation with no auxiliary left takes "do" ("was not told" → "did not
tell"). The old subject becomes the object, straight after the verb, in the object case ("She was
assessed" → "[who] assessed her"); an impersonal "it" ("It was decided that …") goes. Participles
that share the auxiliary ("assessed and referred") turn with it and take the object pronoun.
"""

from __future__ import annotations

from ..packs.rewrites import RewriteSpec
from .edits import Edit, Group, keep, literal
from .inflection import common_word, inflect_lemma, same_case

OBJECT_CASE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "who": "whom"}
_RELATIVE = {"that", "which", "who", "whom"}
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}
_FEMALE_TITLES = {"mrs", "ms", "miss"}
_FEMALE_NOUNS = {"mother", "mum", "daughter", "sister", "wife", "woman", "lady", "girl", "grandmother", "nan", "aunt", "niece"}
_MALE_NOUNS = {"father", "dad", "son", "brother", "husband", "man", "gentleman", "boy", "grandfather", "taid", "uncle", "nephew"}
# Who acts for a person in a record: the subject of "… and the bills were sorted out" when it is one of these.
HELPERS = {"carer", "staff", "nurse", "doctor", "gp", "worker", "team", "son", "daughter", "husband", "wife", "mum", "dad",
           "mother", "father", "brother", "sister", "neighbour", "friend", "therapist", "physio", "paramedic", "police",
           "officer", "manager", "i", "we"}
_PEOPLE = {"person", "child", "parent", "carer", "resident", "patient", "client", "user", "family", "worker", "baby"}


def active(spec: RewriteSpec, sent, start: int, end: int, participle: str | None = None) -> Group | None:
    """Edits that turn the passive verb group at ``start:end`` of the block into the active voice."""
    group = [t for t in sent if start <= t.idx < end]
    if not group:
        return None
    verb = next((t for t in reversed(group) if participle and t.text == participle), group[-1])
    if verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.tag_ in ("VBN", "VBD") and _passive_helpers(verb.head):
        verb = verb.head  # "She was assessed and referred": turn the whole group from its first verb
    helpers = _passive_helpers(verb)
    if not helpers:
        return None
    subject = _subject(verb, helpers)
    inherited = subject is None and verb.dep_ == "conj" and (subject := _subject(verb.head, [])) is not None
    passive_aux = [h for h in helpers if h.dep_ == "auxpass" or (h.lemma_ in ("be", "get") and h.i == max(x.i for x in helpers if x.lemma_ in ("be", "get")))]
    kept_aux = [h for h in helpers if h not in passive_aux and h.dep_ != "neg"]
    negation = [h for h in helpers if h.dep_ == "neg"]
    form, do_support = _new_form(kept_aux, passive_aux, negation)
    edits: list[Edit] = []
    pieces: list = [literal(spec.actor + " ")]
    if not inherited and _actor_before(verb, subject) is not None:
        pieces = []  # the subject of the clause before acts: "… and prescribed him antibiotics"
    first = min([*helpers, verb], key=lambda t: t.i)
    # Words inside the verb group that are not auxiliaries ("will then be", "is badly controlled") stay, in order.
    inner = [t for t in sent.doc[first.i:verb.i] if t not in helpers and not t.is_space]
    if do_support:
        pieces.append(literal(do_support + " "))
        kept = inner
    else:
        kept = kept_aux + negation + inner
    finite_done = False
    for token in sorted(kept, key=lambda t: t.i):
        if not finite_done and token in kept_aux and token.tag_ in ("VBP", "VBD") and _agrees_with_plural(token):
            pieces.append(("i", token.idx, token.idx + len(token), "VBZ" if token.tag_ == "VBP" else "VBD"))
        else:
            pieces.append(keep(token.idx, token.idx + len(token)))
        finite_done = finite_done or token in kept_aux
        pieces.append(literal(" "))
    pieces.append(("i", verb.idx, verb.idx + len(verb), form))
    obj = [literal(" " + _pronoun(subject))] if inherited else _object_pieces(subject)
    stranded = _stranded_preposition(verb)
    verb_end = verb.idx + len(verb)
    if stranded is not None:
        # "Her flat had been broken into" → "[who] had broken into her flat"
        pieces.append(literal(" "))
        pieces.append(keep(stranded.idx, stranded.idx + len(stranded)))
        verb_end = stranded.idx + len(stranded)
    pieces += obj
    replace_from = first.idx
    if subject is not None and not inherited and subject.lower_ not in _RELATIVE and subject.i < first.i:
        replace_from = subject.left_edge.idx
        between = [t for t in sent.doc[subject.right_edge.i + 1:first.i] if t.i < first.i]
        if any(not t.is_space for t in between):
            # Words between the subject and the verb ("The plan, agreed last week, will be"): keep them before the actor.
            edits.append(Edit(subject.left_edge.idx, between[0].idx, ()))
            replace_from = between[-1].idx + len(between[-1])
            pieces[0] = literal(" " + spec.actor + " ")
    edits.append(Edit(replace_from, verb_end, tuple(pieces)))
    for conj in _coordinated(verb):
        edits.append(Edit(conj.idx, conj.idx + len(conj), (("i", conj.idx, conj.idx + len(conj), form),)))
        if subject is not None and subject.lower_ not in _RELATIVE and not _impersonal(subject, verb):
            edits.append(Edit(conj.idx + len(conj), conj.idx + len(conj), (literal(" " + _pronoun(subject)),)))
    return Group(tuple(edits), rank=3)


def _passive_helpers(verb) -> list:
    """The verb's auxiliaries and negation before it ("will not be"), or those of "got" in "got sectioned"."""
    children = [c for c in verb.children if c.i < verb.i]
    auxpass = [c for c in children if c.dep_ == "auxpass"]
    if auxpass:
        return sorted([c for c in children if c.dep_ in ("aux", "auxpass", "neg")], key=lambda t: t.i)
    head = verb.head
    if verb.dep_ in ("acomp", "xcomp", "oprd") and head.lemma_ in ("get", "be") and head.i < verb.i:
        return sorted([head, *(c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i)], key=lambda t: t.i)
    if verb.dep_ == "amod" and verb.i > 0 and verb.nbor(-1).lemma_ == "be":
        be = verb.nbor(-1)
        return sorted([be, *(c for c in be.children if c.dep_ in ("aux", "neg") and c.i < be.i)], key=lambda t: t.i)
    return []


def _subject(verb, helpers):
    for token in (verb, *(h for h in helpers if h.dep_ not in ("aux", "auxpass", "neg"))):
        for child in token.children:
            if child.dep_ in ("nsubjpass", "nsubj", "csubjpass", "csubj") and child.i < verb.i:
                return child
    return None


def _new_form(kept_aux, passive_aux, negation) -> tuple[str, str | None]:
    """The active verb's tag, and "did not"/"does not" when a negation has no auxiliary left to lean on."""
    if kept_aux:
        last = max(kept_aux, key=lambda t: t.i)
        if last.lemma_ == "have":
            return "VBN", None
        if last.lemma_ == "be":
            return "VBG", None
        return "VB", None
    aux = passive_aux[-1] if passive_aux else None
    tag = aux.tag_ if aux is not None else "VBD"
    tag = "VBD" if tag == "VBD" else "VB" if tag == "VB" else "VBZ"
    if negation:
        contracted = any(n.text.lower() in ("n't", "n’t") for n in negation)
        do = inflect_lemma("do", tag if tag != "VB" else "VB")
        return "VB", same_case(aux.text if aux is not None else "", do) + ("n't" if contracted else " not")
    return tag, None


def _impersonal(subject, verb) -> bool:
    """"It was decided that …": the "it" stands for the clause that follows."""
    if subject.lower_ != "it":
        return False
    if any(c.dep_ in ("ccomp", "csubjpass", "xcomp") for c in verb.children):
        return True
    return any(t.lower_ == "that" and t.pos_ == "SCONJ" for t in verb.doc[verb.i + 1:verb.sent.end])


def _agrees_with_plural(token) -> bool:
    """An auxiliary in the plural ("have", "are", "were") that agreed with the old subject, not with "[who]"."""
    return token.lower_ in ("have", "are", "were", "'re", "'ve")


def _stranded_preposition(verb):
    """A preposition right after the verb with nothing after it ("broken into"): the object goes after it."""
    for child in verb.children:
        if child.i != verb.i + 1:
            continue
        if child.dep_ == "prt" or child.dep_ == "prep" and all(c.pos_ == "ADV" for c in child.children):
            return child  # "turned down", "broken into (twice)"
    return None


def _actor_before(verb, subject):
    """The doer the sentence makes certain: "Dr Iqbal saw Mr Hale and he was prescribed antibiotics" – the
    passive joined by "and" to a clause whose subject acted ("Dr Iqbal … and prescribed him antibiotics")."""
    if subject is None or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return None
    head = verb.head
    if any(c.dep_ == "auxpass" for c in head.children):
        return None
    actor = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if actor is None or subject.pos_ == "PRON" or actor.lemma_.lower() not in HELPERS and actor.lower_.rstrip(".") != "dr" \
            and not any(t.lower_.rstrip(".") == "dr" for t in actor.subtree):
        return None  # "Mrs Jones fell and her hip was x-rayed": she did not x-ray it
    return actor


def _object_pieces(subject) -> list:
    """The old subject as the new object, after the verb: a pronoun in the object case, a phrase moved whole."""
    if subject is None or subject.lower_ in _RELATIVE:
        return []
    verb = subject.head
    if _impersonal(subject, verb):
        return []
    if subject.pos_ == "PRON" and subject.left_edge == subject.right_edge:
        return [literal(" " + same_case("x", OBJECT_CASE.get(subject.lower_, subject.lower_)))]
    first = subject.left_edge
    start, end = first.idx, subject.right_edge.idx + len(subject.right_edge)
    return [literal(" "), keep(start, end, "l" if first.i == first.sent.start and common_word(first) else "r")]


def _pronoun(subject) -> str:
    """The pronoun a later verb takes for the old subject ("assessed her and referred her")."""
    if subject.pos_ == "PRON":
        return OBJECT_CASE.get(subject.lower_, subject.lower_)
    words = [t.lower_.rstrip(".") for t in subject.subtree]
    if subject.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in subject.subtree):
        return "them"
    if words and words[0] in _FEMALE_TITLES or subject.lower_ in _FEMALE_NOUNS or "Gender=Fem" in str(subject.morph):
        return "her"
    if words and words[0] == "mr" or subject.lower_ in _MALE_NOUNS:
        return "him"
    return "them" if subject.pos_ == "PROPN" or subject.lower_ in _PEOPLE else "it"


def _coordinated(verb):
    """Participles that share the verb's auxiliary: "was assessed and referred"."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.tag_ not in ("VBN", "VBD"):
            continue
        if any(k.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for k in conj.children):
            continue
        yield conj
        yield from _coordinated(conj)

"""Decisions, and whether the record explains them.

A decision is a made choice ("We agreed that ...", "It was decided ...", "The panel approved ...",
"Decision: ..."); a list's introduction ("We agreed these outcomes:"), an arrangement to meet, a
decision still to make and a recommendation are not. It is explained when its own sentence, or the
sentence before or after it in the same section, gives a reason ("because", "so that", "as she ...",
a purpose clause) or the view of the person or their family ("She told me the stairs frighten her",
"He is pleased"). A sentence before it may also explain it by stating how things are now ("The stairs
at the day centre are steep"): a fact in the past tense ("Mum did not come to the review") or a plan
for later ("The move will be on Friday") does not.

``DecisionTracker`` reads a document's sentences in order and settles each decision once the sentence
after it is known; the structure check and the good-practice profile each run one, sharing the work
done on each sentence (``SentenceContext.shared``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..phrases import Phrases
from .data import DataFile
from .people import NETWORK, PASSIVE, PERSON, PROFESSIONAL, WRITER, People, clause_subject, load_people

_MODALS = frozenset({"will", "'ll", "shall", "would", "should", "may", "might", "must", "can", "could", "ca", "wo"})
_REPORTING = frozenset({"what", "how", "whether", "which", "why", "when"})
_SUBJECT_WORDS = frozenset({"he", "she", "they", "we", "i", "it", "you", "his", "her", "their", "our", "my", "the", "this", "that"})
_QUOTE_WORDS = 3  # a quotation this long is the person's own words, not a term in scare quotes


@dataclass(frozen=True)
class DecisionWords:
    verbs: frozenset[str]
    nouns: frozenset[str]
    noun_verbs: frozenset[str]
    labels: frozenset[str]
    welsh: frozenset[str]
    arrangements: frozenset[str]
    finding_bodies: frozenset[str]
    reasons: frozenset[str]
    view_verbs: frozenset[str]
    view_words: frozenset[str]


@lru_cache(maxsize=1)
def load_words() -> DecisionWords:
    data = DataFile("decisions.yaml")
    keys = tuple(DecisionWords.__dataclass_fields__)
    data.check_keys(set(keys))
    return DecisionWords(**{key: data.words(key) for key in keys})


@dataclass(frozen=True)
class Decision:
    """The words that record a decision, as offsets in the block's text."""

    start: int
    end: int
    own_words: bool = False  # the person's own: in their quoted words, or their choice ("Kayden chose to ..."): their view comes with it


@dataclass
class Settled:
    """A decision once its neighbours are known."""

    ctx: object  # the SentenceContext of the decision
    decision: Decision
    explained: bool


class DecisionRecogniser:
    def __init__(self, words: DecisionWords | None = None, people: People | None = None):
        self.words = words or load_words()
        self.people = people or load_people()
        self.reasons = Phrases(sorted(self.words.reasons), edge=r"\w-", gap=r"\s+")
        labels = "|".join(re.escape(w) for w in sorted(self.words.labels, key=len, reverse=True))
        self.label = re.compile(rf"^\s*(?:{labels})\s*:\s*\S", re.IGNORECASE)

    # -- is it a decision? ------------------------------------------------------------------------------------
    def decision(self, ctx) -> Decision | None:
        """The decision ``ctx``'s sentence records, if any (worked out once per sentence)."""
        return ctx.shared("decision", self._decision)

    def _decision(self, ctx) -> Decision | None:
        text = ctx.text.rstrip()
        if ctx.block.kind == "heading" or not text or text.endswith((":", "?")):
            return None  # a list's introduction, a question
        offset = ctx.sent.start_char
        label = self.label.match(text)
        if label:
            return Decision(offset + label.start(), offset + text.index(":", label.start()))
        for token in ctx.tokens:
            span = self._decision_words(token, ctx)
            if span is None:
                continue
            start, end = span
            if _reported(ctx.text[:start - offset]) or self._arrangement(token):
                continue
            return Decision(start, end, own_words=ctx.quoted(start, end) or self._own_choice(token))
        return None

    def _decision_words(self, token, ctx) -> tuple[int, int] | None:
        lower, lemma = token.lower_, token.lemma_.lower()
        if lower in self.words.welsh:
            return token.idx, token.idx + len(token)
        if lemma in self.words.verbs and token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "acomp"):
            if self._found_by_another_body(token):
                return None
            return self._made(token)
        if lemma in self.words.nouns and token.head.lemma_.lower() in self.words.noun_verbs and token.dep_ in ("nsubjpass", "nsubj", "dobj"):
            if _present_passive(token.head):
                return None  # "all decisions are made through his advocate": how decisions are made, not one made
            span = self._made(token.head)
            if span is not None:
                return min(span[0], token.left_edge.idx), span[1]
        return None

    def _made(self, verb) -> tuple[int, int] | None:
        """The words "We agreed" / "It was decided" / "has decided", when the verb records a made choice."""
        children = list(verb.children)
        if any(c.dep_ == "neg" for c in children):
            return None  # "We have not yet decided"
        if verb.i + 1 < len(verb.doc) and verb.nbor(1).text == ":":
            return None  # "Plan first agreed: 10 March 2025": a date's label
        aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        if any(a.lower_ in _MODALS or a.lower_ == "to" for a in [*aux, *_shared_aux(verb)]):
            return None  # "We will decide", "the right to decide", "should be negotiated and agreed"
        perfect = any(a.lemma_ == "have" for a in aux)
        passive = any(c.dep_ == "auxpass" for c in aux)
        if not (verb.tag_ == "VBD" or verb.tag_ == "VBN" and (perfect or passive)):
            return None  # "decides", "to decide"
        if any(c.dep_ == "dobj" and c.lemma_.lower() in ("view", "opinion", "idea") for c in children):
            return None  # "has decided views about football": an adjective the parser took for a verb
        subject = clause_subject(verb)
        start = verb.idx
        if subject is not None and subject.i < verb.i:
            start = subject.left_edge.idx if verb.i - subject.left_edge.i <= 6 else subject.idx
        elif aux:
            start = aux[0].idx
        return start, verb.idx + len(verb)

    def _found_by_another_body(self, verb) -> bool:
        """"The reviewers concluded that ...", "The inquest concluded ...": another body's findings, reported; the
        record cannot give their reasons, and they are not a decision about the person."""
        subject = clause_subject(verb)
        return subject is not None and subject.lemma_.lower() in self.words.finding_bodies

    def _own_choice(self, verb) -> bool:
        """"Gethin chose to stay at his dad's", "she agreed with the plan": the person's choice is their view. Only workers and services
        ("we", "the panel") choose for others; a subject the parser could not place is taken to be the person."""
        lemma = verb.lemma_.lower()
        # "She agreed with it", "Mr Rees agreed with the plan": agreeing WITH something is the person's view of it.
        concurs = lemma == "agree" and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
        return (lemma == "choose" or concurs) and self.people.subject_class(verb) not in (WRITER, PROFESSIONAL, PASSIVE)

    def _arrangement(self, verb) -> bool:
        """"We agreed to meet again in May": an arrangement, not a decision about the person."""
        for child in verb.children:
            if child.dep_ == "xcomp" and child.lemma_.lower() in self.words.arrangements:
                return True
        return False

    # -- does a sentence explain one? ------------------------------------------------------------------------
    def explains(self, ctx, where: str) -> bool:
        """Whether ``ctx`` explains a decision in itself (``"same"``), the next sentence (``"before"``) or the
        one before it (``"after"``)."""
        reason, view, own_view, state, ongoing = ctx.shared("explains", self._explanation)
        if reason or (own_view if where == "same" else view):
            return True
        if where == "before":
            return state
        if where == "after":
            return ongoing
        return False

    def _explanation(self, ctx) -> tuple[bool, bool, bool, bool, bool]:
        """(gives a reason, gives a view, gives a view besides its own decision verb ("Mr Davies agreed to the move"
        is a decision, not yet his view of it), states how things are now, says what is going on now)."""
        if ctx.block.kind == "heading":
            return False, False, False, False, False
        return (self._reason(ctx), self._view(ctx), self._view(ctx, self.words.verbs), self._present_state(ctx),
                self._ongoing(ctx))

    def _reason(self, ctx) -> bool:
        offset = ctx.sent.start_char
        for match in self.reasons.finditer(ctx.text) if self.reasons else ():
            if not self._decided_content(ctx, offset + match.start()):
                return True
        if re.match(r"\s*following\b", ctx.text, re.IGNORECASE):
            return True  # "Following the fire at the flat, ..."
        so = re.search(r",\s+so\s+(?!that\b|far\b|much\b|many\b)", ctx.text, re.IGNORECASE)
        decision = self.decision(ctx)
        if so and (decision is None or offset + so.start() < decision.start):
            return True  # "He has no family nearby, so we agreed ...": the clause before "so" is why (not "We agreed ..., so ...")
        for token in ctx.tokens:
            if token.lower_ in ("as", "since") and (token.dep_ == "mark" or _starts_clause(token)):
                return True  # "as Ffion is now ...", "since he moved ..."
            if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                    and not self._deciding(token.head):
                return True  # a purpose clause: "... to keep her safe"
        return False

    def _deciding(self, verb) -> bool:
        lemma = verb.lemma_.lower()
        return lemma in self.words.verbs or lemma in self.words.noun_verbs

    def _decided_content(self, ctx, start: int) -> bool:
        """"We agreed to reduce his visits": "to reduce" is what was decided, not why."""
        token = next((t for t in ctx.tokens if t.idx == start), None)
        if token is None or token.lower_ != "to":
            return False
        verb = token.head
        return verb.dep_ in ("xcomp", "advcl", "ccomp") and self._deciding(verb.head)

    def _view(self, ctx, besides: frozenset[str] = frozenset()) -> bool:
        """The person's (or their family's) view: their quoted words, or a verb or word of feeling, wanting or saying."""
        for start, end in ctx.quotes:
            if ctx.sent.start_char <= start < ctx.sent.end_char and len(ctx.block.text[start:end].split()) >= _QUOTE_WORDS:
                return True
        if ctx.block.quoted:
            return True
        words = self.words
        for token in ctx.tokens:
            lemma = token.lemma_.lower()
            if lemma in words.view_verbs and lemma not in besides and token.pos_ in ("VERB", "AUX"):
                verb = token
            elif lemma in words.view_words and token.dep_ in ("acomp", "oprd", "amod", "attr", "xcomp"):
                verb = token.head if token.dep_ != "amod" else token.head.head
            else:
                continue
            if self._viewer(verb):
                return True
        return False

    def _viewer(self, verb) -> bool:
        """The verb's subject is the person or their family, and the verb is not a right or a plan ("can ask", "will find")."""
        if any(c.dep_ == "aux" and c.lower_ in _MODALS - {"would", "'d"} for c in verb.children):
            return False
        subject = clause_subject(verb)
        if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
            return self.people.noun_class(verb.head) in (PERSON, NETWORK)  # "his mother, who is most comfortable in Welsh"
        return self.people.subject_class(verb) in (PERSON, NETWORK)

    def _present_state(self, ctx) -> bool:
        """How things are now: "The stairs are steep", "His daughter cannot help for six weeks", "He has been eating well"."""
        root = ctx.sent.root
        if root.pos_ not in ("VERB", "AUX"):
            return False
        if self.people.subject_class(root) == WRITER:
            return False
        tense = [root] + [c for c in root.children if c.dep_ in ("aux", "auxpass")]
        if any(t.lower_ in _MODALS - {"can", "ca", "could"} for t in tense):
            return False  # "The move will be on Friday"
        return any(t.tag_ in ("VBZ", "VBP") for t in tense) and not any(t.tag_ == "VBD" for t in tense)

    def _ongoing(self, ctx) -> bool:
        """What is going on now: "Mum is still drinking most evenings"."""
        root = ctx.sent.root
        return root.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in root.children) \
            and self.people.subject_class(root) != WRITER


class DecisionTracker:
    """Reads sentences in order and settles each decision when the sentence after it is known.

    Neighbours are sentences of the same section: a heading, or a block under another heading, ends one.
    """

    def __init__(self, recogniser: DecisionRecogniser):
        self.recogniser = recogniser
        self.begin()

    def begin(self) -> None:
        self._previous = None  # the sentence before, in this section
        self._open: Settled | None = None  # a decision waiting for the sentence after it

    def sentence(self, ctx) -> list[Settled]:
        settled: list[Settled] = []
        if ctx.block.kind == "heading" or (self._previous is not None and self._previous.block.section != ctx.block.section):
            settled += self._close()
            self._previous = None
            if ctx.block.kind == "heading":
                return settled
        recogniser = self.recogniser
        if self._open is not None:
            self._open.explained = recogniser.explains(ctx, "after")
            settled.append(self._open)
            self._open = None
        decision = recogniser.decision(ctx)
        if decision is not None:
            previous = self._previous
            explained = decision.own_words or recogniser.explains(ctx, "same") \
                or (previous is not None and (recogniser.explains(previous, "before") or _so(ctx)))
            found = Settled(ctx, decision, explained)
            if explained:
                settled.append(found)
            else:
                self._open = found
        self._previous = ctx
        return settled

    def end(self) -> list[Settled]:
        return self._close()

    def _close(self) -> list[Settled]:
        found, self._open = self._open, None
        return [found] if found is not None else []


def _shared_aux(verb) -> list:
    """The auxiliaries a coordinated verb shares with the verbs it is joined to: "should be negotiated and agreed"."""
    shared, token = [], verb
    for _ in range(6):  # "should be person centred, purposeful, negotiated and agreed": a chain of conjuncts
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
        shared += [c for c in token.children if c.dep_ in ("aux", "auxpass") and c.i < token.i]
    if token is not verb and token.dep_ in ("acomp", "xcomp", "attr"):
        # "should be centred, ... and agreed": the chain hangs from "be", which holds the modal
        shared += [c for c in token.head.children if c.dep_ in ("aux", "auxpass") and c.i < token.head.i]
    return shared


def _present_passive(verb) -> bool:
    """"are made", "is taken": a present-tense passive with no perfect, which describes a habit or a rule."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return any(a.dep_ == "auxpass" and a.lower_ in ("is", "are", "am") for a in aux) and not any(a.lemma_ == "have" for a in aux)


def _so(ctx) -> bool:
    """"So we agreed ...": the sentence before is the reason."""
    return bool(re.match(r"\s*(?:so|therefore|because of this|for this reason)\b", ctx.text, re.IGNORECASE))


def _starts_clause(token) -> bool:
    """"as Ffion is now double-handed": "as"/"since" followed by a subject and a verb (the parser may call it a preposition)."""
    doc = token.doc
    if token.i + 2 >= token.sent.end:
        return False
    nxt = doc[token.i + 1]
    if not (nxt.lower_ in _SUBJECT_WORDS or nxt.pos_ == "PROPN"):
        return False
    window = doc[token.i + 2:min(token.i + 6, token.sent.end)]
    return any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in window)


def _reported(before: str) -> bool:
    """"told her what we had decided": the decision is referred to, not recorded here."""
    words = before.lower().split()
    return bool(words) and words[-1] in _REPORTING


@lru_cache(maxsize=1)
def recogniser() -> DecisionRecogniser:
    return DecisionRecogniser()

"""Agentless passive voice, from the dependency parse.

Counts a finite passive (a form of be/get + a past participle used as a verb)
with no "by ..." agent, including negated and modal forms ("was not told",
"should be encouraged", "has been made") and get-passives ("got excluded").
Not counted: non-finite passives ("after being referred", "to be reviewed"),
reduced relatives ("the support provided"), adjectival participles
("worried", "involved in", "safe and protected", "is used to"), causative
"have X fitted", "be born", and passives with an agent.

The span is the verb group ("was not told"). A participle coordinated with a
passive verb and sharing its auxiliary ("She was assessed and referred") is
reported on its own, as the bare participle.

The word lists (stative participles, get-idioms, ...) are data in
``rules/passive.yaml``; the defaults here only make a custom rule usable.
"""

from __future__ import annotations

import hashlib

from spacy.strings import get_string_id

from ..nlp.context import FINITE_TAGS
from .base import Check, Hit

_PARTICIPLE_TAGS = {get_string_id("VBN"), get_string_id("VBD")}
_VBD, _AUXPASS = get_string_id("VBD"), get_string_id("auxpass")
# Clauses below the verb whose "by ..." belongs to another verb.
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "conj", "parataxis", "pcomp"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_DEGREE = {"very", "so", "too", "extremely", "quite", "rather", "fairly", "more", "less", "most", "least",
           "increasingly", "slightly", "deeply", "incredibly", "terribly", "awfully"}
# Passives of these keep an object: "was visited and given his tablets".
_DITRANSITIVE = {"give", "offer", "tell", "send", "show", "grant", "award", "teach", "promise", "lend", "ask"}


class Passive(Check):
    name = "passive"
    fields = ("lemma", "participle")
    defaults = {
        "only_verbs": [],  # report only these lemmas (e.g. decision verbs)
        "except_verbs": [],  # never report these lemmas
        # Participles that are adjectives after "be"/"get" (worried, involved, ...). A two-word entry
        # ("used to") applies only when the next word follows (and is not an infinitive "to").
        "stative": [],
        "get_idioms": [],  # get + participle that is not a passive: "got dressed", "got lost"
        "verbal": [],  # participles the tagger may call adjectives that are still verbs ("was sectioned")
        "not_agents": [],  # "by phone", "by Friday": a by-phrase that names no actor
        "intransitive": [],  # verbs coordinated with a passive that are active ("was discharged and returned home")
        # Participles that are states after a plain present "is/are/am" ("the office is closed", "my care is
        # coordinated") but actions with a modal, a perfect or a past ("must not be closed", "was closed by …").
        "present_states": [],
        # People: a "by …" naming one of these in an infinitive clause is still the agent ("I am supported to make
        # decisions by people who …", "she was encouraged to go out by her daughter").
        "animate": [],
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        lower = lambda key: {v.lower() for v in self.options[key]}  # noqa: E731
        self.only = lower("only_verbs")
        self.excluded = lower("except_verbs")
        self.stative_words = {v for v in lower("stative") if " " not in v}
        self.stative_pairs = {tuple(v.split()[:2]) for v in lower("stative") if " " in v}
        self.get_idioms = lower("get_idioms")
        self.verbal = lower("verbal")
        self.verbal_ids = {get_string_id(v) for v in self.verbal}
        self.not_agents = lower("not_agents")
        self.intransitive = lower("intransitive")
        self.present_states = lower("present_states")
        self.animate = lower("animate")
        # What finding a passive depends on, as a string: its hash is kept, a tuple's is worked out on each lookup.
        detection = [sorted(lower(k)) for k in ("stative", "get_idioms", "verbal", "not_agents", "intransitive",
                                                 "present_states", "animate")]
        self._detection = self.name + ":" + hashlib.sha1(repr(detection).encode()).hexdigest()

    def sentence(self, ctx):
        # Rules that differ only in which verbs they report (passive.decision, passive.agentless) share one search.
        for verb, group in ctx.shared(self._detection, self._passives):
            yield from self._hit(ctx, verb, group)

    def _passives(self, ctx) -> list[tuple]:
        """(verb, verb group) of each agentless finite passive in the sentence."""
        found = []
        reported: set[int] = set()
        for token in ctx.tokens:
            # Integer attributes: the string forms cost a lookup for every token of every sentence.
            if token.tag not in _PARTICIPLE_TAGS and token.lower not in self.verbal_ids:
                continue  # most tokens: not a participle
            if token.tag == _VBD and token.lower not in self.verbal_ids and not any(c.dep == _AUXPASS for c in token.lefts):
                continue  # a simple past ("She visited"): only "was"/"got" before it makes a passive of it
            group = self._passive_group(token)
            if group is None:
                continue
            reported.add(token.i)
            found.append((token, group))
            for conj in self._coordinated(token):
                if conj.i not in reported:
                    reported.add(conj.i)
                    found.append((conj, [conj]))
        return found

    def _hit(self, ctx, verb, group):
        lemma = verb.lemma_.lower()
        if (self.only and lemma not in self.only) or lemma in self.excluded:
            return
        start = min(t.idx for t in group)
        end = max(t.idx + len(t) for t in group)
        yield Hit(ctx.block, start, end, fields={"lemma": lemma, "participle": verb.text})

    # -- what counts -----------------------------------------------------
    def _passive_group(self, verb):
        """The verb group ("was not told") if ``verb`` (a participle) heads an agentless finite passive."""
        children = list(verb.children)
        auxpass = [c for c in children if c.dep_ == "auxpass" and c.lemma_.lower() in ("be", "get")]
        if auxpass and verb.tag_ in ("VBN", "VBD"):
            helpers = auxpass + [c for c in children if c.dep_ in ("aux", "neg") and c.i < verb.i]
        elif verb.dep_ in ("acomp", "xcomp", "oprd") and verb.head.lemma_.lower() in ("get", "be") and verb.head.i < verb.i \
                and (verb.tag_ == "VBN" and verb.head.lemma_.lower() == "get" or verb.lower_ in self.verbal):
            # "He got sectioned" (get + participle); "was sectioned" tagged as an adjective.
            head = verb.head
            helpers = [head] + [c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i]
            children += [c for c in head.children if c.dep_ == "agent" or c.lower_ == "by"]
        elif verb.tag_ == "VBN" and verb.dep_ == "amod" and verb.i > 0 and verb.nbor(-1).lemma_.lower() == "be" \
                and verb.head.dep_ in ("attr", "dobj") and verb.head.head.i == verb.i - 1:
            # "He has been prescribed antibiotics", parsed as been + [prescribed antibiotics].
            be = verb.nbor(-1)
            helpers = [be] + [c for c in be.children if c.dep_ in ("aux", "neg") and c.i < be.i]
        else:
            return None
        if not self._verbal(verb, helpers):
            return None
        if self._has_agent(verb, children):
            return None
        if any(h.lower_ == "to" for h in helpers) and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("have", "be") \
                and verb.head.tag_ in FINITE_TAGS and verb.head.i < verb.i:
            helpers = [verb.head] + [h for h in helpers if h.lower_ != "to"]  # "had to be tackled", "are to be delivered"
        if not any(h.tag_ in FINITE_TAGS for h in helpers) or any(h.lower_ == "to" for h in helpers):
            return None  # "to be reviewed", "after being referred", "having been discharged"
        if verb.lower_ in self.present_states and [h.tag_ for h in helpers if h.dep_ != "neg"] in (["VBZ"], ["VBP"]):
            return None  # "the hospital is closed", "my support is coordinated": a state
        return sorted(helpers + [verb], key=lambda t: t.i)

    def _verbal(self, verb, helpers) -> bool:
        """False for participles that describe a state ("is worried", "safe and protected")."""
        word = verb.lower_
        if word == "born":
            return False
        if any(h.lemma_.lower() == "get" for h in helpers) and word in self.get_idioms:
            return False
        if word in self.stative_words and not self._impersonal(verb):
            return False
        nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and (word, nxt.lower_) in self.stative_pairs and nxt.tag_ != "TO" and not self._impersonal(verb):
            return False
        children = list(verb.children)
        if any(c.dep_ == "advmod" and c.lower_ in _DEGREE and c.i == verb.i - 1 for c in children):
            return False  # "very worried", "so pleased" (not a clause's "so": "so all decisions are made …")
        if verb.dep_ == "conj" and verb.head.pos_ == "ADJ" or any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in children):
            return False  # "safe and protected": adjectival
        return True

    @staticmethod
    def _impersonal(verb) -> bool:
        """"It was determined that ...": an impersonal passive is a verb whatever the word."""
        return any(c.dep_ in ("nsubjpass", "nsubj", "expl") and c.lower_ == "it" for c in verb.children) and \
            any(c.dep_ == "ccomp" for c in verb.children)

    def _has_agent(self, verb, children) -> bool:
        """A "by ..." phrase that names who acted, in the verb's own clause (or, naming a person, in an
        infinitive clause the parser hung it on: "supported to make decisions by people who …")."""
        stack = [c for c in children if c.dep_ not in _CLAUSE_DEPS or c.dep_ == "agent"]
        stack += [g for c in children if c.dep_ == "xcomp" for g in c.children if g.lower_ == "by" and self._animate_by(g)]
        while stack:
            token = stack.pop()
            if token.lower_ == "by" and token.i > verb.i and self._agent_by(token):
                return True
            stack.extend(c for c in token.children if c.dep_ not in _CLAUSE_DEPS)
        return False

    def _agent_by(self, by) -> bool:
        """Whether this "by" names an actor, not a means ("by phone", "by searching the websites")."""
        objects = [c for c in by.children if c.dep_ == "pobj"]
        if not objects:
            return not any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in by.children)
        if all(o.tag_ == "VBG" for o in objects):
            return False  # "achieved by establishing …": how, not who
        return not all(o.lemma_.lower() in self.not_agents or o.lower_ in self.not_agents for o in objects)

    def _animate_by(self, by) -> bool:
        objects = [c for c in by.children if c.dep_ == "pobj"]
        return any(o.pos_ == "PROPN" or o.lower_ in ("him", "her", "them", "us", "me") or o.lemma_.lower() in self.animate
                   for o in objects)

    def _coordinated(self, verb):
        """Participles coordinated with a passive verb that share its auxiliary: "assessed and referred"."""
        for conj in verb.children:
            if conj.dep_ != "conj" or conj.tag_ not in ("VBN", "VBD"):
                continue
            kids = list(conj.children)
            if any(k.dep_ in _SUBJECT_DEPS | {"aux", "auxpass", "xcomp", "ccomp", "neg"} for k in kids):
                continue  # its own subject or auxiliary: a clause of its own
            if any(k.dep_ == "dobj" for k in kids) and conj.lemma_.lower() not in _DITRANSITIVE:
                continue  # "was assessed and signed the form": active ("given antibiotics" is not)
            if conj.tag_ == "VBD" and not conj.lower_.endswith("ed"):
                continue  # "went": a past tense, not a participle
            if conj.lemma_.lower() in self.intransitive or not self._verbal(conj, []):
                continue
            if self._has_agent(conj, kids):
                continue
            yield conj
            yield from self._coordinated(conj)

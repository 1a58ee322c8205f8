"""Outcome statements: in the person's own voice, and about their life rather than a service.

Each sentence of an outcome statement (in an outcomes section, after "Outcome:", in an
outcome column) needs a first-person word: the person, or the family speaking together (whose words they
are is ``voice.Voice``'s to judge). It should name a change in the person's life,
not a service, an input or compliance.
"""

from __future__ import annotations

from ..phrases import phrase_regex
from .base import Check, Hit
from .received import ReceivedHelp
from .received import described as _described
from .received import extent as _extent
from .voice import VoiceCheck


class FirstPerson(VoiceCheck):
    """An outcome sentence with no first-person word that belongs to the person (or family).

    Each sentence of an outcome statement is judged on its own, so the same words give the same
    findings however a reader cut them into blocks (a Markdown paragraph with line breaks is one
    block; the same lines in Word are several paragraphs).
    """

    name = "first_person"

    def sentence(self, ctx):
        if not ctx.outcome:
            return ()
        start = max(ctx.sent.start_char, ctx.block.outcome_start or 0)
        if self.voice.voiced(ctx, start):
            return ()
        text = ctx.block.text[start:ctx.sent.end_char].rstrip()
        if not any(c.isalnum() for c in text):
            return ()
        return [Hit(ctx.block, start, start + len(text), ctx.text, sent=ctx.sent)]


def _phrase_re(phrases: list[str]):
    """Phrases in any case, with spaces/hyphens interchangeable and an optional plural ending."""
    return phrase_regex(phrases, edge=r"\w'’-", edge_after=r"\w-", gap=r"[\s\-]+", suffix="(?:s|es)?")


class ServiceOutcome(Check):
    """An outcome that names a service, an input, staff activity or compliance instead of a change in the person's life.

    Triggers, each with the span of the service phrase:
    - a service or provision named anywhere in the statement ("day centre", "respite", "a care package");
    - equipment being provided ("a key safe", "a stairlift"), but not the person's own ("my stairlift");
    - a service verb: receive, comply/compliant, facilitate, engage with;
    - attending or completing a service ("attend a parenting group", "complete the programme"),
      but not a life event ("attend my granddaughter's wedding");
    - being processed: a passive of refer, assess, review, support... ("to be referred");
    - inputs from a professional ("support from the CMHT", "time with a speech therapist", "four calls a day");
    - staff as the actor ("staff will prompt her", "I want a carer to come", "we will encourage Mrs Bevan");
    - help or support received as the goal (issue 16): "to shower with prompting", "I have help to make choices",
      "support with shopping", "ten hours of support a week", "access to hospice care", "a named professional",
      "the same team", "physio sessions planned", "support worker to help organise…".

    Statements about the quality of support are not services: "I get the help I need", "support that helps me
    live my life", "I am supported by people who listen" (the object or agent has a relative clause).
    """

    name = "service_outcome"
    defaults = {
        "services": [],  # always a service or provision
        "equipment": [],  # provision, unless it is the person's own ("my stairlift")
        "service_verbs": [],  # receive, comply, facilitate ...: a service whatever follows
        "with_verbs": [],  # verbs that are a service only with "with": "engage with"
        "attend_verbs": [],  # attend, complete, go (to) ...: a service when the object is an input below
        "inputs": [],  # objects of attend_verbs that are services: appointment, course, programme ...
        "group_words": [],  # group, centre: a service only bare or with a service modifier
        "service_modifiers": [],  # parenting, day, support ...: "parenting group", "day centre"
        "education_words": [],  # course, programme: the person's own ("my course") is a life goal
        "passive_verbs": [],  # being processed: "to be referred", "will be reviewed"
        "professionals": [],  # staff and services as actors or providers
        "staff_acts": [],  # what staff do: prompt, encourage, support, visit, come ...
        "worker_acts": [],  # staff acts that mark "I"/"we" as the worker when done to someone else
        "input_nouns": [],  # support, visits, time ... + from/by/with a professional
        "call_words": [],  # modifiers that make "call" a care visit: double-handed, bedtime ...
        "manner_words": [],  # "with prompting", "with supervision": the person acts, staff prompt
        "received_verbs": [],  # have, get, need ... + help/support (+ to / with): help received as the goal
        "help_nouns": [],  # help, support, assistance: what is received
        "access_nouns": [],  # access (to care / support)
        "fixed_staff": [],  # named, same, consistent ... + a professional: "a named worker", "the same team"
        "schedule_verbs": [],  # planned, scheduled, booked ...: "physio sessions planned"
        "own_words": ["my", "our", "fy", "ein", "'m", "\u2019m"],
        "titles": ["mr", "mrs", "ms", "miss", "mx"],  # "We will help Mr Hughes": the writer is staff
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        lower = lambda key: {v.lower() for v in self.options[key]}  # noqa: E731
        self.services = _phrase_re(self.options["services"])
        self.equipment = _phrase_re(self.options["equipment"])
        self.service_verbs = lower("service_verbs")
        self.with_verbs = lower("with_verbs")
        self.attend_verbs = lower("attend_verbs")
        self.inputs = lower("inputs")
        self.group_words = lower("group_words")
        self.service_modifiers = lower("service_modifiers")
        self.education = lower("education_words")
        self.passive_verbs = lower("passive_verbs")
        self.professionals = lower("professionals")
        self.staff_acts = lower("staff_acts")
        self.worker_acts = lower("worker_acts")
        self.input_nouns = lower("input_nouns")
        self.call_words = lower("call_words")
        self.received_verbs = lower("received_verbs")
        self.schedule_verbs = lower("schedule_verbs")
        self.received = ReceivedHelp(
            {key: lower(key) for key in ("manner_words", "help_nouns", "access_nouns", "fixed_staff")},
            inputs=self.inputs, input_nouns=self.input_nouns, staff_acts=self.staff_acts, services=self.services,
            professional=self._professional, owned=self._owned)
        self.own = lower("own_words")
        self.titles = lower("titles")

    def sentence(self, ctx):
        if not ctx.outcome:
            return
        start = max(ctx.sent.start_char, ctx.block.outcome_start or 0)
        spans: list[tuple[int, int]] = []
        text = ctx.text
        offset = ctx.sent.start_char
        for regex, owned_ok in ((self.services, False), (self.equipment, True)):
            if regex is None:
                continue
            for m in regex.finditer(text):
                span = ctx.sent.doc.char_span(offset + m.start(), offset + m.end(), alignment_mode="expand")
                if span is not None and not (owned_ok and self._owned(span.root)):
                    spans.append((offset + m.start(), offset + m.end()))
        tokens = [t for t in ctx.tokens if t.idx >= start]
        for token in tokens:
            found = self._token_span(token)
            if found is not None:
                spans.append(found)
        for s, e in _merge(sorted(sp for sp in spans if sp[0] >= start)):
            yield Hit(ctx.block, s, e)

    # -- triggers ---------------------------------------------------------
    def _token_span(self, token):
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            if lemma in self.service_verbs and token.pos_ in ("VERB", "ADJ", "NOUN"):
                objects = [c for c in token.children if c.dep_ in ("dobj", "prep", "attr")]
                if lemma == "receive" and objects and all(self._owned(o) for o in objects if o.dep_ == "dobj"):
                    return None  # "receive my degree"
                if any(_described(o) for o in objects if o.dep_ == "dobj"):
                    return None  # "I receive the care that is right for me": the quality of care
                return _extent(token, objects)
            if lemma in self.with_verbs:
                preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"]
                if preps:
                    return _extent(token, preps)
            if lemma in self.attend_verbs and token.pos_ == "VERB":
                for obj in self._objects(token):
                    if self._input(obj) and not _described(obj):
                        return _extent(token, [obj])
            if lemma in self.passive_verbs and token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children):
                if any(_described(g) for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"):
                    return None  # "I am supported by people who listen to me": the quality of support
                group = [c for c in token.children if c.dep_ in ("auxpass", "aux") and c.i < token.i and c.lower_ != "to"]
                return _extent(token, group + [c for c in token.children if c.dep_ == "prt"])
            if lemma in self.received_verbs and token.pos_ in ("VERB", "AUX"):
                found = self.received.help_received(token)
                if found is not None:
                    return found
            if lemma in self.schedule_verbs and token.tag_ == "VBN" and token.dep_ in ("ROOT", "acl", "amod", "conj"):
                found = self.received.scheduled(token)
                if found is not None:
                    return found
            if lemma in self.staff_acts | self.worker_acts and token.pos_ == "VERB":
                found = self._staff_act(token, lemma)
                if found is not None:
                    return found
        if token.pos_ in ("NOUN", "PROPN") or token.lower_.rstrip("s") in self.input_nouns:
            if lemma in self.input_nouns or token.lower_.rstrip("s") in self.input_nouns:
                for prep in token.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by", "with"):
                        if any(self._professional(o) for o in prep.children if o.dep_ == "pobj"):
                            return _extent(token, [prep])
            if lemma == "call" and self._care_call(token):
                return _extent(token, [])
            found = self.received.input_received(token, lemma)
            if found is not None:
                return found
        if token.dep_ == "prep" and token.lower_ == "with" and token.head.pos_ in ("VERB", "AUX"):
            found = self.received.with_manner(token)
            if found is not None:
                return found
        return None

    def _objects(self, verb):
        """Direct objects and objects of "to" ("attend the clinic", "go to the day centre")."""
        for child in verb.children:
            if child.dep_ == "dobj":
                yield child
            elif child.dep_ == "prep" and child.lower_ in ("to", "with"):
                yield from (o for o in child.children if o.dep_ == "pobj")

    def _input(self, noun) -> bool:
        lemma = noun.lemma_.lower()
        if lemma in self.education and self._owned(noun):
            return False  # "complete my college course": the person's own goal
        if lemma in self.group_words:
            modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
            return not modifiers or any(m.lower_ in self.service_modifiers or m.lemma_.lower() in self.service_modifiers for m in modifiers)
        return lemma in self.inputs

    def _staff_act(self, verb, lemma):
        subject = _subject(verb)
        if subject is None:
            return None
        if self._professional(subject) and lemma in self.staff_acts:
            return subject.left_edge.idx, verb.idx + len(verb)
        if subject.lower_ in ("i", "we"):
            # "We will encourage Mrs Bevan", "I will check on her": the worker acting on the person.
            targets = [c for c in verb.children if c.dep_ == "dobj"]
            targets += [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
            targets += [t for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.children if t.dep_ == "nsubj"]
            if lemma in self.worker_acts and any(t.lower_ in ("her", "him", "them") for t in targets) \
                    or any(_titled(t, self.titles) for t in targets):
                return subject.idx, verb.idx + len(verb)
        return None

    def _professional(self, noun) -> bool:
        words = {noun.lower_, noun.lemma_.lower()}
        compounds = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        words |= {f"{c.lower_} {noun.lower_}" for c in compounds} | {f"{c.lower_} {noun.lemma_.lower()}" for c in compounds}
        return bool(words & self.professionals)

    def _care_call(self, noun) -> bool:
        """"four calls a day", "a double-handed call at bedtime": a care visit, not a phone call."""
        if any(c.dep_ == "compound" and c.lower_ in ("phone", "telephone", "video", "zoom", "facetime") for c in noun.children):
            return False
        if any(c.dep_ == "nummod" for c in noun.children):
            return True
        near = noun.doc[max(noun.i - 4, noun.sent.start):min(noun.i + 4, noun.sent.end)]
        return any(t.lower_ in self.call_words for t in near)

    def _owned(self, noun) -> bool:
        return any(c.dep_ == "poss" and c.lower_ in self.own for c in noun.children)


def _titled(noun, titles) -> bool:
    """"Mrs Bevan": a person named the way a worker writes about them."""
    return noun.pos_ == "PROPN" and any(t.lower_.rstrip(".") in titles for t in noun.subtree if t.i < noun.i)


def _subject(verb):
    """The subject of a verb, or of the verb it depends on ("Carers will help Mr Rees to wash")."""
    token = verb
    for _ in range(3):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if token.dep_ not in ("xcomp", "advcl", "conj") or token.head.i == token.i:
            return None
        if token.dep_ == "xcomp":
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if objects:
                return objects[0]  # "I'd like a befriender to come": the befriender comes
        token = token.head
    return None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged

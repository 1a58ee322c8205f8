"""Help or support received, written as an outcome (issue 16).

"James will continue to shower with prompting", "I have help to make choices", "ten hours of support a
week", "access to hospice care", "a named professional", "physio sessions planned": each names help that
the person receives, not a change in their life. ``ServiceOutcome`` asks this helper about each token.
Statements about the quality of help ("I get the help I need", "support that helps me live my life")
carry a relative clause and are left alone (``described``).
"""

from __future__ import annotations

from typing import Callable


class ReceivedHelp:
    """The issue-16 triggers of ``ServiceOutcome``, with the word lists they read."""

    def __init__(self, words: dict[str, set[str]], *, inputs: set[str], input_nouns: set[str], staff_acts: set[str],
                 services, professional: Callable, owned: Callable):
        self.manner_words = words["manner_words"]  # "with prompting", "with supervision"
        self.help_nouns = words["help_nouns"]  # help, support, assistance
        self.access_nouns = words["access_nouns"]  # access (to care)
        self.fixed_staff = words["fixed_staff"]  # named, same ... + a professional
        self.inputs = inputs  # sessions, appointments, therapy ...: services a person attends
        self.input_nouns = input_nouns  # support, visits, time ...: what a professional gives
        self.staff_acts = staff_acts
        self.services = services  # the services regex ("counselling", "respite care")
        self.professional = professional
        self.owned = owned

    def with_manner(self, prep):
        """"shower with prompting", "go out with support": the person acts, someone else prompts or helps."""
        for obj in prep.children:
            if obj.dep_ not in ("pobj", "pcomp") or obj.lemma_.lower() not in self.manner_words | self.help_nouns:
                continue
            if self.owned(obj) or self._from_someone_close(obj):
                return None  # "with my support", "with help from my son"
            if obj.lemma_.lower() in self.help_nouns and any(c.dep_ in ("det", "poss") for c in obj.children):
                return None  # "with the support of her friends"
            return extent(prep, [obj])
        return None

    def help_received(self, verb):
        """"I have help to make choices", "get support with shopping", "having support to go out"."""
        for obj in verb.children:
            if obj.dep_ != "dobj" or obj.lemma_.lower() not in self.help_nouns or described(obj):
                continue
            if self.owned(obj) or self._from_someone_close(obj):
                continue
            if any(c.dep_ in ("acl", "xcomp", "relcl") and any(a.lower_ == "to" for a in c.children) or
                   c.dep_ == "prep" and c.lower_ in ("with", "to", "for") for c in obj.children):
                return verb.idx, obj.idx + len(obj)  # "have help", "get support"
        return None

    def input_received(self, noun, lemma):
        """A support noun as the statement itself ("Support with shopping."), hours of support, access to care,
        a named or the same professional."""
        children = list(noun.children)
        if noun.dep_ == "ROOT" and lemma in self.help_nouns and not described(noun) and not self.owned(noun):
            if any(c.dep_ == "prep" and c.lower_ in ("with", "to", "for") or c.dep_ in ("acl", "relcl") and
                   any(a.lower_ == "to" for a in c.children) for c in children):
                return extent(noun, [])
        if any(c.dep_ == "nummod" for c in children):
            for prep in children:
                if prep.dep_ == "prep" and prep.lower_ == "of" and any(
                        o.lemma_.lower() in self.input_nouns | self.help_nouns for o in prep.children if o.dep_ == "pobj"):
                    return extent(noun, [prep])
        if lemma in self.access_nouns:
            for prep in children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    objects = [o for o in prep.children if o.dep_ == "pobj"]
                    if any(o.lemma_.lower() in self.input_nouns | self.help_nouns | self.inputs or self.professional(o)
                           or self._names_service(o) for o in objects):
                        return extent(noun, [prep])
        if self.professional(noun) and any(c.dep_ in ("amod", "compound") and c.lower_ in self.fixed_staff for c in children):
            return extent(noun, [])
        if self.professional(noun):
            for clause in children:
                if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in self.staff_acts \
                        and any(a.lower_ == "to" for a in clause.children):
                    return noun.left_edge.idx, clause.idx + len(clause)  # "Support worker to help …"
        return None

    def scheduled(self, verb):
        """"Weekly physio sessions planned", "travel training booked": a service arranged, as the outcome."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ in ("acl", "amod"):
            subjects.append(verb.head)
        for subject in subjects:
            if any(t.lemma_.lower() in self.inputs or t.lemma_.lower() in self.help_nouns for t in subject.subtree):
                return subject.left_edge.idx, verb.idx + len(verb)
        return None

    def _names_service(self, noun) -> bool:
        """The noun phrase names a service from the ``services`` list ("counselling", "respite care")."""
        words = noun.doc[noun.left_edge.i:noun.i + 1].text
        return self.services is not None and self.services.search(words) is not None

    def _from_someone_close(self, noun) -> bool:
        """"help from my son", "support from friends": family and friends are not a service."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                return not any(self.professional(o) for o in prep.children if o.dep_ == "pobj")
        return False


def described(noun) -> bool:
    """A noun (or one coordinated with it) with a relative clause: "the help I need", "support that helps me",
    "people who listen", "the treatment and support, which are best for me"."""
    nouns = [noun] + [c for c in noun.children if c.dep_ == "conj"]
    return any(c.dep_ in ("relcl",) for n in nouns for c in n.children)


def extent(token, parts) -> tuple[int, int]:
    """Character span from ``token`` over ``parts`` and their subtrees (the service phrase)."""
    tokens = [token]
    for part in parts:
        tokens.extend(part.subtree if part.i > token.i else [part])
    # Keep the phrase short: stop at the first clause or "to"-infinitive inside it.
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    doc = token.doc
    end = last
    for t in doc[token.i + 1:last + 1]:
        if t.dep_ in ("relcl", "advcl", "acl", "xcomp", "ccomp") or t.is_punct and t.text in ",;:":
            end = t.i - 1
            break
    end = max(end, token.i)
    return doc[first].idx, doc[end].idx + len(doc[end])

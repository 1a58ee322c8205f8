"""A parent called "Mum" or "Dad" all through a record, and never by name (issue 16).

Children call their parents Mum and Dad, and a child's own words or a letter to the child may too.
A worker's record that says "Mum did not attend" from start to finish never says who Mum is: a
reader (the parent, the child when grown up, the next worker) cannot tell which of several mums is
meant, and the parent is known only by a role. The check reports the first such use once per
document, unless the record names the parent somewhere ("Mum (Kelly)", "Kelly, Tyler's mum").

Not counted: "his mum", "Tyler's dad" (a relationship, lower case or not), sentences in the person's
own voice (I, me, my, we) or addressed to them (you, your), and quoted words.
"""

from __future__ import annotations

from .base import Check, Hit


class UnnamedParent(Check):
    name = "unnamed_parent"
    fields = ("word",)
    defaults = {
        "words": [],  # Mum, Dad, Nan ... written as a name (capital letter, exact case)
        "voice": [],  # words that mark the sentence as the person's own or addressed to them: I, my, you ...
        "possessives": [],  # his, her, their ... before the word make it a relationship, not a name
    }

    def __init__(self, rule, nlp=None):
        super().__init__(rule, nlp)
        self.words = set(self.options["words"])
        self.voice = {w.lower() for w in self.options["voice"]}
        self.possessives = {w.lower() for w in self.options["possessives"]}

    def begin(self, document):
        self._first: dict[str, Hit] = {}  # word -> its first use as a name
        self._named: set[str] = set()  # words the record names somewhere ("Mum (Kelly)")

    def sentence(self, ctx):
        if any(t.lower_ in self.voice for t in ctx.tokens):
            return ()
        for token in ctx.tokens:
            if token.text not in self.words or ctx.quoted(token.idx, token.idx + len(token.text)):
                continue
            if token.i > ctx.sent.start and (token.nbor(-1).lower_ in self.possessives or token.nbor(-1).tag_ == "POS"):
                continue  # "his Mum", "Tyler's Dad": a relationship
            if self._named_here(token):
                self._named.add(token.text)
                continue
            self._first.setdefault(token.text, Hit(ctx.block, token.idx, token.idx + len(token.text), ctx.text,
                                                   fields={"word": token.text}))
        return ()

    def end(self):
        return [hit for word, hit in self._first.items() if word not in self._named]

    @staticmethod
    def _named_here(token) -> bool:
        """"Mum (Kelly)", "Mum, Kelly Jones,", "Kelly (Mum)": the parent's name is given beside the word."""
        doc = token.doc
        after = [t for t in doc[token.i + 1:min(token.i + 4, token.sent.end)] if not t.is_punct]
        before = [t for t in doc[max(token.i - 3, token.sent.start):token.i] if not t.is_punct]
        next_word = after[0] if after else None
        gap = doc[token.i + 1] if token.i + 1 < token.sent.end else None
        if next_word is not None and next_word.pos_ == "PROPN" and gap is not None and gap.text in ("(", ",", "-", "\u2013"):
            return True
        return bool(before) and before[-1].pos_ == "PROPN" and token.i > 0 and doc[token.i - 1].text in ("(", ",")

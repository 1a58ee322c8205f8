"""The built-in lemma patterns' lemmas, shipped with sbp-lint instead of tagged at every start.

A ``attr: lemma`` phrase rule matches the lemmas of its phrases, which the tagger gives: the 463 built-in
patterns (1,639 words) went through tok2vec and the tagger at every start, 0.10 CPU s of a one-page check.
``lemma_patterns.json`` holds each pattern's words and lemmas as that tagging gave them, under the name
and version of the pipeline and of spaCy they were tagged with. Patterns it does not hold (an
organisation's own pack, a pack edited since), another pipeline or another spaCy, or a pattern the
tokenizer now cuts differently, are tagged at start-up as before.

``python -m sbp_lint.engine.lemma_table`` writes the table again; ``tests/test_lemma_table.py`` fails when it
no longer matches the built-in packs or the tagging.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

TABLE = Path(__file__).with_name("lemma_patterns.json")


def table_key(nlp) -> str:
    """What the lemmas depend on besides the words: the pipeline and spaCy's version."""
    import spacy

    from ..nlp.pipeline import pipeline_id

    return f"{pipeline_id(nlp)} spacy-{spacy.__version__}"


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    try:
        data = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("lemmas"), dict) else {}


def known_lemma_docs(nlp, texts: set[str]) -> dict:
    """Docs with their lemmas for those of ``texts`` the table holds for this pipeline and spaCy."""
    table = _table()
    if not table or table.get("key") != table_key(nlp):
        return {}
    known = table["lemmas"]
    docs = {}
    for text in texts:
        entry = known.get(text)
        if not isinstance(entry, list):
            continue
        doc = nlp.make_doc(text)
        if [token.text for token in doc] != [pair[0] for pair in entry]:
            continue  # the tokenizer cuts it differently now: tag it
        for token, (_, lemma) in zip(doc, entry):
            token.lemma_ = lemma
        docs[text] = doc
    return docs


def tag_lemma_docs(nlp, texts: set[str], known: dict | None = None) -> dict:
    """Lemma patterns, tagged once (those not ``known`` already): the tagging was a third of the matchers'
    build time at every start.

    The parser is left out (lemmas do not need it), and a hyphenated variant ("put-herself-at-risk")
    takes the lemmas of its spaced twin ("put herself at risk") when their words are the same.
    """
    docs = dict(known or {})
    todo = texts - set(docs)
    spaced = sorted(t for t in todo if "-" not in t or t.replace("-", " ") not in texts)
    no_parser = [name for name in ("parser",) if name in nlp.pipe_names]
    docs.update(zip(spaced, nlp.pipe(spaced, disable=no_parser)))
    untagged = []
    for text in sorted(todo - set(docs)):
        doc, twin = nlp.make_doc(text), docs[text.replace("-", " ")]
        if [t.text for t in doc if t.text != "-"] != [t.text for t in twin]:
            untagged.append(text)
            continue
        lemmas = iter(t.lemma_ for t in twin)
        for token in doc:
            token.lemma_ = "-" if token.text == "-" else next(lemmas)
        docs[text] = doc
    docs.update(zip(untagged, nlp.pipe(untagged, disable=no_parser)))
    return docs


def builtin_lemma_texts() -> set[str]:
    """Every built-in English lemma pattern, in every spelling the engine adds (``phrase_variants``)."""
    from ..nlp.language import ENGLISH
    from ..packs import load_packs
    from ..phrases import phrase_variants

    return {variant for pack in load_packs() for rule in pack.rules
            if rule.language == ENGLISH and rule.kind == "phrase" and rule.spec.attr == "lemma"
            for phrase in rule.spec.phrases for variant in phrase_variants(phrase)}


def tagged_table(nlp) -> dict:
    """The table as tagging the built-in patterns now gives it (all together, as a default run tags them)."""
    docs = tag_lemma_docs(nlp, builtin_lemma_texts())
    return {"key": table_key(nlp),
            "lemmas": {text: [[token.text, token.lemma_] for token in docs[text]] for text in sorted(docs)}}


def main() -> None:
    from ..nlp.pipeline import load_pipeline

    table = tagged_table(load_pipeline())
    lines = [f"  {json.dumps(text, ensure_ascii=False)}: {json.dumps(pairs, ensure_ascii=False)}"
             for text, pairs in table["lemmas"].items()]  # one pattern a line: a changed pack shows in a diff
    body = ",\n".join(lines)
    TABLE.write_text(f'{{"key": {json.dumps(table["key"])},\n "lemmas": {{\n{body}\n}}}}\n', encoding="utf-8")
    print(f"{TABLE}: {len(table['lemmas'])} patterns for {table['key']}")


if __name__ == "__main__":
    main()

"""The library API: ``Linter().check_text(...)``; the CLI and every other surface are thin layers over it.

A document goes: reader (``documents``) -> blocks with their outcome statements marked
(``nlp.outcomes``) -> the language pipeline in bounded batches (``nlp.batching``) -> the rules
(``engine``) -> what is reported (``policy``) -> findings.
"""

from __future__ import annotations

import functools
from typing import Iterator

from .config import Config
from .documents import Document, format_for, parse_bytes, parse_text, read_file_bytes
from .engine.build import restore as restore_finding
from .errors import DocumentError
from .findings import FileResult, Finding
from .nlp import batching
from .nlp.language import ENGLISH, WELSH, split_by_language
from .nlp.outcomes import mark_outcomes
from .nlp.pipeline import installed_pipeline_id, load_pipeline, pipeline_id
from .nlp.welsh import load_welsh_pipeline
from .packs import Pack, Rule, load_packs
from .policy import Policy
from . import rewrite

BATCH_SIZE = batching.BATCH_SIZE  # paragraphs per nlp.pipe batch: fast, and memory stays flat


def example_document(rule: Rule, text: str) -> str:
    """A rule example as a document: outcome rules see it as an outcome statement."""
    if text.lstrip().startswith("#") or rule.scope != "outcome":
        return text
    return "## Personal outcomes\n\n" + text


class Linter:
    """Loads the rule packs at once, and the pipeline and compiled rules when a text is first checked.

    A run whose files are all in the cache never loads spaCy: the cache key needs only the pipeline's
    name and version (``pipeline_id``, read from its package), and restoring a cached finding needs
    only the rules. ``prepare()`` loads both (the runner calls it before forking its workers)."""

    def __init__(self, config: Config | None = None, *, select: list[str] | None = None,
                 ignore: list[str] | None = None, model: str | None = None):
        self.config = config or Config()
        self.model = model or self.config.model
        self.packs: list[Pack] = load_packs(self.config.packs, self.config.extra_packs)
        self.policy = Policy(self.config, [rule for pack in self.packs for rule in pack.rules], select, ignore)
        self.rules = self.policy.rules
        self.all_rules = self.policy.all_rules
        self._rules_by_id = {rule.id: rule for rule in self.rules}
        self.block_pool = None  # a ``nlp.parallel.BlockPool``: one document's blocks parsed in worker processes

    @functools.cached_property
    def nlp(self):
        """The English spaCy pipeline, loaded on first use (once per process: ``load_pipeline`` is cached)."""
        return load_pipeline(self.model)

    @functools.cached_property
    def engine(self):
        """The rules compiled against the pipeline (matchers, checks), built on first use."""
        from .engine import Engine

        return Engine(self.nlp, self.rules)

    @functools.cached_property
    def pipeline_id(self) -> str:
        """The pipeline's name and version, for cache keys: without loading it when its package tells."""
        if "nlp" in self.__dict__:
            return pipeline_id(self.nlp)
        return installed_pipeline_id(self.model) or pipeline_id(self.nlp)

    @property
    def pipeline_as_predicted(self) -> bool:
        """False only when the loaded pipeline is not the one ``pipeline_id`` named (its first choice failed
        to load): cache entries keyed with that name must not be written."""
        return "nlp" not in self.__dict__ or pipeline_id(self.nlp) == self.pipeline_id

    def prepare(self) -> "Linter":
        """Load the pipeline and compile the rules now (before worker processes are forked, so they share them)."""
        self.engine  # noqa: B018 - the property loads both
        return self

    # -- texts and documents --------------------------------------------
    def check_text(self, text: str, path: str = "<text>", fmt: str = "markdown") -> list[Finding]:
        return self.check_document(parse_text(text, path, fmt))

    def check_bytes(self, data: bytes, path: str, fmt: str | None = None) -> FileResult:
        """A file's content checked as if read from ``path`` (its extension picks the reader)."""
        try:
            document = parse_bytes(data, path, fmt or format_for(path))
        except DocumentError as exc:
            return FileResult(path=path, error=exc.reason)
        findings = self.check_document(document)
        return FileResult(path=path, findings=findings, encoding=document.encoding, audience=document.audience,
                          kind=document.kind, profile=document.profile,
                          sources=block_sources(document.blocks, findings))

    def check_document(self, document: Document) -> list[Finding]:
        """Findings for ``document``; also sets ``document.kind`` (what its structure is checked against),
        ``document.audience`` (who it is about, for the wording) and ``document.profile`` (what it does well)."""
        document.blocks = self._prepare(document)
        # The parse starts first: with worker processes (``block_pool``) they parse while this process works
        # out the kind and audience and, on the first document, compiles the rules.
        docs = self._parse([b for b in document.blocks if b.text.strip()])
        document.kind = self.policy.kind(document).value  # before the audience: a Signs of Safety record is a child's
        document.audience = self.policy.audience(document)
        findings = self.policy.apply(document, list(self.engine.check(document, docs)))
        rewrite.attach(findings, document.blocks)  # after the policy: a suppressed finding changes nothing
        findings.sort(key=lambda f: (f.line, f.column, f.rule))
        return findings

    def _parse(self, blocks: list) -> Iterator:
        """Each block's Doc, in order: English blocks through the English pipeline, Welsh ones through the
        Welsh tokenizer (loaded only when a document has Welsh in it)."""
        pipe = self.block_pool.pipe if self.block_pool is not None else batching.pipe_texts
        if all(b.language == ENGLISH for b in blocks):
            return pipe(self.nlp, [b.text for b in blocks])
        english = pipe(self.nlp, [b.text for b in blocks if b.language == ENGLISH])
        welsh = batching.pipe_texts(load_welsh_pipeline(), [b.text for b in blocks if b.language == WELSH])
        return (next(welsh) if b.language == WELSH else next(english) for b in blocks)

    def _prepare(self, document: Document) -> list:
        """Outcome statements marked, long blocks cut (a 1 MB line must not become one Doc), blocks cut where
        the language changes (a Welsh sentence, then its English twin), blocks numbered."""
        for index, block in enumerate(document.blocks):
            block.source = (index, 0)
        mark_outcomes(document.blocks, self.config.outcome_headings)
        blocks = split_by_language(batching.split_long_blocks(document.blocks))
        for index, block in enumerate(blocks):
            block.index = index
        return blocks

    def restore(self, result: FileResult, data: bytes) -> FileResult | None:
        """Put the document's words back into findings kept without them (from the cache).

        The file's bytes (those its cache key was made from) are parsed without the language pipeline;
        if that fails, or the findings no longer fit, None asks the caller to check the file afresh."""
        if not any(f.block_span for f in result.findings):
            return result
        try:
            document = parse_bytes(data, result.path, format_for(result.path))
        except DocumentError:
            return None
        texts = _texts_from_sources(document.blocks, result.sources) if result.sources is not None else None
        if texts is None:  # an entry without the blocks' sources: cut the blocks again as a check does
            texts = {block.index: block.text for block in self._prepare(document)}
        findings = [restore_finding(f, texts, self._rules_by_id.get(f.rule)) if f.block_span else f
                    for f in result.findings]
        if any(f is None for f in findings):
            return None
        return FileResult(path=result.path, findings=findings, encoding=result.encoding, audience=result.audience,
                          kind=result.kind, profile=result.profile, sources=result.sources)

    def check_file(self, path: str) -> FileResult:
        try:
            data = read_file_bytes(path, self.config.max_bytes)
        except DocumentError as exc:
            return FileResult(path=path, error=exc.reason)
        return self.check_bytes(data, path)

    def check_example(self, rule: Rule, text: str) -> list[Finding]:
        """Check one of a rule's own examples in the context the rule needs."""
        return self.check_text(example_document(rule, text), path=f"<{rule.id} example>")

    def explain_text(self, text: str):
        """The parsed sentence and the findings, for rule authors."""
        document = parse_text(text, "<text>", "markdown")
        return self.nlp(" ".join(b.text for b in document.blocks if b.text.strip())), self.check_document(document)


def block_sources(blocks: list, findings: list[Finding]) -> dict[int, tuple[int, int]]:
    """Where the blocks that ``findings`` name lie among the reader's blocks (see ``Block.source``)."""
    named = {f.block_span[0] for f in findings if f.block_span}
    return {index: blocks[index].source for index in sorted(named) if 0 <= index < len(blocks)}



def _texts_from_sources(read: list, sources: dict[int, tuple[int, int]]) -> dict[int, str] | None:
    """The text of each block ``sources`` names, from its start on, cut from the reader's blocks without
    cutting them again (no language detection); None if a source does not fit this document."""
    texts = {}
    for index, (origin, offset) in sources.items():
        if not 0 <= origin < len(read) or offset > len(read[origin].text):
            return None
        texts[index] = read[origin].text[offset:]
    return texts

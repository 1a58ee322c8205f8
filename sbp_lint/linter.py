"""The library API: ``Linter().check_text(...)``; the CLI is a thin layer over it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterable, Iterator

from .nlp import batching
from .policy import suppress
from .config import Config
from .nlp.context import mark_outcomes
from .documents import Document, format_for, parse_bytes, parse_text, read_document
from .engine import Engine
from .errors import ConfigError, DocumentError
from .run.files import expand_paths
from .findings import FileResult, Finding, Severity
from .policy.overrides import Overrides
from .packs import Pack, Rule, load_packs
from .nlp.pipeline import load_pipeline

BATCH_SIZE = batching.BATCH_SIZE  # paragraphs per nlp.pipe batch: fast, and memory stays flat


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    """Rules picked by ``select`` (all when empty) minus ``ignore``; names are ids, id prefixes, packs or categories."""
    for name in [*select, *ignore]:
        if not any(rule.selected_by(name) for rule in rules):
            raise ConfigError(f"'{name}' names no rule, pack or category")
    chosen = [r for r in rules if not select or any(r.selected_by(n) for n in select)]
    return [r for r in chosen if not any(r.selected_by(n) for n in ignore)]


def example_document(rule: Rule, text: str) -> str:
    """A rule example as a document: outcome rules see it as an outcome statement."""
    if text.lstrip().startswith("#") or rule.scope != "outcome":
        return text
    return "## Personal outcomes\n\n" + text


class Linter:
    """Loads the pipeline and rule packs once; checks texts and files."""

    def __init__(self, config: Config | None = None, *, select: list[str] | None = None,
                 ignore: list[str] | None = None, model: str | None = None):
        self.config = config or Config()
        self.packs: list[Pack] = load_packs(self.config.packs, self.config.extra_packs)
        all_rules = [rule for pack in self.packs for rule in pack.rules]
        self.rules = select_rules(all_rules, select if select else self.config.select, [*self.config.ignore, *(ignore or [])])
        # Per-glob overrides may turn on rules the base selection leaves off: run those too.
        self.overrides = Overrides(self.config, all_rules, self.rules, select, ignore)
        self.rules += self.overrides.extra_rules()
        self.rules = [self._with_options(rule) for rule in self.rules]
        self.all_rules = {rule.id: rule for rule in all_rules}
        self._check_rule_ids(all_rules)
        self.nlp = load_pipeline(model or self.config.model)
        severity = {rule_id: Severity.parse(level) for rule_id, level in self.config.severity.items()}
        self.engine = Engine(self.nlp, self.rules, allow=self.config.allow, severity=severity)

    def _with_options(self, rule: Rule) -> Rule:
        extra = self.config.options.get(rule.id)
        return dataclasses.replace(rule, options={**rule.options, **extra}) if extra else rule

    def _check_rule_ids(self, rules: list[Rule]) -> None:
        known = {r.id for r in rules}
        for key in [*self.config.severity, *self.config.options]:
            if key not in known:
                raise ConfigError(f"configuration names unknown rule '{key}'", self.config.path)

    # -- texts and documents --------------------------------------------
    def check_text(self, text: str, path: str = "<text>", fmt: str = "markdown") -> list[Finding]:
        return self.check_document(parse_text(text, path, fmt))

    def check_document(self, document: Document) -> list[Finding]:
        # A 1 MB line must not become one Doc: long blocks are cut, batches capped by size.
        document.blocks = self._prepare(document)
        texts = [b.text for b in document.blocks if b.text.strip()]
        docs = batching.pipe_texts(self.nlp, texts)
        findings = self._adjust(document, list(self.engine.check(document, docs)))
        findings.sort(key=lambda f: (f.line, f.column, f.rule))
        return findings

    def _prepare(self, document: Document) -> list:
        """Outcome statements marked, long blocks cut (a 1 MB line must not become one Doc), blocks numbered."""
        mark_outcomes(document.blocks, self.config.outcome_headings)
        blocks = batching.split_long_blocks(document.blocks)
        for index, block in enumerate(blocks):
            block.index = index
        return blocks

    def restore(self, result: FileResult, data: bytes) -> FileResult:
        """Put the document's words back into findings kept without them (from the cache).

        The file's bytes (those its cache key was made from) are parsed without the language pipeline;
        if that fails, or the findings no longer fit, None asks the caller to check the file afresh."""
        if not any(f.anchor for f in result.findings):
            return result
        try:
            document = parse_bytes(data, result.path, format_for(result.path))
        except DocumentError:
            return None
        blocks = self._prepare(document)
        findings = [self.engine.restore(f, blocks) if f.anchor else f for f in result.findings]
        if any(f is None for f in findings):
            return None
        return FileResult(path=result.path, findings=findings, encoding=result.encoding)

    def _adjust(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """Per-glob overrides, then inline suppression comments: both act on findings already made."""
        findings = self.overrides.apply(document.path, findings)
        return suppress.apply(document, findings, self.all_rules, self.config.report_unused_suppressions,
                              self.overrides.active(document.path))

    def check_file(self, path: str) -> FileResult:
        try:
            document = read_document(path, max_bytes=self.config.max_bytes)
        except DocumentError as exc:
            return FileResult(path=path, error=exc.reason)
        return FileResult(path=path, findings=self.check_document(document), encoding=document.encoding)

    def files(self, paths: Iterable[str]) -> Iterator[str]:
        """The files ``paths`` name, after the configuration's include and exclude globs."""
        config = self.config
        return expand_paths(list(paths), config.include, config.exclude, config.force_exclude)

    def check_paths(self, paths: Iterable[str]) -> Iterator[FileResult]:
        for path in self.files(paths):
            yield self.check_file(path)

    def check_example(self, rule: Rule, text: str) -> list[Finding]:
        """Check one of a rule's own examples in the context the rule needs."""
        return self.check_text(example_document(rule, text), path=f"<{rule.id} example>")

    def explain_text(self, text: str):
        """The parsed sentence and the findings, for rule authors."""
        document = parse_text(text, "<text>", "markdown")
        return self.nlp(" ".join(b.text for b in document.blocks if b.text.strip())), self.check_document(document)

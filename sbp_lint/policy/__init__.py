"""The policy: the one place that decides what is reported.

The engine reports every match of every rule it runs. What a user sees of those is decided
here, in this order: which rules are selected (configuration, ``--select``/``--ignore``),
then for each file its settings (``overrides``: active rules, severities and the allow-list
``glossary``, the configuration's own included), who the document is about (``audience``:
rules for one audience only, and each rule's words for it), then inline ``suppress`` comments.
A ``baseline`` then hides the findings a library has accepted.
"""

from __future__ import annotations

import dataclasses

from .. import audience as audiences
from ..audience import Audience
from ..config import Config
from ..documents.base import Document
from ..errors import ConfigError
from ..findings import Finding
from ..packs import Rule, templates
from ..packs.kinds import CheckSpec
from . import suppress
from .overrides import Overrides


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    """Rules picked by ``select`` (all when empty) minus ``ignore``; names are ids, id prefixes, packs or categories."""
    for name in [*select, *ignore]:
        if not any(rule.selected_by(name) for rule in rules):
            raise ConfigError(f"'{name}' names no rule, pack or category")
    chosen = [r for r in rules if not select or any(r.selected_by(n) for n in select)]
    return [r for r in chosen if not any(r.selected_by(n) for n in ignore)]


class Policy:
    def __init__(self, config: Config, all_rules: list[Rule], select: list[str] | None = None,
                 ignore: list[str] | None = None):
        self.config = config
        self.all_rules = {rule.id: rule for rule in all_rules}
        _check_rule_ids(config, self.all_rules)
        selected = select_rules(all_rules, select if select else config.select, [*config.ignore, *(ignore or [])])
        self.overrides = Overrides(config, all_rules, selected, select, ignore)
        # Per-glob overrides may turn on rules the base selection leaves off: those run too.
        self.rules = [rule.with_options(config.options.get(rule.id), config.path, config.option_lines.get(rule.id))
                      for rule in [*selected, *self.overrides.extra_rules()]]

    def audience(self, document: Document) -> Audience:
        """Who ``document`` is about: as the configuration (or an override for its path) says, else detected."""
        setting = self.overrides.for_path(document.path).audience
        fixed = audiences.configured(setting)
        if fixed is not None:
            return fixed
        blocks = [b for b in document.blocks if b.text.strip()]
        return audiences.detect((b.text for b in blocks if b.kind != "heading"), (b.text for b in blocks if b.kind == "heading"),
                                kind=getattr(document, "kind", None))  # the document's kind, where another step names it

    def apply(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """The findings the user sees for ``document``: its active rules, audience, severities, allow-list and comments."""
        settings = self.overrides.for_path(document.path)
        audience = document.audience.known if document.audience else None
        kept = []
        for finding in findings:
            if finding.rule not in settings.active or settings.allow.allows(finding.text):
                continue
            rule = self.all_rules.get(finding.rule)
            if rule is not None and (rule.audiences or rule.wording):
                if not rule.runs_for(audience):
                    continue
                finding = _worded_for(finding, rule, audience)
            if finding.rule in settings.severity:
                finding = dataclasses.replace(finding, severity=settings.severity[finding.rule])
            kept.append(finding)
        return suppress.apply(document, kept, self.all_rules, self.config.report_unused_suppressions, settings.active)


def _worded_for(finding: Finding, rule: Rule, audience: str | None) -> Finding:
    """``finding`` in ``rule``'s words for ``audience`` (its message, suggestions and severity), when it has them."""
    if audience not in rule.wording:
        return finding
    worded = dataclasses.replace(finding, details={**finding.details, "audience": audience},
                                 severity=rule.for_audience(audience).severity)
    templates.render(worded, rule)  # reads details["audience"], as a cached finding's rebuild does
    return worded


def _check_rule_ids(config: Config, known: dict[str, Rule]) -> None:
    for key in [*config.severity, *config.options]:
        if key not in known:
            raise ConfigError(f"configuration names unknown rule '{key}'", config.path, config.option_lines.get(key))
    for key, options in config.options.items():
        if options and not isinstance(known[key].spec, CheckSpec):
            raise ConfigError(f"rule '{key}' is a {known[key].kind} rule and takes no options "
                              "(only named checks do: see 'sbp-lint explain RULE')", config.path, config.option_lines.get(key))

"""SARIF 2.1.0, as GitHub code scanning reads it.

GitHub uses: ``tool.driver.rules`` (id, shortDescription, fullDescription,
help, defaultConfiguration.level), and per result ruleId, level, message,
the first physical location and ``partialFingerprints.primaryLocationLineHash``.
We always set that fingerprint ourselves (rule + sentence, not line), so an
alert survives paragraphs moving and GitHub never tries to hash a Word file.
"""

from __future__ import annotations

import re
from typing import TextIO
from urllib.parse import quote

from .. import __version__, fastjson
from ..findings import FileResult, Finding, Severity
from ..identity import fingerprints
from ..packs import Rule
from ..packs.docs import rule_doc
from ..policy.suppress import META_RULES
from .common import is_binary, message_text, relative_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
_FIELD = re.compile(r"\{[a-z_]+\}")
_LIMIT = 1024  # GitHub's limit for short and full descriptions


def _plain(template: str) -> str:
    """A message template without its placeholders: "'{match}' hides the reason" → "'…' hides the reason"."""
    return _FIELD.sub("…", template)[:_LIMIT]


def rule_name(rule_id: str) -> str:
    """'deficit.suffers-from' → 'DeficitSuffersFrom' (SARIF wants a readable identifier)."""
    return "".join(part.capitalize() for part in re.split(r"[._-]+", rule_id) if part)


def descriptor(rule: Rule) -> dict:
    doc = rule_doc(rule)
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": _plain(rule.message)},
        "fullDescription": {"text": rule.why[:_LIMIT]},
        "help": {"text": doc.as_text(), "markdown": doc.as_markdown()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": sorted({rule.category, rule.pack}), "problem.severity": _problem_severity(rule.severity)},
    }


def _problem_severity(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "recommendation"}[severity]


def _fallback_descriptor(finding: Finding) -> dict:
    """A rule the run did not list (should not happen): still a valid, readable descriptor."""
    return {
        "id": finding.rule,
        "name": rule_name(finding.rule),
        "shortDescription": {"text": finding.rule},
        "fullDescription": {"text": f"{finding.category} finding"},
        "help": {"text": finding.message, "markdown": finding.message},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": [finding.category]},
    }


def _region(finding: Finding) -> dict:
    end_line = max(finding.end_line, finding.line)
    end_column = finding.end_column
    if end_line == finding.line and end_column <= finding.column:
        end_column = finding.column + 1  # a zero-width span still marks one character
    return {"startLine": finding.line, "startColumn": finding.column, "endLine": end_line, "endColumn": end_column}


def _result(finding: Finding, index: int, uri: str, fingerprint: str, binary: bool) -> dict:
    location: dict = {
        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(finding)},
    }
    if finding.location:
        location["logicalLocations"] = [{"name": finding.location}]
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": message_text(finding, with_sentence=binary)},
        "locations": [location],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
        "properties": {"category": finding.category},
    }
    fix = None if binary else _fix(finding, uri)
    if fix is not None:
        result["fixes"] = [fix]
    return result


def _fix(finding: Finding, uri: str) -> dict | None:
    """A safe rewrite as a SARIF fix: the sentence's region replaced by the rewritten sentence.

    Only where the file holds the sentence as it reads (one line, no markup inside it), and never
    under --redact (a redacted finding has no recipe, and its rewrite is a token)."""
    rewrite, recipe = finding.rewrite, finding.recipe
    if rewrite is None or not rewrite.safe or not recipe or not recipe.get("region"):
        return None
    line, column, end_line, end_column = recipe["region"]
    region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    return {
        "description": {"text": "Rewrite the sentence: " + rewrite.text},
        "artifactChanges": [{"artifactLocation": {"uri": uri},
                             "replacements": [{"deletedRegion": region, "insertedContent": {"text": rewrite.text}}]}],
    }


def as_dict(results: list[FileResult], rules: list[Rule]) -> dict:

    descriptors = [descriptor(rule) for rule in rules]
    index = {rule.id: i for i, rule in enumerate(rules)}

    def rule_index(finding: Finding) -> int:
        if finding.rule not in index:
            meta = META_RULES.get(finding.rule)
            descriptors.append(descriptor(meta) if meta else _fallback_descriptor(finding))
            index[finding.rule] = len(descriptors) - 1
        return index[finding.rule]

    sarif_results = []
    notifications = []
    for result in results:
        path = relative_path(result.path)
        uri = quote(path, safe="/")
        if result.error:
            notifications.append({
                "level": "error",
                "message": {"text": f"{path}: {result.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            })
            continue
        binary = is_binary(path)
        for finding, fingerprint in zip(result.findings, fingerprints(result.findings)):
            sarif_results.append(_result(finding, rule_index(finding), uri, fingerprint, binary))
    invocation = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sbp-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",  # our columns count characters, not UTF-16 units
            "results": sarif_results,
        }],
    }


def report(results, rules, out: TextIO) -> None:
    out.write(fastjson.dumps_indented(as_dict(results, rules)))  # strict JSON: never NaN
    out.write("\n")

"""Rule docs in the ruff manner, shared by ``sbp-lint explain`` and SARIF's rule help:
what it flags, why it matters, an example and a better version."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Rule


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    examples: tuple[str, ...]  # flagged
    better: str
    suggestions: tuple[str, ...]
    passing: tuple[str, ...]  # not flagged

    def as_text(self) -> str:
        text = f"What it flags: {self.what}\nWhy it matters: {self.why}\nExample: {self.examples[0] if self.examples else ''}\nUse instead: {self.better}"
        return text + (f"\nSuggestions: {'; '.join(self.suggestions)}" if self.suggestions else "")

    def as_markdown(self) -> str:
        example = self.examples[0] if self.examples else ""
        markdown = (f"**What it flags**\n\n{self.what}\n\n**Why it matters**\n\n{self.why}\n\n"
                    f"**Example**\n\n> {example}\n\n**Use instead**\n\n> {self.better}\n")
        if self.suggestions:
            markdown += "\n**Suggestions**\n\n" + "\n".join(f"- {s}" for s in self.suggestions) + "\n"
        return markdown


def rule_doc(rule: Rule) -> RuleDoc:
    passing = tuple(e.text for e in rule.pass_examples)
    return RuleDoc(
        what=rule.spec.describe(rule.message),
        why=rule.why,
        examples=tuple(e.text for e in rule.flag_examples),
        better=rule.better or (passing[0] if passing else ""),
        suggestions=rule.suggestions,
        passing=passing,
    )

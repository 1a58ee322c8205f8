"""Rule docs in the ruff manner, shared by ``sbp-lint explain`` and SARIF's rule help:
what it flags, why it matters, an example and a better version."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Rule

# What each category means, in a line: shown by ``explain`` and in SARIF rule help, so a reader can tell
# care jargon from a formal word before deciding whether to act on it.
CATEGORY_HELP = {
    "deficit": "deficit-based or blaming words about a person or family",
    "jargon": "care-system language and acronyms the person would not use",
    "plain_language": "a general formal word with a plainer everyday one (a suggestion, not care jargon)",
    "label": "a noun that makes a condition or service status the person's identity",
    "passive": "a passive verb that hides who decided or acted",
    "service_as_outcome": "a service or input written where a personal outcome should be",
    "missing_first_person": "an outcome not in the person's own voice",
    "readability": "hard to read",
    "structure": "something the record as a whole leaves out",
}


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    examples: tuple[str, ...]  # flagged
    better: str
    suggestions: tuple[str, ...]
    passing: tuple[str, ...]  # not flagged
    category: str = ""  # "plain_language: a general formal word …"

    def as_text(self) -> str:
        text = f"What it flags: {self.what}\nWhy it matters: {self.why}\nExample: {self.examples[0] if self.examples else ''}\nUse instead: {self.better}"
        text += f"\nCategory: {self.category}" if self.category else ""
        return text + (f"\nSuggestions: {'; '.join(self.suggestions)}" if self.suggestions else "")

    def as_markdown(self) -> str:
        example = self.examples[0] if self.examples else ""
        markdown = (f"**What it flags**\n\n{self.what}\n\n**Why it matters**\n\n{self.why}\n\n"
                    f"**Example**\n\n> {example}\n\n**Use instead**\n\n> {self.better}\n")
        if self.category:
            markdown += f"\n**Category**\n\n{self.category}\n"
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
        category=category_line(rule.category),
    )


def category_line(category: str) -> str:
    """"plain_language: a general formal word …" (the bare name for a category without a description)."""
    help_text = CATEGORY_HELP.get(category)
    return f"{category}: {help_text}" if help_text else category

"""``sbp-lint explain``: rule docs in the ruff manner, and a parse view for rule authors."""

from __future__ import annotations

from typing import TextIO

from rich.markup import escape
from rich.table import Table

from ..packs import Rule
from ..reporters.text import make_console, render_finding


def _what(rule: Rule) -> str:
    if rule.kind == "phrase":
        shown = ", ".join(f"'{p}'" for p in rule.phrases[:12]) + (" …" if len(rule.phrases) > 12 else "")
        how = {"lemma": "and other forms of the same word", "orth": "in exactly this letter case"}.get(rule.attr, "in any letter case")
        return f"The words {shown}, {how}."
    if rule.kind == "check":
        return f"Found by the '{rule.check}' check: " + rule.message.replace("{match}", "…")
    return f"Matched by {len(rule.patterns)} {rule.kind} pattern(s): " + rule.message.replace("{match}", "…")


def explain_rule(rule: Rule, out: TextIO) -> None:
    console = make_console(out)
    console.print(f"[bold]{rule.id}[/bold] ({rule.category}, {rule.severity}) from the '{rule.pack}' pack")
    if rule.scope != "all":
        console.print(f"Applies to: {'outcome statements only' if rule.scope == 'outcome' else 'text outside outcome statements'}")
    console.print()
    console.print("[bold]What it flags[/bold]")
    console.print("  " + escape(_what(rule)))
    console.print()
    console.print("[bold]Why it matters[/bold]")
    console.print("  " + escape(rule.why))
    console.print()
    console.print("[bold]Example[/bold]")
    for example in rule.flag_examples[:2]:
        console.print("  " + escape(example))
    console.print()
    console.print("[bold]Use instead[/bold]")
    console.print("  " + escape(rule.better or rule.pass_examples[0]))
    if rule.suggestions:
        console.print()
        console.print("[bold]Suggestions[/bold]")
        for suggestion in rule.suggestions:
            console.print("  - " + escape(suggestion))
    console.print()
    console.print("[bold]Not flagged[/bold]")
    for example in rule.pass_examples:
        console.print("  " + escape(example))


def explain_text(linter, sentence: str, out: TextIO) -> None:
    console = make_console(out)
    doc, findings = linter.explain_text(sentence)
    table = Table(box=None, header_style="bold")
    for column in ("#", "text", "lemma", "pos", "tag", "dep", "head"):
        table.add_column(column)
    for token in doc:
        table.add_row(str(token.i), token.text, token.lemma_, token.pos_, token.tag_, token.dep_, f"{token.head.i} {token.head.text}")
    console.print(table)
    console.print()
    if not findings:
        console.print("No rule matched.")
    for finding in findings:
        render_finding(console, "<text>", finding)

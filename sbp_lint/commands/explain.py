"""``sbp-lint explain``: rule docs in the ruff manner, and a parse view for rule authors."""

from __future__ import annotations

from typing import TextIO

from rich.markup import escape
from rich.table import Table

from ..config import Config
from ..errors import SbpError
from ..packs import Pack, Rule, load_packs
from ..packs.model import Wording
from ..packs.docs import rule_doc
from ..policy.suppress import META_RULES
from ..reporters.text import make_console, render_findings


def explain_rule(rule: Rule, out: TextIO) -> None:
    console = make_console(out)
    doc = rule_doc(rule)
    console.print(f"[bold]{rule.id}[/bold] ({rule.category}, {rule.severity}) from the '{rule.pack}' pack")
    console.print(f"Category: {escape(doc.category)}")
    if rule.scope != "all":
        console.print(f"Applies to: {'outcome statements only' if rule.scope == 'outcome' else 'text outside outcome statements'}")
    if rule.audiences:
        console.print(f"Runs for: documents about {_people(rule.audiences)} (and those whose audience is not known)")
    console.print()
    console.print("[bold]What it flags[/bold]")
    console.print("  " + escape(doc.what))
    console.print()
    console.print("[bold]Why it matters[/bold]")
    console.print("  " + escape(doc.why))
    console.print()
    console.print("[bold]Example[/bold]")
    for example in doc.examples[:2]:
        console.print("  " + escape(example))
    console.print()
    console.print("[bold]Use instead[/bold]")
    console.print("  " + escape(doc.better))
    if doc.suggestions:
        console.print()
        console.print("[bold]Suggestions[/bold]")
        for suggestion in doc.suggestions:
            console.print("  - " + escape(suggestion))
    console.print()
    console.print("[bold]Not flagged[/bold]")
    for example in doc.passing:
        console.print("  " + escape(example))
    for audience, wording in rule.wording.items():
        _explain_wording(console, rule, audience, wording)


_PEOPLE = {"child": "children", "adult": "adults"}


def _people(audiences) -> str:
    return " and ".join(_PEOPLE.get(a, a) for a in audiences)


def _explain_wording(console, rule: Rule, audience: str, wording: Wording) -> None:
    """A rule's own words for documents about children or adults (``audience:`` in its YAML)."""
    console.print()
    console.print(f"[bold]In a document about {_PEOPLE.get(audience, audience)}[/bold]")
    if wording.severity is not None and wording.severity != rule.severity:
        console.print(f"  Severity: {wording.severity}")
    for label, value in (("Message", wording.message), ("Why", wording.why), ("Use instead", wording.better)):
        if value:
            console.print(f"  {label}: " + escape(value.replace("{match}", "…")))
    if wording.suggestions is not None:
        console.print("  Suggestions: " + escape("; ".join(wording.suggestions) or "(none)"))


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
    render_findings(console, "<text>", findings)


def explain_rule_id(rule_id: str, config: Config, out: TextIO) -> None:
    rules = {**META_RULES, **{r.id: r for p in load_packs(config.packs, config.extra_packs) for r in p.rules}}
    if rule_id not in rules:
        raise SbpError(f"unknown rule '{rule_id}' (see 'sbp-lint rules')")
    explain_rule(rules[rule_id], out)


def list_packs(packs: list[Pack], out: TextIO) -> None:
    """``sbp-lint rules``: a table per pack."""
    console = make_console(out)
    for pack in packs:
        table = Table(title=f"{pack.name}: {pack.description}", title_justify="left", box=None, header_style="bold")
        for column in ("rule", "category", "severity", "kind"):
            table.add_column(column)
        for rule in pack.rules:
            table.add_row(rule.id, rule.category, str(rule.severity), rule.spec.name)
        console.print(table)
        console.print()

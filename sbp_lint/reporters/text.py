"""Human output: each sentence once, its flagged words marked, its findings and rewrite under it;
repeats folded; the counts; and "Fix these first".

Two renderings of the same groups (``grouping.py``): plain lines with ``^`` marks for files, pipes
and CI logs, written straight to the stream (rich's console took 0.7 ms a finding, half a minute
for a library with 40,000 findings), and rich's styles on a terminal.
"""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .grouping import DEFAULT_TOP, SentenceGroup, Shown, file_groups, places, priorities, priority_places
from .summary import summary

_STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}
_WIDTH = 100  # plain output: sentences and rewrites wrap here, so the ^ marks stay under their words
_INDENT = "    "


def make_console(out: TextIO) -> Console:
    # rich already honours NO_COLOR and drops colour when ``out`` is not a terminal.
    return Console(file=out, highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


# Control characters a document may hold (ESC sequences would drive the terminal) shown as U+FFFD: one
# character for one, so the ^ marks stay under the span.
_CONTROLS = {c: "\ufffd" for c in [*range(0x00, 0x20), 0x7f, *range(0x80, 0xa0)]}


def visible(text: str) -> str:
    """``text`` on one line, its control characters shown as U+FFFD."""
    return " ".join(text.split()).translate(_CONTROLS)


def _where(path: str, finding) -> str:
    where = f"{path}:{finding.line}:{finding.column}"
    return where + f" ({finding.location})" if finding.location else where


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


# -- plain ------------------------------------------------------------------------------------------

def wrap_marked(sentence: str, spans: list[tuple[int, int, object]], width: int = _WIDTH - len(_INDENT)) -> list[str]:
    """The sentence on one line or more, each followed by a line of ``^`` under the marked words on it."""
    flat = visible(sentence)
    marks = [" "] * len(flat)
    for start, end, _ in spans:
        for i in range(start, min(end, len(flat))):
            marks[i] = "^"
    lines, start = [], 0
    while start < len(flat):
        end = len(flat) if len(flat) - start <= width else (flat.rfind(" ", start, start + width + 1))
        if end <= start:  # one word longer than the width
            end = min(len(flat), start + width)
        lines.append(flat[start:end])
        mark = "".join(marks[start:end]).rstrip()
        if mark:
            lines.append(mark)
        start = end + 1 if end < len(flat) and flat[end] == " " else end
    return lines


def _wrap(text: str, first: str, width: int = _WIDTH) -> list[str]:
    """``first`` + text, wrapped with a hanging indent (for rewrites)."""
    words, lines, line = text.split(), [], first
    hang = " " * len(first)
    for word in words:
        if len(line) + len(word) + 1 > width and line.strip() != first.strip():
            lines.append(line.rstrip())
            line = hang
        line += ("" if line in (first, hang) else " ") + word
    lines.append(line.rstrip())
    return lines


def _plain_shown(path: str, shown: Shown, show_try: bool) -> list[str]:
    finding = shown.finding
    lines = [f"{_INDENT}{finding.severity} {finding.rule}: {visible(finding.message)}"]
    if show_try and shown.with_suggestions and finding.suggestions:
        lines.append(f"{_INDENT}  Try: " + "; ".join(finding.suggestions))
    if shown.folded:
        lines.append(f"{_INDENT}  and {len(shown.folded)} more like this: {places(path, shown.folded)}")
    return lines


def plain_group(path: str, group: SentenceGroup) -> str:
    """A sentence group as plain lines: where, the sentence marked, its findings, the rewrite."""
    lines = [_where(path, group.first)]
    if group.sentence.strip():
        lines += [_INDENT + line for line in wrap_marked(group.sentence, group.spans())]
    for shown in group.shown:
        lines += _plain_shown(path, shown, show_try=group.rewrite is None)
    if group.rewrite:
        lines += _wrap(visible(group.rewrite), _INDENT + "Rewrite: ")
    return "\n".join(lines) + "\n\n"


def plain_finding(path: str, finding) -> str:
    """One finding on its own, as its sentence group would show it."""
    return plain_group(path, file_groups([finding])[0])


# -- terminal -----------------------------------------------------------------------------------------

def _rich_group(console: Console, path: str, group: SentenceGroup) -> None:
    console.print(f"[bold]{escape(_where(path, group.first))}[/bold]")
    if group.sentence.strip():
        flat = visible(group.sentence)
        line = Text(flat)
        for start, end, finding in group.spans():
            line.stylize("bold underline " + _STYLE[str(finding.severity)], start, end)
        console.print(Padding(line, (0, 0, 0, len(_INDENT))), soft_wrap=False)
    for shown in group.shown:
        finding = shown.finding
        severity = str(finding.severity)
        console.print(f"{_INDENT}[{_STYLE[severity]}]{severity}[/] [dim]{finding.rule}[/dim]: {escape(visible(finding.message))}")
        if group.rewrite is None and shown.with_suggestions and finding.suggestions:
            console.print(f"{_INDENT}  [green]Try:[/green] " + escape("; ".join(finding.suggestions)))
        if shown.folded:
            console.print(f"{_INDENT}  [dim]and {len(shown.folded)} more like this: {escape(places(path, shown.folded))}[/dim]")
    if group.rewrite:
        console.print(Padding(Text.assemble(("Rewrite: ", "bold green"), visible(group.rewrite)), (0, 0, 0, len(_INDENT))), soft_wrap=False)
    console.print()


def render_group(console: Console, path: str, group: SentenceGroup) -> None:
    if console.is_terminal:
        _rich_group(console, path, group)
    else:
        console.file.write(plain_group(path, group))


def render_findings(console: Console, path: str, findings) -> None:
    """One file's findings, grouped by sentence, repeats folded."""
    for group in file_groups(findings):
        render_group(console, path, group)


def render_finding(console: Console, path: str, finding) -> None:
    render_findings(console, path, [finding])


# -- the report ----------------------------------------------------------------------------------------

def _fix_first(console: Console, results, top: int) -> None:
    """The ``top`` kinds of finding to start with; left out when the run has no more findings than that
    (they are all on the screen already, and repeating them is noise)."""
    if sum(len(r.findings) for r in results) <= top:
        return
    ranked = priorities(results, top)
    if not ranked:
        return
    console.print()
    console.print("[bold]Fix these first[/bold]")
    for number, kind in enumerate(ranked, 1):
        severity = str(kind.severity)
        words = f" '{escape(visible(kind.words))}'" if kind.words else ""
        times = f" ×{kind.count}" if kind.count > 1 else ""
        console.print(f"  {number}. [{_STYLE[severity]}]{severity}[/] {kind.rule}{words}{times}: {escape(priority_places(kind))}")


def _summary(console: Console, results, folded: int) -> None:
    totals = summary(results)
    if totals["findings"]:
        table = Table(title=None, show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("category")
        table.add_column("findings", justify="right")
        for category, count in totals["by_category"].items():
            table.add_row(category, str(count))
        console.print(table)
    severities = ", ".join(_plural(n, s) for s, n in sorted(totals["by_severity"].items()))
    line = f"{_plural(totals['findings'], 'finding')} in {_plural(totals['files'], 'file')}"
    if severities:
        line += f" ({severities})"
    if totals["errors"]:
        line += f"; {_plural(totals['errors'], 'file')} could not be checked"
    console.print(line)
    if folded:
        console.print(f"{folded} repeated finding{'s' if folded != 1 else ''} folded into 'and … more like this'; "
                      "--format json lists every finding.")


def report(results, rules, out: TextIO, top: int = DEFAULT_TOP) -> None:
    console = make_console(out)
    folded = 0
    for result in results:
        if result.error:
            console.print(f"[bold]{escape(result.path)}[/bold]: [bold red]error[/] {escape(result.error)}")
            continue
        if result.encoding and result.encoding != "utf-8-sig":
            console.print(f"[dim]{escape(result.path)}: read as {result.encoding}[/dim]")
        for group in file_groups(result.findings):
            render_group(console, result.path, group)
            folded += sum(len(shown.folded) for shown in group.shown)
    _summary(console, results, folded)
    _fix_first(console, results, top)

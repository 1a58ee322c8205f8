"""Human output: each finding in its sentence, with the span marked and a suggestion."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .summary import summary

_STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}
_CONTEXT = 60  # characters of the sentence shown either side of the span


def make_console(out: TextIO) -> Console:
    # rich already honours NO_COLOR and drops colour when ``out`` is not a terminal.
    return Console(file=out, highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


def _excerpt(sentence: str, text: str) -> tuple[str, int, int]:
    """The sentence (trimmed around the span) and the span's place in it."""
    start = sentence.find(text) if text else -1
    if start < 0:
        return sentence[: 2 * _CONTEXT], -1, -1
    end = start + len(text)
    left = max(0, start - _CONTEXT)
    right = min(len(sentence), end + _CONTEXT)
    prefix = "…" if left else ""
    suffix = "…" if right < len(sentence) else ""
    shown = prefix + sentence[left:right] + suffix
    return shown, start - left + len(prefix), end - left + len(prefix)


# Control characters a document may hold (ESC sequences would drive the terminal) shown as U+FFFD: one
# character for one, so the ^ marks stay under the span.
_CONTROLS = {c: "\ufffd" for c in [*range(0x00, 0x20), 0x7f, *range(0x80, 0xa0)]}


def _shown(finding) -> tuple[str, int, int]:
    """The sentence as shown (one line, trimmed) and the span's place in it (-1 when unmarked)."""
    sentence, text = (" ".join(t.split()).translate(_CONTROLS) for t in (finding.sentence, finding.text))
    shown, start, end = _excerpt(sentence, text)
    if start == 0 and end == len(shown):  # the finding is the whole sentence: show it, unmarked
        shown, start, end = (shown[: 2 * _CONTEXT] + "…" if len(shown) > 2 * _CONTEXT else shown), -1, -1
    return shown, start, end


def _where(path: str, finding) -> str:
    where = f"{path}:{finding.line}:{finding.column}"
    return where + f" ({finding.location})" if finding.location else where


def plain_finding(path: str, finding) -> str:
    """A finding as plain lines, the span marked with ^ under the sentence: for files, pipes and CI logs.

    Written straight to the stream: going through rich's console took 0.7 ms a finding, which is
    half a minute for a library with 40,000 findings.
    """
    lines = [f"{_where(path, finding)} {finding.severity} {finding.rule}"]
    shown, start, end = _shown(finding)
    if shown:
        lines.append("    " + shown)
        if start >= 0:
            lines.append(" " * (4 + start) + "^" * max(1, end - start))
    lines.append(f"    {finding.message}")
    if finding.suggestions:
        lines.append("    Try: " + "; ".join(finding.suggestions))
    return "\n".join(lines) + "\n\n"


def render_finding(console: Console, path: str, finding) -> None:
    if not console.is_terminal:
        console.file.write(plain_finding(path, finding))
        return
    severity = str(finding.severity)
    console.print(f"[bold]{escape(_where(path, finding))}[/bold] [{_STYLE[severity]}]{severity}[/] [dim]{finding.rule}[/dim]")
    shown, start, end = _shown(finding)
    if shown:
        line = Text("    ")
        if start >= 0:
            line.append(shown[:start])
            line.append(shown[start:end], style="bold underline " + _STYLE[severity])
            line.append(shown[end:])
        else:
            line.append(shown)
        console.print(line)
    console.print(f"    {escape(finding.message)}")
    if finding.suggestions:
        console.print("    [green]Try:[/green] " + escape("; ".join(finding.suggestions)))
    console.print()


def report(results, rules, out: TextIO) -> None:

    console = make_console(out)
    for result in results:
        if result.error:
            console.print(f"[bold]{escape(result.path)}[/bold]: [bold red]error[/] {escape(result.error)}")
            continue
        if result.encoding and result.encoding != "utf-8-sig":
            console.print(f"[dim]{escape(result.path)}: read as {result.encoding}[/dim]")
        for finding in result.findings:
            render_finding(console, result.path, finding)
    totals = summary(results)
    if totals["findings"]:
        table = Table(title=None, show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("category")
        table.add_column("findings", justify="right")
        for category, count in totals["by_category"].items():
            table.add_row(category, str(count))
        console.print(table)
    severities = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(totals["by_severity"].items()))
    line = f"{totals['findings']} finding{'s' if totals['findings'] != 1 else ''} in {totals['files']} file{'s' if totals['files'] != 1 else ''}"
    if severities:
        line += f" ({severities})"
    if totals["errors"]:
        line += f"; {totals['errors']} file{'s' if totals['errors'] != 1 else ''} could not be checked"
    console.print(line)

"""The library report as one self-contained HTML page.

Everything is inline: CSS in a <style> element, charts as SVG, no scripts, no
fonts or images from anywhere, and a Content-Security-Policy that forbids the
page to load anything, so it opens from disk (or an email attachment) without
a server or a network. All document text (paths, phrases) is escaped.
"""

from __future__ import annotations

import html

from ... import __version__
from ...atomic import write_atomic
from ...findings import Severity
from . import DocumentStats, LibraryReport

CATEGORY_NAMES = {
    "deficit": ("Deficit language", "Describes the person by problems or blame (refuses, non-compliant, suffers from)."),
    "jargon": ("Jargon", "Care-system language and acronyms the person would not use (package of care, DoLS)."),
    "plain_language": ("Plain language", "Formal words with a plainer everyday word (ensure, require, facilitate)."),
    "label": ("Labels", "Names a person by a condition or service status (service user, the elderly)."),
    "passive": ("Passive voice", "Hides who did or decided something (it was decided, was placed)."),
    "service_as_outcome": ("Services as outcomes", "An outcome that names a service, not a change in the person's life."),
    "missing_first_person": ("Person's voice missing", "Outcomes not written in the person's own words (I, me, my)."),
    "readability": ("Hard to read", "Long sentences, long words, high reading grade."),
    "structure": ("Structure", "Something a plan or assessment should record is missing."),
}
COLOURS = {
    "deficit": "#c2410c", "jargon": "#7c3aed", "label": "#be185d", "passive": "#0369a1",
    "service_as_outcome": "#047857", "missing_first_person": "#b45309", "plain_language": "#4338ca",
    "readability": "#475569", "structure": "#4d7c0f",
}
DEFAULT_COLOUR = "#64748b"

CSS = """
:root { --ink:#1e293b; --muted:#64748b; --line:#e2e8f0; --paper:#ffffff; --bg:#f1f5f9; --accent:#0f766e; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { margin:0 0 4px; font-size:28px; letter-spacing:-0.01em; }
header p { margin:0; color:var(--muted); }
.cards { display:grid; grid-template-columns:repeat(5, 1fr); gap:12px; margin:22px 0; }
.card { background:var(--paper); border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
.card .value { font-size:26px; font-weight:650; line-height:1.2; }
.card .label { color:var(--muted); font-size:13px; }
section { background:var(--paper); border:1px solid var(--line); border-radius:10px; padding:18px 22px; margin:0 0 18px; }
section h2 { margin:0 0 4px; font-size:19px; }
section p.lead { margin:0 0 14px; color:var(--muted); font-size:14px; }
svg text { font-family: inherit; fill: var(--ink); }
svg .axis { stroke: var(--line); }
svg .tick { fill: var(--muted); font-size: 12px; }
table { width:100%; border-collapse:collapse; font-size:14px; }
th { text-align:left; font-weight:600; color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em;
  border-bottom:2px solid var(--line); padding:6px 8px; }
td { border-bottom:1px solid var(--line); padding:7px 8px; vertical-align:top; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
td.num { white-space:nowrap; }
svg text.target { fill:#b91c1c; }
td.path { overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:13px; }
table.fixed { table-layout: fixed; }
.rate { display:flex; align-items:center; justify-content:flex-end; gap:8px; }
.rate .n { min-width: 3.4em; text-align:right; }
.chip { display:inline-block; border-radius:999px; padding:0 8px; margin:1px 4px 1px 0; font-size:12px; color:#fff; white-space:nowrap; }
.phrase { font-weight:600; }
.try { color:#166534; }
.legend { display:grid; grid-template-columns: repeat(2, 1fr); gap:4px 24px; margin:12px 0 0; padding:0; list-style:none; font-size:13px; color:var(--muted); }
.legend b { color: var(--ink); }
.swatch { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:6px; }
.note { color:var(--muted); font-size:13px; margin:10px 0 0; }
.error { color:#b91c1c; }
footer { color:var(--muted); font-size:13px; margin-top:8px; }
@media (max-width: 760px) { .cards { grid-template-columns:repeat(2, 1fr); } .legend { grid-template-columns: 1fr; } }
@media print { body { background:#fff; } section, .card { break-inside: avoid; } }
"""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, (category.replace("_", " ").capitalize(), ""))[0]


def colour(category: str) -> str:
    return COLOURS.get(category, DEFAULT_COLOUR)


def number(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}" if digits else f"{value:,.0f}"


# -- charts --------------------------------------------------------------------

def hbar_chart(rows: list[tuple[str, float, str, str]], chart_id: str, title: str, width: int = 900) -> str:
    """Horizontal bars: (label, value, colour, value text) per row."""
    label_w, value_w, row_h, top = 200, 130, 30, 6
    bar_w = width - label_w - value_w
    peak = max((value for _, value, _, _ in rows), default=0) or 1
    height = top * 2 + row_h * len(rows)
    parts = [f'<svg id="{chart_id}" class="chart" role="img" aria-label="{esc(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">', f"<title>{esc(title)}</title>"]
    parts.append(f'<line class="axis" x1="{label_w}" y1="0" x2="{label_w}" y2="{height}"/>')
    for index, (label, value, fill, shown) in enumerate(rows):
        y = top + index * row_h
        w = max(bar_w * value / peak, 2 if value else 0)
        parts.append(f'<text x="{label_w - 10}" y="{y + row_h / 2 + 4}" text-anchor="end" font-size="13">{esc(label)}</text>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" rx="3" fill="{fill}">'
                     f"<title>{esc(label)}: {esc(shown)}</title></rect>")
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + row_h / 2 + 4}" font-size="13" font-weight="600">{esc(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(bins: list[tuple[str, int, float]], target: float, chart_id: str, title: str, width: int = 900) -> str:
    """Vertical bars for grade bins, with the target grade marked."""
    left, right, top, bottom, height = 40, 16, 22, 40, 250
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = _ticks(max((count for _, count, _ in bins), default=0))
    peak = ticks[-1]
    step = plot_w / max(len(bins), 1)
    parts = [f'<svg id="{chart_id}" class="chart" role="img" aria-label="{esc(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">', f"<title>{esc(title)}</title>"]
    for tick in ticks:
        y = top + plot_h - plot_h * tick / peak
        parts.append(f'<line class="axis" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for index, (label, count, lower) in enumerate(bins):
        x = left + index * step
        h = plot_h * count / peak
        fill = "#0f766e" if lower < target else "#b45309"
        parts.append(f'<rect class="bar" x="{x + 4:.1f}" y="{top + plot_h - h:.1f}" width="{step - 8:.1f}" height="{h:.1f}" rx="3" fill="{fill}">'
                     f"<title>grade {esc(label)}: {count} document{'s' if count != 1 else ''}</title></rect>")
        if count:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h - h - 5:.1f}" text-anchor="middle" font-size="12" font-weight="600">{count}</text>')
        parts.append(f'<text class="tick" x="{x + step / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{esc(label)}</text>')
    marker = left + step * min(max(target - bins[0][2], 0), len(bins)) if bins else left
    parts.append(f'<line x1="{marker:.1f}" y1="{top - 8}" x2="{marker:.1f}" y2="{top + plot_h}" stroke="#b91c1c" stroke-width="2" stroke-dasharray="5 4"/>')
    parts.append(f'<text class="target" x="{marker + 6:.1f}" y="{top - 8}" font-size="12">target: grade {number(target, 0)} or lower (to the left)</text>')
    parts.append(f'<text class="tick" x="{left + plot_w / 2}" y="{height - 4}" text-anchor="middle">Flesch-Kincaid grade of the document</text>')
    parts.append("</svg>")
    return "".join(parts)


def mini_bar(value: float, peak: float, fill: str, width: int = 90) -> str:
    w = max(width * value / peak, 1.5 if value else 0) if peak else 0
    return (f'<svg class="mini" viewBox="0 0 {width} 10" width="{width}" height="10" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
            f'<rect x="0" y="0" width="{width}" height="10" rx="2" fill="#f1f5f9"/>'
            f'<rect class="bar" x="0" y="0" width="{w:.1f}" height="10" rx="2" fill="{fill}"/></svg>')


def _ticks(peak: int) -> list[int]:
    """0 and at most 5 round steps (1, 2 or 5 times a power of ten) reaching at least ``peak``."""
    peak = max(peak, 1)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if -(-peak // step) <= 5:
                return list(range(0, -(-peak // step) * step + 1, step))
        magnitude *= 10


# -- sections ------------------------------------------------------------------

def cards(report: LibraryReport) -> str:
    median = report.median_grade()
    items = [
        (number(len(report.checked), 0), "documents checked"),
        (number(report.words, 0), "words"),
        (number(len(report.findings), 0), "findings"),
        (number(report.per_1000()), "findings per 1,000 words"),
        ("–" if median is None else number(median), "median reading grade"),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card"><div class="value">{esc(v)}</div><div class="label">{esc(k)}</div></div>' for v, k in items) + "</div>"


def categories_section(report: LibraryReport) -> str:
    rows = [(category_name(c), rate, colour(c), f"{number(rate, 2)}  ({count:,})") for c, count, rate in report.categories()
            if count or c in CATEGORY_NAMES]
    legend = "".join(f'<li><span class="swatch" style="background:{colour(c)}"></span><b>{esc(category_name(c))}</b>: '
                     f"{esc(CATEGORY_NAMES.get(c, ('', ''))[1])}</li>" for c, _, _ in report.categories() if c in CATEGORY_NAMES)
    return (f'<section id="categories"><h2>Findings per 1,000 words, by category</h2>'
            f'<p class="lead">How often each kind of wording appears across the library; the number of findings is in brackets.</p>'
            f"{hbar_chart(rows, 'category-chart', 'Findings per 1,000 words by category')}"
            f'<ul class="legend">{legend}</ul></section>')


LANGUAGE_NAMES = {"en": "English", "cy": "Welsh (Cymraeg)"}


def languages_section(report: LibraryReport) -> str:
    """Findings per language, for a library with Welsh in it: each language's rules read only its own sentences."""
    if not report.bilingual():
        return ""
    rows = []
    for r in report.languages():
        chips = "".join(f'<span class="chip" style="background:{colour(c)}">{esc(category_name(c))} {n}</span>'
                        for c, n in r.top_categories)
        rows.append(f'<tr><td>{esc(LANGUAGE_NAMES.get(r.language, r.language))}</td><td class="num">{r.documents:,}</td>'
                    f'<td class="num">{r.words:,}</td><td class="num">{r.findings:,}</td>'
                    f'<td class="num">{number(r.per_1000, 2)}</td><td>{chips}</td></tr>')
    return ('<section id="languages"><h2>Findings by language</h2>'
            '<p class="lead">Welsh sentences are checked with the Welsh rules and English sentences with the English rules; '
            'a bilingual line counts its words in each language.</p>'
            '<table><thead><tr><th>Language</th><th class="num">Documents</th><th class="num">Words</th>'
            '<th class="num">Findings</th><th class="num">Per 1,000 words</th><th>Commonest</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _breakable(path: str) -> str:
    """An escaped path that may wrap after each folder."""
    return "/<wbr>".join(esc(part) for part in path.split("/"))


def _chips(document: DocumentStats) -> str:
    return "".join(f'<span class="chip" style="background:{colour(c)}">{esc(category_name(c))} {n}</span>'
                   for c, n in document.top_categories(2))


def _table_section(section_id: str, title: str, lead: str, columns: list[tuple[int, str]], rows: str) -> str:
    """A report section holding one fixed-layout table; ``columns`` are (width in %, header cell)."""
    widths = "".join(f'<col style="width:{width}%">' for width, _ in columns)
    headers = "".join(header for _, header in columns)
    return (f'<section id="{section_id}"><h2>{title}</h2><p class="lead">{lead}</p>'
            f'<table class="fixed"><colgroup>{widths}</colgroup>'
            f"<thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table></section>")


def _empty_section(section_id: str, title: str, message: str) -> str:
    return f'<section id="{section_id}"><h2>{title}</h2><p class="lead">{message}</p></section>'


def attention_section(report: LibraryReport) -> str:
    title = "Documents that most need attention"
    documents = report.attention()
    if not documents:
        return _empty_section("attention", title, "No document has findings.")
    peak = max(d.per_1000 for d in documents)
    rows = "".join(
        f'<tr><td class="path" title="{esc(d.path)}">{_breakable(d.shown or d.path)}</td><td class="num">{d.words:,}</td><td class="num">{len(d.findings):,}</td>'
        f'<td class="num"><span class="rate">{mini_bar(d.per_1000, peak, "#0f766e")}<span class="n">{number(d.per_1000)}</span></span></td>'
        f'<td class="num">{d.count(Severity.ERROR) + d.count(Severity.WARNING):,}</td>'
        f'<td class="num">{"–" if d.grade is None else number(d.grade)}</td><td class="issues">{_chips(d)}</td></tr>'
        for d in documents)
    lead = ("Ranked by findings weighted by severity (error 3, warning 2, suggestion 1); "
            "the rate per 1,000 words shows how dense they are.")
    columns = [(29, "<th>Document</th>"), (8, '<th class="num">Words</th>'), (9, '<th class="num">Findings</th>'),
               (17, '<th class="num">Per 1,000 words</th>'),
               (10, '<th class="num" title="Findings at warning or error severity">Warnings, errors</th>'),
               (7, '<th class="num">Grade</th>'), (20, "<th>Main issues</th>")]
    return _table_section("attention", title, lead, columns, rows)


def phrases_section(report: LibraryReport) -> str:
    title = "Most common flagged phrases"
    phrases = report.phrases()
    if not phrases:
        return _empty_section("phrases", title, "No phrases were flagged.")
    peak = max(p.count for p in phrases)
    rows = "".join(
        f'<tr><td class="phrase">{esc(p.text)}</td>'
        f'<td><span class="chip" style="background:{colour(p.category)}">{esc(category_name(p.category))}</span></td>'
        f'<td class="num"><span class="rate">{mini_bar(p.count, peak, colour(p.category))}<span class="n">{p.count:,}</span></span></td>'
        f'<td class="num">{len(p.documents):,}</td>'
        f'<td class="try">{esc("; ".join(p.suggestions[:3])) or "–"}</td></tr>'
        for p in phrases)
    lead = "The wording flagged most often, and what the rules suggest writing instead."
    columns = [(20, "<th>Phrase</th>"), (19, "<th>Category</th>"), (15, '<th class="num">Times</th>'),
               (11, '<th class="num">Documents</th>'), (35, "<th>Try instead</th>")]
    return _table_section("phrases", title, lead, columns, rows)


def grades_section(report: LibraryReport) -> str:
    grades = report.grades()
    if not grades:
        return _empty_section("grades", "Spread of reading grades", "No document was long enough for a reading grade.")
    above = sum(1 for g in grades if g > report.target_grade)
    median = report.median_grade()
    lead = (f"Flesch-Kincaid grade of each document with at least 30 words of prose ({len(grades):,} documents; "
            f"headings left out). A reading age is about the grade plus 5. The median is grade {number(median)}; "
            f"{above:,} document{'s are' if above != 1 else ' is'} ({above / len(grades):.0%}) above the target "
            f"of grade {number(report.target_grade, 0)} (reading age {number(report.target_grade + 5, 0)}).")
    return (f'<section id="grades"><h2>Spread of reading grades</h2><p class="lead">{esc(lead)}</p>'
            f"{histogram(report.grade_bins(), report.target_grade, 'grade-chart', 'Documents by reading grade')}</section>")


def rules_section(report: LibraryReport) -> str:
    rules = report.rules()
    if not rules:
        return ""
    rows = "".join(f'<tr><td>{esc(rule)}</td><td><span class="chip" style="background:{colour(c)}">{esc(category_name(c))}</span></td>'
                   f'<td class="num">{n:,}</td></tr>' for rule, c, n in rules)
    return (f'<section id="rules"><h2>Rules that fire most</h2><p class="lead">See <code>sbp-lint explain RULE</code> '
            f"for what a rule flags, why, and a better version.</p><table><thead><tr><th>Rule</th><th>Category</th>"
            f'<th class="num">Findings</th></tr></thead><tbody>{rows}</tbody></table></section>')


def errors_section(report: LibraryReport) -> str:
    errors = report.errors
    if not errors:
        return ""
    rows = "".join(f'<tr><td class="path">{esc(d.path)}</td><td class="error">{esc(d.error)}</td></tr>' for d in errors)  # in full: to find it
    return (f'<section id="errors"><h2>Files that could not be checked</h2><table><thead><tr><th>File</th><th>Problem</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></section>")


def render(report: LibraryReport) -> str:
    roots = ", ".join(report.roots)
    body = "".join([
        f"<header><h1>{esc(report.title)}</h1><p>{esc(roots)} · {esc(report.created)} · sbp-lint {esc(__version__)}</p></header>",
        cards(report), categories_section(report), languages_section(report), attention_section(report), phrases_section(report),
        grades_section(report), rules_section(report), errors_section(report),
        "<footer>Made by sbp-lint on this computer; the page loads nothing from the internet. "
        "Findings are prompts for a person to review, not judgements of practice.</footer>",
    ])
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            f"<title>{esc(report.title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>\n")


def write(report: LibraryReport, path: str) -> None:
    """Write the page atomically: a half-written report never replaces a good one."""
    write_atomic(path, render(report))

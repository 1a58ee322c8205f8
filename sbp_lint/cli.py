"""The command line: a thin layer over ``Linter``.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage, configuration or input errors (one line each, never a traceback).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__
from .config import FAIL_ON, Config, resolve_config
from .documents import format_for, parse_bytes
from .errors import DocumentError, SbpError
from .findings import FileResult, Severity
from . import baseline
from .linter import Linter
from .outputs import parse_outputs, write_outputs
from .redact import redact_results
from .packs import Rule, load_packs
from .reporters import REPORTERS
from .runner import DEFAULT_CACHE_DIR, make_runner

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _names(values: tuple[str, ...]) -> list[str]:
    """--select a,b --select c → [a, b, c]."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for r in results for f in r.findings) else EXIT_CLEAN


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sbp-lint")
def cli() -> None:
    """Plain-language and strengths-based writing linter for social-care documents."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", multiple=True, metavar="FORMAT[:FILE]",
              help=f"Output format: {', '.join(REPORTERS)} [default: text]. FORMAT:FILE writes it to FILE; repeat for several.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the (one) report to FILE instead of the terminal.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in FILE (then they are not reported).")
@click.option("--report-unused-suppressions", is_flag=True, default=None, help="Report sbp-lint comments that suppress nothing.")
@click.option("--select", multiple=True, help="Only these rules, packs or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules, packs or categories (comma-separated).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file (skips the search).")
@click.option("--model", help="spaCy pipeline: a package name or a path.")
@click.option("--include", multiple=True, help="Glob of files to check inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option("--force-exclude", is_flag=True, default=None,
              help="Skip excluded files even when they are named on the command line (as pre-commit names them).")
@click.option("--stdin-filename", help="Name to report for '-' (its extension picks the format).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to check with [default: the number of cores; 1 = no extra processes].")
@click.option("--no-cache", is_flag=True, envvar="SBP_LINT_NO_CACHE", help="Check every file again; do not read or write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar="SBP_LINT_CACHE_DIR", default=DEFAULT_CACHE_DIR, show_default=True, help="Where findings of unchanged files are kept.")
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr how many files came from the cache.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply the safe replacements rules mark as fixes (text and Markdown files only).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the --fix changes as a unified diff; write nothing.")
@click.option("--redact", is_flag=True, default=None, help="Keep document text out of every output (rule, category and a hash instead).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, help="Seconds one file may take [default: 120].")
def check(paths, fmt, select, ignore, fail_on, config_file, model, include, exclude, stdin_filename,
          jobs, no_cache, cache_dir, verbose, output=None, baseline_file=None, write_baseline=None,
          report_unused_suppressions=None, apply_fixes=False, show_diff=False, redact=None, timeout=None,
          force_exclude=None) -> None:
    """Check files, folders (recursively) or '-' for standard input."""
    outputs = parse_outputs(fmt, output)  # a bad --format fails before the run, not after it
    accepted = _prepare_baseline(baseline_file, write_baseline)
    start = Path(paths[0]) if paths[0] != "-" else Path.cwd()
    config = resolve_config(config_file, start)
    if report_unused_suppressions:
        config.report_unused_suppressions = True
    if redact:
        config.redact = True
    if timeout:
        config.timeout = timeout
    if force_exclude:
        config.force_exclude = True
    linter, runner = _linter_and_runner(config, include, exclude, select, ignore, model, jobs, None if no_cache else cache_dir)
    files = [p for p in paths if p != "-"]
    results = runner.run(files) if files else []
    if "-" in paths:
        results.append(_check_stdin(linter, stdin_filename or "-"))
    if verbose:
        click.echo(f"sbp-lint: {runner.stats.describe()}", err=True)
    if apply_fixes or show_diff:
        results = _fix(results, linter, show_diff)
    results = _apply_baseline(results, accepted, write_baseline)
    if config.redact:
        results = redact_results(results, linter.engine)
    write_outputs(outputs, results, linter.rules, sys.stdout)
    sys.exit(exit_code(results, fail_on or config.fail_on))


def _linter_and_runner(config, include, exclude, select, ignore, model, jobs, cache_dir):
    """The linter for this run's settings, and a runner (cache, worker processes) around it."""
    if include:
        config.include = tuple(include)
    if exclude:
        config.exclude = (*config.exclude, *exclude)
    make_linter = functools.partial(Linter, config, select=_names(select), ignore=_names(ignore), model=model)
    linter = make_linter()
    return linter, make_runner(linter, jobs=jobs, cache_dir=cache_dir, factory=make_linter)


def _prepare_baseline(baseline_file: str | None, write_file: str | None):
    """Read --baseline and check --write-baseline's folder before the run: a broken file fails fast."""
    if write_file:
        baseline.check_writable(write_file)
        return None  # writing records every finding; an older baseline does not filter them
    return baseline.load(baseline_file) if baseline_file else None


def _apply_baseline(results: list[FileResult], accepted, write_file: str | None) -> list[FileResult]:
    if write_file:
        findings, files = baseline.write(write_file, results)
        click.echo(f"sbp-lint: recorded {findings} finding{'s' if findings != 1 else ''} in {files} "
                   f"file{'s' if files != 1 else ''} in {write_file}; check with --baseline {write_file}", err=True)
        accepted = baseline.load(write_file)
    if accepted is None:
        return results
    results, _hidden, stale = accepted.filter(results)
    if stale:
        click.echo(f"sbp-lint: {stale} baselined finding{'s' if stale != 1 else ''} no longer occur{'s' if stale == 1 else ''}; "
                   f"refresh the baseline with --write-baseline {accepted.file}", err=True)
    return results


def _fix(results: list[FileResult], linter: Linter, diff: bool) -> list[FileResult]:
    """--fix rewrites text and Markdown files; --diff prints the changes, writes nothing and exits."""
    from .fix import run_fixes

    report = run_fixes(results, linter, write=not diff, diff_out=sys.stdout if diff else None)
    for problem in report.problems:
        click.echo(f"sbp-lint: {problem}", err=True)
    if report.not_rewritable:
        click.echo("sbp-lint: Word, ODT, HTML and PDF documents are never rewritten; "
                   "'sbp-lint annotate FILE.docx' writes a reviewed copy with comments", err=True)
    if any(r.path == "-" and any(f.fix for f in r.findings) for r in results):
        click.echo("sbp-lint: standard input is checked but not fixed", err=True)
    n, files = report.applied, report.changed_files
    verb = "would fix" if diff else "fixed"
    click.echo(f"sbp-lint: {verb} {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}", err=True)
    if diff:
        sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_FINDINGS if files else EXIT_CLEAN)
    return report.results


def _check_stdin(linter: Linter, name: str) -> FileResult:
    fmt = format_for(name) if name != "-" else "markdown"
    limit = linter.config.max_bytes
    try:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise DocumentError(f"standard input is over the {linter.config.max_file_size_mb:g} MB limit (max_file_size_mb)", name)
        document = parse_bytes(data, name, fmt)
    except DocumentError as exc:
        return FileResult(path=name, error=exc.reason)
    return FileResult(path=name, findings=linter.check_document(document), encoding=document.encoding)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to write the reviewed copy [default: NAME.reviewed.docx beside it].")
@click.option("--force", is_flag=True, help="Replace the output file if it already exists.")
@click.option("--select", multiple=True, help="Only these rules, packs or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules, packs or categories (comma-separated).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file (skips the search).")
@click.option("--model", help="spaCy pipeline: a package name or a path.")
def annotate(paths, output, force, select, ignore, config_file, model) -> None:
    """Write a copy of each Word .docx with a comment on every finding (the original is never changed)."""
    from .annotate import annotate_file, describe

    if output and len(paths) > 1:
        raise click.UsageError("-o/--output names one file: give one document, or leave it out")
    config = resolve_config(config_file, Path(paths[0]))
    linter = Linter(config, select=_names(select), ignore=_names(ignore), model=model)
    failed = False
    for path in paths:
        try:
            click.echo(describe(annotate_file(linter, path, output, force)))
        except SbpError as exc:
            click.echo(f"sbp-lint: error: {exc}", err=True)
            failed = True
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--html", "html_file", required=True, type=click.Path(dir_okay=False), help="Write the report to this HTML file.")
@click.option("--title", default="Writing quality report", show_default=True, help="Heading of the report.")
@click.option("--select", multiple=True, help="Only these rules, packs or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules, packs or categories (comma-separated).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file (skips the search).")
@click.option("--model", help="spaCy pipeline: a package name or a path.")
@click.option("--include", multiple=True, help="Glob of files to check inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to check with [default: the number of cores].")
@click.option("--no-cache", is_flag=True, envvar="SBP_LINT_NO_CACHE", help="Check every file again; do not read or write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar="SBP_LINT_CACHE_DIR", default=DEFAULT_CACHE_DIR, show_default=True, help="Where findings of unchanged files are kept.")
@click.option("--redact", is_flag=True, default=None, help="Keep document text (flagged phrases) out of the report.")
def report(paths, html_file, title, select, ignore, config_file, model, include, exclude, jobs, no_cache, cache_dir, redact=None) -> None:
    """Write one self-contained HTML page about a whole library: rates, worst files, phrases, reading grades."""
    from .report import build_report
    from .reporters import html

    if not Path(html_file).resolve().parent.is_dir():
        raise SbpError(f"{html_file}: the folder for the report does not exist")
    config = resolve_config(config_file, Path(paths[0]))
    linter, runner = _linter_and_runner(config, include, exclude, select, ignore, model, jobs, None if no_cache else cache_dir)
    results = runner.run(paths)
    if redact or config.redact:
        results = redact_results(results, linter.engine)
    library = build_report(results, linter.rules, list(paths), title=title)
    html.write(library, html_file)
    for document in library.errors:
        click.echo(f"sbp-lint: {document.path}: {document.error}", err=True)
    click.echo(f"wrote {html_file}: {len(library.checked)} documents, {library.words:,} words, {len(library.findings):,} findings")
    sys.exit(EXIT_ERROR if library.errors else EXIT_CLEAN)


@cli.command("rules")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file.")
def list_rules(config_file) -> None:
    """List the rule packs and their rules."""
    from .reporters.text import make_console
    from rich.table import Table

    config = resolve_config(config_file, Path.cwd())
    console = make_console(sys.stdout)
    for pack in load_packs(config.packs, config.extra_packs):
        table = Table(title=f"{pack.name}: {pack.description}", title_justify="left", box=None, header_style="bold")
        for column in ("rule", "category", "severity", "kind"):
            table.add_column(column)
        for rule in pack.rules:
            table.add_row(rule.id, rule.category, str(rule.severity), rule.check or rule.kind)
        console.print(table)
        console.print()


@cli.command()
@click.argument("rule_id", required=False)
@click.option("--text", "sentence", help="Show how a sentence is parsed and which rules match it.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--model", help="spaCy pipeline: a package name or a path.")
def explain(rule_id, sentence, config_file, model) -> None:
    """Explain a rule (what it flags, why, an example and a better version), or parse --text."""
    from .explain import explain_rule, explain_text

    config = resolve_config(config_file, Path.cwd())
    if sentence is not None:
        explain_text(Linter(config, model=model), sentence, sys.stdout)
        return
    if not rule_id:
        raise click.UsageError("give a RULE_ID or --text \"sentence\"")
    from .suppress import META_RULES

    rules = {**META_RULES, **{r.id: r for p in load_packs(config.packs, config.extra_packs) for r in p.rules}}
    if rule_id not in rules:
        raise SbpError(f"unknown rule '{rule_id}' (see 'sbp-lint rules')")
    explain_rule(rules[rule_id], sys.stdout)


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default; accepted because some editors pass it).")
def lsp(stdio) -> None:
    """Run the language server (for editors): findings as you type, quick fixes, hover. Needs sbp-lint[lsp]."""
    from .lsp import main as lsp_main

    sys.exit(lsp_main())


def main(argv: list[str] | None = None) -> None:
    """Entry point: click's own errors and ours become one line on stderr and exit 2."""
    try:
        cli.main(args=argv, prog_name="sbp-lint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("sbp-lint: aborted", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        click.echo(f"sbp-lint: error: {exc.format_message()}", err=True)
        sys.exit(EXIT_ERROR)
    except SbpError as exc:
        click.echo(f"sbp-lint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_CLEAN)


if __name__ == "__main__":
    main()

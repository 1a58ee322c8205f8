"""``sbp-lint check``: findings for files, folders or standard input, in one or more formats.

The run: outputs checked first (a bad --format fails before a long run), the runner over the
files, standard input, then --fix/--diff, the baseline, redaction, the reports and the exit code.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Callable

from ..findings import FileResult, Severity
from ..policy import baseline
from ..reporters.grouping import DEFAULT_TOP
from ..reporters.outputs import parse_outputs, refuse_inputs, write_outputs
from ..reporters.redact import redact_results
from ..run.limits import FileTimeout, time_limit
from ..run.files import nothing_to_check
from .settings import LintSettings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

Say = Callable[[str], None]  # a line for the user, on standard error


@dataclass
class CheckRequest:
    paths: tuple[str, ...]
    formats: tuple[str, ...] = ()
    output: str | None = None
    baseline_file: str | None = None
    write_baseline: str | None = None
    stdin_filename: str | None = None
    fail_on: str | None = None
    verbose: bool = False
    fix: bool = False
    diff: bool = False
    top: int | None = None  # kinds of finding in the text report's "Fix these first" (None: the default)


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for r in results for f in r.findings) else EXIT_CLEAN


def run_check(request: CheckRequest, settings: LintSettings, say: Say) -> int:
    outputs = parse_outputs(request.formats, request.output)  # a bad --format fails before the run, not after it
    accepted = baseline.prepare(request.baseline_file, request.write_baseline)
    config = settings.config(request.paths[0])
    refuse_inputs([*(o.file for o in outputs), request.write_baseline], request.paths, config)
    linter, runner = settings.linter_and_runner(config)
    files = [p for p in request.paths if p != "-"]
    results = runner.run(files) if files else []
    for folder in runner.stats.empty_folders:
        say(nothing_to_check(folder, config.include, config.exclude))
    if "-" in request.paths:
        results.append(check_stdin(linter, request.stdin_filename or "-"))
    if request.verbose:
        say(f"sbp-lint: {runner.stats.describe()}")
        for result in results:
            if result.audience is not None:
                say(f"sbp-lint: {result.path}: {result.audience.describe()}")
    fix_failed = None
    if request.fix or request.diff:
        from .fix import run_fixes  # only a --fix run needs difflib and the writers

        report = run_fixes(results, linter, write=not request.diff, diff_out=sys.stdout if request.diff else None)
        for line in report.messages(diff=request.diff):
            say(line)
        if request.diff:
            return report.diff_exit_code()
        results = report.results
        fix_failed = report.exit_code()  # a fixed file that could not be written: exit 2 after the report
    results, notes = baseline.apply(results, accepted, request.write_baseline)
    for note in notes:
        say(note)
    if config.redact:
        results = redact_results(results, linter.all_rules, paths=config.redact_paths)
    top = DEFAULT_TOP if request.top is None else request.top
    write_outputs(outputs, results, linter.rules, sys.stdout, options={"text": {"top": top}})
    return fix_failed or exit_code(results, request.fail_on or config.fail_on)


def check_stdin(linter, name: str) -> FileResult:
    """Standard input, read up to the size limit; Markdown unless ``name``'s extension says otherwise."""
    limit = linter.config.max_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        return FileResult(path=name, error=f"standard input is over the {linter.config.max_file_size_mb:g} MB limit (max_file_size_mb)")
    seconds = linter.config.timeout
    try:
        with time_limit(seconds):  # the same limit as a file's (reading the input is not counted)
            return linter.check_bytes(data, name, "markdown" if name == "-" else None)
    except FileTimeout:
        return FileResult(path=name, error=f"took longer than {seconds:g} s to check; skipped (allow longer with --timeout SECONDS)")

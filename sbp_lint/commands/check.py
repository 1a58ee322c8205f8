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
from ..reporters.outputs import parse_outputs, write_outputs
from ..reporters.redact import redact_results
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
    linter, runner = settings.linter_and_runner(config)
    files = [p for p in request.paths if p != "-"]
    results = runner.run(files) if files else []
    if "-" in request.paths:
        results.append(check_stdin(linter, request.stdin_filename or "-"))
    if request.verbose:
        say(f"sbp-lint: {runner.stats.describe()}")
        for result in results:
            if result.audience is not None:
                say(f"sbp-lint: {result.path}: {result.audience.describe()}")
    if request.fix or request.diff:
        from .fix import run_fixes  # only a --fix run needs difflib and the writers

        report = run_fixes(results, linter, write=not request.diff, diff_out=sys.stdout if request.diff else None)
        for line in report.messages(diff=request.diff):
            say(line)
        if request.diff:
            return report.diff_exit_code()
        results = report.results
    results, notes = baseline.apply(results, accepted, request.write_baseline)
    for note in notes:
        say(note)
    if config.redact:
        results = redact_results(results, linter.all_rules)
    top = DEFAULT_TOP if request.top is None else request.top
    write_outputs(outputs, results, linter.rules, sys.stdout, options={"text": {"top": top}})
    return exit_code(results, request.fail_on or config.fail_on)


def check_stdin(linter, name: str) -> FileResult:
    """Standard input, read up to the size limit; Markdown unless ``name``'s extension says otherwise."""
    limit = linter.config.max_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        return FileResult(path=name, error=f"standard input is over the {linter.config.max_file_size_mb:g} MB limit (max_file_size_mb)")
    return linter.check_bytes(data, name, "markdown" if name == "-" else None)

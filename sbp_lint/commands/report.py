"""``sbp-lint report``: one self-contained HTML page about a whole library."""

from __future__ import annotations

from pathlib import Path

from ..errors import SbpError
from ..reporters.library import build_report, page
from ..reporters.outputs import refuse_inputs
from ..reporters.redact import redact_results
from ..run.files import nothing_to_check
from .check import EXIT_CLEAN, EXIT_ERROR, Say
from .settings import LintSettings


def run_report(paths: tuple[str, ...], html_file: str, title: str, settings: LintSettings, say: Say) -> int:
    if not Path(html_file).resolve().parent.is_dir():
        raise SbpError(f"{html_file}: the folder for the report does not exist")
    config = settings.config(paths[0])
    refuse_inputs([html_file], paths, config)
    linter, runner = settings.linter_and_runner(config)
    results = runner.run(paths)
    for folder in runner.stats.empty_folders:
        say(nothing_to_check(folder, config.include, config.exclude))
    if config.redact:
        results = redact_results(results, linter.all_rules, paths=config.redact_paths)
    library = build_report(results, linter.rules, list(paths), title=title)
    try:
        page.write(library, html_file)
    except OSError as exc:  # a full disk, a read-only folder: the old report (if any) is untouched
        raise SbpError(f"cannot write the report: {exc.strerror or exc}; nothing was written", html_file) from None
    for document in library.errors:
        say(f"sbp-lint: {document.path}: {document.error}")
    print(f"wrote {html_file}: {len(library.checked)} documents, {library.words:,} words, {len(library.findings):,} findings")
    return EXIT_ERROR if library.errors else EXIT_CLEAN

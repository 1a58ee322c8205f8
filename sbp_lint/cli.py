"""The command line: click commands and the options they share, over the library and ``commands/``.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage, configuration or input errors, and internal errors (one line each, never a traceback;
``SBP_LINT_DEBUG=1`` prints the traceback of an internal error).
"""

from __future__ import annotations

import atexit
import errno
import functools
import gc
import os
import sys
import traceback
from pathlib import Path

# The command line's process creates some 260,000 objects the cyclic collector tracks as it starts (spaCy,
# thinc, the rule packs, the pipeline), and with the default threshold (700) the collector ran 370 times
# over them, 0.05-0.1 s of a one-page check. Collecting the youngest objects every 50,000 allocations does
# it a few dozen times; the older generations keep their default ratios, so memory in a long run stays
# bounded as before.
gc.set_threshold(50_000, *gc.get_threshold()[1:])

from .nlp.blas import one_thread_before_numpy

one_thread_before_numpy()  # before anything imports numpy: OpenBLAS reads it once, when it starts

import click  # after the collector's setting: its import allocates too

from . import __version__
from .commands.check import EXIT_ERROR, CheckRequest, run_check
from .commands.settings import SETTING_NAMES, LintSettings
from .config import FAIL_ON, resolve_config
from .errors import SbpError, one_line, printable
from .packs import load_packs
from .reporters import REPORTERS
from .run.cache import DEFAULT_CACHE_DIR


def _names(values: tuple[str, ...]) -> list[str]:
    """--select a,b --select c → [a, b, c]."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _say(line: str) -> None:
    # Each message is one line: a file name's line break or ESC sequence is shown, never acted on.
    click.echo(printable(line), err=True)


def _options(*options):
    """Apply click options in the order written (click's decorators apply bottom-up)."""
    def decorate(function):
        for option in reversed(options):
            function = option(function)
        return function
    return decorate


CONFIG = click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file (skips the search).")
MODEL = click.option("--model", help="spaCy pipeline: a package name or a path.")
SELECTION = _options(
    click.option("--select", multiple=True, help="Only these rules, packs or categories (comma-separated)."),
    click.option("--ignore", multiple=True, help="Skip these rules, packs or categories (comma-separated)."),
)
FILES = _options(
    click.option("--include", multiple=True, help="Glob of files to check inside folders (repeatable)."),
    click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable)."),
)
RUN = _options(
    click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                 help="Processes to check with [default: the number of cores; 1 = no extra processes]."),
    click.option("--no-cache", is_flag=True, envvar="SBP_LINT_NO_CACHE", help="Check every file again; do not read or write the cache."),
    click.option("--cache-dir", type=click.Path(file_okay=False), envvar="SBP_LINT_CACHE_DIR", default=DEFAULT_CACHE_DIR,
                 show_default=True, help="Where findings of unchanged files are kept."),
)
REDACT = _options(
    click.option("--redact", is_flag=True, default=None, help="Keep document text out of every output (rule, category and a hash instead)."),
    click.option("--redact-paths", is_flag=True, default=None,
                 help="Also name files by pseudonyms (file-<hash>.md) in every output; implies --redact."),
)

TIMEOUT = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
                       help="Seconds one file may take [default: 120].")


def lint_settings(function):
    """Gather the shared options a command was given into one ``LintSettings`` argument."""
    @functools.wraps(function)
    def wrapper(**kwargs):
        given = {name: kwargs.pop(name) for name in list(kwargs) if name in SETTING_NAMES | {"no_cache"}}
        no_cache = given.pop("no_cache", False)
        if "cache_dir" in given and no_cache:
            given["cache_dir"] = None
        for name in ("select", "ignore"):
            if name in given:
                given[name] = _names(given[name])
        return function(settings=LintSettings(**given), **kwargs)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sbp-lint")
def cli() -> None:
    """Plain-language and strengths-based writing linter for social-care documents."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:FILE]",
              help=f"Output format: {', '.join(REPORTERS)} [default: text]. FORMAT:FILE writes it to FILE; repeat for several.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the (one) report to FILE instead of the terminal.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in FILE (then they are not reported).")
@click.option("--report-unused-suppressions", is_flag=True, default=None, help="Report sbp-lint comments that suppress nothing.")
@SELECTION
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="Lowest severity that makes the exit code 1 [default: warning].")
@CONFIG
@MODEL
@FILES
@click.option("--force-exclude", is_flag=True, default=None,
              help="Skip excluded files even when they are named on the command line (as pre-commit names them).")
@click.option("--stdin-filename", help="Name to report for '-' (its extension picks the format).")
@RUN
@click.option("--top", type=click.IntRange(min=0), default=None, metavar="N",
              help="How many kinds of finding 'Fix these first' lists at the end of text output (0: none) [default: 5].")
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr how many files came from the cache, and who each document is about (audience).")
@click.option("--fix", is_flag=True, help="Apply the safe replacements rules mark as fixes (text and Markdown files only).")
@click.option("--diff", is_flag=True, help="Print the --fix changes as a unified diff; write nothing.")
@REDACT
@TIMEOUT
@click.option("--scheduler", metavar="ADDRESS", help="Check on a Dask cluster: its scheduler's address (tcp://HOST:PORT; "
              "tls:// between machines). Needs sbp-lint[dask] here and on the workers.")
@click.option("--shared-path", is_flag=True, default=False, help="With --scheduler: workers read the files at the same "
              "paths (a shared file system) instead of being sent their bytes.")
@lint_settings
def check(settings: LintSettings, **request) -> None:
    """Check files, folders (recursively) or '-' for standard input."""
    sys.exit(run_check(CheckRequest(**request), settings, _say))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to write the reviewed copy [default: NAME.reviewed.docx beside it].")
@click.option("--force", is_flag=True, help="Replace the output file if it already exists.")
@SELECTION
@CONFIG
@MODEL
@TIMEOUT
@lint_settings
def annotate(paths, output, force, settings: LintSettings) -> None:
    """Write a copy of each Word .docx with a comment on every finding (the original is never changed)."""
    from .commands.annotate import annotate_paths

    if output and len(paths) > 1:
        raise click.UsageError("-o/--output names one file: give one document, or leave it out")
    sys.exit(annotate_paths(paths, output, force, settings, click.echo, _say))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--html", "html_file", required=True, type=click.Path(dir_okay=False), help="Write the report to this HTML file.")
@click.option("--title", default="Writing quality report", show_default=True, help="Heading of the report.")
@SELECTION
@CONFIG
@MODEL
@FILES
@RUN
@REDACT
@lint_settings
def report(paths, html_file, title, settings: LintSettings) -> None:
    """Write one self-contained HTML page about a whole library: rates, worst files, phrases, reading grades."""
    from .commands.report import run_report

    sys.exit(run_report(paths, html_file, title, settings, _say))


@cli.command("rules")
@CONFIG
def list_rules(config_file) -> None:
    """List the rule packs and their rules."""
    from .commands.explain import list_packs

    config = resolve_config(config_file, Path.cwd())
    list_packs(load_packs(config.packs, config.extra_packs), sys.stdout)


@cli.command()
@click.argument("rule_id", required=False)
@click.option("--text", "sentence", help="Show how a sentence is parsed and which rules match it.")
@CONFIG
@MODEL
@lint_settings
def explain(rule_id, sentence, settings: LintSettings) -> None:
    """Explain a rule (what it flags, why, an example and a better version), or parse --text."""
    from .commands.explain import explain_rule_id, explain_text

    if sentence is not None:
        explain_text(settings.linter(settings.config(".")), sentence, sys.stdout)
    elif not rule_id:
        raise click.UsageError("give a RULE_ID or --text \"sentence\"")
    else:
        explain_rule_id(rule_id, settings.config("."), sys.stdout)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (only this computer by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@CONFIG
@click.option("--allow-host", multiple=True, help="Another host name the page may be opened by (repeatable; for --host other than loopback).")
def serve(host, port, open_browser, config_file, allow_host) -> None:
    """A local web page: paste or open a draft, see findings in place, accept fixes, download."""
    from .serve import run

    run(host=host, port=port, open_browser=open_browser, config_file=config_file, allow_hosts=allow_host)


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default; accepted because some editors pass it).")
def lsp(stdio) -> None:
    """Run the language server (for editors): findings as you type, quick fixes, hover. Needs sbp-lint[lsp]."""
    from .lsp import main as lsp_main

    sys.exit(lsp_main())


def _leave_objects_at_exit() -> None:
    """Once the process is done, its objects are left to the operating system instead of searched for
    cycles: Python's finalization walks every object the collector tracks (spaCy's, thinc's, the packs'),
    0.2 s of a one-page check, to free memory that is freed anyway when the process ends. Registered with
    ``atexit`` (once), so it happens only as the process exits, after the report is written and every
    file closed (sbp-lint closes each file it writes), and other exit handlers still run."""
    global _exit_registered
    if not _exit_registered:
        atexit.register(gc.freeze)
        _exit_registered = True


_exit_registered = False


def main(argv: list[str] | None = None) -> None:
    """Entry point: click's own errors and ours become one line on stderr and exit 2."""
    _leave_objects_at_exit()
    try:
        cli.main(args=argv, prog_name="sbp-lint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _say("sbp-lint: aborted")
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        _say(f"sbp-lint: error: {exc.format_message()}")
        sys.exit(EXIT_ERROR)
    except SbpError as exc:
        _say(f"sbp-lint: error: {exc}")
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:
        if exc.errno not in _DISK_ERRORS:
            _internal_error(exc)
        # The report going to standard output hit a full (or failing) disk.
        where = f" ({exc.filename})" if exc.filename else ""
        _say(f"sbp-lint: error: cannot write{where}: {exc.strerror}")
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # noqa: BLE001 - a bug must not look like "findings" (exit 1) or print a traceback
        _internal_error(exc)


_DISK_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EFBIG)


def _internal_error(exc: Exception) -> None:
    """One line and exit 2 for a bug; the traceback only when asked for (SBP_LINT_DEBUG=1)."""
    if os.environ.get("SBP_LINT_DEBUG", "").strip() not in ("", "0"):
        traceback.print_exception(exc, file=sys.stderr)
    _say(f"sbp-lint: internal error: {type(exc).__name__}: {one_line(exc)} "
         "(run with SBP_LINT_DEBUG=1 for the traceback)")
    sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()

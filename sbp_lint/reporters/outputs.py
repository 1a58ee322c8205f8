"""Where reports go: ``--format FORMAT[:FILE]`` (repeatable) and ``--output FILE``.

One run can print text on the terminal and write SARIF and JUnit files
(``--format text --format sarif:report.sarif --format junit:junit.xml``),
the way markdownlint-cli2 runs several formatters. At most one format goes to
standard output. Files are checked before the (long) run and written whole
(write, then rename), so a CI step never uploads half a report.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..atomic import write_atomic
from ..errors import SbpError, printable
from ..run.files import input_replaced_by
from . import REPORTERS
from .common import shown_results


class OutputError(SbpError):
    """A --format/--output combination that cannot be used, or a report that cannot be written."""


@dataclass(frozen=True)
class Output:
    format: str
    file: str | None  # None: standard output


def parse_outputs(formats: tuple[str, ...], output: str | None) -> list[Output]:
    specs = [_parse(value) for value in (formats or ("text",))]
    to_stdout = [i for i, spec in enumerate(specs) if spec.file is None]
    if output:
        if len(to_stdout) != 1:
            raise OutputError("--output takes one format; for several, use --format FORMAT:FILE for each")
        specs[to_stdout[0]] = Output(specs[to_stdout[0]].format, output)
    elif len(to_stdout) > 1:
        names = ", ".join(specs[i].format for i in to_stdout)
        raise OutputError(f"only one format can go to the terminal ({names} given); send the others to files, "
                          "e.g. --format sarif:report.sarif")
    files = [os.path.abspath(s.file) for s in specs if s.file]
    if len(set(files)) != len(files):
        raise OutputError("two formats would write the same file")
    for spec in specs:
        if spec.file:
            _check_writable(spec.file)
    return specs


def refuse_inputs(files: list[str | None], paths, config) -> None:
    """An output that is also an input (or would be checked as one) is refused before the run: writing it
    would replace a document with a report. ``files`` are the run's outputs (None entries are skipped)."""
    for file in files:
        if not file:
            continue
        clash = input_replaced_by(file, list(paths), config.include, config.exclude)
        if clash is None:
            continue
        if not os.path.exists(file):
            raise OutputError(f"this output is inside {printable(clash)}, which is being checked, and would be checked "
                              "as a document next time; write it somewhere else", file)
        where = f"in {printable(clash)}" if os.path.isdir(clash) else printable(clash)
        raise OutputError(f"this output is one of the files being checked ({where}): writing it would "
                          "replace that document; choose another name", file)


def _parse(value: str) -> Output:
    name, colon, file = value.partition(":")
    name = name.strip().lower()
    if name not in REPORTERS:
        raise OutputError(f"unknown format '{name}' (choose from: {', '.join(sorted(REPORTERS))})")
    if colon and not file.strip():
        raise OutputError(f"'--format {value}': give a file name after ':'")
    return Output(name, file.strip() or None)


def _check_writable(file: str) -> None:
    path = Path(file)
    if path.is_dir():
        raise OutputError("cannot write the report: it is a folder", file)
    if not path.resolve().parent.is_dir():
        raise OutputError("cannot write the report: no such folder", file)


def write_outputs(specs: list[Output], results, rules, stdout: TextIO, options: dict[str, dict] | None = None) -> None:
    """Each report where it goes; ``options`` are per-format keyword arguments (``{"text": {"top": 5}}``)."""
    options = options or {}
    results = shown_results(results)  # no report may print a file name's escapes raw, or fail to encode it
    for spec in specs:
        if spec.file is None:
            REPORTERS[spec.format](results, rules, stdout, **options.get(spec.format, {}))
    for spec in specs:
        if spec.file is not None:
            buffer = io.StringIO()
            REPORTERS[spec.format](results, rules, buffer, **options.get(spec.format, {}))
            _write_atomically(spec.file, buffer.getvalue())


def _write_atomically(file: str, text: str) -> None:
    try:
        write_atomic(file, text)
    except OSError as exc:
        raise OutputError(f"cannot write the report: {exc.strerror or exc}", file) from None

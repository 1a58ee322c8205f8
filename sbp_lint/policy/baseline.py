"""Baselines: accept today's findings so a gate can start on a library that already has thousands.

``--write-baseline FILE`` records each finding as (path, rule, hash of its
sentence) with a count; ``--baseline FILE`` then reports only findings beyond
those counts. Line numbers are not part of the key, so a finding whose
paragraph moved is still matched; editing its sentence makes it new. The file
holds hashes only, never document text, and paths relative to its own folder
(so the same baseline works from any working directory and on any machine).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import SbpError, printable
from ..findings import FileResult
from ..identity import HASH_LENGTH, finding_hash
from ..atomic import write_atomic

BASELINE_VERSION = 1
_NOTE = ("sbp-lint baseline: findings accepted when it was written. Each entry is a file, a rule and a hash of "
         "the sentence (no document text). Refresh with: sbp-lint check --write-baseline FILE PATHS")

Key = tuple[str, str, str]  # (path relative to the baseline's folder, rule id, sentence hash)


class BaselineError(SbpError):
    """A baseline file that cannot be read or is not a baseline."""


def _key_path(path: str, folder: Path) -> str:
    """The path as the baseline records it: relative to the baseline's folder, with any bytes that
    are not UTF-8 (or control characters) escaped, so the file stays valid UTF-8 JSON."""
    if path == "-" or path.startswith("<"):
        return printable(path)
    try:
        return printable(Path(os.path.relpath(Path(path).resolve(), folder)).as_posix())
    except ValueError:  # another drive on Windows
        return printable(Path(path).resolve().as_posix())


def count(results: list[FileResult], folder: Path) -> Counter:
    counts: Counter = Counter()
    for result in results:
        path = _key_path(result.path, folder)
        for finding in result.findings:
            counts[(path, finding.rule, finding_hash(finding))] += 1
    return counts


def check_writable(file: str) -> None:
    """Fail before a long run, not after it."""
    if Path(file).is_dir():
        raise BaselineError("cannot write the baseline: it is a folder", file)
    if not Path(file).resolve().parent.is_dir():
        raise BaselineError("cannot write the baseline: no such folder", file)


def write(file: str, results: list[FileResult]) -> tuple[int, int]:
    """Write the baseline atomically; returns (findings, files) recorded."""
    check_writable(file)
    folder = Path(file).resolve().parent
    counts = count(results, folder)
    entries = [{"path": p, "rule": r, "hash": h, "count": n} for (p, r, h), n in sorted(counts.items())]
    # One entry per line: a refreshed baseline reads as a short diff in review.
    rows = ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in entries)
    text = (f'{{\n "version": {BASELINE_VERSION},\n "tool": "sbp-lint",\n "note": {json.dumps(_NOTE)},\n'
            f' "findings": [\n{rows}\n ]\n}}\n' if entries else
            json.dumps({"version": BASELINE_VERSION, "tool": "sbp-lint", "note": _NOTE, "findings": []}, indent=1) + "\n")
    try:
        write_atomic(file, text)
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline: {exc.strerror or exc}", file) from None
    return sum(counts.values()), len({p for p, _, _ in counts})


@dataclass
class Baseline:
    file: str
    folder: Path
    counts: Counter

    def filter(self, results: list[FileResult]) -> tuple[list[FileResult], int, int]:
        """Results without baselined findings; also (hidden, stale) counts.

        ``stale``: entries for the files checked now that no finding used (fixed
        since), a sign the baseline can be tightened.
        """
        remaining = Counter(self.counts)
        kept_results = []
        hidden = 0
        checked = set()
        for result in results:
            path = _key_path(result.path, self.folder)
            checked.add(path)
            kept = []
            for finding in result.findings:
                key = (path, finding.rule, finding_hash(finding))
                if remaining[key] > 0:
                    remaining[key] -= 1
                    hidden += 1
                else:
                    kept.append(finding)
            kept_results.append(replace(result, findings=kept))
        stale = sum(n for (path, _, _), n in remaining.items() if path in checked and n > 0)
        return kept_results, hidden, stale


def load(file: str) -> Baseline:
    try:
        text = Path(file).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError("baseline file not found (create it with --write-baseline)", file) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "cannot be read as UTF-8"
        raise BaselineError(f"cannot read the baseline: {reason}", file) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"not a valid baseline: invalid JSON ({exc.msg})", file, exc.lineno) from None
    except ValueError as exc:  # NaN or Infinity
        raise BaselineError(f"not a valid baseline: {exc}", file) from None
    except RecursionError:
        raise BaselineError("not a valid baseline: nested too deeply", file) from None
    return Baseline(file, Path(file).resolve().parent, _entries(data, file))


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number a baseline holds")


def _entries(data, file: str) -> Counter:
    if not isinstance(data, dict) or data.get("tool") != "sbp-lint" or "findings" not in data:
        raise BaselineError("not an sbp-lint baseline (expected 'tool': 'sbp-lint' and 'findings')", file)
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"baseline version {data.get('version')!r} is not supported (expected {BASELINE_VERSION})", file)
    if not isinstance(data["findings"], list):
        raise BaselineError("not a valid baseline: 'findings' must be a list", file)
    counts: Counter = Counter()
    for number, entry in enumerate(data["findings"], start=1):
        if not _valid(entry):
            raise BaselineError(f"not a valid baseline: entry {number} needs path, rule, a {HASH_LENGTH}-digit hash "
                                "and a positive count", file)
        counts[(entry["path"], entry["rule"], entry["hash"])] += entry["count"]
    return counts


def _valid(entry) -> bool:
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(k), str) and entry[k] for k in ("path", "rule", "hash"))
        and len(entry["hash"]) == HASH_LENGTH
        and all(c in "0123456789abcdef" for c in entry["hash"])
        and isinstance(entry.get("count"), int) and not isinstance(entry["count"], bool) and entry["count"] > 0
    )


def prepare(baseline_file: str | None, write_file: str | None) -> Baseline | None:
    """Read --baseline and check --write-baseline's folder before the run: a broken file fails fast."""
    if write_file:
        check_writable(write_file)
        return None  # writing records every finding; an older baseline does not filter them
    return load(baseline_file) if baseline_file else None


def apply(results: list[FileResult], accepted: Baseline | None, write_file: str | None) -> tuple[list[FileResult], list[str]]:
    """Write the baseline (--write-baseline) or hide the findings it accepts (--baseline); also what to tell the user."""
    notes = []
    if write_file:
        findings, files = write(write_file, results)
        notes.append(f"sbp-lint: recorded {findings} finding{'s' if findings != 1 else ''} in {files} "
                     f"file{'s' if files != 1 else ''} in {write_file}; check with --baseline {write_file}")
        accepted = load(write_file)
    if accepted is None:
        return results, notes
    results, _hidden, stale = accepted.filter(results)
    if stale:
        notes.append(f"sbp-lint: {stale} baselined finding{'s' if stale != 1 else ''} no longer occur{'s' if stale == 1 else ''}; "
                     f"refresh the baseline with --write-baseline {accepted.file}")
    return results, notes

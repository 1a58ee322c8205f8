"""Item 13 of issue 13: a tampered or damaged cache entry is a miss, never served, never a crash.

Entries are validated (keys, types, ranges, finite numbers, known rule ids) and read with NaN and
Infinity refused and deep nesting caught; anything odd makes the file be checked again. JSON output
is strict JSON: never NaN.
"""

import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sbp_lint.reporters import json_report
from sbp_lint.run.cache import Cache, linter_fingerprint
from sbp_lint.run.runner import make_runner

PLAN = "# Plan\n\nMr Davies suffers from arthritis and refuses his tablets.\n\nHe is a service user.\n"


def _strict(text: str):
    def refuse(name):
        raise ValueError(f"{name} in JSON output")
    return json.loads(text, parse_constant=refuse)


def _summary(results):
    return [(r.error, [(f.rule, f.line, f.column, f.end_line, f.end_column, f.text, f.message) for f in r.findings]) for r in results]


@pytest.fixture(scope="module")
def fresh(linter, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cache-entries")
    plan = folder / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    runner = make_runner(linter, jobs=1, cache_dir=str(folder / "cache"), progress=False)
    results = runner.run([str(plan)])
    (entry,) = (folder / "cache").rglob("*.json")
    return plan, folder / "cache", entry, entry.read_text(encoding="utf-8"), _summary(results)


def _rerun(linter, plan: Path, cache: Path):
    runner = make_runner(linter, jobs=1, cache_dir=str(cache), progress=False)
    results = runner.run([str(plan)])
    return results, runner.stats


def _tamper(entry: Path, original: str, change) -> None:
    data = json.loads(original)
    change(data)
    entry.write_text(json.dumps(data), encoding="utf-8")  # json.dumps writes NaN for float('nan'), as an attacker could


@pytest.mark.parametrize("change", [
    lambda d: d["findings"][0].update(line=math.nan),
    lambda d: d["findings"][0].update(line="3"),
    lambda d: d["findings"][0].update(column=-4),
    lambda d: d["findings"][0].update(end_column=True),
    lambda d: d["findings"][0].update(rule="deficit.no-such-rule"),
    lambda d: d["findings"][0].update(severity="fatal"),
    lambda d: d["findings"][0].update(block_span=[0, 5, 2, 0, 9]),
    lambda d: d["findings"][0].update(details={"words": math.inf}),
    lambda d: d["findings"][0].update(extra="x"),
    lambda d: d.update(encoding="rot13"),
    lambda d: d.update(findings={"a": 1}),
], ids=["nan-line", "string-line", "negative-column", "bool-column", "unknown-rule", "bad-severity", "span-backwards",
        "infinite-detail", "unknown-key", "unknown-encoding", "findings-not-a-list"])
def test_an_odd_entry_is_a_miss_and_is_rewritten(linter, fresh, change):
    plan, cache, entry, original, expected = fresh
    _tamper(entry, original, change)
    results, stats = _rerun(linter, plan, cache)
    assert stats.cached == 0 and stats.checked == 1
    assert _summary(results) == expected
    assert json.loads(entry.read_text(encoding="utf-8")) == json.loads(original)  # checked again and rewritten
    out = io.StringIO()
    json_report.report(results, linter.rules, out)
    _strict(out.getvalue())


def test_a_deeply_nested_entry_is_a_miss_every_time(linter, fresh):
    plan, cache, entry, original, expected = fresh
    for _ in range(2):
        entry.write_text('{"key": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
        results, stats = _rerun(linter, plan, cache)
        assert stats.cached == 0 and _summary(results) == expected


json_values = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                           max_leaves=12)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(["rule", "category", "severity", "line", "column", "end_line", "end_column", "location",
                              "block_span", "details", "text", "message", "suggestions", "fix", "sentence", "key", "encoding"]),
       value=json_values, which=st.integers(0, 5))
def test_any_tampered_field_is_served_only_if_valid_and_output_stays_strict_json(linter, fresh, field, value, which):
    plan, cache, entry, original, expected = fresh

    def change(data):
        if field in ("key", "encoding"):
            data[field] = value
        else:
            data["findings"][which % len(data["findings"])][field] = value

    _tamper(entry, original, change)
    results, stats = _rerun(linter, plan, cache)
    known = {*linter.all_rules, "structure.unused-suppression"}
    for finding in results[0].findings:
        assert finding.rule in known
        assert all(isinstance(n, int) and not isinstance(n, bool) and n >= 1
                   for n in (finding.line, finding.column, finding.end_line, finding.end_column))
        assert isinstance(finding.text, str) and isinstance(finding.message, str)
    out = io.StringIO()
    json_report.report(results, linter.rules, out)
    _strict(out.getvalue())
    if stats.cached == 0:
        assert _summary(results) == expected
    entry.write_text(original, encoding="utf-8")

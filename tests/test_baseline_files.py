"""Item 14 of issue 13: any baseline file, however broken or hostile, is read or refused in one line."""

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import run_cli
from sbp_lint.policy.baseline import BaselineError, load

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
                           max_leaves=20)


def _baseline_like(findings):
    return {"version": 1, "tool": "sbp-lint", "findings": findings}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(
    st.binary(max_size=200),
    json_values.map(json.dumps),
    st.lists(json_values, max_size=4).map(lambda f: json.dumps(_baseline_like(f))),
    st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 200_000).map(lambda n: json.dumps(_baseline_like([])).replace("[]", "[" * n + "]" * n)),
))
def test_any_baseline_is_read_or_refused_in_one_line(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("b") / "baseline.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        baseline = load(str(path))
    except BaselineError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    assert all(n > 0 for n in baseline.counts.values())


def test_a_deeply_nested_baseline_is_exit_2_and_one_line(tmp_path):
    (tmp_path / "plan.md").write_text("# Plan\n\nShe refuses.\n", encoding="utf-8")
    (tmp_path / "baseline.json").write_text('{"findings": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = run_cli("check", "plan.md", "--baseline", "baseline.json", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "sbp-lint: error: baseline.json: not a valid baseline: nested too deeply\n"

"""Property-based tests: positions hold for any text; bad packs and configs fail with our own one-line error."""

import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from sbp_lint.config import parse_config
from sbp_lint.documents.base import split_lines
from sbp_lint.errors import ConfigError, PackError
from sbp_lint.packs import load_pack_file
from sbp_lint.yamlutil import load_yaml

# Words the rules react to, mixed with arbitrary Unicode: emoji, right-to-left scripts,
# combining marks, CRLF and tabs.
TRIGGERS = ["refuses", "suffers from", "service user", "package of care", "It was decided", "LAC review", "wheelchair-bound"]
pieces = st.one_of(
    st.sampled_from(TRIGGERS),
    st.sampled_from(["🙂", "مرحبا", "שלום", "e\u0301", "\r\n", "\t", "\n\n", " ", ". ", "- ", "> ", "| a | b |\n|---|---|\n| ", "**", "’", "\u200d"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
documents = st.lists(pieces, min_size=1, max_size=25).map("".join)


def source_slice(source: str, finding) -> str:
    lines = split_lines(source)
    if finding.line == finding.end_line:
        return lines[finding.line - 1][finding.column - 1:finding.end_column - 1]
    head = lines[finding.line - 1][finding.column - 1:]
    middle = lines[finding.line:finding.end_line - 1]
    tail = lines[finding.end_line - 1][:finding.end_column - 1]
    return "\n".join([head, *middle, tail])


def same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=documents, fmt=st.sampled_from(["markdown", "text"]))
def test_every_finding_points_at_its_text(linter, text, fmt):
    for finding in linter.check_text(text, fmt=fmt):
        assert 1 <= finding.line <= finding.end_line
        located = source_slice(text, finding)
        # Markup inside a span (e.g. "**") is not part of the finding's text; whitespace may be a line break.
        assert same_words(located.replace("**", ""), finding.text.replace("**", "")) or finding.category in ("readability", "structure", "missing_first_person"), (finding, located)


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(string.ascii_lowercase + "_.", max_size=12), inner, max_size=5)), max_leaves=20)
keys = st.sampled_from(["pack", "rules", "id", "kind", "category", "severity", "message", "why", "suggestions", "examples", "phrases", "patterns", "flag", "pass", "scope", "exceptions", "check", "options"])
pack_like = st.recursive(yaml_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=8)), max_leaves=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(pack_like, yaml_values), raw=st.text(max_size=80))
def test_any_yaml_as_a_pack_loads_or_fails_with_one_line(tmp_path, data, raw):
    for text in (yaml.safe_dump(data, allow_unicode=True), raw):
        path = tmp_path / "pack.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_pack_file(path)
        except PackError as exc:
            message = str(exc)
            assert message.startswith(str(path)) and "\n" not in message


@settings(max_examples=300, deadline=None)
@given(data=yaml_values, raw=st.text(max_size=80))
def test_any_yaml_as_a_config_loads_or_fails_with_one_line(data, raw):
    for text in (yaml.safe_dump(data, allow_unicode=True), raw):
        try:
            parsed = load_yaml(text, "cfg.yaml", ConfigError)
            parse_config(parsed if parsed is not None else {}, "cfg.yaml")
        except ConfigError as exc:
            assert str(exc).startswith("cfg.yaml") and "\n" not in str(exc)

"""Leaks closed by issue 13: the reason in a suppression comment (item 7), file names under
--redact-paths (item 8), file names that are not UTF-8 (item 10) or carry control characters (item 20)."""

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from conftest import run_cli
from sbp_lint.policy.suppress import ACTIONS, parse, unused
from sbp_lint.reporters.redact import redact_finding
from sbp_lint.run.cache import finding_to_json

FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab", "rdjson"]
REASON = "court order re Zebedee Quistorff 12/03"
STALE = (
    "# Notes\n\n"
    f"<!-- sbp-lint disable-next-line deficit.refuses -- {REASON} -->\n"
    "She chose not to go out on Tuesday.\n\n"
    f"<!-- sbp-lint disabel deficit -- {REASON} -->\n"
    "Mr Davies refuses his tablets.\n"
)


# -- item 7: the reason after "--" is never stored or shown -------------------------------------

reasons = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="-"), min_size=6).map(lambda t: "R3AS0N " + t)


@given(action=st.sampled_from([*ACTIONS, "disabel", "ignore"]), names=st.lists(st.sampled_from(["deficit", "jargon.pcp", "nosuch"]), max_size=3),
       reason=reasons)
def test_an_unused_suppression_finding_never_carries_the_reason(action, names, reason):
    directive = parse(7, f"sbp-lint {action} {' '.join(names)} -- {reason}")
    for finding in unused([directive], {}, set()):
        stored = json.dumps(finding_to_json(finding), ensure_ascii=False)
        shown = json.dumps(finding_to_json(redact_finding(finding, {})), ensure_ascii=False)
        assert "R3AS0N" not in stored and "R3AS0N" not in shown
        assert finding.line == 7 and finding.text.startswith("sbp-lint")


def test_reasons_stay_out_of_the_cache_and_every_redacted_format(tmp_path):
    plan = tmp_path / "notes.md"
    plan.write_text(STALE, encoding="utf-8")
    cache = tmp_path / "cache"
    outputs = [f"{fmt}:{tmp_path / ('out.' + fmt)}" for fmt in FORMATS if fmt != "text"]
    args = ["--report-unused-suppressions", "--cache-dir", str(cache), "--jobs", "1"]
    for run in range(2):  # the second run comes from the cache
        result = run_cli("check", str(plan), *args, "--redact", *[a for o in outputs for a in ("--format", o)],
                         "--format", "text", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        for blob in [result.stdout, result.stderr, *(Path(o.split(":", 1)[1]).read_bytes() for o in outputs)]:
            assert b"Quistorff" not in blob and b"12/03" not in blob
        assert b"structure.unused-suppression" in result.stdout
    for entry in cache.rglob("*.json"):
        assert b"Quistorff" not in entry.read_bytes() and b"12/03" not in entry.read_bytes()
    plain = run_cli("check", str(plan), *args, "--format", "json", cwd=tmp_path)
    assert b"Quistorff" not in plain.stdout
    messages = [f["message"] for f in json.loads(plain.stdout)["files"][0]["findings"] if f["rule"] == "structure.unused-suppression"]
    assert "'deficit.refuses' in 'sbp-lint disable-next-line deficit.refuses' suppresses nothing: remove it." in messages
    assert any(m.startswith("'sbp-lint disabel' is not an sbp-lint directive") for m in messages)

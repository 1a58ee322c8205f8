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


# -- item 8: --redact-paths ---------------------------------------------------------------------

NAMED = "# Plan\n\nMrs Jones suffers from arthritis in Llanfrothen.\n\nShe refuses her tablets.\n"


def _pseudonyms(blob: bytes) -> set[str]:
    import re

    return set(re.findall(rb"file-[0-9a-f]{8}\.md", blob))


def test_redact_paths_names_files_by_stable_pseudonyms_in_every_output(tmp_path):
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "Zebedee-Quistorff-plan.md").write_text(NAMED, encoding="utf-8")
    (folder / "Blodwenna-Evans.md").write_text(NAMED, encoding="utf-8")
    seen = []
    for run in range(2):
        outputs = [f"{fmt}:out-{run}.{fmt}" for fmt in FORMATS if fmt != "text"]
        result = run_cli("check", "clients", "--redact-paths", "--no-cache", *[a for o in outputs for a in ("--format", o)],
                         cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        blobs = [result.stdout, result.stderr, *((tmp_path / o.split(":", 1)[1]).read_bytes() for o in outputs)]
        for blob in blobs:
            assert b"Quistorff" not in blob and b"Blodwenna" not in blob and b"Llanfrothen" not in blob
        seen.append(_pseudonyms(b"".join(blobs)))
    assert len(seen[0]) == 2 and seen[0] == seen[1], "one stable pseudonym per file"
    report = run_cli("report", "clients", "--html", "report.html", "--no-cache", "--redact-paths", cwd=tmp_path)
    page = (tmp_path / "report.html").read_bytes()
    assert report.returncode == 0 and b"Quistorff" not in page and b"Quistorff" not in report.stdout
    assert _pseudonyms(page) == seen[0]


def test_redact_paths_keeps_baselines_and_fingerprints_working(tmp_path):
    (tmp_path / "Zebedee-Quistorff.md").write_text(NAMED, encoding="utf-8")
    (tmp_path / ".sbp-lint.yaml").write_text("redact_paths: true\n", encoding="utf-8")
    run_cli("check", "Zebedee-Quistorff.md", "--write-baseline", "baseline.json", "--no-cache", cwd=tmp_path)
    again = run_cli("check", "Zebedee-Quistorff.md", "--baseline", "baseline.json", "--no-cache", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    redacted = json.loads(run_cli("check", "Zebedee-Quistorff.md", "--format", "sarif", "--no-cache", cwd=tmp_path).stdout)
    (tmp_path / "plain.yaml").write_text("redact_paths: false\n", encoding="utf-8")
    plain = json.loads(run_cli("check", "Zebedee-Quistorff.md", "--format", "sarif", "--no-cache", "--config", "plain.yaml",
                               cwd=tmp_path).stdout)

    def fingerprints(sarif):
        return [r["partialFingerprints"] for r in sarif["runs"][0]["results"]]

    assert fingerprints(redacted) == fingerprints(plain) and fingerprints(plain)
    assert "Quistorff" not in json.dumps(redacted) and "Quistorff" in json.dumps(plain)


# -- items 10 and 20: file names that are not UTF-8, or hold control characters -------------------

def _finding():
    from sbp_lint.findings import Finding, Severity

    return Finding("deficit.refuses", "deficit", Severity.WARNING, 3, 5, 3, 12, "refuses", "'refuses' frames a choice.",
                   ["chose not to"], sentence="She refuses her tablets.")


odd_names = st.text(st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7e), st.sampled_from(
    ["\n", "\r", "\t", "\x1b", "\x07", "\x85", "\u2028", "\u202e", "\udce9", "\udcff", "é"])), min_size=1, max_size=20)


@given(name=odd_names.filter(lambda n: "/" not in n and n not in (".", "..")))
def test_every_format_shows_any_file_name_escaped_and_writes_valid_utf8(name):
    import io
    import xml.etree.ElementTree as ET

    from sbp_lint.findings import FileResult
    from sbp_lint.reporters import REPORTERS
    from sbp_lint.reporters.outputs import Output, write_outputs

    results = [FileResult(path=f"notes/{name}.md", findings=[_finding()]), FileResult(path=f"{name}.txt", error="binary file")]
    for fmt in REPORTERS:
        out = io.StringIO()
        write_outputs([Output(fmt, None)], results, [], out)
        text = out.getvalue()
        text.encode("utf-8")  # strict: no lone surrogates
        assert "\x1b" not in text and "\x07" not in text and "\u2028" not in text and "\x85" not in text and "\u202e" not in text
        if fmt in ("json", "sarif", "gitlab", "rdjson"):
            json.loads(text)
        elif fmt == "junit":
            ET.fromstring(text.encode("utf-8"))
        elif fmt == "text":
            assert sum(1 for line in text.splitlines() if "deficit.refuses" in line) == 1, "a name cannot forge a line"


@given(name=odd_names)
def test_errors_on_stderr_show_a_file_name_on_one_line(name):
    from sbp_lint.errors import DocumentError

    message = str(DocumentError("binary file, not text (skipped)", name))
    assert "\n" not in message and "\r" not in message and "\x1b" not in message and "\u2028" not in message
    message.encode("utf-8")


def test_a_name_that_is_not_utf8_is_checked_and_reported_in_every_format(tmp_path):
    import os

    folder = tmp_path / "library"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"Ca\xe9 \x1b[31mred.md"), "w", encoding="utf-8") as stream:
        stream.write(NAMED)
    outputs = [f"{fmt}:out.{fmt}" for fmt in FORMATS if fmt != "text"]
    result = run_cli("check", "library", "--no-cache", "--format", "text", *[a for o in outputs for a in ("--format", o)],
                     cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    for output in outputs:
        blob = (tmp_path / output.split(":", 1)[1]).read_bytes()
        # the escapes as the format writes a backslash: as is, JSON-escaped, or percent-encoded in a SARIF URI
        assert any(form in blob for form in (b"Ca\\xe9 \\x1b[31mred", b"Ca\\\\xe9 \\\\x1b[31mred", b"Ca%5Cxe9%20%5Cx1b%5B31mred")), output
        assert b"\x1b" not in blob
    assert run_cli("check", "library", "--no-cache", "--write-baseline", "baseline.json", cwd=tmp_path).returncode == 0
    assert run_cli("check", "library", "--no-cache", "--baseline", "baseline.json", cwd=tmp_path).returncode == 0
    plain = run_cli("check", "library", "--no-cache", cwd=tmp_path)
    assert b"library/Ca\\xe9 \\x1b[31mred.md:3:11\n" in plain.stdout and b"warning deficit.suffers-from" in plain.stdout
    assert b"\x1b" not in plain.stdout
    report = run_cli("report", "library", "--no-cache", "--html", "report.html", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "Ca\\xe9" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_terminal_escapes_in_a_document_are_not_printed_raw(tmp_path):
    (tmp_path / "notes.txt").write_bytes(b"Mr Davies \x1b[2J \x1b]0;owned\x07 refuses his tablets.\n")
    result = run_cli("check", "notes.txt", "--no-cache", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 1 and "deficit.refuses" in out
    assert "\x1b" not in out and "\x07" not in out
    sentence, marks = [line for line in out.splitlines() if line.startswith("    ")][:2]
    assert sentence[marks.index("^"):marks.rindex("^") + 1] == "refuses"

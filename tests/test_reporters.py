"""CI output formats: SARIF (validated against the OASIS schema), GitHub annotations, GitLab Code
Quality, JUnit and reviewdog rdjson; several formats in one run; --output."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import run_cli
from sbp_lint.findings import FileResult, Finding, Severity
from sbp_lint.packs import load_packs
from sbp_lint.reporters import REPORTERS, github, gitlab, sarif

DATA = Path(__file__).parent / "data"

# "Café — " puts multi-byte characters before the first finding on its line (rdjson counts bytes).
PLAN = """# Care and support plan

Café — Mrs Jones suffers from arthritis.

She refuses her tablets. Mr Davies is a service user.
"""
CLEAN = "# Plan\n\nMr Davies likes football and sees his brother on Sundays.\n"
FORMATS = {"sarif": "report.sarif", "github": "github.txt", "gitlab": "gl-code-quality.json",
           "junit": "junit.xml", "rdjson": "rdjson.json", "json": "report.json"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One real run writing every format to a file, with text on the terminal."""
    repo = tmp_path_factory.mktemp("repo")
    (repo / "plans").mkdir()
    (repo / "plans" / "mrs jones.md").write_text(PLAN, encoding="utf-8")
    (repo / "plans" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (repo / "plans" / "broken.md").write_bytes(b"\x00\x01binary")
    (repo / "out").mkdir()
    args = [a for name, file in FORMATS.items() for a in ("--format", f"{name}:out/{file}")]
    result = run_cli("check", "plans", "--format", "text", *args, cwd=repo)
    return repo, result


def read(repo: Path, name: str) -> str:
    return (repo / "out" / FORMATS[name]).read_text(encoding="utf-8")


def json_findings(repo: Path) -> dict[str, list[dict]]:
    return {f["path"]: f["findings"] for f in json.loads(read(repo, "json"))["files"]}


def test_text_on_terminal_and_every_file_written_in_one_run(run):
    repo, result = run
    assert result.returncode == 2  # the unreadable file makes it an error run
    out = result.stdout.decode()
    assert "suffers from" in out and "deficit.refuses" in out and "broken.md" in out
    for name in FORMATS:
        assert (repo / "out" / FORMATS[name]).stat().st_size > 0, name
    assert not list((repo / "out").glob(".*tmp")), "temporary files left behind"


# -- SARIF ---------------------------------------------------------------
def test_sarif_is_valid_against_the_oasis_schema(run):
    repo, _ = run
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(read(repo, "sarif"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")


def test_sarif_rules_carry_what_github_code_scanning_shows(run):
    repo, _ = run
    driver = json.loads(read(repo, "sarif"))["runs"][0]["tool"]["driver"]
    severities = {r.id: r.severity for p in load_packs() for r in p.rules}
    assert {r["id"] for r in driver["rules"]} == set(severities)
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
    for rule in driver["rules"]:
        assert rule["name"] and "{" not in rule["shortDescription"]["text"]
        assert 0 < len(rule["shortDescription"]["text"]) <= 1024 and 0 < len(rule["fullDescription"]["text"]) <= 1024
        assert "Why it matters" in rule["help"]["text"] and "Use instead" in rule["help"]["text"]
        assert "**Example**" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] == level[severities[rule["id"]]]


def test_sarif_results_point_at_the_finding(run):
    repo, _ = run
    runs = json.loads(read(repo, "sarif"))["runs"][0]
    rules = runs["tool"]["driver"]["rules"]
    expected = json_findings(repo)[str(Path("plans") / "mrs jones.md")]
    results = runs["results"]
    assert len(results) == len(expected)
    for result, finding in zip(results, expected):
        assert result["ruleId"] == finding["rule"] and rules[result["ruleIndex"]]["id"] == finding["rule"]
        assert result["level"] == {"warning": "warning", "error": "error", "suggestion": "note"}[finding["severity"]]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "plans/mrs%20jones.md"  # relative, forward slashes, encoded
        assert location["region"] == {"startLine": finding["line"], "startColumn": finding["column"],
                                      "endLine": finding["end_line"], "endColumn": finding["end_column"]}
        assert finding["message"] in result["message"]["text"]
        assert re.fullmatch(r"[0-9a-f]{16}:\d+", result["partialFingerprints"]["primaryLocationLineHash"])
    suffers = next(r for r in results if r["ruleId"] == "deficit.suffers-from")
    assert suffers["locations"][0]["physicalLocation"]["region"]["startColumn"] == 18


def test_sarif_reports_an_unreadable_file_as_a_tool_notification(run):
    repo, _ = run
    invocation = json.loads(read(repo, "sarif"))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "broken.md" in note["message"]["text"] and "binary" in note["message"]["text"]


def test_fingerprints_survive_lines_moving_and_change_with_the_sentence(linter):
    moved = "# Care and support plan\n\nA new first paragraph.\n\nAnother one.\n\n" + PLAN.split("\n", 2)[2]
    edited = PLAN.replace("She refuses her tablets.", "She refuses her tablets today.")

    def sarif_prints(text):
        log = sarif.as_dict([FileResult("plan.md", linter.check_text(text, "plan.md"))], linter.rules)
        return {(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in log["runs"][0]["results"]}

    before, after, changed = sarif_prints(PLAN), sarif_prints(moved), sarif_prints(edited)
    assert set(before) == set(after)  # same identities ...
    assert all(after[key] == before[key] + 4 for key in before)  # ... four lines further down
    refuses = {k for k in before if k[0] == "deficit.refuses"}
    assert refuses and not refuses & set(changed)  # an edited sentence is a new alert
    assert {k for k in before if k[0] == "deficit.suffers-from"} <= set(changed)


# -- GitHub workflow commands -------------------------------------------
def test_github_annotations(run):
    repo, _ = run
    lines = read(repo, "github").splitlines()
    refuses = next(line for line in lines if "deficit.refuses" in line)
    assert re.fullmatch(r"::warning file=plans/mrs jones\.md,line=5,endLine=5,col=5,endColumn=12,"
                        r"title=sbp-lint deficit\.refuses::.*refuses.*", refuses)
    assert any(line.startswith("::error file=plans/broken.md") for line in lines)


def _finding(n: int, severity=Severity.WARNING, message="m") -> Finding:
    return Finding(rule="label.service-user", category="label", severity=severity, line=n, column=1,
                   end_line=n, end_column=5, text="word", message=message)


def test_github_escapes_messages_and_properties():
    finding = _finding(3, message="100% sure\nsecond line")
    line = github.annotation("notes/a,b:c.md", finding)
    assert line.startswith("::warning file=notes/a%2Cb%3Ac.md,line=3,")
    assert line.endswith("::100%25 sure%0Asecond line")
    assert "\n" not in line


def test_github_annotates_ten_per_level_then_logs_the_rest_and_says_how_many():
    import io

    findings = [_finding(n) for n in range(1, 26)] + [_finding(100 + n, Severity.SUGGESTION) for n in range(12)]
    out = io.StringIO()
    github.report([FileResult("plan.md", findings)], [], out)
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert sum(line.startswith("::notice file=") for line in lines) == 9  # one notice kept for the summary
    plain = [line for line in lines if line.startswith("plan.md:")]
    assert len(plain) == 15 + 3  # nothing is lost: the rest are in the log
    assert lines[-1].startswith("::notice title=sbp-lint::18 more findings")


# -- GitLab Code Quality ------------------------------------------------
def test_gitlab_code_quality(run):
    repo, _ = run
    issues = json.loads(read(repo, "gitlab"))
    assert isinstance(issues, list)
    findings = [i for i in issues if i["location"]["path"] == "plans/mrs jones.md"]
    assert {i["check_name"] for i in findings} == {f["rule"] for f in json_findings(repo)[str(Path("plans") / "mrs jones.md")]}
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    refuses = next(i for i in findings if i["check_name"] == "deficit.refuses")
    assert refuses["severity"] == "minor" and refuses["description"].startswith("deficit.refuses: ")
    assert refuses["location"]["lines"]["begin"] == 5
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_are_unique_even_for_repeated_sentences_and_files():
    repeated = [_finding(n) for n in (1, 2, 3)]  # same rule, same (empty) sentence, same text
    results = [FileResult("a.md", repeated), FileResult("a.md", repeated)]  # a file given twice
    prints = [i["fingerprint"] for i in gitlab.as_list(results)]
    assert len(set(prints)) == 6


def test_gitlab_paths_are_relative_to_the_project_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    (issue,) = gitlab.as_list([FileResult(str(tmp_path / "plans" / "a.md"), [_finding(1)])])
    assert issue["location"]["path"] == "plans/a.md"


# -- JUnit -----------------------------------------------------------------
def test_junit_one_suite_per_file_and_a_passing_case_for_a_clean_file(run):
    repo, _ = run
    root = ET.fromstring(read(repo, "junit"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"plans/broken.md", "plans/clean.md", "plans/mrs jones.md"}
    (clean_case,) = suites["plans/clean.md"].findall("testcase")
    assert clean_case.find("failure") is None and clean_case.find("error") is None
    cases = suites["plans/mrs jones.md"].findall("testcase")
    expected = json_findings(repo)[str(Path("plans") / "mrs jones.md")]
    assert len(cases) == len(expected) == int(suites["plans/mrs jones.md"].get("failures"))
    assert all(c.find("failure") is not None for c in cases)
    assert len({c.get("name") for c in cases}) == len(cases)  # GitLab drops duplicate names
    assert suites["plans/broken.md"].find("testcase/error") is not None
    assert int(root.get("failures")) == len(expected) and int(root.get("errors")) == 1


def test_junit_survives_control_characters_in_a_document():
    import io

    finding = _finding(1, message="bad \x0b char")
    out = io.StringIO()
    REPORTERS["junit"]([FileResult("a.md", [finding])], [], out)
    ET.fromstring(out.getvalue())  # well-formed XML


# -- reviewdog rdjson ----------------------------------------------------
def test_rdjson_columns_are_utf8_bytes_and_only_safe_fixes_become_suggestions(run):
    repo, _ = run
    data = json.loads(read(repo, "rdjson"))
    assert data["source"]["name"] == "sbp-lint"
    diagnostics = [d for d in data["diagnostics"] if d["location"]["path"] == "plans/mrs jones.md"]
    suffers = next(d for d in diagnostics if d["code"]["value"] == "deficit.suffers-from")
    line = PLAN.splitlines()[2].encode("utf-8")
    start, end = suffers["location"]["range"]["start"], suffers["location"]["range"]["end"]
    assert start["line"] == end["line"] == 3
    assert line[start["column"] - 1:end["column"] - 1] == b"suffers from"  # 1-based bytes, end exclusive
    assert start["column"] == 21  # character column 18 + 3 extra bytes for "é" and "—"
    assert suffers["suggestions"] == [{"range": suffers["location"]["range"], "text": "lives with"}]
    refuses = next(d for d in diagnostics if d["code"]["value"] == "deficit.refuses")
    assert "suggestions" not in refuses and refuses["severity"] == "WARNING"
    assert any(d["location"]["path"] == "plans/broken.md" and d["severity"] == "ERROR" for d in data["diagnostics"])


# -- choosing formats ------------------------------------------------------
def test_output_writes_the_single_format_to_a_file(tmp_path):
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "plan.md", "--format", "sarif", "--output", "report.sarif", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == b""
    assert json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]


@pytest.mark.parametrize("args,message", [
    (["--format", "nope"], "unknown format 'nope'"),
    (["--format", "text", "--format", "json"], "only one format can go to the terminal"),
    (["--format", "sarif:missing-folder/report.sarif"], "no such folder"),
    (["--format", "text", "--format", "json", "--output", "x.json"], "--output takes one format"),
])
def test_bad_format_choices_are_one_line_errors_before_the_run(tmp_path, args, message):
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    result = run_cli("check", "plan.md", *args, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode()
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err

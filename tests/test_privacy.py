"""Personal data stays where it is: caches and baselines hold no document text; --redact removes it from every output."""

import json
from pathlib import Path

import docx
import pytest

from conftest import run_cli

# Distinctive words that stand for personal details: none may leak where the guarantees say so.
NAME = "Zebedee Quistorff"
PLAN = (
    "# Care and support plan\n\n"
    f"{NAME} refuses his tablets on Tuesdays.\n\n"
    f"It was decided that {NAME} suffers from arthritis and needs a package of care.\n\n"
    "## Personal outcomes\n\n"
    f"- {NAME} will attend the Glanrafon day centre.\n"
)
SECRETS = [NAME, "Zebedee", "Quistorff", "Glanrafon", "tablets on Tuesdays", "refuses his"]
FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab", "rdjson"]
# Words a rewrite's recipe may hold because the rules write them ("[who]", "take", "[because …]"), not the document.
_RULE_WORDS = ["[who]", "and", "the", "a", "to", "of", "[because", "…]."]


def leaks(blob: bytes | str) -> list[str]:
    text = blob.decode("utf-8", "replace") if isinstance(blob, bytes) else blob
    return [s for s in SECRETS if s in text]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "plan.md").write_text(PLAN, encoding="utf-8")
    word = docx.Document()
    word.add_heading("Care and support plan", 1)
    for paragraph in PLAN.split("\n\n")[1:3]:
        word.add_paragraph(paragraph)
    word.save(folder / "plan.docx")
    return folder


def test_cache_holds_no_document_text_and_still_reports_it(library, tmp_path):
    cache = tmp_path / "cache"
    cold = run_cli("check", str(library), "--format", "json", "--cache-dir", str(cache), "--jobs", "1")
    warm = run_cli("check", str(library), "--format", "json", "--cache-dir", str(cache), "-v", "--jobs", "1")
    assert b"2 from the cache" in warm.stderr
    assert warm.stdout == cold.stdout and NAME.encode() in cold.stdout  # rebuilt from the files
    rewrites = [f["rewrite"]["text"] for file in json.loads(warm.stdout)["files"] for f in file["findings"] if f["rewrite"]]
    assert any(NAME in r for r in rewrites), "rewrites come back from a warm cache, words and all"
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in entries)
    for entry in entries:
        assert leaks(entry.read_bytes()) == [], entry
        if entry.suffix == ".json":
            document_words = set(PLAN.lower().split()) - set(_RULE_WORDS)
            stored = json.loads(entry.read_text(encoding="utf-8"))
            literals = [p[1] for f in stored["findings"] for p in (f.get("recipe") or {}).get("pieces", []) if p[0] == "t"]
            assert literals and not [w for w in " ".join(literals).lower().split() if w in document_words], entry


def test_cache_entry_for_a_changed_file_is_not_used(library, tmp_path):
    cache = tmp_path / "cache"
    run_cli("check", str(library / "plan.md"), "--cache-dir", str(cache))
    (library / "plan.md").write_text(PLAN.replace("refuses", "declines"), encoding="utf-8")
    data = json.loads(run_cli("check", str(library / "plan.md"), "--format", "json", "--cache-dir", str(cache)).stdout)
    assert not any(f["rule"] == "deficit.refuses" for f in data["files"][0]["findings"])


def test_baseline_holds_no_document_text(library, tmp_path):
    baseline = tmp_path / "baseline.json"
    result = run_cli("check", str(library), "--write-baseline", str(baseline), "--no-cache")
    assert baseline.is_file() and leaks(baseline.read_bytes()) == []
    again = run_cli("check", str(library), "--baseline", str(baseline), "--no-cache", "--format", "json")
    assert again.returncode == 0 and json.loads(again.stdout)["summary"]["findings"] == 0, result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_redact_removes_document_text_from_every_format(library, fmt):
    plain = run_cli("check", str(library), "--format", fmt, "--no-cache")
    redacted = run_cli("check", str(library), "--format", fmt, "--no-cache", "--redact")
    assert leaks(plain.stdout), "the unredacted report should show the words"
    assert redacted.returncode == plain.returncode == 1
    assert leaks(redacted.stdout) == [] and leaks(redacted.stderr) == []


def test_redacted_json_keeps_positions_rules_and_counts(library):
    plain = json.loads(run_cli("check", str(library), "--format", "json", "--no-cache").stdout)
    redacted = json.loads(run_cli("check", str(library), "--format", "json", "--no-cache", "--redact").stdout)
    assert redacted["summary"] == plain["summary"]
    for a, b in zip(plain["files"], redacted["files"]):
        keys = ("rule", "category", "severity", "line", "column", "end_line", "end_column")
        assert [[f[k] for k in keys] for f in a["findings"]] == [[f[k] for k in keys] for f in b["findings"]]
        for finding in b["findings"]:
            assert finding["text"].startswith(f"[{finding['rule']} {finding['category']} ")


def test_sarif_fingerprints_survive_redaction(library):
    def prints(*extra):
        sarif = json.loads(run_cli("check", str(library), "--format", "sarif", "--no-cache", *extra).stdout)
        return [r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif["runs"][0]["results"]]

    assert prints() == prints("--redact")


def test_baseline_written_with_redact_matches_plain_runs(library, tmp_path):
    baseline = tmp_path / "b.json"
    run_cli("check", str(library), "--no-cache", "--redact", "--write-baseline", str(baseline))
    assert run_cli("check", str(library), "--no-cache", "--baseline", str(baseline)).returncode == 0


def test_redact_from_config_and_in_the_html_report(library, tmp_path):
    (library / ".sbp-lint.yaml").write_text("redact: true\n")
    result = run_cli("check", str(library), "--no-cache")
    assert result.returncode == 1 and leaks(result.stdout) == []
    page = tmp_path / "report.html"
    run_cli("report", str(library), "--html", str(page), "--no-cache")
    html = page.read_text(encoding="utf-8")
    assert "deficit" in html and leaks(html) == []


def test_errors_name_the_file_not_its_content(tmp_path):
    broken = tmp_path / "broken.docx"
    good = tmp_path / "ok.docx"
    word = docx.Document()
    word.add_paragraph(f"{NAME} refuses care.")
    word.save(good)
    data = good.read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # a cut-off zip that still holds the name
    scan = tmp_path / "scan.md"
    scan.write_bytes(b"\x00" + NAME.encode())
    result = run_cli("check", str(broken), str(scan), "--no-cache")
    assert result.returncode == 2
    assert str(broken).encode() in result.stdout and leaks(result.stdout) == [] and leaks(result.stderr) == []

"""``sbp-lint serve``: the API and its guard, against the real server (uvicorn on a loopback port)."""

from __future__ import annotations

import http.client
import io
import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import docx
import pytest

from conftest import ROOT, run_cli
from docfactory import care_plan, comment_ranges, odt
from sbp_lint.serve.guard import CSP, allowed_hosts, is_loopback
from sbp_lint.serve.payload import BlockPlacer, Utf16
from sbp_lint.serve.server import exposure_warning
from servehelp import Served, multipart, serving

DRAFT = ("# Care and support plan\n\n## About me\n\n"
         "Mr Evans suffers from arthritis and refuses respite. He enjoys the radio.\n\n"
         "## Personal outcomes\n\nTo attend the day centre two days a week.\n")
STATIC = ROOT / "sbp_lint" / "serve" / "static"


@pytest.fixture(scope="module")
def server(linter):
    with serving(linter) as served:
        yield served


def utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def by_rule(answer: dict) -> dict[str, dict]:
    return {f["rule"]: f for f in answer["files"][0]["findings"]}


# -- the page -----------------------------------------------------------------------------

def test_page_and_its_files_are_served_with_a_strict_policy(server):
    page = server.request("GET", "/")
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == CSP
    assert "default-src 'none'" in CSP and "frame-ancestors 'none'" in CSP and "'unsafe-inline'" not in CSP
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "server" not in page.headers  # uvicorn does not announce itself
    for path, kind in (("/static/app.js", "text/javascript"), ("/static/app.css", "text/css")):
        asset = server.request("GET", path)
        assert asset.status == 200 and asset.headers["content-type"].startswith(kind)
        assert asset.headers["content-security-policy"] == CSP
    assert server.request("GET", "/static/../pyproject.toml").status == 404
    missing = server.request("GET", "/nowhere")
    assert missing.status == 404 and missing.json() == {"error": "not found"}


def test_the_page_loads_nothing_from_elsewhere_and_has_no_inline_code():
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    everything = html + (STATIC / "app.css").read_text(encoding="utf-8") + (STATIC / "app.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import", everything, re.IGNORECASE)
    assert "url(" not in (STATIC / "app.css").read_text(encoding="utf-8")
    assert re.findall(r'<script[^>]*src="([^"]+)"', html) == ["/static/app.js"]
    assert "<script>" not in html and " style=" not in html and not re.search(r"\son[a-z]+=", html)
    assert "innerHTML" not in everything and "eval(" not in everything  # document text only ever as text


def test_every_english_string_has_a_welsh_entry_and_welsh_is_marked_up():
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    tables = {lang: set(re.findall(r"^      (\w+): ", body, re.MULTILINE))
              for lang, body in re.findall(r"^    (en|cy): \{\n(.*?)^    \},", script, re.MULTILINE | re.DOTALL)}
    assert len(tables["en"]) > 60 and tables["cy"] == tables["en"]
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'data-i18n(?:-placeholder)?="(\w+)"', html)) <= tables["en"]


# -- /api/check -----------------------------------------------------------------------------

def test_check_text_answers_the_json_contract_with_what_the_page_needs(server):
    answer = server.check(DRAFT)
    assert answer.status == 200 and answer.headers["cache-control"] == "no-store"
    data = answer.json()
    assert data["version"] == 1 and data["summary"]["files"] == 1
    assert data["files"][0]["path"] == "<text>" and data["files"][0]["error"] is None
    findings = by_rule(data)
    assert {"deficit.suffers-from", "deficit.refuses", "jargon.respite", "outcomes.service-as-outcome"} <= set(findings)
    suffers = findings["deficit.suffers-from"]
    assert suffers["fix"] == "lives with" and suffers["why"] and suffers["suggestions"]
    assert suffers["sentence"] == "Mr Evans suffers from arthritis and refuses respite."
    for finding in data["files"][0]["findings"]:
        if finding["offsets"]:
            spot = finding["offsets"]
            assert utf16_slice(DRAFT, spot["start"], spot["end"]) == finding["text"]
            assert spot["sentence_start"] <= spot["start"] <= spot["end"] <= spot["sentence_end"]
    spot = suffers["offsets"]
    assert DRAFT[spot["sentence_start"]:spot["sentence_end"]] == suffers["sentence"]
    assert data["summary"]["findings"] == len(data["files"][0]["findings"])


def test_offsets_count_what_javascript_counts_and_keep_the_capital_of_a_fix(server):
    text = "Notes 😀 from Siân\r\n\r\nSuffers from asthma 🙂 and refuses respite.\r\n"
    data = server.check(text, filename="visit.txt").json()
    findings = by_rule(data)
    assert findings["deficit.suffers-from"]["fix"] == "Lives with"  # a sentence start stays a capital
    for rule in ("deficit.suffers-from", "deficit.refuses", "jargon.respite"):
        spot = findings[rule]["offsets"]
        assert utf16_slice(text, spot["start"], spot["end"]) == findings[rule]["text"]
    spot = findings["jargon.respite"]["offsets"]
    assert utf16_slice(text, spot["sentence_start"], spot["sentence_end"]) == "Suffers from asthma 🙂 and refuses respite."
    assert Utf16("a😀b😀c")(4) == 6 and Utf16("a😀b😀c")(2) == 3 and Utf16("plain")(3) == 3


def test_a_word_document_is_checked_as_the_command_line_checks_it(server, linter, tmp_path):
    plan = care_plan(tmp_path / "plan.docx")
    data = server.upload("/api/check", "plan.docx", plan.read_bytes()).json()
    assert data["format"] == "docx" and data["files"][0]["path"] == "plan.docx"
    cli = linter.check_file(str(plan))
    assert [(f["rule"], f["line"], f["column"]) for f in data["files"][0]["findings"]] == \
        [(f.rule, f.line, f.column) for f in cli.findings]
    text = data["text"]  # the document's words as Markdown: what the page shows and edits
    assert "# Care and support plan" in text and "## Personal outcomes" in text
    assert "> She said: I want to stay in my own home." in text
    assert "is non-compliant" not in text  # a tracked deletion is not part of the text
    placed = [f for f in data["files"][0]["findings"] if f["offsets"]]
    assert len(placed) >= 5
    for finding in placed:
        assert utf16_slice(text, finding["offsets"]["start"], finding["offsets"]["end"]) == finding["text"]


def test_the_words_of_a_word_document_checked_again_as_markdown_keep_their_sections(server, tmp_path):
    """After an edit the page checks its Markdown text: outcome rules must still know the outcome section."""
    data = server.upload("/api/check", "plan.docx", care_plan(tmp_path / "plan.docx").read_bytes()).json()
    again = by_rule(server.check(data["text"], filename="plan.md").json())
    assert "outcomes.service-as-outcome" in by_rule(data) and "outcomes.service-as-outcome" in again


def test_odt_markdown_and_text_uploads(server, tmp_path):
    body = ('<text:h text:outline-level="1">Personal outcomes</text:h>'
            "<text:p>To attend the day centre two days a week.</text:p>")
    data = server.upload("/api/check", "plan.odt", odt(tmp_path / "plan.odt", body).read_bytes()).json()
    assert data["text"] == "# Personal outcomes\n\nTo attend the day centre two days a week.\n"
    assert "outcomes.service-as-outcome" in by_rule(data)
    windows = "Siân suffers from arthritis.\r\nShe refuses respite.\r\n".encode("cp1252")
    data = server.upload("/api/check", "note.txt", windows).json()
    assert data["text"] == "Siân suffers from arthritis.\nShe refuses respite.\n"  # as a text box holds it
    assert data["files"][0]["encoding"] == "cp1252"
    for finding in data["files"][0]["findings"]:
        assert utf16_slice(data["text"], finding["offsets"]["start"], finding["offsets"]["end"]) == finding["text"]
    data = server.upload("/api/check", "plan.md", DRAFT.encode()).json()
    assert data["text"] == DRAFT and "deficit.refuses" in by_rule(data)


def test_unsupported_and_malformed_requests_are_json_errors(server):
    pdf = server.upload("/api/check", "scan.pdf", b"%PDF-1.4")
    assert pdf.status == 415 and ".docx" in pdf.json()["error"]
    assert server.request("POST", "/api/check", b"{not json", {"Content-Type": "application/json"}).status == 400
    assert server.request("POST", "/api/check", b'{"text": 3}', {"Content-Type": "application/json"}).status == 400
    wrong = server.request("POST", "/api/check", b"text=hello", {"Content-Type": "application/x-www-form-urlencoded"})
    assert wrong.status == 415 and "error" in wrong.json()
    body, kind = multipart("other", "a.md", b"hello")
    missing = server.request("POST", "/api/check", body, {"Content-Type": kind})
    assert missing.status == 400 and "'file'" in missing.json()["error"]
    assert server.request("GET", "/api/check").status == 405


def test_a_broken_word_file_is_a_4xx_error_and_the_server_keeps_serving(server):
    for name, data in (("broken.docx", b"PK\x03\x04 this is not a zip"), ("empty.docx", b""),
                       ("old.odt", b"\xd0\xcf\x11\xe0 not an odt")):
        answer = server.upload("/api/check", name, data)
        assert 400 <= answer.status < 500, (name, answer.status)
        assert answer.json()["error"].startswith(name) and "Traceback" not in answer.json()["error"]
    assert server.check("He refuses respite.").status == 200


# -- size limits ----------------------------------------------------------------------------

def test_a_body_over_the_limit_is_refused_from_its_declared_length(server):
    """The default limit is the linter's max_file_size_mb (20 MB): refused before any of it is read."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        connection.putrequest("POST", "/api/check", skip_host=True)
        connection.putheader("Host", f"{server.host}:{server.port}")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(20 * 1024 * 1024 + 1))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert "20 MB" in response.read().decode()
    finally:
        connection.close()
    assert server.check("He refuses respite.").status == 200


def test_a_streamed_body_over_the_limit_is_refused_while_it_arrives(linter):
    with serving(linter, max_bytes=64 * 1024) as small:
        def chunks():  # 160 KB with no Content-Length: only counting what arrives can stop it
            for _ in range(40):
                yield b'{"text": "' + b"x" * 4096
        connection = http.client.HTTPConnection(small.host, small.port, timeout=30)
        try:
            connection.request("POST", "/api/check", body=chunks(), encode_chunked=True,
                               headers={"Host": f"{small.host}:{small.port}", "Content-Type": "application/json"})
            response = connection.getresponse()
            assert response.status == 413 and "MB limit" in response.read().decode()
        finally:
            connection.close()
        under = small.check("He refuses respite. " * 100)
        assert under.status == 200
        assert small.upload("/api/check", "big.md", b"word " * 20000).status == 413


# -- cross-site requests and DNS rebinding --------------------------------------------------------

def test_requests_addressed_to_another_host_are_refused(server):
    for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}", "127.0.0.1"):
        answer = server.request("GET", "/", headers={"Host": host})
        assert answer.status == 403 and "Host" in answer.json()["error"], host
    assert server.request("GET", "/", headers={"Host": f"localhost:{server.port}"}).status == 200
    assert server.check("He refuses respite.", headers={"Host": f"evil.example:{server.port}"}).status == 403


def test_cross_site_posts_are_refused_and_same_site_ones_served(server):
    own = f"http://127.0.0.1:{server.port}"
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Origin": f"http://127.0.0.1:{server.port + 1}"},
                    {"Origin": own, "Sec-Fetch-Site": "cross-site"}):
        answer = server.check("He refuses respite.", headers=headers)
        assert answer.status == 403 and answer.json()["error"], headers
    assert server.check("He refuses respite.", headers={"Origin": own, "Sec-Fetch-Site": "same-origin"}).status == 200
    assert server.check("He refuses respite.", headers={"Origin": f"http://localhost:{server.port}"}).status == 200
    assert server.check("He refuses respite.").status == 200  # no Origin: curl or a case-management system


def test_which_hosts_count_as_this_server():
    assert allowed_hosts("127.0.0.1", 8765) == {"localhost:8765", "127.0.0.1:8765", "[::1]:8765"}
    assert "[::1]:9000" in allowed_hosts("::1", 9000)
    assert "plans.example.org:8765" in allowed_hosts("0.0.0.0", 8765, ["plans.example.org"])
    assert "0.0.0.0:8765" not in allowed_hosts("0.0.0.0", 8765)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    assert exposure_warning("127.0.0.1") is None
    warning = exposure_warning("0.0.0.0")
    assert warning.startswith("sbp-lint: warning:") and "\n" not in warning


# -- /api/annotate ----------------------------------------------------------------------------

def test_annotate_returns_the_reviewed_word_document_and_keeps_no_copy(server, tmp_path):
    before = set(Path(tempfile.gettempdir()).glob("sbp-lint-serve-*"))
    answer = server.upload("/api/annotate", "Cynllun Siân.docx", care_plan(tmp_path / "plan.docx").read_bytes())
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "Cynllun%20Si%C3%A2n.reviewed.docx" in answer.headers["content-disposition"]
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(answer.body)
    comments = list(docx.Document(io.BytesIO(answer.body)).comments)
    assert len(comments) == int(answer.headers["x-sbp-lint-comments"]) >= 4
    assert {c.author for c in comments} == {"sbp-lint"}
    anchored = {r["anchored"] for r in comment_ranges(reviewed).values()}
    # One comment per sentence: on the flagged words, or on the whole sentence when a finding covers it.
    assert "suffers from" in anchored and "Check on the service user" in anchored
    assert set(Path(tempfile.gettempdir()).glob("sbp-lint-serve-*")) == before  # the private folder is gone


def test_annotate_takes_only_word_documents_and_survives_a_broken_one(server):
    assert server.upload("/api/annotate", "plan.md", DRAFT.encode()).status == 415
    broken = server.upload("/api/annotate", "plan.docx", b"PK\x03\x04 not really")
    assert 400 <= broken.status < 500 and broken.json()["error"].startswith("plan.docx")
    assert "sbp-lint-serve-" not in broken.json()["error"]  # the temporary path is not the user's business
    assert server.check("He refuses respite.").status == 200


# -- privacy and concurrency ----------------------------------------------------------------------

def test_logs_name_the_path_and_never_the_text(server, tmp_path, caplog):
    secret = "Gwenllian-Zebedee-7731"
    with caplog.at_level(logging.DEBUG):
        server.check(f"{secret} refuses respite.")
        server.upload("/api/check", f"{secret}.md", f"{secret} refuses respite.".encode())
        server.upload("/api/check", "broken.docx", f"PK\x03\x04{secret}".encode())
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /api/check 200" in logged and "POST /api/check 422" in logged
    assert secret not in logged


def test_checks_run_one_at_a_time_on_the_shared_pipeline(linter):
    """spaCy's pipeline is not safe for concurrent use: requests that arrive together are checked in turn."""
    active, most = [0], [0]
    lock = threading.Lock()
    original = linter.check_document

    def watched(document):
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        try:
            return original(document)
        finally:
            with lock:
                active[0] -= 1

    linter.check_document = watched
    try:
        with serving(linter) as served:
            answers: list = []
            threads = [threading.Thread(target=lambda: answers.append(served.check(DRAFT * 20))) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        del linter.check_document
    assert [a.status for a in answers] == [200] * 4
    assert len({a.body for a in answers}) == 1
    assert most[0] == 1


# -- the command ------------------------------------------------------------------------------------

def test_sbp_lint_serve_starts_answers_and_stops(tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "sbp_lint.cli", "serve", "--port", "0"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.match(r"sbp-lint: serving on http://127\.0\.0\.1:(\d+)/ \(Ctrl\+C to stop\)$", line.strip())
        assert match, line
        served = Served("127.0.0.1", int(match.group(1)))
        assert served.request("GET", "/").status == 200
        assert served.check("Mr Evans suffers from arthritis.").json()["summary"]["findings"] >= 1
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert "suffers" not in err  # request lines name paths only
    assert "POST /api/check 200" in err


def test_a_busy_port_is_one_line_and_exit_2(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run_cli("serve", "--port", str(busy.getsockname()[1]), cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "cannot listen on 127.0.0.1:" in err


def test_without_the_extra_the_command_says_how_to_install_it(tmp_path):
    code = "import sys; sys.modules['uvicorn'] = None; from sbp_lint.cli import main; main(['serve'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pip install 'sbp-lint[serve]'" in result.stderr


def test_a_rewrite_on_a_finding_is_passed_on_whether_a_dataclass_or_a_dict(linter):
    """The rewrite field other work adds to Finding: the page gets it as JSON either way."""
    from dataclasses import dataclass

    from sbp_lint.serve.payload import page_fields

    @dataclass
    class Rewrite:
        text: str
        safe: bool
        placeholders: list

    finding = linter.check_text("He refuses respite.")[0]
    finding.rewrite = Rewrite("He chose not to go because [reason].", False, ["reason"])
    assert page_fields(linter, finding, {})["rewrite"] == {"text": "He chose not to go because [reason].", "safe": False,
                                                          "placeholders": ["reason"]}
    from_contract = {"rewrite": {"text": "He said no.", "safe": True, "placeholders": []}, "why": "given"}
    assert page_fields(linter, finding, from_contract)["rewrite"]["text"] == "He said no."
    assert page_fields(linter, finding, from_contract)["why"] == "given"
    finding.rewrite = None
    assert page_fields(linter, finding, {})["rewrite"] is None and page_fields(linter, finding, {})["why"]


def test_block_placer_keeps_headings_lists_and_quotes():
    from sbp_lint.documents import Block, Document

    blocks = [Block("heading", section=()), Block("heading", section=("Plan",)), Block("list_item", section=("Plan", "Me")),
              Block("paragraph", quoted=True), Block("paragraph")]
    for block, text in zip(blocks, ["Plan", "Me", "I like tea", "I want to stay home", ""]):
        block.add(text, 1, 1)
    placer = BlockPlacer(Document("x.docx", blocks))
    assert placer.text == "# Plan\n\n## Me\n\n- I like tea\n\n> I want to stay home\n"
    assert placer.text[placer.base[2]:].startswith("I like tea")

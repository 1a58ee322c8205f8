"""No network, proven: the whole command line gives the same results with internet sockets blocked."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

BLOCKER = '''\
import socket

_real = socket.socket


class _Blocked(_real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in (socket.AF_INET, socket.AF_INET6) or (family == -1 and fileno is None):
            raise OSError("sbp-lint test: network access attempted")
        super().__init__(family, type, proto, fileno)


socket.socket = _Blocked
socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError("sbp-lint test: network access attempted"))
'''


@pytest.fixture(scope="module")
def offline_env(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("offline")
    (folder / "sitecustomize.py").write_text(BLOCKER)
    return {"PYTHONPATH": str(folder), "NLTK_DATA": str(folder / "no-nltk-data")}


def test_blocker_really_blocks(offline_env):
    result = run_cli_python("import socket; socket.create_connection(('127.0.0.1', 9))", offline_env)
    assert result.returncode != 0 and b"network access attempted" in result.stderr


def run_cli_python(code: str, env: dict):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, env={**os.environ, **env}, timeout=120)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_check_examples_offline_matches_online(offline_env, fmt):
    online = run_cli("check", str(EXAMPLES), "--format", fmt, "--include", "*.md")
    offline = run_cli("check", str(EXAMPLES), "--format", fmt, "--include", "*.md", env=offline_env)
    assert offline.stderr == b"", offline.stderr.decode()
    assert offline.returncode == online.returncode == 1
    assert offline.stdout == online.stdout
    if fmt == "json":
        assert json.loads(offline.stdout)["summary"]["by_category"].get("readability")  # textstat ran, offline


def test_first_run_textstat_needs_no_download(offline_env, tmp_path):
    """textstat 0.7.13 would fetch NLTK's cmudict on first use; ours must not."""
    code = "from sbp_lint.nlp import syllables as r; print(r.syllables('domiciliary'), round(r.grade('The cat sat on the mat.'), 1))"
    result = run_cli_python(code, {**offline_env, "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split()[0] == "5"


def test_checking_never_loads_nltk(offline_env, tmp_path):
    """The checks count syllables with pyphen directly: NLTK (via textstat) cost a third of a second of every start."""
    code = ("import sys; from sbp_lint import Linter; "
            "found = Linter().check_text(open(sys.argv[1]).read()); "
            "print(sum(f.category == 'readability' for f in found), 'nltk' in sys.modules, 'textstat' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "assessment.md")], capture_output=True,
                            env={**os.environ, **offline_env, "HOME": str(tmp_path)}, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    count, nltk, textstat = result.stdout.decode().split()
    assert int(count) > 0 and nltk == textstat == "False"


def test_syllables_agree_with_textstat():
    """The checks' own hyphenation (Liang's algorithm on pyphen's dictionary) gives textstat's offline counts."""
    from sbp_lint.nlp import syllables as readability

    sources = [*EXAMPLES.glob("*.md"), EXAMPLES.parent / "tests" / "corpus" / "dev.yaml", *(EXAMPLES.parent / "rules").glob("*.yaml")]
    words = sorted({w.lower() for path in sources for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))})
    assert len(words) > 3000
    textstat = readability.textstat()
    assert [readability.syllables(w) for w in words] == [textstat.syllable_count(w) for w in words]


@pytest.fixture(scope="module")
def word_plan(tmp_path_factory) -> Path:
    import docx

    folder = tmp_path_factory.mktemp("word")
    document = docx.Document()
    document.add_heading("Care and support plan", 1)
    document.add_paragraph("Mr Davies refuses his tablets and suffers from arthritis.")
    document.add_heading("Personal outcomes", 2)
    document.add_paragraph("To attend the day centre.")
    document.save(folder / "plan.docx")
    return folder / "plan.docx"


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "gitlab", "rdjson", "text"])
def test_every_format_on_markdown_and_word_offline(offline_env, word_plan, fmt):
    args = ("check", str(EXAMPLES / "case-notes.md"), str(word_plan), "--format", fmt, "--no-cache")
    online, offline = run_cli(*args), run_cli(*args, env=offline_env)
    assert offline.returncode == online.returncode == 1, offline.stderr.decode()
    assert offline.stdout == online.stdout


def test_annotate_and_report_offline(offline_env, word_plan, tmp_path):
    reviewed = tmp_path / "plan.reviewed.docx"
    result = run_cli("annotate", str(word_plan), "-o", str(reviewed), env=offline_env)
    assert result.returncode in (0, 1), result.stderr.decode()
    assert reviewed.is_file() and b"sbp-lint" in __import__("zipfile").ZipFile(reviewed).read("word/comments.xml")
    page = tmp_path / "report.html"
    result = run_cli("report", str(EXAMPLES), "--html", str(page), "--no-cache", env=offline_env)
    assert result.returncode == 0, result.stderr.decode()
    assert "<svg" in page.read_text(encoding="utf-8")


def test_rewrites_inflect_offline_from_the_wheel_alone(offline_env, tmp_path):
    """lemminflect reads only the tables inside its wheel: rewrites come out the same with no network."""
    code = ("from sbp_lint import Linter; "
            "print([f.rewrite.text for f in Linter().check_text('They were refusing to let carers in.') if f.rewrite][0])")
    result = run_cli_python(code, {**offline_env, "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "They were choosing not to let carers in [because …]."

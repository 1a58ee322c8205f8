"""Item 19 of issue 13: UTF-16 and UTF-32 text with a byte order mark (Windows "Unicode" text) is read,
findings point at the right characters, and --fix writes the file back in its own encoding and mark."""

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import run_cli
from sbp_lint.commands.fix import run_fixes
from sbp_lint.documents import BOMS

MARKS = dict(BOMS)
ENCODINGS = list(MARKS)

prose = st.text(st.sampled_from("abc ÿéŵŷ€😀\u2028\f"), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(encoding=st.sampled_from(ENCODINGS), before=prose, eol=st.sampled_from(["\n", "\r\n"]), fmt=st.sampled_from(["md", "txt"]))
def test_marked_unicode_is_read_located_and_fixed_in_its_own_encoding(linter, tmp_path_factory, encoding, before, eol, fmt):
    text = eol.join(["Care plan", "", before or "Tea", "", "Mrs Jones suffers from arthritis.", ""])
    path = tmp_path_factory.mktemp("u") / f"plan.{fmt}"
    path.write_bytes(MARKS[encoding] + text.encode(encoding))
    result = linter.check_file(str(path))
    assert result.error is None and result.encoding == encoding
    (finding,) = [f for f in result.findings if f.rule == "deficit.suffers-from"]
    assert (finding.line, finding.column, finding.text) == (5, 11, "suffers from")
    report = run_fixes([result], linter, write=True)
    assert report.applied == 1
    written = path.read_bytes()
    assert written == MARKS[encoding] + text.replace("suffers from", "lives with").encode(encoding)


def test_windows_unicode_text_is_not_called_binary(tmp_path):
    (tmp_path / "notes.txt").write_bytes(b"\xff\xfe" + "Mr Davies is a service user.\r\n".encode("utf-16-le"))
    result = run_cli("check", "notes.txt", "--no-cache", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 1 and "binary" not in out
    assert "notes.txt:1:16\n" in out and "warning label.service-user" in out and "read as utf-16-le" in out


def test_a_broken_utf16_file_says_so(tmp_path):
    (tmp_path / "notes.txt").write_bytes(b"\xff\xfe" + "Tea".encode("utf-16-le") + b"\x00")
    result = run_cli("check", "notes.txt", "--no-cache", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert b"not valid UTF-16 text, though it starts with a UTF-16 byte order mark" in result.stdout

"""Inputs found by fuzz/fuzz_docx.py that once crashed the Word reader, rebuilt here as small files.

Each test first checks that the input still reaches the path that failed
(Python's own ``zipfile`` raises the exception the reader used to let escape),
then that the reader turns it into one clean, one-line ``DocumentError``.
The same zip code reads OpenDocument files, so each case is also tried as .odt.
"""

from __future__ import annotations

import io
import json
import lzma
import struct
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from sbp_lint.documents import parse_bytes
from sbp_lint.errors import DocumentError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Mrs Jones suffers from dementia.</w:t></w:r></w:p>'
            f'</w:body></w:document>').encode()
ODT_CONTENT = (b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               b'<text:p>Mrs Jones suffers from dementia.</text:p></office:text></office:body></office:document-content>')
# (format, the part the reader needs, its content)
FORMATS = {"docx": ("word/document.xml", DOCUMENT), "odt": ("content.xml", ODT_CONTENT)}
CENTRAL, LOCAL = b"PK\x01\x02", b"PK\x03\x04"


def package(fmt: str, method: int = zipfile.ZIP_DEFLATED, name: str | None = None, data: bytes | None = None) -> bytes:
    """A one-part document (plus the mimetype an .odt needs), its main part written with ``method``."""
    part, content = FORMATS[fmt]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if fmt == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(zipfile.ZipInfo(name or part), data if data is not None else content, method)
    return out.getvalue()


def set_field(data: bytes, signature: bytes, offset: int, value: int, size: int = 2, last: bool = True) -> bytes:
    """Overwrite one header field (little-endian) of the last (or every) record with ``signature``."""
    out = bytearray(data)
    where = [i for i in range(len(out)) if out.startswith(signature, i)]
    for at in where[-1:] if last else where:
        struct.pack_into("<H" if size == 2 else "<I", out, at + offset, value)
    return bytes(out)


def zipfile_error(data: bytes, part: str) -> type[BaseException] | None:
    """What Python's zipfile itself raises reading ``part`` (None: it reads fine)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.read(part)
    except BaseException as exc:  # noqa: BLE001 - the type is what the test checks
        return type(exc)
    return None


def reader_error(data: bytes, fmt: str) -> str:
    with pytest.raises(DocumentError) as caught:
        parse_bytes(data, f"fuzzed.{fmt}", fmt)
    reason = caught.value.reason
    assert "\n" not in reason and len(reason) < 300, reason
    return reason


def method_mismatch(fmt: str, method: int) -> bytes:
    """Fuzz input 16 (bzip2) and its LZMA twin: deflated data under another compression method's number."""
    data = package(fmt)
    data = set_field(data, CENTRAL, 10, method)  # the central directory's method
    return set_field(data, LOCAL, 8, method)  # and the part's own header, so zipfile does not notice the mismatch


def corrupt_lzma(fmt: str) -> bytes:
    """Fuzz input 340: an LZMA-compressed part whose properties byte is damaged."""
    data = bytearray(package(fmt, zipfile.ZIP_LZMA))
    part = FORMATS[fmt][0]
    header = data.rfind(LOCAL, 0, data.find(CENTRAL))
    data[header + 30 + len(part) + 4] ^= 0xFF  # 2-byte version, 2-byte size, then lc/lp/pb: now out of range
    return bytes(data)


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_bzip2_method_on_other_data(fmt):
    data = method_mismatch(fmt, zipfile.ZIP_BZIP2)
    assert zipfile_error(data, FORMATS[fmt][0]) is OSError  # bz2: "Invalid data stream"
    assert reader_error(data, fmt).endswith(f"file ({FORMATS[fmt][0]}: Invalid data stream)")


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_corrupt_lzma_part(fmt):
    data = corrupt_lzma(fmt)
    assert zipfile_error(data, FORMATS[fmt][0]) is lzma.LZMAError
    assert reader_error(data, fmt).endswith(f"file ({FORMATS[fmt][0]}: Corrupt input data)")


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_zip_version_python_cannot_read(fmt):
    """Fuzz input 1903: a central directory entry that needs "zip version 14.8"."""
    data = set_field(package(fmt), CENTRAL, 6, 148)  # version needed to extract
    assert zipfile_error(data, FORMATS[fmt][0]) is NotImplementedError
    assert reader_error(data, fmt).endswith("file (not a readable zip: zip file version 14.8)")


@pytest.mark.parametrize("name", ["word\\header1.xml\nforged line", "word/header1.xml\r\x1b[31mred", "w" * 60_000])
def test_part_names_in_messages_stay_on_one_line(name):
    """Fuzz input 1658: a zip bomb part named with a line break forged a second line in the per-file error."""
    bomb = b"\0" * (2 * 1024 * 1024)  # 2 MB of zeros: about 1,000 to 1
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", DOCUMENT)
        archive.writestr(name, bomb)
    reason = reader_error(data.getvalue(), "docx")
    assert reason.startswith("refused: part ") and reason.endswith("to 1 (over 100 to 1; a zip bomb?)")
    assert "\x1b" not in reason and "\r" not in reason
    if "\n" in name:
        assert "word\\header1.xml\\nforged line" in reason  # shown escaped, still recognisable
    if len(name) > 80:
        assert len(reason) < 200


def test_odt_mimetype_in_the_message_stays_on_one_line():
    """The same class of bug, found by reading the code after the fuzz find: the .odt reader quotes its mimetype."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("mimetype", "text/plain\nforged line")
        archive.writestr("content.xml", ODT_CONTENT)
    assert reader_error(data.getvalue(), "odt") == r"not an OpenDocument .odt file (it is text/plain\nforged line)"


def test_fuzz_finds_reach_the_command_line_as_per_file_errors(tmp_path: Path):
    """In a real run each becomes that file's one-line error (not an "internal error"); the good file is checked."""
    cases = {"bzip2.docx": method_mismatch("docx", zipfile.ZIP_BZIP2), "lzma.docx": corrupt_lzma("docx"),
             "version.odt": set_field(package("odt"), CENTRAL, 6, 148), "good.docx": package("docx")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    result = run_cli("check", "--no-cache", "--format", "json", str(tmp_path))
    assert result.returncode == 2, result.stderr
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    for name in ("bzip2.docx", "lzma.docx", "version.odt"):
        assert files[name]["error"].startswith("damaged "), files[name]["error"]
    assert any(f["rule"].startswith("deficit") for f in files["good.docx"]["findings"]), files["good.docx"]
    assert "Traceback" not in result.stderr.decode()

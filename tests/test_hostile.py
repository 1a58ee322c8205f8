"""Hostile and broken files: one clear error each, the rest of the run goes on, memory stays bounded."""

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import docfactory
from conftest import OWN_PEAK_MB, run_cli
from sbp_lint.documents import read_document
from sbp_lint.documents.safezip import OLE_SIGNATURE
from sbp_lint.errors import DocumentError

MB = 1024 * 1024


def zeros_member(path: Path, megabytes: int, name: str = "word/document.xml") -> Path:
    """A real zip bomb: ``megabytes`` of zeros squeezed into about 1/230 of that."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w", force_zip64=True) as stream:
            chunk = b"\0" * MB
            for _ in range(megabytes):
                stream.write(chunk)
    return path


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    big = zeros_member(folder / "big-bomb.docx", 210)  # over the 200 MB total
    ratio = zeros_member(folder / "ratio-bomb.docx", 5)  # small in total, but 230 to 1
    liar = _lying_sizes(zeros_member(folder / "liar.docx", 60), folder / "liar-bomb.docx")
    return {"big": big, "ratio": ratio, "liar": liar}


def _lying_sizes(source: Path, target: Path) -> Path:
    """The same zip, but its central directory says the 60 MB part is 1,000 bytes (so the size checks pass)."""
    data = bytearray(source.read_bytes())
    offset = data.find(b"PK\x01\x02")
    while offset >= 0:
        name_length = struct.unpack_from("<H", data, offset + 28)[0]
        if bytes(data[offset + 46:offset + 46 + name_length]) == b"word/document.xml":
            struct.pack_into("<I", data, offset + 24, 1000)  # the uncompressed size
        offset = data.find(b"PK\x01\x02", offset + 1)
    target.write_bytes(bytes(data))
    with zipfile.ZipFile(target) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1000
    return target


def error_of(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(str(path))
    return caught.value.reason


def test_zip_bomb_refused_from_declared_sizes(bombs):
    assert "unpacks to 210 MB (over the 200 MB limit; a zip bomb?)" in error_of(bombs["big"])
    assert "a zip bomb?" in error_of(bombs["ratio"]) and "to 1" in error_of(bombs["ratio"])


def test_a_huge_xml_part_is_refused_before_parsing(tmp_path, monkeypatch):
    from sbp_lint.documents import safezip

    monkeypatch.setattr(safezip, "MAX_XML_PART", 2 * MB)
    plan = docfactory.care_plan(tmp_path / "plan.docx")
    with zipfile.ZipFile(plan, "a") as archive:
        archive.writestr("word/footnotes.xml", "<w:footnotes>" + "x" * (3 * MB) + "</w:footnotes>")
    assert error_of(plan) == "refused: part word/footnotes.xml unpacks to 3 MB (over 2 MB; a zip bomb?)"


def test_a_part_larger_than_it_declares_is_refused(bombs):
    message = error_of(bombs["liar"])
    assert message.startswith(("damaged Word .docx file", "refused")), message


def test_memory_stays_bounded_on_bombs(bombs):
    """Reading every bomb in a fresh process: its peak memory stays far below what the bombs unpack to."""
    code = OWN_PEAK_MB + (
        "import sys\n"
        "from sbp_lint.documents import read_document\n"
        "from sbp_lint.errors import DocumentError\n"
        "import sbp_lint.documents.docx\n"
        "print(own_peak_mb())\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        read_document(path)\n"
        "    except DocumentError as exc:\n"
        "        print(exc.reason)\n"
        "print(own_peak_mb())\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *map(str, bombs.values())], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before_mb, *errors, peak_mb = done.stdout.strip().splitlines()
    assert len(errors) == 3
    assert int(peak_mb) - int(before_mb) < 40, f"peak grew {before_mb} -> {peak_mb} MB while refusing bombs of 210, 5 and 60 MB"


def test_corrupt_zip(tmp_path):
    good = docfactory.care_plan(tmp_path / "good.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good[: len(good) // 2])
    assert error_of(truncated).startswith("damaged Word .docx file (not a readable zip")
    with zipfile.ZipFile(tmp_path / "good.docx") as archive:
        info = archive.getinfo("word/document.xml")
    flipped = bytearray(good)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + 60):
        flipped[i] ^= 0x55
    broken = tmp_path / "flipped.docx"
    broken.write_bytes(bytes(flipped))
    assert error_of(broken).startswith("damaged Word .docx file")


def test_old_doc_and_non_zip_named_docx(tmp_path):
    old = tmp_path / "old.docx"
    old.write_bytes(OLE_SIGNATURE + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 1000)
    assert error_of(old) == "password-protected or an old .doc file, not a Word .docx file: save it as Word .docx without a password"
    text = tmp_path / "notes.docx"
    text.write_text("Mrs Jones suffers from arthritis.")
    assert error_of(text) == "not a Word .docx file (an old .doc? save it as Word .docx)"
    doc = tmp_path / "plan.doc"
    doc.write_bytes(old.read_bytes())
    assert "old Word .doc file" in error_of(doc)
    empty_zip = tmp_path / "empty.docx"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert error_of(empty_zip) == "not a Word .docx file (it has no word/document.xml)"


def test_password_protected_document(tmp_path):
    # Office saves a password-protected .docx as an OLE compound file holding "EncryptionInfo" and "EncryptedPackage".
    locked = tmp_path / "locked.docx"
    locked.write_bytes(OLE_SIGNATURE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100
                       + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1000)
    assert error_of(locked).startswith("password-protected document")


def test_password_protected_odt(tmp_path):
    locked = docfactory.odt(tmp_path / "locked.odt", "<text:p>secret</text:p>")
    with zipfile.ZipFile(locked, "a") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                         'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                         '</manifest:file-entry></manifest:manifest>')
    assert error_of(locked).startswith("password-protected document")


def test_entity_expansion_is_not_performed(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
              + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
              '<w:t>&lol9;</w:t></w:r></w:p><w:p><w:r><w:t>She suffers from gout.</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", laughs)
    try:
        blocks = read_document(str(path)).blocks
    except DocumentError as exc:  # libxml2 may refuse the amplification outright: a clean refusal is fine too
        assert exc.reason.startswith("damaged Word .docx file (word/document.xml is not valid XML")
    else:
        assert [b.text for b in blocks] == ["She suffers from gout."], "no entity is expanded"


def test_size_limit_is_configurable(tmp_path):
    plan = docfactory.care_plan(tmp_path / "plan.docx")
    (tmp_path / ".sbp-lint.yaml").write_text("max_file_size_mb: 0.01\n")
    result = run_cli("check", "--no-cache", "--format", "json", str(plan), cwd=tmp_path)
    assert result.returncode == 2
    error = json.loads(result.stdout)["files"][0]["error"]
    assert error.startswith("file is 0.0") and error.endswith("MB, over the 0.01 MB limit (max_file_size_mb)")
    (tmp_path / ".sbp-lint.yaml").write_text("max_file_size_mb: -3\n")
    result = run_cli("check", "--no-cache", str(plan), cwd=tmp_path)
    assert result.returncode == 2
    assert "max_file_size_mb" in result.stderr.decode() and len(result.stderr.decode().strip().splitlines()) == 1


def test_default_limit_is_20_mb(tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as stream:
        stream.truncate(21 * MB)
    assert error_of(big) == "file is 21 MB, over the 20 MB limit (max_file_size_mb)"


def test_one_error_per_bad_file_and_the_run_goes_on(tmp_path, bombs):
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a-good.md").write_text("Mrs Jones suffers from arthritis.\n")
    (folder / "b-notzip.docx").write_text("plain text")
    (folder / "c-old.docx").write_bytes(OLE_SIGNATURE + b"\0" * 600)
    (folder / "d-bomb.docx").write_bytes(bombs["ratio"].read_bytes())
    docfactory.pdf(folder / "e-scan.pdf", [[]])
    (folder / "f-broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (folder / "g-broken.odt").write_bytes(b"PK\x03\x04 not really")
    (folder / "h-good.docx").write_bytes(docfactory.care_plan(tmp_path / "plan.docx").read_bytes())
    result = run_cli("check", "--no-cache", "--format", "json", str(folder))
    assert result.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert [n for n, f in files.items() if f["error"]] == ["b-notzip.docx", "c-old.docx", "d-bomb.docx", "e-scan.pdf",
                                                           "f-broken.pdf", "g-broken.odt"]
    assert all("\n" not in f["error"] for f in files.values() if f["error"])
    assert files["a-good.md"]["findings"] and files["h-good.docx"]["findings"], "good files are still checked"
    text = run_cli("check", "--no-cache", str(folder)).stdout.decode()
    for name in ("b-notzip.docx", "c-old.docx", "d-bomb.docx", "e-scan.pdf", "f-broken.pdf", "g-broken.odt"):
        assert sum(1 for line in text.splitlines() if name in line) == 1, name
    assert "Traceback" not in result.stderr.decode()


def test_annotate_refuses_hostile_files_cleanly(tmp_path, bombs):
    for path in (bombs["ratio"], bombs["liar"]):
        result = run_cli("annotate", "-o", str(tmp_path / "out.docx"), str(path))
        assert result.returncode == 2
        err = result.stderr.decode().strip()
        assert len(err.splitlines()) == 1 and str(path) in err and "Traceback" not in err
        assert not (tmp_path / "out.docx").exists()

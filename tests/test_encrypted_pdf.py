"""Item 18 of issue 13: encrypted PDFs. An owner password alone (it restricts printing or copying; anyone may
open the file) does not stop sbp-lint reading the text, with AES or RC4; a PDF that needs a password to
open says so, and what to do."""

import pytest
from pypdf import PdfReader, PdfWriter

import docfactory
from conftest import run_cli


def encrypted(tmp_path, name: str, user: str, algorithm: str):
    plain = docfactory.pdf(tmp_path / "plain.pdf", [["About me", "Mrs Evans suffers from asthma."]])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user, owner_password="the-owner-secret", algorithm=algorithm)
    path = tmp_path / name
    with open(path, "wb") as stream:
        writer.write(stream)
    return path


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_a_pdf_with_only_an_owner_password_is_read(linter, tmp_path, algorithm):
    path = encrypted(tmp_path, "plan.pdf", "", algorithm)
    result = linter.check_file(str(path))
    assert result.error is None
    assert [(f.rule, f.line) for f in result.findings if f.rule == "deficit.suffers-from"] == [("deficit.suffers-from", 1)]


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_a_pdf_that_needs_a_password_to_open_says_what_to_do(tmp_path, algorithm):
    path = encrypted(tmp_path, "plan.pdf", "open-sesame", algorithm)
    result = run_cli("check", str(path), "--no-cache")
    assert result.returncode == 2
    assert f"{path}: error password-protected PDF: open it and save a copy without a password" in result.stdout.decode()

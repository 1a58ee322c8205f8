"""Item 21 of issue 13: an XML part past libxml2's safety limits gets a message users can act on.

libxml2 says "Excessive depth in document: 256, use XML_PARSE_HUGE option": an option no user can set,
and one that would only lift a limit that protects them. sbp-lint says what is wrong with the document.
"""

import zipfile

from hypothesis import HealthCheck, given, settings, strategies as st

from sbp_lint.documents import read_document
from sbp_lint.errors import DocumentError

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ODT = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _docx(path, body: str):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")


def _odt(path, body: str):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f"<office:document-content {ODT}><office:body><office:text>{body}"
                                        "</office:text></office:body></office:document-content>")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.integers(260, 20_000), kind=st.sampled_from(["docx", "odt"]), choice=st.integers(0, 1))
def test_xml_nested_too_deeply_says_so(tmp_path_factory, depth, kind, choice):
    path = tmp_path_factory.mktemp("x") / f"deep.{kind}"
    name = {"docx": ["w:p", "x"], "odt": ["text:span", "x"]}[kind][choice]
    (_docx if kind == "docx" else _odt)(path, f"<{name}>" * depth + f"</{name}>" * depth)
    try:
        read_document(str(path))
    except DocumentError as exc:
        assert "is nested too deeply (over 256 levels of XML): the document may be damaged, or built to attack XML readers" in exc.reason
        assert "XML_PARSE_HUGE" not in exc.reason
    else:
        raise AssertionError("a 256-level limit was not applied")


def test_a_huge_text_node_says_so(tmp_path):
    path = tmp_path / "huge.docx"
    _docx(path, "<w:p><w:r><w:t>" + "x" * (11 * 1024 * 1024) + "</w:t></w:r></w:p>")
    try:
        read_document(str(path))
    except DocumentError as exc:
        assert "too large for a safe XML reader" in exc.reason and "XML_PARSE_HUGE" not in exc.reason
    else:
        raise AssertionError("expected a refusal")

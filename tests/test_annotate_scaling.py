"""Item 16 of issue 13: annotate adds comments in linear time, and it and standard input honour --timeout.

python-docx's own ``add_comment`` read every comment's id to find the next free one (quadratic: 4,000
comments took 23 s, 20,000 much longer; benchmarks/README.md has the numbers). ``CommentWriter`` reads
the largest id once. These tests pin what makes that safe: ids stay unique and every comment is
anchored, whatever ids a document already uses, and the quadratic search is never called.
"""

from pathlib import Path

import docx
from docx.oxml.comments import CT_Comments
from hypothesis import HealthCheck, given, settings, strategies as st

import docfactory
from conftest import run_cli
from sbp_lint.commands.annotate import annotate_file


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(existing=st.lists(st.integers(0, 2**31 - 50), max_size=4, unique=True), paragraphs=st.integers(1, 12))
def test_new_comment_ids_are_unique_and_every_finding_is_anchored(linter, tmp_path_factory, monkeypatch, existing, paragraphs):
    folder = tmp_path_factory.mktemp("ids")
    word = docx.Document()
    for n in range(paragraphs):
        word.add_paragraph(f"Visit {n}: Mrs Jones refuses her tablets.")
    comments = word.comments  # existing comments with arbitrary ids (Word reuses and skips them)
    for number, comment_id in enumerate(existing):
        element = comments.add_comment(text=f"Earlier note {number}", author="Eleri Jones", initials="EJ")._comment_elm
        element.set(docx.oxml.ns.qn("w:id"), str(comment_id))
    word.save(folder / "plan.docx")

    def quadratic(self):
        raise AssertionError("the per-comment id search was used")

    with monkeypatch.context() as patch:
        patch.setattr(CT_Comments, "_next_available_comment_id", quadratic)
        result = annotate_file(linter, str(folder / "plan.docx"))
    ranges = docfactory.comment_ranges(Path(result.output))
    ids = [int(i) for i in ranges]
    assert len(ids) == len(set(ids)) == len(existing) + result.comments
    ours = [r for r in ranges.values() if r["author"] == "sbp-lint"]
    assert result.comments >= paragraphs and len(ours) == result.comments
    assert all(r["anchored"] and r["initials"] == "SBP" for r in ours)
    assert min(int(i) for i, r in ranges.items() if r["author"] == "sbp-lint") > max(existing, default=-1)


def test_annotate_honours_timeout(tmp_path):
    source = tmp_path / "plan.docx"
    word = docx.Document()
    for n in range(3000):
        word.add_paragraph(f"Visit {n}: Mrs Jones refuses her tablets.")
    word.save(source)
    result = run_cli("annotate", str(source), "--timeout", "0.01")
    assert result.returncode == 2
    assert result.stderr.decode() == (f"sbp-lint: error: {source}: took longer than 0.01 s to annotate; nothing was written "
                                      "(allow longer with --timeout SECONDS)\n")
    assert not (tmp_path / "plan.reviewed.docx").exists()


def test_standard_input_honours_timeout(tmp_path):
    text = ("# Notes\n\n" + "Mrs Jones refuses her tablets on Tuesday. " * 20 + "\n\n") * 300
    result = run_cli("check", "-", "--timeout", "0.01", "--format", "json", input=text.encode())
    assert result.returncode == 2
    assert b"took longer than 0.01 s to check; skipped (allow longer with --timeout SECONDS)" in result.stdout

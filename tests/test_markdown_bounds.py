"""Item 17 of issue 13: the Markdown parser's work is bounded, and positions stay exact.

markdown-it spends tens of microseconds on each unmatched ``[`` (200 KB of them: 10 s to parse and
over 800 MB to check). Paragraphs past the markup budget are read as plain text (or skipped when they
are mostly markup); benchmarks/README.md has the times before and after. These tests pin the bound
(the inline parser never sees more markup than the budget) and that every character still maps to
its own line and column.
"""

from hypothesis import HealthCheck, given, settings, strategies as st

from sbp_lint.documents import markdown
from sbp_lint.documents.base import split_lines
from sbp_lint.documents.markdown import MAX_MARKUP_PER_BLOCK, MAX_MARKUP_PER_DOCUMENT, read_markdown
from sbp_lint.errors import DocumentError


def _exact(source: str, blocks) -> None:
    lines = split_lines(source)
    for block in blocks:
        for segment in block.segments:
            if segment.source_length != segment.end - segment.start or not segment.source_length:
                continue  # an entity or escape stands for other source characters; separators stand for none
            line = lines[segment.line - 1]
            start = segment.column - 1
            assert line[start:start + segment.source_length] == block.text[segment.start:segment.end]


def _counting(monkeypatch) -> list[int]:
    seen: list[int] = []
    real = markdown._parser().inline.parse

    def parse(src, md, env, tokens):
        seen.append(len(markdown._MARKUP.findall(src)))
        return real(src, md, env, tokens)

    monkeypatch.setattr(markdown._parser().inline, "parse", parse)
    return seen


pieces = st.sampled_from(["[", "]", "*", "_", "![", "](x)", "`", "<", "&amp;", "\\*", " ", "word ", "refuses ", "\n", "\n\n", "> ", "- "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(pieces, max_size=400), repeat=st.sampled_from([1, 20, 400]))
def test_any_markup_is_parsed_within_budget_with_exact_positions(monkeypatch, parts, repeat):
    source = "".join(parts) * repeat
    with monkeypatch.context() as patch:
        seen = _counting(patch)
        try:
            blocks = read_markdown(source)
        except DocumentError:
            return  # nested too deeply: refused with a reason
    assert all(n <= MAX_MARKUP_PER_BLOCK for n in seen) and sum(seen) <= MAX_MARKUP_PER_DOCUMENT
    _exact(source, blocks)


def test_a_paragraph_past_the_budget_is_checked_as_plain_text_at_exact_positions(monkeypatch):
    paragraph = "She refuses her [tablets] on *Tuesday* and [Wednesday](x). " * 1000
    source = "# Notes\n\n" + paragraph + "\n\nMrs Jones suffers from [arthritis](x).\n"
    seen = _counting(monkeypatch)
    blocks = read_markdown(source)
    assert max(seen) < MAX_MARKUP_PER_BLOCK  # the long paragraph never reached the inline parser
    long = next(b for b in blocks if len(b.text) > 10_000)
    assert long.text == paragraph.strip() and long.position(long.text.index("refuses")) == (3, 5)
    last = blocks[-1]
    assert last.text == "Mrs Jones suffers from arthritis." and last.position(last.text.index("arthritis")) == (5, 25)
    _exact(source, blocks)


def test_a_paragraph_of_markup_alone_is_skipped_like_code():
    blocks = read_markdown("# Notes\n\n" + "[" * 200_000 + "\n\nShe refuses her tablets.\n")
    assert [b.text for b in blocks] == ["Notes", "She refuses her tablets."]

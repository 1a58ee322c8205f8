"""Item 2 of issue 13: --fix counts lines as the readers do, so it edits the flagged words and nothing else.

Form feeds, vertical tabs (Word's soft line break pasted as text), the file separators \\x1c-\\x1e, NEL,
U+2028 and U+2029 are characters inside a line for every reader; ``str.splitlines`` ends lines at them,
which once made --fix rewrite a code block and a suppressed line and leave the flagged one alone.
"""

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from sbp_lint.commands.fix import plan_edits, run_fixes
from sbp_lint.documents.base import line_starts, split_lines
from sbp_lint.findings import Finding, Severity

ODD = "\f\v\x1c\x1d\x1e\x85\u2028\u2029"
WORDS = ("care", "plan", "visit", "garden", "Tuesday", "tea", "walk")

noise = st.lists(st.one_of(st.sampled_from(WORDS), st.text(ODD, min_size=1, max_size=3)), min_size=1, max_size=12).map(" ".join)
line_break = st.sampled_from(["\n", "\r\n", "\r"])


def _document(fmt: str, noise_lines: list[str], eol: str) -> tuple[str, str]:
    """A document with odd characters before the one fixable phrase; returns it and the expected fix."""
    head = ["# Care plan" if fmt == "markdown" else "Care plan", ""]
    for line in noise_lines:
        head += [line, ""]
    if fmt == "markdown":
        head += ["```", "She suffers from code.", "```", "",
                 "<!-- sbp-lint disable-next-line deficit -->", "He suffers from asthma.", ""]
    original = eol.join([*head, "Mrs Jones suffers from arthritis.", ""])
    return original, original.replace("Mrs Jones suffers from", "Mrs Jones lives with")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(fmt=st.sampled_from(["markdown", "text"]), noise_lines=st.lists(noise, min_size=1, max_size=4), eol=line_break)
def test_fix_changes_exactly_the_flagged_words(linter, tmp_path_factory, fmt, noise_lines, eol):
    folder = tmp_path_factory.mktemp("fix")
    path = folder / ("plan.md" if fmt == "markdown" else "plan.txt")
    original, expected = _document(fmt, noise_lines, eol)
    path.write_bytes(original.encode("utf-8"))
    report = run_fixes([linter.check_file(str(path))], linter, write=True)
    assert path.read_bytes().decode("utf-8") == expected
    assert report.applied == 1 and report.changed_files == 1
    assert report.messages(diff=False)[-1] == "sbp-lint: fixed 1 problem in 1 file"


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", *ODD]), max_size=60))
def test_line_starts_and_split_lines_agree(text):
    starts = line_starts(text)
    lines = split_lines(text)
    assert len(starts) in (len(lines), len(lines) + 1)
    for start, line in zip(starts, lines):
        assert text[start:start + len(line)] == line
        assert not any(c in line for c in "\r\n")


def test_a_fix_that_changes_nothing_is_not_counted():
    finding = Finding("deficit.x", "deficit", Severity.WARNING, 1, 5, 1, 9, "well", "m", fix="well")
    assert plan_edits("She well.\n", [finding]) == []

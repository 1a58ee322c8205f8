"""The calm text report (issue 14, item 3): each sentence once with its findings and rewrite under it,
repeats folded, and "Fix these first" at the end. Folded findings still count."""

import io
import json
from types import SimpleNamespace

import pytest

from conftest import run_cli
from sbp_lint.findings import FileResult, Finding, Severity
from sbp_lint.reporters import text
from sbp_lint.reporters.grouping import file_groups, priorities


def make(rule: str, words: str, sentence: str, line: int = 1, severity=Severity.WARNING, category: str | None = None,
         suggestions=("try this",), block: int = 0) -> Finding:
    start = sentence.index(words)
    return Finding(rule=rule, category=category or rule.split(".")[0], severity=severity, line=line, column=start + 1,
                   end_line=line, end_column=start + len(words) + 1, text=words, message=f"'{words}' is a problem.",
                   suggestions=list(suggestions), sentence=sentence,
                   block_span=(block, start, start + len(words), 0, len(sentence)))


def render(findings, path="notes.md", top=5) -> str:
    out = io.StringIO()
    text.report([FileResult(path, findings)], [], out, top=top)
    return out.getvalue()


SENTENCE = "Mr Davies refuses his tablets and is non-compliant with the plan."


def test_a_sentence_is_shown_once_with_every_finding_marked_under_it():
    out = render([make("deficit.refuses", "refuses", SENTENCE), make("deficit.non-compliant", "non-compliant", SENTENCE)])
    assert out.count(SENTENCE) == 1
    marks = out.split(SENTENCE + "\n")[1].splitlines()[0]
    assert marks == " " * (4 + 10) + "^" * 7 + " " * 20 + "^" * 13
    assert "warning deficit.refuses: 'refuses' is a problem." in out
    assert "warning deficit.non-compliant: 'non-compliant' is a problem." in out


def test_the_same_words_found_again_are_folded_after_the_first_two():
    findings = [make("deficit.refuses", word, f"Mr Davies {word} his tablets on day {n}.", line=n, block=n)
                for n, word in enumerate(["refuses", "Refuses", "refuses", "REFUSES", "refuses"], 1)]
    findings.append(make("deficit.refuses", "refused", "He refused a bath.", line=9, block=9))
    out = render(findings)
    assert out.count("deficit.refuses:") == 3, "two of 'refuses' in full, and 'refused' (other words)"
    assert "and 3 more like this: lines 3, 4, 5" in out
    assert "6 findings in 1 file" in out, "folded findings still count"
    assert "3 repeated findings folded" in out and "--format json lists every finding" in out


def test_suggestions_are_shown_the_first_time_a_rule_appears_in_a_file():
    findings = [make("deficit.refuses", "refuses", "He refuses tea.", line=1, block=1),
                make("deficit.refuses", "refused", "He refused a bath.", line=2, block=2)]
    assert render(findings).count("Try: try this") == 1


def test_the_rewrite_is_shown_once_under_its_sentence_instead_of_suggestions():
    findings = [make("deficit.refuses", "refuses", SENTENCE), make("deficit.non-compliant", "non-compliant", SENTENCE)]
    rewrite = SimpleNamespace(text="Mr Davies chooses not to take his tablets [because …].", safe=False, placeholders=["reason"])
    for finding in findings:
        finding.rewrite = rewrite  # one identical rewrite on every finding of a sentence
    out = render(findings)
    assert out.count("Rewrite: Mr Davies chooses not to take his tablets [because …].") == 1
    assert out.index("Rewrite:") > out.index("deficit.non-compliant:")
    assert "Try:" not in out


def test_a_long_sentence_wraps_with_the_marks_under_their_words():
    sentence = ("On Tuesday afternoon the carers from the agency reported that Mrs Evans was again very resistant "
                "to personal care and that she refuses the shower.")
    out = render([make("deficit.refuses", "refuses", sentence)])
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "refuses the shower" in line)
    assert all(len(line) <= 100 for line in lines[:at + 2])
    marks = lines[at + 1]
    assert lines[at][marks.index("^"):marks.rindex("^") + 1] == "refuses"


def test_whole_sentence_findings_are_unmarked_and_come_last():
    long = make("readability.long-sentence", SENTENCE, SENTENCE, category="readability", severity=Severity.SUGGESTION)
    out = render([long, make("deficit.refuses", "refuses", SENTENCE)])
    assert out.index("deficit.refuses:") < out.index("readability.long-sentence:")
    assert out.split(SENTENCE + "\n")[1].splitlines()[0].strip() == "^" * 7


def test_fix_these_first_ranks_by_severity_then_weight_then_frequency():
    findings = [
        make("jargon.package-of-care", "package of care", "A package of care.", line=1, block=1),
        make("jargon.package-of-care", "package of care", "The package of care.", line=2, block=2),
        make("jargon.package-of-care", "package of care", "Her package of care.", line=3, block=3),
        make("label.service-user", "service user", "The service user.", line=4, block=4),
        make("deficit.refuses", "refuses", "She refuses.", line=5, block=5),
        make("deficit.self-risk", "putting herself at risk", "She is putting herself at risk.", line=6, block=6,
             severity=Severity.ERROR),
        make("plain.liaise", "liaise", "We will liaise.", line=7, block=7, severity=Severity.SUGGESTION,
             category="plain_language"),
    ]
    ranked = [p.rule for p in priorities([FileResult("n.md", findings)], top=10)]
    assert ranked == ["deficit.self-risk", "deficit.refuses", "label.service-user", "jargon.package-of-care", "plain.liaise"]
    out = render(findings, top=3)
    tail = out[out.index("Fix these first"):].splitlines()
    assert tail[1] == "  1. error deficit.self-risk 'putting herself at risk': n.md:6".replace("n.md", "notes.md")
    assert len(tail) == 4 and tail[3].startswith("  3. warning label.service-user")
    assert "Fix these first" not in render(findings, top=0)


def test_frequency_breaks_ties_within_a_category():
    findings = [make("jargon.respite", "respite", "A respite in May.", line=1, block=1),
                make("jargon.package-of-care", "package of care", "A package of care.", line=2, block=2),
                make("jargon.package-of-care", "package of care", "The package of care.", line=3, block=3)]
    assert [p.rule for p in priorities([FileResult("n.md", findings)])] == ["jargon.package-of-care", "jargon.respite"]
    assert "jargon.package-of-care 'package of care' ×2: notes.md:2, 3" in render(findings, top=2)


def test_no_fix_these_first_when_every_finding_is_already_on_the_screen():
    findings = [make("deficit.refuses", "refuses", "He refuses tea.", line=1, block=1),
                make("label.service-user", "service user", "The service user.", line=2, block=2)]
    assert "Fix these first" not in render(findings)
    assert "Fix these first" in render(findings, top=1)


def test_groups_keep_the_order_of_the_file():
    findings = [make("deficit.refuses", "refuses", "He refuses tea.", line=1, block=1),
                make("label.service-user", "service user", "The service user.", line=2, block=2)]
    assert [g.first.line for g in file_groups(findings)] == [1, 2]


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "notes.md"
    lines = [f"On day {n} Mr Davies refuses his tablets." for n in range(1, 7)]
    path.write_text("\n\n".join(lines) + "\n\nMrs Evans suffers from arthritis and is non-compliant.\n", encoding="utf-8")
    return path


def test_folded_findings_count_in_the_summary_exit_code_and_json(notes):
    result = run_cli("check", "--no-cache", str(notes))
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "and 4 more like this: lines 5, 7, 9, 11" in out
    data = json.loads(run_cli("check", "--no-cache", str(notes), "--format", "json").stdout)
    refuses = [f for f in data["files"][0]["findings"] if f["rule"] == "deficit.refuses"]
    assert len(refuses) == 6
    assert f"{data['summary']['findings']} findings in 1 file" in out
    tail = out[out.index("Fix these first"):].splitlines()[1:]
    assert tail and all(line.startswith(f"  {n}. ") for n, line in enumerate(tail, 1)), "the run ends with it"


def test_top_option(notes):
    out = run_cli("check", "--no-cache", str(notes), "--top", "1").stdout.decode()
    tail = out[out.index("Fix these first"):].splitlines()
    assert len(tail) == 2 and tail[1].startswith("  1. warning deficit.")
    assert "Fix these first" not in run_cli("check", "--no-cache", str(notes), "--top", "0").stdout.decode()

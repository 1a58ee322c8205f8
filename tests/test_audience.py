"""Who a document is about (issue 14, item 4): detected from cues or set in the configuration, and
the wording that follows from it: no child wording on adult records, child wording where it helps."""

import json
from pathlib import Path

import pytest

from conftest import run_cli
from sbp_lint import Linter
from sbp_lint.audience import detect
from sbp_lint.config import parse_config
from sbp_lint.documents import parse_text
from sbp_lint.errors import ConfigError, PackError
from sbp_lint.packs import load_pack_file

# A letter about a 45-year-old man, as in the issue: it once got "says the child chose not to come"
# and a school-class example for "siblings".
ADULT_LETTER = """# Letter to Mr Gareth Price

Dear Mr Price,

You are 45 and live with your wife in Llandudno. Gareth DNA'd his appointment at the memory clinic on 3 May.
Your siblings have offered to help with lifts to the next one.
"""

CHILD_NOTE = """# Child's plan: Tomos

Tomos, 8, is in Year 3 at Ysgol y Graig. Tomos DNA'd his dental appointment on Tuesday.
He gets on well with his siblings and his foster carer.
"""

CHILD_WORDS = ("child", "class", "brought")


def check(linter: Linter, text: str):
    document = parse_text(text, "<letter>", "markdown")
    return document, linter.check_document(document)


def words_of(finding) -> str:
    return " ".join([finding.message, *finding.suggestions]).lower()


# -- detection ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Leah, aged 9, is in Year 4. Mum walks her to school.", "child"),
    ("Kai (14) lives with his foster carers. What are we worried about?", "child"),
    ("Mr Evans, 82, lives in a care home; his wife visits daily.", "adult"),
    ("Mrs Jones has a tenancy with the housing association and a state pension.", "adult"),
    ("The meeting was on Tuesday.", "unknown"),
])
def test_detects_who_a_text_is_about(text, expected):
    assert detect([text]).value == expected


def test_first_age_given_outweighs_a_later_one():
    """A child's record mentions Mum's age too; the person's own age comes first."""
    assert detect(["Leah (9) lives with Mum (34) in Rhyl."]).value == "child"
    assert detect(["Mr Hughes (79) sees his grandson (6) on Sundays."]).value == "adult"


def test_an_age_that_belongs_to_someone_else_is_not_the_persons():
    assert detect(["Tegan has a 19-year-old boyfriend."]).value == "unknown"


def test_a_childs_plan_heading_counts():
    assert detect(["Tomos likes football."], ["Child's plan"]).value == "child"


def test_the_explanation_names_cues_not_the_documents_words():
    audience = detect(["Ffion Roberts, aged 12, goes to Ysgol Glan Clwyd with her foster carer's son."])
    line = audience.describe()
    assert audience.value == "child" and "first age given under 18 +3" in line
    assert "Ffion" not in line and "Glan" not in line and "12" not in line


# -- wording --------------------------------------------------------------------------------------

def test_no_child_wording_on_an_adult_record(linter):
    document, findings = check(linter, ADULT_LETTER)
    assert document.audience.value == "adult"
    dna = next(f for f in findings if f.rule == "deficit.did-not-attend")
    assert "did not come" in words_of(dna)
    siblings = next(f for f in findings if f.rule == "jargon.siblings")
    for finding in findings:
        assert not any(word in words_of(finding) for word in CHILD_WORDS), (finding.rule, words_of(finding))
    assert siblings.suggestions and dna.severity.name == "SUGGESTION"


def test_child_wording_on_a_childs_record(linter):
    document, findings = check(linter, CHILD_NOTE)
    assert document.audience.value == "child"
    dna = next(f for f in findings if f.rule == "deficit.did-not-attend")
    assert "was not brought to …" in dna.suggestions and "child" in dna.message
    siblings = next(f for f in findings if f.rule == "jargon.siblings")
    assert "other children in her class" in siblings.suggestions


def test_unknown_audience_gets_neutral_words(linter):
    document, findings = check(linter, "Gareth DNA'd his appointment.\n")
    assert document.audience.value == "unknown"
    dna = next(f for f in findings if f.rule == "deficit.did-not-attend")
    assert "says the child chose" not in dna.message and "did not come to … (say why, if known)" in dna.suggestions


def test_a_rule_for_children_is_skipped_on_adult_records_only(linter):
    adult = "Mrs Evans, 82, lives with her partner, aged 80, in Conwy.\n"
    unknown = "She spends weekends at the flat of her boyfriend, aged 24.\n"
    assert not [f for f in check(linter, adult)[1] if f.rule == "deficit.adult-boyfriend"]
    assert [f for f in check(linter, unknown)[1] if f.rule == "deficit.adult-boyfriend"]


def test_configured_audience_wins_over_cues(tmp_path):
    config = parse_config({"audience": "adult", "overrides": [{"files": ["children/**"], "audience": "child"}]},
                          str(tmp_path / ".sbp-lint.yaml"))
    linter = Linter(config)
    (tmp_path / "children").mkdir()
    text = "Tomos DNA'd his dental appointment on Tuesday.\n"
    for name, expected in (("note.md", "adult"), ("children/note.md", "child")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = linter.check_file(str(path))
        assert (result.audience.value, result.audience.source) == (expected, "configuration")


def test_bad_audience_setting_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="'audience' must be one of: auto, adult, child"):
        parse_config({"audience": "teenager"}, "x.yaml")
    with pytest.raises(ConfigError, match="overrides.audience"):
        parse_config({"overrides": [{"files": ["a"], "audience": "elderly"}]}, "x.yaml")


RULE = """pack: ours
rules:
  - id: jargon.ours
    kind: phrase
    phrases: [widget]
    category: jargon
    severity: warning
    audience:
      {audience}
    message: m {{match}}
    why: w
    suggestions: [s]
    examples:
      flag: [a widget, two widgets]
      pass: [a gadget, two gadgets]
"""


@pytest.mark.parametrize("audience,problem,line", [
    ("teen: {message: m}", "unknown key 'teen' in audience", 9),
    ("adult: {colour: red}", "unknown key 'colour' in audience.adult", 9),
    ("adult: {severity: fatal}", "'audience.adult.severity' must be error, warning or suggestion", 9),
    ("adult: {message: 'x {words}'}", "only {match} is filled", 9),
    ("adult: {severity: error}", "'audience.adult.severity' may not be above the rule's own (warning)", 9),
])
def test_audience_words_are_validated_with_file_and_line(tmp_path, audience, problem, line):
    path = tmp_path / "ours.yaml"
    path.write_text(RULE.format(audience=audience), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    assert problem in str(caught.value) and f":{line}" in str(caught.value)


# -- where the audience shows -----------------------------------------------------------------------

@pytest.fixture
def letter(tmp_path) -> Path:
    path = tmp_path / "letter.md"
    path.write_text(ADULT_LETTER, encoding="utf-8")
    return path


def test_json_names_the_audience_and_v_explains_it(letter, tmp_path):
    result = run_cli("check", str(letter), "--format", "json", "-v", "--cache-dir", str(tmp_path / "cache"))
    assert json.loads(result.stdout)["files"][0]["audience"] == "adult"
    assert f"{letter}: audience adult (score -" in result.stderr.decode()
    again = run_cli("check", str(letter), "--format", "json", "-v", "--cache-dir", str(tmp_path / "cache"))
    assert "1 from the cache" in again.stderr.decode()
    assert json.loads(again.stdout) == json.loads(result.stdout), "a cached file keeps its audience and wording"
    assert f"{letter}: audience adult (score -" in again.stderr.decode()


def test_redacted_findings_keep_the_audience_wording(letter):
    data = json.loads(run_cli("check", "--no-cache", str(letter), "--format", "json", "--redact").stdout)
    dna = next(f for f in data["files"][0]["findings"] if f["rule"] == "deficit.did-not-attend")
    assert "did not come to … (say why, if known)" in dna["suggestions"] and "DNA" not in dna["message"]


def test_explain_shows_the_audience_variants():
    out = run_cli("explain", "deficit.did-not-attend").stdout.decode()
    assert "In a document about children" in out and "In a document about adults" in out
    assert "did not come to … (say why, if known)" in out
    child_only = run_cli("explain", "deficit.adult-boyfriend").stdout.decode()
    assert "Runs for: documents about children" in child_only


KINDS = Path(__file__).resolve().parent / "data" / "kinds"


@pytest.mark.skipif(not (KINDS / "index.yaml").is_file(), reason="tests/data/kinds/ (labelled documents) not present")
def test_audience_of_the_labelled_documents(linter):
    """Never wrong on the labelled documents, and right on all but those about no one (minutes, a policy)."""
    import yaml

    entries = yaml.safe_load((KINDS / "index.yaml").read_text(encoding="utf-8"))
    wrong, unknown = [], []
    for entry in entries:
        detected = linter.check_file(str(KINDS / entry["file"])).audience
        if detected.value == "unknown":
            unknown.append(entry["file"])
        elif detected.value != entry["audience"]:
            wrong.append((entry["file"], detected.describe()))
    assert not wrong
    kinds = {e["file"]: e["kind"] for e in entries}
    assert all(kinds[name] == "unknown" for name in unknown), unknown

"""Good practice: strengths in ordinary words, decisions and what explains them, the profile per file
(JSON, text, cache), document kinds, and the practice models' structure on whole documents."""

import json
from pathlib import Path

import pytest
import yaml

from benchmarks.practice import (DECISIONS, KINDS, STRENGTHS, evaluate_decisions, evaluate_kinds, evaluate_strengths)
from conftest import run_cli
from sbp_lint import Linter
from sbp_lint.config import parse_config
from sbp_lint.documents import parse_text
from sbp_lint.errors import ConfigError, PackError
from sbp_lint.packs import load_packs
from sbp_lint.practice.data import DataFile, add_patterns
from sbp_lint.practice.kinds import detect
from sbp_lint.findings import PROFILE_KEYS
from sbp_lint.practice.strengths import recogniser
from sbp_lint.reporters.profile import profile_line

INDEX = yaml.safe_load((KINDS / "index.yaml").read_text(encoding="utf-8"))


def strength(linter, sentence: str):
    found_by = recogniser(linter.nlp.vocab)
    return next((s for s in (found_by.recognise(sent) for sent in linter.nlp(sentence).sents) if s), None)


# -- strengths --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,kind", [
    ("Mr Davies was a postman for 38 years.", "role"),
    ("Feeds her cat every morning before she has her own breakfast.", "routine"),
    ("Taught herself to use a tablet so she can video-call her grandchildren.", "achievement"),
    ("He sings bass with Côr y Garreg.", "interest"),
    ("His neighbour Glyn drives him to choir and back.", "relationship"),
    ("She can make herself a sandwich and a hot drink.", "ability"),
    ("He has not had a drink for eleven months.", "achievement"),
])
def test_strengths_in_ordinary_words(linter, sentence, kind):
    found = strength(linter, sentence)
    assert found is not None and found.kind == kind, found


@pytest.mark.parametrize("sentence", [
    "Staff enjoy his sense of humour.",  # the staff's
    "He would like to go back to the bowls club.",  # a wish, not yet a strength
    "He is good at hiding his drinking.",  # a worry dressed as a skill
    "She used to play the organ at chapel but her hands are too stiff now.",  # lost
    "She loves her children but cannot keep them safe from her partner.",  # negated main clause
    "He goes to Bryn Day Centre on Tuesdays and Thursdays.",  # a service received
    "Her neighbour is a keen gardener.",  # the neighbour's interest, nothing done for the person
    "She gets up three or four times a night when he is unsettled.",  # a burden, not a routine of her own
])
def test_not_strengths(linter, sentence):
    assert strength(linter, sentence) is None


def test_no_strengths_uses_the_recogniser(linter):
    base = ("# Assessment: Mr Huw Rees\n\nMr Rees is 79 and lives alone in a terraced house in Bala. He has had four "
            "falls since October and was admitted to hospital in January with a broken wrist. He has diabetes and his "
            "eyesight is getting worse. He cannot manage the stairs and sleeps in his chair downstairs. He forgets to "
            "take his insulin and his sugar levels are high. There is little food in the fridge, and the kitchen is cold. "
            "He has lost weight since the summer and his clothes are loose on him.\n")
    flagged = [f.rule for f in linter.check_text(base)]
    assert "structure.no-strengths" in flagged
    postman = base + "\nHe was a postman for 38 years and feeds his cat Sinsir every morning.\n"
    assert "structure.no-strengths" not in [f.rule for f in linter.check_text(postman)], \
        "no keyword such as 'enjoys' or 'good at', but a role and a routine are strengths"


# -- decisions ----------------------------------------------------------------------------------------------------

def decisions_reported(linter, text: str) -> list[str]:
    return [f.text for f in linter.check_text(text) if f.rule == "structure.decision-without-reason"]


def test_a_line_that_introduces_a_list_is_not_a_decision(linter):
    text = "## What we agreed\n\nWe agreed these outcomes together:\n\n- I want to stay in my bungalow with my cat.\n"
    assert decisions_reported(linter, text) == []


def test_a_reason_in_the_sentence_before_explains_a_decision(linter):
    explained = "The hoist at home does not fit under Mr Rees's new bed. It was decided to order a different bed.\n"
    assert decisions_reported(linter, explained) == []
    event = "Mum did not come to the review. It was decided that the plan will continue unchanged.\n"
    assert decisions_reported(linter, event) == ["It was decided"], "an event before it is no reason"


def test_the_persons_view_after_a_decision_explains_it(linter):
    text = "We agreed that Mrs Hopkins will move to the ground-floor flat. She told me the stairs frighten her since her fall.\n"
    assert decisions_reported(linter, text) == []


def test_a_plan_for_later_after_a_decision_does_not_explain_it(linter):
    text = "It was decided that Mr Morris will move to Bryn Awel. The move will take place on 3 June.\n"
    assert decisions_reported(linter, text) == ["It was decided"]


def test_neighbours_are_in_the_same_section(linter):
    text = "## Risks\n\nThe stairs are steep.\n\n## Decisions\n\nWe decided that Mrs Morgan will go to another group.\n"
    assert decisions_reported(linter, text) == ["We decided"], "the sentence before is under another heading"


# -- the profile --------------------------------------------------------------------------------------------------

PLAN = KINDS / "care_and_support_plan_strong_1.md"


def test_profile_and_kind_in_the_json_contract(tmp_path):
    result = run_cli("check", str(PLAN), "--format", "json", "--no-cache", cwd=tmp_path)
    entry = json.loads(result.stdout)["files"][0]
    assert entry["kind"] == "care_and_support_plan"
    assert set(entry["profile"]) == set(PROFILE_KEYS) and all(isinstance(v, int) for v in entry["profile"].values())
    profile = entry["profile"]
    assert profile["strengths"] >= 5, "postman, choir, the cat, his neighbour Glyn..."
    assert profile["own_words"] >= 2 and profile["outcomes"] >= 4
    assert profile["outcomes_first_person"] <= profile["outcomes"] and profile["decisions_explained"] <= profile["decisions"]


def test_profile_line_in_the_text_report(tmp_path):
    result = run_cli("check", str(PLAN), "--no-cache", cwd=tmp_path)
    lines = [line for line in result.stdout.decode().splitlines() if "Good practice:" in line]
    assert len(lines) == 1 and lines[0].startswith(f"{PLAN}: Good practice: ")
    assert "strengths" in lines[0] and "in their voice" in lines[0]


def test_profile_line_words():
    profile = {"words": 400, "strengths": 6, "own_words": 2, "outcomes": 4, "outcomes_first_person": 4, "decisions": 2,
               "decisions_explained": 2}
    assert profile_line(profile) == ("Good practice: 6 strengths, 2 passages in the person's own words, "
                                     "4 of 4 outcomes in their voice, 2 of 2 decisions explained")
    sparse = dict.fromkeys(profile, 0) | {"strengths": 1}
    assert profile_line(sparse) == "Good practice: 1 strength, nothing in the person's own words"
    assert profile_line(None) == ""


def test_profile_and_kind_come_back_from_the_cache(tmp_path):
    fresh = json.loads(run_cli("check", str(PLAN), "--format", "json", "--cache-dir", str(tmp_path / "c"), cwd=tmp_path).stdout)
    cached = json.loads(run_cli("check", str(PLAN), "--format", "json", "--cache-dir", str(tmp_path / "c"), cwd=tmp_path).stdout)
    assert cached["files"][0]["profile"] == fresh["files"][0]["profile"]
    assert cached["files"][0]["kind"] == fresh["files"][0]["kind"] == "care_and_support_plan"
    entry = next((tmp_path / "c").rglob("*.json")).read_text(encoding="utf-8")
    assert "Sinsir" not in entry and "postman" not in entry, "numbers and a label only"


def test_library_report_shows_the_good_practice_and_examples(tmp_path):
    html = tmp_path / "report.html"
    run_cli("report", str(KINDS), "--html", str(html), "--no-cache", cwd=tmp_path)
    page = html.read_text(encoding="utf-8")
    assert 'id="practice"' in page and "Examples to learn from" in page
    assert "Strengths recorded" in page and "Care and support plans: 3" in page
    assert "_weak.md" not in page.split('id="practice"')[1].split("</section>")[0], "the examples are strong documents"


# -- document kinds -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("entry", INDEX, ids=[e["file"] for e in INDEX])
def test_document_kinds(entry):
    document = parse_text((KINDS / entry["file"]).read_text(encoding="utf-8"), entry["file"], "markdown")
    kind = detect(document.blocks)
    assert kind.value == entry["kind"], kind.describe()


def test_kind_is_explained():
    document = parse_text("# Care and support plan: Mr Rees\n\n## Personal outcomes\n\n- I want to go home.\n", "p.md", "markdown")
    kind = detect(document.blocks)
    assert kind.value == "care_and_support_plan"
    assert kind.describe() == "kind care_and_support_plan (score 8: title 'care and support plan' +6, heading 'personal outcomes' +2)"


def test_kind_from_the_configuration_and_per_glob(tmp_path):
    config = parse_config({"kind": "letter", "overrides": [{"files": ["plans/**"], "kind": "care_and_support_plan"}]},
                          str(tmp_path / ".sbp-lint.yaml"))
    linter = Linter(config)
    note = linter.check_bytes(b"# Case note\n\nVisited Mr Rees.\n", str(tmp_path / "notes" / "a.md"))
    plan = linter.check_bytes(b"# Case note\n\nVisited Mr Rees.\n", str(tmp_path / "plans" / "b.md"))
    assert (note.kind, plan.kind) == ("letter", "care_and_support_plan")


def test_an_unknown_kind_in_the_configuration_names_it(tmp_path):
    with pytest.raises(ConfigError, match="'kind' must be one of"):
        parse_config({"kind": "minutes"}, str(tmp_path / ".sbp-lint.yaml"))


# -- practice-model structure on whole documents ------------------------------------------------------------------

@pytest.fixture(scope="module")
def kinds_result(linter):
    return evaluate_kinds(linter)


def test_strong_documents_get_no_structure_findings(kinds_result):
    assert kinds_result.strong_findings and not any(kinds_result.strong_findings.values()), kinds_result.strong_findings


def test_weak_documents_miss_exactly_the_listed_elements(kinds_result):
    score = kinds_result.elements
    assert score.tp >= 20, "the weak documents lack about 20 elements between them"
    assert score.precision >= 0.95 and score.recall >= 0.95, score.errors


def test_each_missing_element_is_one_finding_that_names_it(linter):
    result = linter.check_file(str(KINDS / "letter_weak.md"))
    structure = sorted(f.rule for f in result.findings if f.category == "structure" and f.rule != "structure.decision-without-reason")
    assert structure == ["structure.letter-actions", "structure.record-review-date", "structure.record-what-matters"]
    review = next(f for f in result.findings if f.rule == "structure.record-review-date")
    assert review.message.startswith("No date for the next review or contact")


# -- Welsh and bilingual records ----------------------------------------------------------------------------------

BILINGUAL_PLAN = """# Cynllun gofal a chymorth / Care and support plan: Mrs Beti Lloyd

## Beth sy'n bwysig i mi / What matters to me

Fy ngardd, fy nghapel a gweld fy wyrion ar ddydd Sul. My garden, my chapel and seeing my grandchildren on a Sunday.

## Canlyniadau personol / Personal outcomes

| My outcome | Who will help | By when |
|---|---|---|
| I want to be in my garden every day the weather is fine. | Gwen from Gofal Teifi | 1 June |

## Cryfderau a rhwydwaith cymorth / Strengths and support network

Beti still grows her own potatoes. Her daughter Eirian rings her every night at eight.

## Risgiau / Risks

Beti sometimes goes out at night and gets lost. If Beti is not home by nine, Eirian will ring her neighbour Dai.
"""
WELSH_REVIEW = "\n## Adolygu\n\nByddwn ni'n adolygu'r cynllun hwn gyda Beti ar 1 Medi 2025.\n"


def test_an_element_written_only_in_welsh_is_found(linter):
    """The Welsh blocks of a bilingual plan are read with the Welsh tokenizer; the element checks see them too."""
    without = {f.rule for f in linter.check_text(BILINGUAL_PLAN, path="plan.md")}
    assert "structure.plan-review-date" in without
    with_review = [f for f in linter.check_text(BILINGUAL_PLAN + WELSH_REVIEW, path="plan.md") if f.category == "structure"]
    assert with_review == [], [f.rule for f in with_review]


def test_welsh_outcomes_count_in_the_profile(tmp_path):
    plan = tmp_path / "cynllun.md"
    plan.write_text("# Cynllun gofal a chymorth\n\n## Canlyniadau personol\n\n"
                    "Rydw i eisiau mynd i'r capel bob dydd Sul gyda fy merch.\n\nMae Mrs Jones eisiau mynd adref.\n",
                    encoding="utf-8")
    data = json.loads(run_cli("check", str(plan), "--format", "json", "--no-cache", cwd=tmp_path).stdout)
    profile = data["files"][0]["profile"]
    assert (profile["outcomes"], profile["outcomes_first_person"]) == (2, 1)
    assert data["summary"]["by_language"].get("cy") == 1  # the second outcome is not in her voice


def test_structure_packs_are_validated_with_file_and_line(tmp_path):
    pack = tmp_path / "ours.yaml"
    pack.write_text(
        "pack: ours\nrules:\n  - id: structure.our-element\n    kind: check\n    check: missing_element\n"
        "    category: structure\n    severity: warning\n    options: {element: x, kinds: [minutes], headings: [x]}\n"
        "    message: No x.\n    why: Because.\n    suggestions: [Add x]\n"
        "    examples: {flag: [a, b], pass: [c, d]}\n", encoding="utf-8")
    config = parse_config({"extra_packs": [str(tmp_path)]}, str(tmp_path / ".sbp-lint.yaml"))
    with pytest.raises(PackError) as error:
        Linter(config).prepare()  # a check's options are checked when the rules are compiled (first use)
    assert str(error.value).startswith(f"{pack}:3: rule 'structure.our-element': option 'kinds' must list document kinds")


def test_broken_recogniser_data_names_file_and_line(tmp_path, linter):
    data_file = tmp_path / "strengths.yaml"
    data_file.write_text("patterns:\n  ability:\n    - [{LOWER: off}]\n", encoding="utf-8")  # YAML reads off as false
    from spacy.matcher import Matcher

    data = DataFile(data_file)
    with pytest.raises(PackError, match=rf"{data_file}:3: invalid token pattern for 'ability'"):
        add_patterns(Matcher(linter.nlp.vocab), data, data.patterns("patterns"))


def test_every_structure_pack_loads_and_has_its_elements():
    packs = {p.name: p for p in load_packs()}
    plan = {r.options["element"] for r in packs["structure-wales-plan"].rules}
    assert plan == {"what_matters", "personal_outcomes", "actions", "support_network", "risks", "contingency", "review_date"}
    sos = {r.options["element"] for r in packs["structure-signs-of-safety"].rules}
    assert sos == {"worries", "harm", "danger_statement", "working_well", "safety_goal", "next_steps", "scaling"}


# -- measured floors (python -m benchmarks.practice prints the numbers) ----------------------------------------

def test_strengths_precision_and_recall(linter):
    result = evaluate_strengths(linter.nlp, yaml.safe_load(STRENGTHS.read_text(encoding="utf-8")))
    assert result.score.tp + result.score.fn >= 150
    assert result.score.precision >= 0.95, result.score.errors
    assert result.score.recall >= 0.85, result.score.errors


def test_decisions_precision_and_recall(linter):
    result = evaluate_decisions(linter.nlp, yaml.safe_load(DECISIONS.read_text(encoding="utf-8")))
    assert result.decision.tp + result.decision.fn >= 60
    assert result.decision.precision >= 0.95 and result.decision.recall >= 0.95, result.decision.errors
    assert result.unexplained.precision >= 0.90 and result.unexplained.recall >= 0.80, result.unexplained.errors


def test_kind_accuracy(kinds_result):
    assert kinds_result.right / kinds_result.total >= 0.95, kinds_result.errors


# -- controlling and paternalistic wording ------------------------------------------------------------------------

CONTROL = yaml.safe_load((Path(__file__).parent / "corpus" / "control-phrases.yaml").read_text(encoding="utf-8"))
NOT_A_RULE = {"should-advice"}  # "she should", "he should": too common in ordinary advice to flag alone
# An adult-only rule still runs when a one-line text says nothing about who it is about (audience unknown):
# "Kai is allowed to stay up" passes once the document shows Kai is a child (the rule's own pass example).
NEEDS_CONTEXT = {"Kai is allowed to stay up until nine on Fridays."}


@pytest.fixture(scope="module")
def control_linter():
    return Linter(select=["control"])


@pytest.mark.parametrize("entry", CONTROL, ids=[e["id"] for e in CONTROL])
def test_controlling_wording(control_linter, entry):
    if entry["id"] in NOT_A_RULE:
        pytest.skip("not made a rule: see NOT_A_RULE")
    flagged = control_linter.check_text(entry["example"])
    assert flagged and all(f.category == "control" for f in flagged), entry["example"]
    for example in entry.get("pass", []):
        if example["text"] not in NEEDS_CONTEXT:
            assert not control_linter.check_text(example["text"]), f"{example['text']} ({example.get('note')})"


def test_controlling_wording_is_left_in_the_persons_own_words(control_linter):
    assert control_linter.check_text("Mr Bowen is not allowed to go out after dark.")
    assert not control_linter.check_text("Mr Bowen said, \"I'm not allowed to go out after dark, they tell me.\"")


def test_serve_api_answers_with_the_profile_and_kind(linter):
    from sbp_lint.serve.payload import check_text

    answer = check_text(linter, (KINDS / "review_strong_1.md").read_text(encoding="utf-8"), "review.md")
    entry = answer["files"][0]
    assert entry["kind"] == "review" and entry["profile"]["outcomes"] >= 3

"""Rewrites of the writer's own sentence: grammatical, one per sentence, never inventing a fact or losing a need."""

import json
import re

import pytest

from conftest import all_rules, run_cli
from sbp_lint.findings import Rewrite
from sbp_lint.nlp.language import ENGLISH
from sbp_lint.packs.rewrites import METHODS as PACK_METHODS
from sbp_lint.rewrite import METHODS, REWRITTEN
from sbp_lint.rewrite.inflection import inflect, inflect_phrase, plural_phrase

# English rules: Welsh sentences are not tagged or parsed, so Welsh rules rewrite nothing (tests/test_welsh.py).
FLAG_EXAMPLES = [(rule, example) for rule in all_rules()
                 if rule.category in REWRITTEN and rule.language == ENGLISH for example in rule.flag_examples]
NEGATIONS = re.compile(r"\b(?:not|never|no|cannot|nothing|none|nobody)\b|n['’]t\b", re.IGNORECASE)
BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def rewrite_of(linter, rule, text) -> Rewrite | None:
    found = [f for f in linter.check_example(rule, text) if f.rule == rule.id]
    return next((f.rewrite for f in found if f.rewrite is not None), None)


@pytest.fixture(scope="module")
def swept(linter):
    """Every flag example of every rewritten category, with its rewrite."""
    return [(rule, example, rewrite_of(linter, rule, example.text)) for rule, example in FLAG_EXAMPLES]


def test_every_finding_of_the_rewritten_categories_comes_with_a_rewrite(swept):
    missing = [(rule.id, example.text) for rule, example, rewrite in swept if rewrite is None]
    assert len(swept) > 400 and missing == []


def test_no_rewrite_loses_a_negation(swept):
    """"cannot" never becomes "can": the need stays visible."""
    lost = [(rule.id, example.text, rewrite.text) for rule, example, rewrite in swept
            if len(NEGATIONS.findall(_outside_quotes(rewrite.text))) < len(NEGATIONS.findall(example.text))]
    assert lost == []


def test_placeholders_are_the_only_new_brackets_and_no_name_or_number_is_invented(swept):
    """What the sentence does not say becomes a [placeholder]; names, numbers and dates come from the sentence."""
    problems = []
    for rule, example, rewrite in swept:
        new_brackets = [b for b in BRACKETS.findall(rewrite.text) if f"[{b}]" not in example.text]
        if sorted(new_brackets) != sorted(p for p in rewrite.placeholders if f"[{p}]" not in example.text):
            problems.append((rule.id, rewrite.text, rewrite.placeholders))
        outside = BRACKETS.sub(" ", rewrite.text)
        for word in re.findall(r"\b(?:[A-Z][a-z]+|\d[\d:.]*)\b", outside)[1:]:
            if word not in example.text and word not in _rule_words(rule):
                problems.append((rule.id, rewrite.text, word))
    assert problems == []


def test_safe_rewrites_carry_no_placeholders(swept):
    assert [(r.id, w.text) for r, _, w in swept if w.safe and w.placeholders] == []


def _outside_quotes(text: str) -> str:
    return text


def _rule_words(rule) -> str:
    spec = rule.rewrite
    return json.dumps(spec.__dict__ if spec else {}, default=str) + " I We My"


@pytest.mark.parametrize("text,rewrite", [
    ("He refuses his tablets.", "He chooses not to take his tablets [because …]."),
    ("They were refusing to let carers in.", "They were choosing not to let carers in [because …]."),
    ("Mrs Jones has suffered from arthritis for years.", "Mrs Jones has lived with arthritis for years."),
    ("Mr Okafor is an alcoholic and lives alone.", "Mr Okafor has an alcohol problem and lives alone."),
    ("The elderly on the ward wait weeks for a bed.", "Older people on the ward wait weeks for a bed."),
    ("Service users can join the garden group.", "The people we support can join the garden group."),
    ("The referral was sent on Monday.", "[who] sent the referral on Monday."),
    ("It was decided that Mr Evans should move to residential care.", "[who] decided that Mr Evans should move to residential care."),
    ("He was not told about the change.", "[who] did not tell him about the change."),
    ("The plan will be reviewed in six months.", "[who] will review the plan in six months."),
    ("She was assessed and referred to the memory clinic.", "[who] assessed her and referred her to the memory clinic."),
    ("Support is required with shopping.", "[who] needs support with shopping."),
    # the parser reads "help" as a clause here; the rewrite must not say he refuses to help others
    ("He cannot manage his money and refuses help.", "He cannot manage his money and chooses not to have help [because …]."),
])
def test_grammatical_rewrites(linter, text, rewrite):
    assert rewrite in {f.rewrite.text for f in linter.check_text(text) if f.rewrite}


@pytest.mark.parametrize("outcome,rewrite", [
    ("Ffion wants to see her sister.", "I want to see my sister."),
    ("To reduce social isolation.", "I want to reduce social isolation."),
    ("Mr Rees told me he hopes to drive again.", "I hope to drive again."),
    ("Mr and Mrs Price want to stay together in their bungalow.", "We want to stay together in our bungalow."),
    ("He is able to walk to the shop on his own.", "I am able to walk to the shop on my own."),
    ("To receive a home care service.", "I want to [what a home care service gives me]."),
    ("Mrs Jones will attend the day centre three times a week.", "I want to [what the day centre gives me]."),
    ("Staff will prompt her to take her tablets.", "I want to [what taking my tablets gives me]."),
    ("Mrs Lloyd will be supported to attend chapel.", "I want to attend chapel."),
])
def test_outcome_rewrites_are_in_the_persons_voice(linter, outcome, rewrite):
    found = linter.check_text(f"## Personal outcomes\n\n- {outcome}\n")
    assert rewrite in {f.rewrite.text for f in found if f.rewrite}


def test_one_sentence_one_rewrite(linter):
    """Every finding in a sentence carries the same rewrite, with every change in it."""
    found = linter.check_text("The service user was visited at home and refuses his tablets prior to meals.")
    rewritten = [f for f in found if f.category in REWRITTEN]
    assert len({f.rule for f in rewritten}) >= 4
    assert {f.rewrite.text for f in rewritten} == {
        "[who] visited [name] at home and chooses not to take his tablets before meals [because …]."}


def test_a_rewrite_does_not_trip_its_own_rule_again(linter, swept):
    """Re-checked, a rewrite no longer has the finding it fixed (the few exceptions are listed, not hidden)."""
    again = []
    for rule, example, rewrite in swept:
        text = BRACKETS.sub("it", rewrite.text)
        if any(f.rule == rule.id for f in linter.check_example(rule, text)):
            again.append(rule.id)
    assert len(again) <= len(swept) // 20, again


def test_inflection_keeps_tense_person_and_number():
    assert inflect_phrase("choose not to", "VBZ") == "chooses not to"
    assert inflect_phrase("choose not to", "VBG") == "choosing not to"
    assert inflect_phrase("live with", "VBN") == "lived with"
    assert inflect("Sent", "VB") == "Send"
    assert inflect("is", "VBP1") == "am"
    assert plural_phrase("person with a learning disability") == "people with a learning disability"
    assert plural_phrase("older people") == "older people"


def test_rewrite_methods_named_in_packs_exist():
    assert set(PACK_METHODS) == set(METHODS)


def test_json_carries_the_rewrite_and_redact_hides_it(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("Zebedee refuses his tablets prior to meals.\n", encoding="utf-8")
    data = json.loads(run_cli("check", str(plan), "--format", "json", "--no-cache").stdout)
    rewrites = {json.dumps(f["rewrite"]) for f in data["files"][0]["findings"]}
    assert rewrites == {json.dumps({"text": "Zebedee chooses not to take his tablets before meals [because …].",
                                    "safe": False, "placeholders": ["because …"]})}
    redacted = run_cli("check", str(plan), "--format", "json", "--no-cache", "--redact").stdout.decode()
    assert "Zebedee" not in redacted and "tablets" not in redacted
    assert all(f["rewrite"]["text"].startswith("[") for f in json.loads(redacted)["files"][0]["findings"])


def test_fix_applies_every_safe_rewrite_and_nothing_else(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("Mrs Roberts utilises a walking frame prior to her walk and refuses her tablets.\n"
                     "The EHCP and the ICO were read in order to plan.\n", encoding="utf-8")
    result = run_cli("check", "--fix", str(notes), "--no-cache")
    assert notes.read_text(encoding="utf-8") == (
        "Mrs Roberts uses a walking frame before her walk and refuses her tablets.\n"
        "The education, health and care plan and the interim care order were read to plan.\n"), result.stderr


def test_sarif_fixes_carry_safe_rewrites_only(tmp_path):
    import jsonschema
    from pathlib import Path

    notes = tmp_path / "notes.md"
    notes.write_text("Mrs Roberts utilises a walking frame.\n\nHe refuses his tablets.\n", encoding="utf-8")
    sarif = json.loads(run_cli("check", str(notes), "--format", "sarif", "--no-cache").stdout)
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    fixes = {r["ruleId"]: r.get("fixes") for r in sarif["runs"][0]["results"]}
    replacement = fixes["plain.utilise"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "Mrs Roberts uses a walking frame."
    assert replacement["deletedRegion"] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 38}
    assert fixes["deficit.refuses"] is None


# Floors a little under what benchmarks/rewrites.py measures (benchmarks/README.md), so a change that makes
# rewrites worse fails here. Shares of the labelled sentences in benchmarks/data/rewrites.yaml.
FLOORS = {
    "all": {"rewritten": 0.95, "acceptable": 0.48, "relint_clean": 0.93, "grammatical": 0.93},
    "deficit": {"acceptable": 0.15},
    "label": {"acceptable": 0.40},
    "jargon": {"acceptable": 0.17},
    "plain_language": {"acceptable": 0.75},
    "passive": {"acceptable": 0.50},
    "service_as_outcome": {"acceptable": 0.40},
    "missing_first_person": {"acceptable": 0.70},
    "control": {"acceptable": 0.88},
    "no_rewrite": {"acceptable": 1.0},  # sentences that need no rewrite get none
}


def test_rewrite_benchmark_floors(linter):
    from benchmarks.rewrites import as_json, evaluate, load

    result = as_json(evaluate(linter, load()))
    shares = result["categories"]
    assert shares["all"]["sentences"] >= 150
    below = {(name, measure): round(shares[name][measure], 2) for name, floors in FLOORS.items()
             for measure, floor in floors.items() if shares[name][measure] < floor}
    assert below == {}
    assert result["safe_right"] >= 0.9 * result["safe_marked"], "rewrites marked safe are the ones practitioners call safe"

"""Welsh and bilingual documents (issue 21): Welsh sentences get the Welsh rules and only those, English
sentences in the same file still get the English rules, and every finding says which language it is in."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.quality import CATEGORIES, evaluate, load_corpus
from conftest import EXAMPLES, ROOT, assert_floors, run_cli
from sbp_lint.errors import PackError
from sbp_lint.nlp.language import language_of, language_spans
from sbp_lint.nlp.mutations import expand_phrase, mutated_forms
from sbp_lint.packs.loader import load_pack_file

LANGID = yaml.safe_load((ROOT / "benchmarks" / "data" / "langid_eval.yaml").read_text(encoding="utf-8"))


def by_rule(findings) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in findings:
        found.setdefault(f.rule, []).append(f.text)
    return found


# -- which language a line is in ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind,expected", [("welsh_cy", "cy"), ("welsh_en", "en")])
def test_welsh_and_english_lines_are_told_apart(kind, expected):
    """Including English lines full of Welsh names and places, which statistical detectors call Welsh."""
    wrong = [line for line in LANGID[kind] if (language_of(line) or "en") != expected]
    assert len(wrong) <= len(LANGID[kind]) // 50, wrong


@pytest.mark.parametrize("kind", ["switch", "heading"])
def test_code_switched_lines_and_headings_take_their_matrix_language(kind):
    wrong = [d["text"] for d in LANGID[kind] if (language_of(d["text"]) or "en") != d["lang"]]
    assert len(wrong) <= len(LANGID[kind]) // 20, wrong


def test_a_bilingual_line_is_cut_into_its_two_languages_in_order():
    for line in LANGID["both"]:
        assert [lang for _s, _e, lang in language_spans(line["text"])] == line["parts"], line["text"]
    (welsh, english) = language_spans("Beth sy'n bwysig i mi / What matters to me")
    assert welsh[:2] == (0, 24) and english[2] == "en"


def test_a_line_with_no_evidence_takes_its_neighbours_language():
    assert language_spans("Mae hi'n byw yn Llandeilo. 07700 900123.") == [(0, 40, "cy")]
    assert language_spans("Gwen Davies", default="cy") == [(0, 11, "cy")]


# -- mutations ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word,forms", [
    ("gwrthod", ["gwrthod", "wrthod", "ngwrthod"]),
    ("dioddef", ["dioddef", "ddioddef", "nioddef"]),
    ("bregus", ["bregus", "fregus", "mregus"]),
    ("cwympo", ["cwympo", "gwympo", "nghwympo", "chwympo"]),
    ("pecyn", ["pecyn", "becyn", "mhecyn", "phecyn"]),
    ("llety", ["llety", "lety"]),
    ("rhoi", ["rhoi", "roi"]),
    ("ymddygiad", ["ymddygiad", "hymddygiad"]),
    ("chwarae", ["chwarae"]),  # ch is a letter of its own: no mutation
])
def test_mutation_table(word, forms):
    assert mutated_forms(word) == forms


def test_only_the_first_word_of_a_phrase_mutates_and_both_apostrophes_match():
    assert "phecyn gofal" in expand_phrase("pecyn gofal") and "pecyn ofal" not in expand_phrase("pecyn gofal")
    assert "hi’n heriol" in expand_phrase("hi'n heriol")


def test_welsh_rules_match_mutated_forms_in_running_text(linter):
    text = ("Fe wrthododd Mrs Hughes ei chinio. Dechreuodd ddioddef o arthritis. Mae Mrs Williams yn fregus.\n\n"
            "Mae'n rhaid adolygu ei phecyn gofal.\n")
    found = by_rule(linter.check_text(text))
    assert found["cy_deficit.gwrthod"] == ["wrthododd"]
    assert found["cy_deficit.dioddef"] == ["ddioddef o"]
    assert found["cy_deficit.bregus"] == ["fregus"]
    assert found["cy_jargon.pecyn-gofal"] == ["phecyn gofal"]


# -- each language's rules, and only those ----------------------------------------------------------------------

@pytest.mark.parametrize("text,match", [
    ("Yn aml mae gofalwyr ifanc yn cael eu galw\u2019n ofalwyr sy\u2019n oedolion ifanc.", "cael eu galw"),
    ("Rhaid i\u2019ch cynllun gofal gael ei adolygu\u2019n gyson.", "gael ei adolygu"),
    ("Mae Mr Rees wedi cael ei asesu'n gymwys.", "cael ei asesu"),
])
def test_a_welsh_passive_is_found_when_a_clitic_hangs_on_the_verb(linter, text, match):
    # Real Welsh records attach 'n / 'r to the verb-noun ("galw'n ofalwyr"); the passive is still there.
    assert [f.text for f in linter.check_text(text + "\n") if f.category == "passive"] == [match]


def test_english_rules_never_run_on_welsh_text(linter):
    text = ("# Cynllun\n\n## Canlyniadau personol\n\n- Rydw i eisiau mynd i'r côr bob nos Fawrth.\n"
            "- Hoffwn i siarad Cymraeg gyda fy ngofalwyr.\n\n## Amdana i\n\nMae hi'n mynd i'r day centre ar ddydd Llun.\n")
    findings = linter.check_text(text)
    assert findings == [], [(f.rule, f.text) for f in findings]


def test_english_text_in_a_welsh_file_is_still_checked(linter):
    text = "Mae Mr Davies yn gwrthod ei dabledi. Mr Davies refuses his tablets.\n"
    findings = linter.check_text(text)
    assert [(f.rule, f.text, f.language, f.column) for f in findings] == [
        ("cy_deficit.gwrthod", "gwrthod", "cy", 18), ("deficit.refuses", "refuses", "en", 48)]


def test_only_the_english_sentence_is_rewritten(linter):
    """Welsh sentences are not tagged or parsed, so nothing could put a replacement into the right tense
    and mutation: a Welsh finding has no rewrite (issue 14's rewrites are for English rules)."""
    text = "Mae Mr Davies yn gwrthod ei dabledi. Mr Davies refuses his tablets.\n"
    rewrites = {f.rule: f.rewrite.text if f.rewrite else None for f in linter.check_text(text)}
    assert rewrites == {"cy_deficit.gwrthod": None,
                        "deficit.refuses": "Mr Davies chooses not to take his tablets [because …]."}


@pytest.mark.parametrize("outcome,rewrite", [
    ("Mae Mrs Jones eisiau mynd i'r capel bob dydd Sul.", "Rydw i eisiau mynd i'r capel bob dydd Sul."),
    ("Mae hi'n mynd i'r côr bob nos Fawrth.", "Rydw i'n mynd i'r côr bob nos Fawrth."),
    # "ei chwaer" would stay third person, and "fy" needs its own mutation: no rewrite rather than half of one
    ("Mae Ffion eisiau gweld ei chwaer.", None),
])
def test_a_welsh_outcome_is_put_in_the_persons_voice_only_where_the_welsh_stays_right(linter, outcome, rewrite):
    found = [f for f in linter.check_text(f"## Canlyniadau personol\n\n- {outcome}\n")
             if f.rule == "cy_outcomes.missing-first-person"]
    assert [f.rewrite.text if f.rewrite else None for f in found] == [rewrite]


def test_a_welsh_paragraph_then_its_english_twin(linter):
    text = ("## Penderfyniadau / Decisions\n\nPenderfynwyd cau'r achos ym mis Mai.\n\n"
            "It was decided to close the case in May.\n")
    found = {(f.rule, f.line, f.language) for f in linter.check_text(text)}
    assert ("cy_passive.decision", 3, "cy") in found and ("passive.decision", 5, "en") in found


def test_i_the_preposition_is_not_first_person(linter):
    def flagged(line):
        return "cy_outcomes.missing-first-person" in by_rule(linter.check_text(f"## Canlyniadau personol\n\n- {line}\n"))

    assert flagged("Mae Gwen eisiau mynd i'r dref bob dydd Gwener.")
    assert flagged("Mae Mrs Jones eisiau i mi ei helpu gyda'r siopa.")  # "mi" is the writer here
    assert flagged("Dywedodd Mr Rees wrtha i ei fod yn gobeithio gyrru eto.")
    assert not flagged("Dw i eisiau mynd i'r dref bob dydd Gwener.")
    assert not flagged("Mae angen help arna i i fynd i mewn i'r bath.")


def test_welsh_outcome_headings_and_labels(linter):
    under_heading = by_rule(linter.check_text("## Beth sy'n bwysig i mi\n\nMae hi eisiau mynd adref.\n"))
    assert "cy_outcomes.missing-first-person" in under_heading
    labelled = by_rule(linter.check_text("Canlyniad: Mae hi eisiau mynd adref.\n"))
    assert "cy_outcomes.missing-first-person" in labelled
    reported = by_rule(linter.check_text("Canlyniad: Cytunodd Mrs Jones i roi cynnig ar y clwb cinio.\n"))
    assert "cy_outcomes.missing-first-person" not in reported  # case notes: what happened, not a goal
    bilingual = by_rule(linter.check_text("## Beth sy'n bwysig i mi / What matters to me\n\n"
                                          "Mae hi eisiau mynd adref / She wants to go home\n"))
    assert "cy_outcomes.missing-first-person" in bilingual and "outcomes.missing-first-person" in bilingual


def test_an_english_document_never_loads_the_welsh_tokenizer():
    code = ("from sbp_lint import Linter; from sbp_lint.nlp.welsh import load_welsh_pipeline as w\n"
            "f = Linter().check_text('Mr Davies refuses his tablets. Mrs Jones lives in Llanelli.')\n"
            "print(len(f), w.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.stdout.split() == ["1", "0"], out.stderr


# -- findings carry their language ----------------------------------------------------------------------------

def test_json_findings_and_summary_carry_the_language(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("Mae'n dioddef o iselder. She suffers from depression.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    runs = [json.loads(run_cli("check", str(plan), "--format", "json", "--cache-dir", str(cache)).stdout) for _ in range(2)]
    assert runs[0] == runs[1]  # the second run comes from the cache, languages and all
    findings = runs[0]["files"][0]["findings"]
    assert [(f["rule"], f["language"]) for f in findings] == [("cy_deficit.dioddef", "cy"), ("deficit.suffers-from", "en")]
    assert runs[0]["summary"]["by_language"] == {"cy": 1, "en": 1}


def test_the_library_report_counts_each_language(tmp_path):
    page = tmp_path / "report.html"
    result = run_cli("report", str(EXAMPLES), "--html", str(page), "--no-cache")
    assert result.returncode in (0, 1), result.stderr
    html = page.read_text(encoding="utf-8")
    assert 'id="languages"' in html and "Welsh (Cymraeg)" in html
    english_only = tmp_path / "en"
    english_only.mkdir()
    (english_only / "a.md").write_text("Mr Davies refuses his tablets.\n", encoding="utf-8")
    run_cli("report", str(english_only), "--html", str(page), "--no-cache")
    assert 'id="languages"' not in page.read_text(encoding="utf-8")


# -- Welsh packs: what they may use ------------------------------------------------------------------------------

WELSH_RULE = """pack: ours
language: {language}
rules:
  - id: ours.one
    kind: {kind}
    {spec}
    category: deficit
    severity: warning
    message: "'{{match}}' is ours."
    why: Because.
    suggestions: [x]
    examples: {{flag: ["Mae hi'n gwrthod."], pass: ["Mae hi'n iawn."]}}
"""


@pytest.mark.parametrize("language,kind,spec,problem", [
    ("cy", "phrase", "phrases: [gwrthod]\n    attr: lemma", "no lemmatizer"),
    ("cy", "pattern", "patterns: [[{LOWER: gwrthod}]]", "must be a phrase or a check"),
    ("cy", "phrase", "phrases: [gwrthod]\n    exceptions: {subject_in: [cyngor]}", "exceptions.subject_in"),
    ("fr", "phrase", "phrases: [refuser]", "'language' must be one of: en, cy"),
    ("cy", "phrase", "phrases: [gwrthod]\n    rewrite: {to: dewis peidio}", "only have 'rewrite: {method: first_person}'"),
])
def test_a_welsh_pack_may_use_only_what_a_tokenizer_gives(tmp_path, language, kind, spec, problem):
    path = tmp_path / "ours.yaml"
    path.write_text(WELSH_RULE.format(language=language, kind=kind, spec=spec), encoding="utf-8")
    with pytest.raises(PackError, match=problem):
        load_pack_file(path)


def test_a_welsh_pack_lists_each_word_once_and_gets_its_mutations(tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_text(WELSH_RULE.format(language="cy", kind="phrase", spec="phrases: [gwrthod]"), encoding="utf-8")
    (rule,) = load_pack_file(path).rules
    assert rule.language == "cy" and {"gwrthod", "wrthod", "ngwrthod"} <= set(rule.spec.phrases)


# -- quality on the labelled Welsh set ----------------------------------------------------------------------------

WELSH_PRECISION_FLOOR = 0.90
WELSH_RECALL_FLOOR = 0.85


@pytest.fixture(scope="module")
def welsh_scores(linter):
    return evaluate(linter, load_corpus("welsh"))


@pytest.mark.parametrize("category", CATEGORIES)
def test_welsh_precision_and_recall_floors(welsh_scores, category):
    score = welsh_scores[category]
    least = 10 if category == "plain_language" else 15  # plain_language became a category after the set was written
    assert score.tp + score.fn >= least, f"too few {category} examples to measure"
    assert_floors(score, WELSH_PRECISION_FLOOR, WELSH_RECALL_FLOOR, category)


def test_welsh_corpus_shape():
    entries = load_corpus("welsh")
    count = lambda **kw: sum(1 for e in entries if all(e.get(k) == v for k, v in kw.items()))  # noqa: E731
    assert count(language="cy") >= 200 and count(language="mixed") >= 40
    assert count(context="outcome") >= 70
    for entry in entries:
        assert entry["language"] in ("cy", "en", "mixed") and set(entry.get("labels") or []) <= set(CATEGORIES), entry
        assert entry["language"] != "mixed" or entry.get("matrix") in ("cy", "en", "both"), entry
        if entry.get("context") != "outcome":
            assert not {"service_as_outcome", "missing_first_person"} & set(entry.get("labels") or []), entry


def test_the_welsh_example_plan_has_findings_and_its_rewrite_is_clean(linter):
    original = linter.check_file(str(EXAMPLES / "cynllun-gofal-a-chymorth.md")).findings
    assert len(original) >= 20 and {f.language for f in original} == {"cy", "en"}
    assert linter.check_file(str(EXAMPLES / "cynllun-gofal-a-chymorth.rewrite.md")).findings == []


def test_a_welsh_plan_is_not_told_it_has_no_strengths():
    """Strengths are recognised in English only: a Welsh plan's profile says so instead of 'no strengths found'."""
    text = run_cli("check", "--no-cache", str(EXAMPLES / "cynllun-gofal-a-chymorth.rewrite.md")).stdout.decode()
    assert "strengths not yet recognised in Welsh" in text and "no strengths found" not in text
    english = run_cli("check", "--no-cache", str(EXAMPLES / "assessment.md")).stdout.decode()
    assert "no strengths found" in english
    data = json.loads(run_cli("check", "--no-cache", "--format", "json",
                              str(EXAMPLES / "cynllun-gofal-a-chymorth.rewrite.md")).stdout)
    profile = data["files"][0]["profile"]
    assert 0 < profile["words_welsh"] <= profile["words"]

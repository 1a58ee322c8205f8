"""An organisation's glossary (`allow:`) switches jargon terms off for its own records, via the real CLI."""

import json

from conftest import run_cli
from sbp_lint.policy.glossary import Glossary

NOTE = (
    "Tomos has contact with his dad every other weekend at the contact centre.\n\n"
    "Macsen is on the waiting list for CAMHS.\n\n"
    "The ICPC is on 9 October.\n"
)


def jargon_found(result) -> set[tuple[str, str]]:
    assert result.returncode in (0, 1), result.stderr.decode()
    findings = json.loads(result.stdout)["files"][0]["findings"]
    return {(f["rule"], f["text"]) for f in findings if f["category"] == "jargon"}


def test_allowed_terms_are_not_flagged_and_others_still_are(tmp_path):
    note = tmp_path / "note.md"
    note.write_text(NOTE, encoding="utf-8")
    before = jargon_found(run_cli("check", str(note), "--format", "json"))
    assert {rule for rule, _ in before} >= {"jargon.contact-family", "jargon.contact-arrangements",
                                            "jargon.acronym-camhs", "jargon.acronym-icpc"}

    (tmp_path / ".sbp-lint.yaml").write_text("allow: [contact, CAMHS]\n", encoding="utf-8")
    after = jargon_found(run_cli("check", str(note), "--format", "json"))
    # "contact" covers the longer matches around it ("contact with his dad", "contact centre").
    assert after == {("jargon.acronym-icpc", "ICPC")}


def test_glossary_matches_whole_words_in_any_case_and_hyphenation():
    glossary = Glossary(["contact", "Double handed", "CP"])
    assert glossary.allows("supervised contact")
    assert glossary.allows("Contact with Mum")
    assert glossary.allows("double-handed")
    assert glossary.allows("CP plan")
    assert not glossary.allows("contacts")  # a different word
    assert not glossary.allows("ICPC")
    assert not Glossary([]).allows("contact")

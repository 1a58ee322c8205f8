"""The jargon pack: care senses flagged, ordinary senses and Welsh left alone, acronyms in exact letter case."""

import pytest

from sbp_lint import Linter
from sbp_lint.config import Config
from sbp_lint.errors import PackError
from sbp_lint.packs import load_pack_file


def jargon(linter, text: str) -> list[str]:
    return [f.text for f in linter.check_text(text + "\n") if f.category == "jargon"]


@pytest.mark.parametrize("text", [
    "Please contact me on 01970 623111 if anything changes.",
    "I will contact the GP on Monday about her tablets.",
    "Her contact details are on the front sheet.",
    "We made contact with her brother by phone.",
    "Osian is on a work placement at the garage.",
    "Bethan's student placement on the ward ends in June.",
    "Mr Kowalski agreed to a DNA test to show that he is Maja's father.",
    "The package arrived on Tuesday.",
    "We will engage an advocate for Eirlys.",
    "Mrs Jones goes to the Freedom Programme on Wednesdays.",
    "Age Cymru helped her fill in the form.",
    "Action for Independence runs the walking group.",
    "Rydw i eisiau mynd adref at fy nheulu.",
    "Dw i eisiau gweld fy mam bob wythnos.",
    "The key safe is next to the front door.",
    "She has the mental capacity to decide where she lives.",
    "Mrs Evans had mash and gravy; the coach gave a pep talk.",
    "Ffion has CP and uses a walking frame.",
    "The GP visited and then she went to A&E.",
    "Hywel pays his rent by bank transfer.",
    "The bins are taken out on Tuesday.",
    "He stepped down from the bus on his own.",
    "Mum was present with the children throughout the visit.",
])
def test_ordinary_senses_and_welsh_are_not_jargon(linter, text):
    assert jargon(linter, text) == []


@pytest.mark.parametrize("text,span", [
    ("Tomos has contact with his dad every other weekend.", "contact with his dad"),
    ("Tyler sees his mum at supervised contact once a fortnight.", "supervised contact"),
    ("Contact was suspended after the incident.", "Contact"),
    ("Tegan's foster placement ended after two weeks.", "placement"),
    ("Ellis was placed in a residential home in Bridgend.", "placed in a residential home"),
    ("Tomos, 8, DNA'd his appointment.", "DNA'd"),
    ("The CP plan will stay in place.", "CP plan"),
    ("A joint s47 enquiry was started.", "s47"),
    ("Macsen is on the waiting list for CAMHS.", "CAMHS"),
    ("Mrs Jenkins needs two carers for all transfers.", "transfers"),
    ("Mr Evans presents as settled today.", "presents as"),
])
def test_care_senses_are_flagged(linter, text, span):
    assert span in jargon(linter, text)


def test_acronyms_match_only_in_exact_letter_case(linter):
    assert jargon(linter, "The school sent a referral to the MASH.") == ["MASH"]
    assert jargon(linter, "Mash is her favourite, with gravy.") == []
    assert jargon(linter, "Cait visited her nan on Sunday.") == []


def test_acronym_message_spells_it_out(linter):
    [finding] = [f for f in linter.check_text("The ICPC is on 9 October.\n") if f.category == "jargon"]
    assert "child protection conference" in finding.message


@pytest.mark.parametrize("text,fix", [
    ("Mrs Roberts utilised a walking frame.", "used"),
    ("Utilise the app every evening.", "Use"),
    ("Prior to the visit I rang Mrs Patel.", "Before"),
    ("I rang prior to the visit.", "before"),
    ("We will ensure that she has her tablets.", "make sure that"),
    ("Mrs Bevan needs assistance with bathing.", "help"),
    ("Gethin loves the outdoors, e.g. fishing.", "for example"),
])
def test_safe_fixes_fit_the_matched_form(linter, text, fix):
    fixes = [f.fix for f in linter.check_text(text + "\n") if f.category == "plain_language"]
    assert fixes == [fix]


@pytest.mark.parametrize("text", [
    "Staff will ensure her safety at night.",  # "make sure her safety" would not be English
    "Support is required with shopping.",  # "is needed" or "must"? a person decides
    "She has participated in every review.",
])
def test_no_fix_where_a_swap_would_break_the_sentence(linter, text):
    findings = [f for f in linter.check_text(text + "\n") if f.category == "plain_language"]
    assert findings and all(f.fix is None for f in findings)


ORTH_PACK = """\
pack: council
rules:
  - id: council.pip
    kind: phrase
    attr: {attr}
    phrases: [PIP]
    category: jargon
    severity: warning
    message: "'{{match}}' is an acronym."
    why: Spell it out.
    suggestions: ["Personal Independence Payment"]
    fix: {fix}
    examples:
      flag: ["Her PIP claim was approved.", "PIP was awarded."]
      pass: ["She ate a pip.", "Pip came to visit."]
"""


def test_organisation_pack_can_match_exact_case(tmp_path):
    (tmp_path / "council.yaml").write_text(ORTH_PACK.format(attr="orth", fix="{PIP: Personal Independence Payment}"))
    linter = Linter(Config(packs=[], extra_packs=[tmp_path]))
    found = linter.check_text("Pip says her PIP claim and the pip in her apple are fine.\n")
    assert [(f.text, f.fix) for f in found] == [("PIP", "Personal Independence Payment")]


@pytest.mark.parametrize("attr,fix,problem", [
    ("case", "use", "'attr' must be 'lower', 'lemma' or 'orth'"),
    ("orth", "[use]", "'fix' must be a replacement string or a mapping"),
    ("orth", "{PIP: 3}", "'fix' must be a replacement string or a mapping"),
])
def test_bad_attr_or_fix_names_file_and_line(tmp_path, attr, fix, problem):
    path = tmp_path / "council.yaml"
    path.write_text(ORTH_PACK.format(attr=attr, fix=fix))
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    line = 5 if problem.startswith("'attr'") else 12
    assert str(caught.value).startswith(f"{path}:{line}: ") and problem in str(caught.value)

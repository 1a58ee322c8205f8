"""The severity scheme (README, "Severity"): what `error`, `warning` and `suggestion` mean, held over
every shipped rule, so that `--fail-on error` gates safeguarding wording and nothing else."""

import pytest

from conftest import all_rules, run_cli
from sbp_lint.findings import Severity

# Safeguarding and victim-blaming wording: the only rules that are errors. Kept here by hand, as a
# second record beside the packs, so that a rule cannot become an error (and block every commit
# under --fail-on error) without someone deciding it belongs in this list.
SAFEGUARDING = {
    "deficit.self-risk",  # "putting herself at risk"
    "deficit.exploitation-framing",  # "involved in CSE", "in return for sex", "prostituting herself"
    "deficit.sexually-active",  # "sexually active" about a child, "promiscuous"
    "deficit.older-boyfriend",  # "older boyfriend"
    "deficit.adult-boyfriend",  # "her 19-year-old boyfriend" about a child
    "deficit.consent-framing",  # "consented to sexual activity", "a consensual relationship" (a child)
    "cy_deficit.self-risk",  # "yn rhoi ei hun mewn perygl" (Welsh records)
}

RULES = all_rules()


def _is_acronym(rule) -> bool:
    return rule.id.startswith("jargon.acronym-")


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_follows_the_scheme(rule):
    if rule.id in SAFEGUARDING:
        assert rule.severity == Severity.ERROR and rule.category == "deficit"
    elif rule.category in ("deficit", "label"):
        assert rule.severity == Severity.WARNING
    elif rule.category in ("readability", "plain_language") or _is_acronym(rule):
        assert rule.severity == Severity.SUGGESTION
    else:  # service-speak, passives, outcomes, structure: warnings; formal words: suggestions
        assert rule.severity in (Severity.WARNING, Severity.SUGGESTION)


def test_every_safeguarding_rule_exists():
    assert SAFEGUARDING <= {r.id for r in RULES}


def test_only_safeguarding_rules_are_errors():
    assert {r.id for r in RULES if r.severity == Severity.ERROR} == SAFEGUARDING


@pytest.fixture
def notes(tmp_path):
    def write(text: str):
        path = tmp_path / "notes.md"
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def test_fail_on_error_fails_on_safeguarding_wording(notes):
    path = notes("Kayleigh, 14, continues to put herself at risk by going to the flat on Mill Street.\n")
    assert run_cli("check", "--no-cache", path, "--fail-on", "error").returncode == 1


def test_fail_on_error_passes_jargon(notes):
    path = notes("We will liaise with CAMHS about the package of care prior to the review.\n")
    result = run_cli("check", "--no-cache", path, "--fail-on", "error")
    assert result.returncode == 0 and "jargon" in result.stdout.decode()


def test_words_for_an_audience_never_raise_the_severity():
    """An adult's record may make a child-protection rule milder (a warning); it never makes a rule stricter."""
    for rule in RULES:
        for audience, wording in rule.wording.items():
            assert wording.severity is None or wording.severity <= rule.severity, (rule.id, audience)

"""Issue 17, cold start: the pipeline is loaded with its tokenizer built once (from its own file) instead of
built from the language's defaults and then rebuilt from the file. The tokenizer, the vocabulary and so the
findings are the same; pipelines with another tokenizer, or without a tokenizer file, load as before."""

import pytest

from sbp_lint.nlp import tokenizer_load
from sbp_lint.nlp.packages import pipeline_folder
from sbp_lint.nlp.pipeline import DEFAULT_MODELS
from sbp_lint.nlp.spacy_import import import_spacy

spacy = import_spacy()


def _lexemes(nlp) -> dict:
    return {lex.orth_: (lex.norm_, lex.flags, lex.shape_, lex.prefix_, lex.suffix_, lex.is_stop, lex.like_num)
            for lex in nlp.vocab}


@pytest.fixture(scope="module")
def installed() -> str:
    names = [name for name in DEFAULT_MODELS if pipeline_folder(name) is not None]
    if not names:
        pytest.skip("no English pipeline installed")
    return names[0]


def test_the_installed_pipeline_loads_with_the_same_tokenizer_and_vocabulary(installed):
    assert tokenizer_load.uses_standard_tokenizer(installed)
    ordinary = spacy.load(installed, exclude=["ner", "senter"])
    once = tokenizer_load.load(spacy, installed, exclude=["ner", "senter"])
    assert once.tokenizer.to_bytes() == ordinary.tokenizer.to_bytes()
    assert _lexemes(once) == _lexemes(ordinary)
    assert once.config["nlp"]["tokenizer"] == {"@tokenizers": "spacy.Tokenizer.v1"}  # as saved with to_disk
    text = "Mrs Evans can't walk 5km (she's 84); e-mail her at ann@example.org re: her O.T. visit, i.e. today."
    assert [(t.text, t.tag_, t.lemma_, t.dep_) for t in once(text)] == [(t.text, t.tag_, t.lemma_, t.dep_) for t in ordinary(text)]


def test_a_pipeline_folder_with_its_tokenizer_file_loads_the_same(tmp_path):
    blank = spacy.blank("en")
    blank.tokenizer.add_special_case("O.T.", [{"ORTH": "O.T."}])
    blank.to_disk(tmp_path / "blank")
    assert tokenizer_load.uses_standard_tokenizer(str(tmp_path / "blank"))
    once = tokenizer_load.load(spacy, str(tmp_path / "blank"))
    assert once.tokenizer.to_bytes() == blank.tokenizer.to_bytes()
    assert [t.text for t in once("See the O.T. today.")] == ["See", "the", "O.T.", "today", "."]


def test_without_a_tokenizer_file_spacy_loads_it_and_says_what_is_wrong(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "no-tokenizer", exclude=["tokenizer"])
    assert not tokenizer_load.uses_standard_tokenizer(str(tmp_path / "no-tokenizer"))
    with pytest.raises(OSError, match="tokenizer"):  # spaCy's own error, as without sbp-lint
        tokenizer_load.load(spacy, str(tmp_path / "no-tokenizer"))


def test_another_tokenizer_in_the_config_is_left_to_spacy(tmp_path):
    folder = tmp_path / "custom"
    spacy.blank("en").to_disk(folder)
    config = (folder / "config.cfg").read_text(encoding="utf-8")
    assert '[nlp.tokenizer]\n@tokenizers = "spacy.Tokenizer.v1"' in config
    (folder / "config.cfg").write_text(config.replace("spacy.Tokenizer.v1", "spacy.ja.JapaneseTokenizer"), encoding="utf-8")
    assert not tokenizer_load.uses_standard_tokenizer(str(folder))
    one_line = config.replace('[nlp.tokenizer]\n@tokenizers = "spacy.ja.JapaneseTokenizer"\n', "")
    one_line = one_line.replace("[nlp]\n", '[nlp]\ntokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}\n', 1)
    (folder / "config.cfg").write_text(one_line, encoding="utf-8")  # the form installed pipelines use
    assert tokenizer_load.uses_standard_tokenizer(str(folder))
    (folder / "config.cfg").write_text(one_line.replace("spacy.Tokenizer.v1", "spacy.ja.JapaneseTokenizer"), encoding="utf-8")
    assert not tokenizer_load.uses_standard_tokenizer(str(folder))
    (folder / "config.cfg").write_text("[nlp\nnot a config", encoding="utf-8")
    assert not tokenizer_load.uses_standard_tokenizer(str(folder))


def test_an_empty_tokenizer_after_loading_means_an_ordinary_load(monkeypatch, tmp_path):
    """A pipeline whose tokenizer file is there but read nothing (an exclude, another spaCy): loaded again as spaCy would."""
    spacy.blank("en").to_disk(tmp_path / "blank")
    calls = []
    real_load = spacy.load

    def load(name, **kwargs):
        calls.append(kwargs.get("config"))
        nlp = real_load(name, **kwargs)
        if kwargs.get("config"):
            nlp.tokenizer.from_bytes(spacy.tokenizer.Tokenizer(nlp.vocab).to_bytes())  # as if nothing was read
        return nlp

    monkeypatch.setattr(spacy, "load", load)
    nlp = tokenizer_load.load(spacy, str(tmp_path / "blank"))
    assert len(calls) == 2 and calls[1] is None
    assert [t.text for t in nlp("She can't.")] == ["She", "ca", "n't", "."]

"""lemminflect's lookup tables read as words are looked up (issue 17, cold start): every word's entry is the one
lemminflect's own loader gives, so rewrites are word for word what they were; a lemminflect laid out otherwise
gets its own loading back."""

import gzip
import sys

import lemminflect
from lemminflect import config
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from sbp_lint.rewrite import inflection
from sbp_lint.rewrite.lookup_tables import (
    LazyTable,
    inflection_table,
    install,
    lemma_table,
)


def _same_as_loader(table: LazyTable, loaded: dict) -> None:
    assert table.keys() == set(loaded)
    different = [word for word in loaded if table.get(word) != loaded[word]]
    assert different == []
    assert table.get("notawordatall-xyz") is None and table.get("notawordatall-xyz", {}) == {}
    assert "notawordatall-xyz" not in table


def test_every_lemma_entry_is_lemminflects_own():
    _same_as_loader(lemma_table(config.lemma_lu_fn), LemmaLUCodec.load(config.lemma_lu_fn))


def test_every_inflection_entry_is_lemminflects_own():
    table = inflection_table(config.inflection_lu_fn)
    _same_as_loader(table, InflectionLUCodec.load(config.inflection_lu_fn))
    assert table["be"]["VBD"] == ("was", "were")  # the loader's fixed auxiliaries win over the file


def test_a_word_on_several_lines_is_merged_as_the_loader_merges(tmp_path):
    path = tmp_path / "lemmas.csv.gz"
    lines = "found,verb,find\nbook,noun,book\nfound,noun,found\nbook,verb,book\n"  # not grouped, not sorted
    path.write_bytes(gzip.compress(lines.encode()))
    table = lemma_table(str(path))
    assert table["found"] == LemmaLUCodec.load(str(path))["found"] == {"VERB": ("find",), "NOUN": ("found",)}
    assert table["book"] == {"NOUN": ("book",), "VERB": ("book",)}


def test_the_rewrites_lookups_use_the_tables_and_answer_as_before():
    lookups = inflection._lemminflect()
    lemmatizer = getattr(lookups, "lemmatizer", None) or lemminflect.Lemmatizer()
    assert isinstance(lemmatizer.lemma_dict, LazyTable)
    assert inflection.inflect("refused", "VBZ") == "refuses"
    assert inflection.inflect("Sent", "VBG") == "Sending"
    assert inflection.plural_phrase("person with a learning disability") == "people with a learning disability"
    assert inflection.is_verb("choose") and not inflection.is_verb("chose")
    assert inflection.is_word("utilises") and not inflection.is_word("EHCP")


class _OtherLayout:
    """A lemminflect whose classes keep their tables elsewhere."""


def test_an_unexpected_lemminflect_keeps_its_own_loading():
    lemmatizer, inflections = _OtherLayout(), _OtherLayout()
    assert install(lemmatizer, inflections) is False
    assert not hasattr(lemmatizer, "lemma_dict") and not hasattr(inflections, "infl_dict")


def test_a_table_already_loaded_is_left_alone():
    class Loaded:
        lemma_lu_fn = config.lemma_lu_fn
        infl_lu_fn = config.inflection_lu_fn

        def _getLemmaDict(self):
            return self.lemma_dict

        def _getInflDict(self):
            return self.infl_dict

    lemmatizer, inflections = Loaded(), Loaded()
    lemmatizer.lemma_dict = {"own": {}}
    assert install(lemmatizer, inflections) is False
    assert lemmatizer.lemma_dict == {"own": {}} and "infl_dict" not in vars(inflections)
    del lemmatizer.lemma_dict
    assert install(lemmatizer, inflections) is True and isinstance(inflections.infl_dict, LazyTable)
    assert "lemminflect" in sys.modules

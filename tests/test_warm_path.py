"""Issue 17, the warm path: a run whose every file is in the cache loads no spaCy and compiles no rules,
and reports exactly what the cold run reported (words, sentences, messages, positions, order)."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sbp_lint import fastjson
from sbp_lint.reporters import json_report
from sbp_lint.run.runner import make_runner

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# A long paragraph (cut into blocks before parsing) and a bilingual line (cut where the language changes):
# cached findings in the later pieces name blocks that do not start at the reader's block's start.
LONG = " ".join(f"Visit {n}: Mrs Jones refuses her tablets and is non-compliant with the care plan." for n in range(90))
BILINGUAL = ("Mae Mrs Jones yn gwrthod ei thabledi bob bore. Mrs Jones refuses her tablets and is a service user "
             "who suffers from dementia.")

RUN_AND_REPORT_MODULES = """
import sys
from sbp_lint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(name for name in sys.modules if name == "spacy" or name.startswith(("spacy.", "thinc")))
sys.stderr.write("MODULES:" + ",".join(loaded[:5]) + "\\n")
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("warm-library")
    for name in ("care-and-support-plan.md", "case-notes.md", "assessment.md"):
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "long.md").write_text(f"# Notes\n\n{LONG}\n\n{BILINGUAL}\n", encoding="utf-8")
    return folder


def _check(folder: Path, cache: Path, *extra: str) -> tuple[str, list[str]]:
    """The JSON report of one whole ``sbp-lint check`` process, and the spaCy modules it had imported."""
    out = subprocess.run([sys.executable, "-c", RUN_AND_REPORT_MODULES, "check", str(folder), "--format", "json",
                          "--cache-dir", str(cache), "-j", "1", *extra], capture_output=True, timeout=300)
    (line,) = [x for x in out.stderr.decode().splitlines() if x.startswith("MODULES:")]
    modules = [m for m in line.removeprefix("MODULES:").split(",") if m]
    return out.stdout.decode(), modules


def test_warm_run_imports_no_spacy_and_reports_the_same(library, tmp_path):
    cache = tmp_path / "cache"
    cold, cold_modules = _check(library, cache)
    warm, warm_modules = _check(library, cache)
    assert "spacy" in cold_modules  # the cold run did parse
    assert warm_modules == []  # every file from the cache: neither spaCy nor thinc imported
    assert warm == cold and '"findings": []' not in cold
    report = fastjson.loads(warm)
    rules = {f["rule"] for entry in report["files"] for f in entry["findings"]}
    long = [f for entry in report["files"] if entry["path"].endswith("long.md") for f in entry["findings"]]
    assert "deficit.refuses" in rules and any(f["column"] > 5000 for f in long)  # in a later piece of the cut paragraph


def test_one_changed_file_loads_the_pipeline_and_still_matches(library, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(library, folder)
    cache = tmp_path / "cache"
    _check(folder, cache)
    changed = folder / "case-notes.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nShe is wheelchair bound.\n", encoding="utf-8")
    warm, modules = _check(folder, cache)
    fresh, _ = _check(folder, tmp_path / "other-cache")
    assert "spacy" in modules and warm == fresh


def test_restored_findings_equal_checked_ones_in_cut_blocks(linter, library, tmp_path):
    """In-process: entries keep where each block lies in the reader's blocks, and restore from that alone."""
    runner = make_runner(linter, jobs=1, cache_dir=str(tmp_path / "cache"), progress=False)
    cold = runner.run([str(library / "long.md")])
    warm = runner.run([str(library / "long.md")])
    assert runner.stats.cached == 1
    assert cold[0].sources and any(offset > 0 for _, offset in cold[0].sources.values())  # pieces of cut blocks
    assert [f.to_json() for f in warm[0].findings] == [f.to_json() for f in cold[0].findings]


def test_entry_without_sources_is_still_restored(linter, library, tmp_path):
    """An entry written before ``sources`` existed: the blocks are cut again, with the same words."""
    cache = tmp_path / "cache"
    runner = make_runner(linter, jobs=1, cache_dir=str(cache), progress=False)
    cold = runner.run([str(library / "long.md")])
    (entry,) = cache.rglob("*.json")
    data = fastjson.loads(entry.read_bytes())
    del data["sources"]
    entry.write_text(fastjson.dumps(data), encoding="utf-8")
    warm = runner.run([str(library / "long.md")])
    assert runner.stats.cached == 1
    assert [f.to_json() for f in warm[0].findings] == [f.to_json() for f in cold[0].findings]


def test_json_report_is_the_same_text_with_or_without_orjson(linter, library, monkeypatch):
    pytest.importorskip("orjson")
    results = make_runner(linter, jobs=1, cache_dir=None, progress=False).run([str(library)])
    fast = io.StringIO()
    json_report.report(results, linter.rules, fast)
    monkeypatch.setattr(fastjson, "orjson", None)
    plain = io.StringIO()
    json_report.report(results, linter.rules, plain)
    assert fast.getvalue() == plain.getvalue()


def test_cache_key_names_the_pipeline_without_loading_it():
    from sbp_lint.nlp.pipeline import installed_pipeline_id, load_pipeline, pipeline_id

    assert installed_pipeline_id() == pipeline_id(load_pipeline())  # read from the package's meta.json
    assert installed_pipeline_id("en_no_such_pipeline") is None  # unknown: the linter loads it (and says why not)

"""Library runs: --jobs, the findings cache, the progress bar, and memory bounds on long documents."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from sbp_lint.nlp.batching import MAX_BLOCK_CHARS, MAX_RUN_CHARS, cut_points, split_long_blocks
from sbp_lint.run.cache import Cache, linter_fingerprint
from sbp_lint.config import Config
from sbp_lint.documents import parse_text
from sbp_lint.run.runner import Runner

PLANS = {
    "a.md": "# Plan\n\nMr Davies suffers from arthritis and refuses his tablets.\n\nHe likes football.\n",
    "b.md": "# Notes\n\nHV to SU. Discussed the package of care with the MDT.\n",
    "c.txt": "Mrs Evans is wheelchair-bound. She enjoys her garden and grows tomatoes.\n",
    "d.md": "# Plan\n\nTom walks to the shop every morning and chats with the owner.\n",
}
BAD = b"\x00\x01binary\x00"
MB = 1024 * 1024


def write_library(folder: Path, copies: int = 3) -> Path:
    """A small library: the example records, some short plans and an unreadable file."""
    for n in range(copies):
        sub = folder / f"team-{n}"
        sub.mkdir(parents=True)
        for name, text in PLANS.items():
            (sub / name).write_text(text.replace("Plan", f"Plan {n}"), encoding="utf-8")
    for example in sorted(EXAMPLES.glob("*.md")):
        (folder / example.name).write_bytes(example.read_bytes())
    (folder / "broken.txt").write_bytes(BAD)
    return folder


def files_in(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def check_json(folder: Path, *args: str, cwd: Path, **kw) -> tuple[dict, str]:
    result = run_cli("check", str(folder), "--format", "json", *args, cwd=cwd, **kw)
    assert result.returncode in (1, 2), result.stderr
    return json.loads(result.stdout), result.stderr.decode()


# -- --jobs ------------------------------------------------------------------------

def test_jobs_2_reports_what_jobs_1_reports_in_the_same_order(tmp_path):
    library = write_library(tmp_path / "library")
    one, _ = check_json(library, "--jobs", "1", "--no-cache", cwd=tmp_path)
    two, err = check_json(library, "--jobs", "2", "--no-cache", "-v", cwd=tmp_path)
    assert "checked with 2 jobs" in err
    assert one == two
    paths = [f["path"] for f in one["files"]]
    assert paths == sorted(paths) and len(paths) == files_in(library)
    assert one["summary"]["findings"] > 20
    broken = [f for f in one["files"] if f["path"].endswith("broken.txt")]
    assert broken[0]["error"], "the unreadable file is reported, and the others are still checked"


def test_runner_results_are_plain_and_ordered_with_workers(linter, tmp_path):
    library = write_library(tmp_path / "library", copies=2)
    serial = Runner(linter, jobs=1).run([str(library)])
    parallel = Runner(linter, jobs=2).run([str(library)])
    assert parallel == serial
    assert [r.path for r in parallel] == sorted(r.path for r in parallel)


def test_spawn_platforms_build_their_own_linter_in_each_worker(linter, tmp_path, monkeypatch):
    """Where fork is unavailable (macOS, Windows) workers are spawned and load the pipeline themselves."""
    import functools

    from sbp_lint import Linter
    from sbp_lint.run import runner

    monkeypatch.setattr(runner, "_start_method", lambda factory: "spawn" if factory else None)
    library = write_library(tmp_path / "library", copies=1)
    expected = Runner(linter, jobs=1).run([str(library)])
    spawned = Runner(linter, jobs=2, factory=functools.partial(Linter, Config())).run([str(library)])
    assert spawned == expected
    # Without a way to build a linter there, it falls back to checking in this process.
    assert Runner(linter, jobs=2).run([str(library)]) == expected


def test_a_crash_on_one_file_is_that_files_error_and_the_others_are_checked(linter, tmp_path, monkeypatch):
    library = write_library(tmp_path / "library", copies=1)
    real = linter.check_file

    def crash(path):
        if path.endswith("b.md"):
            raise ValueError("spaCy choked")
        return real(path)

    monkeypatch.setattr(linter, "check_file", crash)
    for jobs in (1, 2):
        results = Runner(linter, jobs=jobs).run([str(library)])
        errors = {Path(r.path).name: r.error for r in results if r.error}
        assert errors["b.md"] == "internal error while checking: ValueError: spaCy choked"
        assert sum(len(r.findings) for r in results) > 20


def test_a_worker_that_dies_costs_only_its_file(linter, tmp_path, monkeypatch):
    from sbp_lint.run.runner import WORKER_STOPPED

    library = write_library(tmp_path / "library", copies=1)
    real = linter.check_file
    monkeypatch.setattr(linter, "check_file", lambda path: os._exit(9) if path.endswith("b.md") else real(path))
    results = Runner(linter, jobs=2).run([str(library)])
    stopped = [Path(r.path).name for r in results if r.error == WORKER_STOPPED]
    assert stopped == ["b.md"]
    assert sum(1 for r in results if r.findings) >= 3  # the others were checked (tests/test_worker_killed.py: exactly)


# -- cache -------------------------------------------------------------------------

def cache_entries(cwd: Path) -> list[Path]:
    return sorted((cwd / ".sbp_lint_cache").rglob("*.json"))


def test_second_run_comes_from_the_cache_and_a_changed_file_is_checked_again(tmp_path):
    library = write_library(tmp_path / "library")
    total = files_in(library)
    readable = total - 1  # the binary file is never cached: its error is looked at again
    first, err = check_json(library, "-v", cwd=tmp_path)
    assert f"{total} files: 0 from the cache, {total} checked" in err
    cache = tmp_path / ".sbp_lint_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert len(cache_entries(tmp_path)) == readable

    second, err = check_json(library, "-v", cwd=tmp_path)
    assert f"{total} files: {readable} from the cache, 1 checked" in err
    assert second == first

    changed = library / "team-1" / "d.md"
    changed.write_text(changed.read_text() + "\nHe is non-compliant with his medication.\n", encoding="utf-8")
    third, err = check_json(library, "-v", cwd=tmp_path)
    assert f"{total} files: {readable - 1} from the cache, 2 checked" in err
    before = {f["path"]: f for f in first["files"]}
    after = {f["path"]: f for f in third["files"]}
    assert len(after[str(changed)]["findings"]) > len(before[str(changed)]["findings"])
    assert {p: f for p, f in after.items() if p != str(changed)} == {p: f for p, f in before.items() if p != str(changed)}


def test_other_settings_do_not_reuse_the_cache(tmp_path):
    library = write_library(tmp_path / "library", copies=1)
    total = files_in(library)
    check_json(library, cwd=tmp_path)
    _, err = check_json(library, "-v", "--select", "deficit", cwd=tmp_path)
    assert f"0 from the cache, {total} checked" in err
    (tmp_path / ".sbp-lint.yaml").write_text("allow: [package of care]\n", encoding="utf-8")
    _, err = check_json(library, "-v", "--config", str(tmp_path / ".sbp-lint.yaml"), cwd=tmp_path)
    assert f"0 from the cache, {total} checked" in err


def test_fingerprint_covers_rule_packs_and_config(linter, tmp_path):
    pack = tmp_path / "packs" / "ours.yaml"
    pack.parent.mkdir()
    rule = ("pack: ours\ndescription: ours\nrules:\n  - id: ours.{word}\n    kind: phrase\n    category: jargon\n"
            "    severity: warning\n    message: m\n    why: w\n    suggestions: [s]\n    phrases: [{word}]\n"
            "    examples:\n      flag: [\"The {word} came.\"]\n      pass: [\"The nurse came.\"]\n")
    pack.write_text(rule.format(word="widget"), encoding="utf-8")
    from sbp_lint import Linter

    config = Config(extra_packs=[pack.parent])
    before = linter_fingerprint(Linter(config))
    pack.write_text(rule.format(word="gadget"), encoding="utf-8")
    assert linter_fingerprint(Linter(config)) != before
    assert linter_fingerprint(Linter(Config(allow=["contact"]))) != linter_fingerprint(linter)


def test_corrupt_cache_entries_are_ignored_and_rewritten(tmp_path):
    library = write_library(tmp_path / "library", copies=1)
    total = files_in(library)
    first, _ = check_json(library, cwd=tmp_path)
    entries = cache_entries(tmp_path)
    for n, entry in enumerate(entries):
        entry.write_bytes([b"", b"{not json", b'{"key": 1}', b'{"key": "x", "findings": [{"rule": 3}]}'][n % 4])
    again, err = check_json(library, "-v", cwd=tmp_path)
    assert again == first
    assert f"0 from the cache, {total} checked" in err
    for entry in cache_entries(tmp_path):
        assert json.loads(entry.read_text())["key"] == entry.stem
    _, err = check_json(library, "-v", cwd=tmp_path)
    assert f"{total - 1} from the cache, 1 checked" in err


def test_cache_holds_hashes_and_findings_only(tmp_path):
    plan = tmp_path / "plan.md"
    unflagged = "Mr Davies walks his dog Bryn along the canal every morning."
    plan.write_text(f"# Plan\n\n{unflagged}\n\nHe suffers from arthritis.\n", encoding="utf-8")
    run_cli("check", str(plan), cwd=tmp_path)
    (entry,) = cache_entries(tmp_path)
    data = json.loads(entry.read_text())
    assert set(data) == {"key", "encoding", "findings", "audience", "kind", "profile", "sources"}
    assert data["findings"] and all(f["rule"] for f in data["findings"])
    assert all(isinstance(n, int) for triple in data["sources"] for n in triple)  # where blocks lie: numbers only
    assert set(data["audience"]) == {"value", "source", "score", "cues"}  # cue names, not the document's words
    assert data["kind"] == "unknown" and all(isinstance(v, int) for v in data["profile"].values())  # a label and counts
    text = entry.read_text()
    assert "canal" not in text and str(plan) not in text


def test_no_cache_neither_reads_nor_writes(tmp_path):
    library = write_library(tmp_path / "library", copies=1)
    check_json(library, "--no-cache", cwd=tmp_path)
    assert not (tmp_path / ".sbp_lint_cache").exists()
    _, err = check_json(library, "-v", "--cache-dir", str(tmp_path / "elsewhere"), cwd=tmp_path)
    assert (tmp_path / "elsewhere" / "CACHEDIR.TAG").is_file()


def test_runner_counts_cache_hits(linter, tmp_path):
    library = write_library(tmp_path / "library", copies=1)
    cache = Cache(tmp_path / "cache", linter_fingerprint(linter))
    runner = Runner(linter, jobs=1, cache=cache)
    first = runner.run([str(library)])
    assert runner.stats.cached == 0
    second = runner.run([str(library)])
    assert second == first
    assert runner.stats.cached == runner.stats.files - 1 and runner.stats.checked == 1


# -- progress --------------------------------------------------------------------

def test_progress_is_silent_when_stderr_is_not_a_terminal(tmp_path):
    library = write_library(tmp_path / "library")
    result = run_cli("check", str(library), "--no-cache", "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 2  # the binary file
    assert result.stderr == b""


def test_progress_bar_is_drawn_when_stderr_is_a_terminal(tmp_path):
    library = write_library(tmp_path / "library")
    master, slave = os.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-m", "sbp_lint.cli", "check", str(library), "--no-cache", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=slave, cwd=tmp_path, env=env, timeout=300)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert "checking" in drawn and f"/{files_in(library)}" in drawn
    assert json.loads(result.stdout)["summary"]["files"] == files_in(library), "stdout stays clean for tools"


# -- long documents --------------------------------------------------------------

def test_long_blocks_are_cut_with_exact_positions():
    sentence = 'She said "I like it here, and I want to stay." Mr Davies suffers from arthritis. '
    line = "  " + sentence * 400
    (block,) = [b for b in parse_text(line, "x.txt", "text").blocks]
    pieces = split_long_blocks([block])
    assert len(pieces) > 1 and all(len(p.text) <= MAX_BLOCK_CHARS for p in pieces)
    assert "".join(p.text for p in pieces) == block.text
    offset = 0
    for piece in pieces:
        for i in range(0, len(piece.text), 97):
            assert piece.position(i) == block.position(offset + i)
        assert piece.position(len(piece.text), end=True) == block.position(offset + len(piece.text), end=True)
        assert not piece.text.startswith(" ") and piece.text.rstrip()[-1] in '."'  # cut between sentences
        offset += len(piece.text)
    for cut in cut_points(block.text, MAX_BLOCK_CHARS):
        assert block.text.count('"', 0, cut) % 2 == 0, "never inside the person's quoted words"


def test_a_pasted_data_blob_is_left_out_and_the_words_around_it_are_checked(linter):
    """A run without spaces (an image pasted as base64, a row of brackets) is not words: it never reaches
    spaCy's tokenizer (which re-reads such a run once per character it strips) and no rule reads it, while
    the words around it are checked as usual, at their own columns, and a directive on the line still holds."""
    import base64

    blob = base64.b64encode(bytes(range(256)) * 60).decode()  # 20,480 characters, capitals and all
    text = "Mr Davies suffers from arthritis. " + blob + " He suffers from asthma.\n"
    (block,) = parse_text(text, "x.txt", "text").blocks
    pieces = split_long_blocks([block])
    assert "".join(p.text for p in pieces) == block.text.replace(blob, "")
    assert max(len(run) for p in pieces for run in p.text.split()) <= MAX_RUN_CHARS
    for piece in pieces:
        offset = block.text.index(piece.text)
        assert [piece.position(i) for i in range(len(piece.text))] == [block.position(offset + i) for i in range(len(piece.text))]
    findings = linter.check_text(text, "x.txt", "text")
    assert [(f.rule, f.column) for f in findings] == [
        ("deficit.suffers-from", text.index("suffers") + 1), ("deficit.suffers-from", text.rindex("suffers") + 1)]
    paragraph = blob + " <!-- sbp-lint disable-next-line deficit.suffers-from -->\nHe suffers from asthma.\n"
    assert [f.rule for f in linter.check_text(paragraph.replace("disable-next-line", "enable"), "x.md", "markdown")] \
        == ["deficit.suffers-from"]
    assert not linter.check_text(paragraph, "x.md", "markdown"), "the directive of the blob's line holds"


def test_a_time_limit_that_expires_inside_a_rewrite_still_stops_the_file(linter, tmp_path, monkeypatch):
    """The alarm lands wherever the check is; a rewrite that cannot be made is dropped quietly, but the
    deadline must not be dropped with it (the file would then run on with no limit)."""
    from sbp_lint import rewrite
    from sbp_lint.run.limits import FileTimeout
    from sbp_lint.run.runner import check_one

    def alarm(*args):
        raise FileTimeout()

    monkeypatch.setattr(rewrite, "swap", alarm)  # a phrase rule's rewrite, inside the rewriter's own try
    path = tmp_path / "plan.md"
    path.write_text("Mrs Jones suffers from arthritis.\n")
    monkeypatch.setattr(linter.config, "timeout", 5)
    assert check_one(linter, str(path)).error == \
        "took longer than 5 s to check; skipped (allow longer with --timeout SECONDS)"


def test_findings_on_a_very_long_line_point_at_the_right_columns(linter):
    filler = "Mr Davies walks to the shop in the morning and talks to the owner about the football. "
    line = "".join(filler * 3 + ("He suffers from arthritis. " if n % 7 == 0 else "") for n in range(250))
    findings = [f for f in linter.check_text(line, "long.txt", "text") if f.rule == "deficit.suffers-from"]
    starts = []
    at = line.find("suffers from")
    while at >= 0:
        starts.append(at + 1)
        at = line.find("suffers from", at + 1)
    assert len(line) > 10 * MAX_BLOCK_CHARS
    assert [(f.line, f.column, f.end_column) for f in findings] == [(1, s, s + len("suffers from")) for s in starts]


PEAK_SCRIPT = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "sbp_lint.cli", *sys.argv[1:]], stdout=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB on Linux: the largest process of the run
"""


def peak_mib(*args: str, cwd: Path) -> float:
    result = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, *args], capture_output=True, cwd=cwd, timeout=600,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    return int(result.stdout) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB only on Linux")
@pytest.mark.parametrize("one_line", [False, True], ids=["paragraphs", "one-line"])
def test_memory_stays_under_500_mb_for_a_50000_word_document(tmp_path, one_line):
    sys.path.insert(0, str(ROOT))
    from benchmarks.library import long_document

    text = long_document(50_000, one_line=one_line)
    assert len(text.split()) >= 50_000
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    assert peak_mib("check", str(path), "--no-cache", "--jobs", "1", cwd=tmp_path) < 500


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB only on Linux")
def test_memory_stays_under_500_mb_for_a_1000_file_library(tmp_path):
    library = tmp_path / "library"
    for n in range(1000):
        folder = library / f"{n // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"plan-{n:04d}.md").write_text(list(PLANS.values())[n % 4], encoding="utf-8")
    assert peak_mib("check", str(library), "--no-cache", "--jobs", "2", cwd=tmp_path) < 500


HEAP_SCRIPT = """
import resource, sys
from sbp_lint import Linter
from sbp_lint.run.runner import Runner
linter = Linter()
files = sys.argv[1:] * 10
Runner(linter, jobs=1).run(files)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
Runner(linter, jobs=1).run(files)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not (hasattr(os, "confstr") and "glibc" in (os.confstr("CS_GNU_LIBC_VERSION") or "")),
                    reason="the allocator settings are glibc's")
def test_a_second_pass_over_a_library_does_not_fault_memory_in_again():
    # glibc used to give the heap's top back after every spaCy batch and fault it in for the next:
    # about 200,000 page faults on this pass (a large part of the rules' overhead), about 20 now.
    plans = [str(p) for p in sorted(EXAMPLES.glob("*.md"))]
    result = subprocess.run([sys.executable, "-c", HEAP_SCRIPT, *plans], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) < 5_000

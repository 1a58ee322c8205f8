"""Speed and memory of sbp-lint on a generated library (a script, not a timed test).

    python -m benchmarks.speed                    # 1,000 documents, 500,000 words
    python -m benchmarks.speed --documents 200 --words 100000   # a quicker look
    python -m benchmarks.speed --profile          # also: where the time over the bare parse goes

Prints, in one run:
  1. words/s of the bare spaCy pipeline (same model, same exclusions, same
     paragraph batching, spaCy's own components) over the texts sbp-lint parses;
  2. sbp-lint with --jobs 1 (the ratio to 1 is the rules' overhead: target <= 15 %);
     1 and 2 take turns over ten slices of the library, after an untimed pass that
     lets the pipeline's vocabulary meet the library's words;
  3. sbp-lint with --jobs 2 (target >= 1.7x --jobs 1), writing the cache;
  4. a warm-cache re-run (target <= 5 % of the cold run);
  5. the cold start of one `sbp-lint check` on a one-page plan (target <= 1.2 s), beside spaCy
     alone importing, loading the same pipeline and parsing the same plan (the floor); sbp-lint as
     installed: the wheel built from this checkout, unpacked and compiled to bytecode;
  6. peak memory of `sbp-lint check` for a 50,000-word document, a 1 MB line and the whole library
     (target < 500 MB each);
  7. (issue 17) each pipeline component's tokens/s alone, on a tenth of the library, and the share of
     sentences that reached the tagger and the parser;
  8. (issue 17) whole-process warm / cold ratio on the library (--repeats pairs; target <= 10 %);
  9. (issue 17) one --large-words file, whole processes in turn: the bare parse of its blocks, sbp-lint
     --jobs 1 and --jobs 2 (target >= 1.6x), and alex and write-good from --node-tools if installed.
  Whole-process runs (5, 8, 9) use sbp-lint as installed, as in 5.
  --only stages|warm|large|cold runs just those (after generating the library).
Timings vary 10-20 % from run to run on a shared machine; CPU seconds are shown
beside wall seconds because other processes inflate wall time but not CPU time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.library import ROOT, long_document, make_library
from sbp_lint.nlp.blas import one_thread_before_numpy

one_thread_before_numpy()  # sbp-lint in this process multiplies matrices as its command line does

ONE_PAGE = ROOT / "examples" / "care-and-support-plan.md"
PEAK = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "sbp_lint.cli", *sys.argv[1:]], stdout=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


class Clock:
    """Wall and CPU time (this process and its waited-for children) of a block, and the CPU others used meanwhile."""

    def __enter__(self) -> "Clock":
        self.busy0 = _busy_seconds()
        self.wall0 = time.perf_counter()
        self.cpu0 = _cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = _cpu() - self.cpu0
        # Cores other processes kept busy during the block: their work slows ours down.
        self.others = max(0.0, (_busy_seconds() - self.busy0 - self.cpu) / self.wall) if self.wall else 0.0


def _busy_seconds() -> float:
    """CPU seconds all processes have used since boot (from /proc/stat; 0 where there is none)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(limit: float, max_wait: float) -> float:
    """Wait (up to ``max_wait`` seconds) until other processes use fewer than ``limit`` cores; returns their use."""
    deadline = time.monotonic() + max_wait
    while True:
        before = _busy_seconds()
        time.sleep(3)
        others = (_busy_seconds() - before) / 3
        if others < limit or time.monotonic() > deadline:
            return others


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def parsed_texts(linter, files: list[Path]) -> list[list[str]]:
    """Per file, exactly the block texts ``Linter.check_document`` sends to spaCy."""
    from sbp_lint.nlp.batching import split_long_blocks
    from sbp_lint.nlp.outcomes import mark_outcomes
    from sbp_lint.documents import read_document

    out = []
    for path in files:
        document = read_document(str(path))
        mark_outcomes(document.blocks, linter.config.outcome_headings)
        out.append([b.text for b in split_long_blocks(document.blocks) if b.text.strip()])
    return out


def bare_pipeline(nlp, texts: list[list[str]]) -> Clock:
    from sbp_lint.nlp.batching import pipe_texts

    with Clock() as clock:
        for file_texts in texts:
            for _ in pipe_texts(nlp, file_texts):
                pass
    return clock


class Tally:
    """Wall, CPU and others' cores summed over several Clocks."""

    def __init__(self) -> None:
        self.wall = self.cpu = self._others = 0.0

    def add(self, clock: Clock) -> None:
        self.wall += clock.wall
        self.cpu += clock.cpu
        self._others += clock.others * clock.wall

    @property
    def others(self) -> float:
        return self._others / self.wall if self.wall else 0.0


def spacy_own_pipeline(linter):
    """The same model as sbp-lint's with spaCy's own components throughout: sbp-lint swaps in table versions
    of the attribute ruler and lemmatizer (``sbp_lint.nlp.attribute_rules``), which the bare parse must not get."""
    import spacy
    from sbp_lint.nlp.pipeline import keep_heap_between_batches

    nlp = spacy.load(_model_name(linter), exclude=["ner", "senter"])
    keep_heap_between_batches()
    return nlp


def alternate(linter, files: list[Path], texts: list[list[str]], slices: int, bare_nlp=None) -> tuple[Tally, Tally, list]:
    """The bare pipeline and sbp-lint --jobs 1 over the same slices of the library, taking turns to go first.

    The machine's speed drifts over minutes; slices put both measurements in the same minutes,
    and taking turns cancels the head start of whichever runs second on a slice.
    """
    from sbp_lint.run.runner import Runner

    bare, ours, results = Tally(), Tally(), []
    step = -(-len(files) // slices)
    for turn, start in enumerate(range(0, len(files), step)):
        part_files, part_texts = files[start:start + step], texts[start:start + step]
        for measure in (("bare", "ours") if turn % 2 == 0 else ("ours", "bare")):
            if measure == "bare":
                bare.add(bare_pipeline(bare_nlp or linter.nlp, part_texts))
            else:
                with Clock() as clock:
                    results += Runner(linter, jobs=1).run([str(f) for f in part_files])
                ours.add(clock)
    return bare, ours, results


def sbp_lint_run(runner, folder: Path) -> tuple[Clock, list]:
    with Clock() as clock:
        results = runner.run([str(folder)])
    return clock, results


def cli_peak_mib(*args: str) -> tuple[float, float]:
    """(peak RSS in MiB of the largest process, wall seconds) of one `sbp-lint` run."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK, *args], capture_output=True, text=True, check=True)
    return int(result.stdout) / 1024, time.perf_counter() - start


SPACY_ALONE = """
import sys, spacy
nlp = spacy.load(sys.argv[1], exclude=["ner", "senter"])
nlp(open(sys.argv[2], encoding="utf-8").read())
"""


def installed_copy(base: Path) -> Path | None:
    """sbp-lint laid out as ``pip install .`` lays it out: the wheel built from this checkout (the shipped YAML
    parsed by its build step) unpacked into ``base/site`` and compiled to bytecode, as pip compiles on install.
    A checkout run with ``PYTHONDONTWRITEBYTECODE`` (this VM sets it) compiles every module at every start
    (0.1 s) and parses the YAML (0.1 s): not what an installed sbp-lint does. None if no wheel can be built."""
    import compileall
    import zipfile

    dist, site = base / "dist", base / "site"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(dist), str(ROOT)], capture_output=True, text=True, check=False)
    wheels = sorted(dist.glob("sbp_lint-*.whl"))
    if built.returncode or not wheels:
        print(f"  (no wheel built, so the cold start is of the checkout: {built.stderr.strip()[-300:]})")
        return None
    with zipfile.ZipFile(wheels[-1]) as archive:
        archive.extractall(site)
    compileall.compile_dir(str(site), quiet=1)
    return site


def cold_start(runs: int, model: str, site: Path | None = None) -> tuple[list[float], list[float]]:
    """Wall seconds of `sbp-lint check` on the one-page plan (from ``site`` when given), and of spaCy alone
    (import, load, parse it), alternately."""
    ours, floor = [], []
    for _ in range(runs):
        ours.append(whole_process([sys.executable, "-m", "sbp_lint.cli", "check", "--no-cache", str(ONE_PAGE)], site))
        floor.append(whole_process([sys.executable, "-c", SPACY_ALONE, model, str(ONE_PAGE)], site))
    return ours, floor


def print_cold_start(runs: int, model: str, site: Path | None) -> None:
    starts, floor = cold_start(runs, model, site)
    print(f"  {'cold start, one-page plan':32} {statistics.median(starts):8.2f} s wall median of {len(starts)} "
          f"(min {min(starts):.2f}, max {max(starts):.2f}; {_where(site)}; target <= 1.2 s)")
    print(f"  {'  spaCy alone, same plan':32} {statistics.median(floor):8.2f} s wall median (import, load the pipeline, "
          f"parse the plan: the floor); sbp-lint adds {statistics.median(starts) - statistics.median(floor):.2f} s")


def profile_overhead(linter, files: list[Path], top: int) -> str:
    """cProfile of --jobs 1 over ``files``: time per sbp-lint function, and in spaCy's own pipeline."""
    from sbp_lint.run.runner import Runner

    profiler = cProfile.Profile()
    profiler.enable()
    Runner(linter, jobs=1).run([str(f) for f in files])
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"sbp_lint|spacy/language.py:\d+\(pipe\)|matcher|textstat|markdown_it", top)
    return out.getvalue()


def rule_breakdown(linter, files: list[Path]) -> None:
    """CPU time of the engine with one kind of rule (or one named check) at a time, over Docs parsed once."""
    from sbp_lint.nlp.batching import pipe_texts
    from sbp_lint.documents import read_document
    from sbp_lint.engine import Engine

    prepared = []
    start = time.process_time()
    for path in files:
        document = read_document(str(path))
        document.blocks = linter._prepare(document)
        prepared.append(document)
    reading = time.process_time() - start
    start = time.process_time()
    parsed = [list(pipe_texts(linter.nlp, [b.text for b in d.blocks if b.text.strip()])) for d in prepared]
    parse = time.process_time() - start
    print(f"  {'parse (= 100 %)':44} {parse:6.2f} CPU s; reading and Markdown {100 * reading / parse:.1f} %")
    groups: dict[str, list] = {"all rules": list(linter.rules), "the engine alone (no rules)": []}
    for rule in linter.rules:
        groups.setdefault(f"check {rule.spec.name}" if rule.kind == "check" else f"{rule.kind} rules", []).append(rule)
    for name, rules in groups.items():
        engine = Engine(linter.nlp, rules)
        best = float("inf")
        for _ in range(2):  # the second run has warm caches (syllables, compiled exceptions)
            start = time.process_time()
            for document, docs in zip(prepared, parsed):
                for _finding in engine.check(document, iter(docs)):
                    pass
            best = min(best, time.process_time() - start)
        print(f"  {name + f' ({len(rules)})':44} {100 * best / parse:5.1f} %", flush=True)


# -- issue 17: stages, the warm path, one large file, other linters ------------------------------------

BARE_PARSE = """
import json, os, sys
os.environ["SBP_LINT_SPACY_COMPONENTS"] = "1"  # spaCy's own attribute ruler and lemmatizer: the bare parse
os.environ["SBP_LINT_BLIS"] = sys.argv[2]  # "1": spaCy's own BLIS, as spaCy runs; "0": numpy's BLAS, as sbp-lint runs
from sbp_lint.nlp.batching import pipe_texts
from sbp_lint.nlp.pipeline import load_pipeline
nlp = load_pipeline()
for _ in pipe_texts(nlp, json.load(open(sys.argv[1], encoding="utf-8"))):
    pass
"""
NODE_TOOLS = ("alex", "write-good")  # found in --node-tools DIR/node_modules/.bin (npm install --prefix DIR alex write-good)


def stage_rates(nlp, texts: list[str], model: str) -> list[tuple[str, float, int]]:
    """(stage, CPU seconds, words) of each pipeline component alone over ``texts``, in the parse's batches;
    ``senter`` (the small sentence recogniser, which sbp-lint does not load) from a pipeline of its own."""
    import spacy
    from sbp_lint.nlp.parallel import batches

    work = batches(texts)
    rows = []
    start = time.process_time()
    docs = [[nlp.make_doc(t) for t in batch] for batch in work]
    rows.append(("tokenizer", time.process_time() - start))
    words = sum(len(d) for batch in docs for d in batch)
    senter = spacy.load(model, exclude=[n for n in nlp.pipe_names] + ["ner"])
    senter.enable_pipe("senter")
    start = time.process_time()
    for batch in work:
        list(senter.pipe(batch, batch_size=len(batch)))
    rows.append(("senter (own pipeline, incl. tokenizer)", time.process_time() - start))
    for name, component in nlp.pipeline:
        start = time.process_time()
        docs = [list(component.pipe(batch, batch_size=len(batch))) for batch in docs]
        rows.append((name, time.process_time() - start))
    return [(name, seconds, words) for name, seconds in rows]


def whole_process(command: list[str], site: Path | None = None) -> float:
    """Wall seconds of one whole process (its output thrown away); with ``site``, sbp-lint is imported from
    that installed copy (``installed_copy``) rather than the checkout."""
    env = {**os.environ, "PYTHONPATH": str(site)} if site else None
    cwd = site or ROOT  # ``-m`` and ``-c`` put the working folder first on the path: the checkout must not shadow ``site``
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env, cwd=cwd)
    return time.perf_counter() - start


def rounds(commands: dict[str, list[str]], repeats: int, site: Path | None = None) -> dict[str, list[float]]:
    """Each command's wall seconds, ``repeats`` times, in turn (A B C, B C A, C A B, ...) so drift falls on all alike."""
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    for turn in range(repeats):
        for name in names[turn % len(names):] + names[: turn % len(names)]:
            times[name].append(whole_process(commands[name], site))
    return times


def ratio_range(top: list[float], bottom: list[float]) -> str:
    ratios = sorted(a / b for a, b in zip(top, bottom))
    return f"{statistics.median(ratios):.2f} (range {ratios[0]:.2f}-{ratios[-1]:.2f})"


def warm_and_cold(folder: Path, base: Path, repeats: int, site: Path | None) -> None:
    """Whole-process cold run (a fresh cache) and warm re-run (every file a hit), paired."""
    cli = [sys.executable, "-m", "sbp_lint.cli", "check", str(folder), "--jobs", "1", "--format", "json"]
    cold, warm = [], []
    for turn in range(repeats):
        cache = base / f"cache-{turn}"
        cold.append(whole_process([*cli, "--cache-dir", str(cache)], site))
        warm.append(whole_process([*cli, "--cache-dir", str(cache)], site))
    ratios = sorted(w / c for w, c in zip(warm, cold))
    print(f"  {'warm / cold, whole process':32} {statistics.median(ratios):8.1%} median of {repeats} pairs "
          f"(range {ratios[0]:.1%}-{ratios[-1]:.1%}; cold {statistics.median(cold):.1f} s, warm "
          f"{statistics.median(warm):.2f} s; target <= 10%)", flush=True)


def one_large_file(linter, base: Path, words: int, repeats: int, node_tools: Path | None, site: Path | None) -> None:
    """One ``words``-word file, whole processes in turn: the bare parse of its blocks, sbp-lint --jobs 1 and 2,
    and alex and write-good when installed; --jobs 2 must report exactly what --jobs 1 reports."""
    import json

    path = base / "large.md"
    path.write_text(long_document(words), encoding="utf-8")
    texts = base / "large-blocks.json"
    texts.write_text(json.dumps(parsed_texts(linter, [path])[0]), encoding="utf-8")
    cli = [sys.executable, "-m", "sbp_lint.cli", "check", "--no-cache", "--format", "json", str(path)]
    outputs = {jobs: subprocess.run([*cli, "--jobs", str(jobs)], capture_output=True).stdout for jobs in (1, 2)}
    assert outputs[1] == outputs[2], "--jobs 2 must report what --jobs 1 reports"
    commands = {"bare spaCy parse": [sys.executable, "-c", BARE_PARSE, str(texts), "1"],
                "bare parse, numpy's BLAS": [sys.executable, "-c", BARE_PARSE, str(texts), "0"],
                "sbp-lint --jobs 1": [*cli, "--jobs", "1"], "sbp-lint --jobs 2": [*cli, "--jobs", "2"]}
    for tool in NODE_TOOLS:
        binary = node_tools / "node_modules" / ".bin" / tool if node_tools else None
        if binary is not None and binary.exists():
            commands[tool] = [str(binary), str(path)]
    times = rounds(commands, repeats, site)
    print(f"one {words:,}-word file ({path.stat().st_size / 1e6:.1f} MB), whole processes, {repeats} rounds in turn, "
          f"sbp-lint {_where(site)}:")
    for name, seconds in times.items():
        print(f"  {name:32} {statistics.median(seconds):8.2f} s wall median {words / statistics.median(seconds):10,.0f} words/s "
              f"(range {min(seconds):.2f}-{max(seconds):.2f} s)")
    bare, one, two = times["bare spaCy parse"], times["sbp-lint --jobs 1"], times["sbp-lint --jobs 2"]
    same_blas = times["bare parse, numpy's BLAS"]
    print(f"  --jobs 2 / --jobs 1 speed-up {ratio_range(one, two)} (target >= 1.6); --jobs 1 / bare parse "
          f"{ratio_range(one, bare)} (target <= 0.5); --jobs 2 / bare parse {ratio_range(two, bare)}; --jobs 1 / bare "
          f"parse with numpy's BLAS {ratio_range(one, same_blas)} (the rules' own cost)")
    for tool in NODE_TOOLS:
        if tool in times:
            print(f"  {tool} / sbp-lint --jobs 2 {ratio_range(times[tool], two)} (above 1: sbp-lint is faster)")
    print(flush=True)


def stages(linter, texts: list[list[str]]) -> None:
    model = _model_name(linter)
    flat = [t for file_texts in texts for t in file_texts]
    rows = stage_rates(linter.nlp, flat, model)
    own = {name: seconds for name, seconds, _ in stage_rates(spacy_own_pipeline(linter), flat, model)}
    total = sum(seconds for name, seconds, _ in rows if not name.startswith("senter"))
    total_own = sum(seconds for name, seconds in own.items() if not name.startswith("senter"))
    print(f"pipeline stages alone (CPU, {rows[0][2]:,} tokens; sbp-lint's pipeline, then the same with spaCy's own "
          "attribute ruler and lemmatizer):")
    for name, seconds, words in rows:
        print(f"  {name:40} {words / seconds:12,.0f} tokens/s  {seconds / total:6.1%} of the pipeline   "
              f"spaCy's own: {words / own[name]:12,.0f} tokens/s  {own[name] / total_own:6.1%}")
    print(f"  whole pipeline                           {rows[0][2] / total:12,.0f} tokens/s  "
          f"{'':26}spaCy's own: {rows[0][2] / total_own:12,.0f} tokens/s ({total_own / total:.2f}x the time)")
    print("  sentences that reached the tagger: 100%; the parser: 100% (every block gets the full pipeline; no cascade:\n"
          "  `python -m benchmarks.cascade` measures the best any exact cascade could do)\n", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500_000)
    parser.add_argument("--cold-starts", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile --jobs 1 on a tenth of the library")
    parser.add_argument("--breakdown", action="store_true", help="the rules' cost by kind and check, on a tenth of the library")
    parser.add_argument("--keep", type=Path, help="generate the library here and keep it")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="MINUTES",
                        help="first wait up to this long for other processes to use under 0.3 cores")
    parser.add_argument("--large-words", type=int, default=100_000, help="words in the one large file")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of the whole-process comparisons")
    parser.add_argument("--node-tools", type=Path, help="a folder where `npm install --prefix DIR alex write-good` ran")
    parser.add_argument("--only", choices=["stages", "warm", "large", "cold"], action="append",
                        help="run only these parts of issue 17's measurements (repeatable), not the rest")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_COLOR", "1")

    from sbp_lint import Linter
    from sbp_lint.run.cache import Cache, linter_fingerprint
    from sbp_lint.nlp.pipeline import pipeline_id
    from sbp_lint.run.runner import Runner

    with tempfile.TemporaryDirectory(prefix="sbp-speed-") as scratch:
        base = args.keep or Path(scratch)
        folder = base / "library"
        files, words = make_library(folder, args.documents, args.words)
        size = sum(f.stat().st_size for f in files)
        linter = Linter()
        print(f"library: {len(files)} documents, {words:,} words, {size / 1e6:.1f} MB; "
              f"pipeline {pipeline_id(linter.nlp)} {linter.nlp.pipe_names}; {len(linter.rules)} rules; "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
        texts = parsed_texts(linter, files)
        if args.wait_idle:
            print(f"other processes use {wait_until_idle(0.3, args.wait_idle * 60):.2f} cores; starting", flush=True)
        if args.only:
            site = installed_copy(base) if {"warm", "large", "cold"} & set(args.only) else None
            if "stages" in args.only:
                stages(linter, texts)
            if "warm" in args.only:
                warm_and_cold(folder, base, args.repeats, site)
            if "large" in args.only:
                one_large_file(linter, base, args.large_words, args.repeats, args.node_tools, site)
            if "cold" in args.only:
                print_cold_start(args.cold_starts, _model_name(linter), site)
            return 0
        # Not timed: the pipeline's vocabulary first meets the library's words here, so neither timed
        # run pays for that alone.
        bare_nlp = spacy_own_pipeline(linter)
        bare_pipeline(bare_nlp, texts)
        bare, one, results_one = alternate(linter, files, texts, slices=10, bare_nlp=bare_nlp)
        line("bare spaCy pipeline", words, bare)
        line("sbp-lint --jobs 1", words, one, f"overhead {one.wall / bare.wall - 1:+.1%} wall, "
             f"{one.cpu / bare.cpu - 1:+.1%} CPU (target <= +15%)")

        cache = Cache(base / "cache", linter_fingerprint(linter))
        two, results_two = sbp_lint_run(Runner(linter, jobs=2, cache=cache), folder)
        by_path = lambda results: sorted(results, key=lambda r: r.path)  # noqa: E731
        assert by_path(results_two) == by_path(results_one), "--jobs 2 must report what --jobs 1 reports"
        line("sbp-lint --jobs 2 (cold cache)", words, two, f"{one.wall / two.wall:.2f}x --jobs 1 (target >= 1.7x)")

        warm_runner = Runner(linter, jobs=2, cache=cache)
        warm, results_warm = sbp_lint_run(warm_runner, folder)
        assert by_path(results_warm) == by_path(results_one) and warm_runner.stats.cached == len(files)
        line("warm cache re-run", words, warm, f"{warm.wall / two.wall:.1%} of the cold run (target <= 5%)")
        with Clock() as cli_warm:
            run = subprocess.run([sys.executable, "-m", "sbp_lint.cli", "check", str(folder), "--cache-dir", str(base / "cache"),
                                  "--format", "json", "-v"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # If sbp-lint's code or rules change while this runs (a working tree), the cache rightly misses.
        print(f"  {'warm re-run, whole command':32} {cli_warm.wall:8.2f} s wall "
              f"({cli_warm.wall / two.wall:.1%} of the cold in-process run; includes interpreter and pipeline start; "
              f"{run.stderr.strip().removeprefix('sbp-lint: ')})")

        site = installed_copy(base)
        print_cold_start(args.cold_starts, _model_name(linter), site)

        long_path = base / "long.md"
        long_path.write_text(long_document(50_000), encoding="utf-8")
        mib, secs = cli_peak_mib("check", "--no-cache", "--jobs", "1", str(long_path))
        print(f"  {'peak memory, 50,000-word doc':32} {mib:8.0f} MiB ({secs:.1f} s; target < 500 MB)")
        line_path = base / "one-line.txt"
        text = long_document(200_000, one_line=True)
        line_path.write_text(text[: 1024 * 1024], encoding="utf-8")
        mib, secs = cli_peak_mib("check", "--no-cache", "--jobs", "1", str(line_path))
        print(f"  {'peak memory, one 1 MB line':32} {mib:8.0f} MiB ({secs:.1f} s)")
        mib, secs = cli_peak_mib("check", "--no-cache", "--jobs", "2", str(folder))
        print(f"  {'peak memory, library --jobs 2':32} {mib:8.0f} MiB per process ({secs:.1f} s end to end, "
              f"{words / secs:,.0f} words/s; target < 500 MB)")

        stages(linter, texts[: max(1, len(texts) // 10)])
        warm_and_cold(folder, base, args.repeats, site)
        one_large_file(linter, base, args.large_words, args.repeats, args.node_tools, site)

        if args.breakdown:
            print("\nrules' CPU time as a share of the parse, on a tenth of the library:")
            rule_breakdown(linter, files[: max(1, len(files) // 10)])
        if args.profile:
            print()
            print(profile_overhead(linter, files[: max(1, len(files) // 10)], 40))
    return 0


def _where(site: Path | None) -> str:
    return "installed from the wheel" if site else "from the checkout"


def _model_name(linter) -> str:
    return linter.nlp.meta.get("lang", "en") + "_" + linter.nlp.meta["name"]


def line(name: str, words: int, clock: Clock, note: str = "") -> None:
    print(f"  {name:32} {clock.wall:8.2f} s wall {clock.cpu:8.2f} s CPU {words / clock.wall:10,.0f} words/s  {note}"
          f"  [others used {clock.others:.2f} cores]", flush=True)


if __name__ == "__main__":  # spawn-safe: nothing runs on import
    sys.exit(main())

"""Fuzz the Word reader: mutated real .docx files must give blocks or one clean ``DocumentError``.

    python fuzz/fuzz_docx.py --seconds 300            # seeded structure-aware mutation (the default engine)
    python fuzz/fuzz_docx.py --inputs 5000 --seed 7   # a fixed number of inputs, reproducible
    python fuzz/fuzz_docx.py --full --seconds 300     # also run the whole Linter().check_file on each input
    python fuzz/fuzz_docx.py --engine atheris --seconds 300   # coverage-guided (pip install atheris)
    python fuzz/fuzz_docx.py --replay 1234 --seed 7   # rewrite input 1234 of a run and show its mutations

A crash is anything but a clean result: an exception other than
``DocumentError``, a ``DocumentError`` whose message is not one short line, a
process that dies (a segfault in a C library), an input that takes longer than
``--timeout`` seconds, or one that pushes the process's peak memory over
``--memory-mb``. Inputs run in a child process, so a hang or a crash in C is
caught and the run goes on with a fresh child. Crashing inputs are written to
``--out`` (``fuzz/crashes/`` by default) with a ``.txt`` beside each: the
mutations, the traceback and how to replay it. See fuzz/README.md.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import multiprocessing
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from mutators import Package, mutate_package  # noqa: E402

MAX_MESSAGE = 400  # characters: a per-file error is one line a person reads, not a dump


# -- the child: reads inputs, reports outcomes -------------------------------------------------

def _vm_size_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1])
    return 0


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _signature(exc: BaseException) -> str:
    """Where an exception came from: its type and the innermost frame in sbp_lint (else the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "sbp_lint" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__} at {where}"


def _message_problem(reason: str) -> str | None:
    if "\n" in reason or "\r" in reason:
        return "DocumentError message is more than one line"
    if len(reason) > MAX_MESSAGE:
        return f"DocumentError message is {len(reason)} characters long"
    if not reason.strip():
        return "DocumentError message is empty"
    return None


def child_main(conn, full: bool, memory_mb: int, lint_timeout: float) -> None:
    """Run each input path the parent sends through the reader (and the linter with ``full``)."""
    import resource

    from sbp_lint.documents import read_document
    from sbp_lint.errors import DocumentError

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: here it would look like a crash
    linter = None
    if full:
        from sbp_lint import Linter
        from sbp_lint.run.limits import FileTimeout, time_limit

        linter = Linter()
    if memory_mb:  # a hard stop below the machine's memory; the parent also watches the peak
        limit = (_vm_size_kb() * 1024) + memory_mb * 1024 * 1024 * 2
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send(("ready", _peak_mb()))
    while True:
        try:
            message = conn.recv()
        except EOFError:  # the parent is gone
            return
        if message is None:
            return
        path, check_whole = message
        start = time.perf_counter()
        kind, detail = "read", ""
        try:
            document = read_document(path, fmt="docx")
            detail = f"{len(document.blocks)} blocks"
            bad = [b for b in document.blocks if not b.text or b.line < 1]
            document = None  # check_file reads the file again: two copies of the largest documents pass 1 GB
            if bad:
                kind, detail = "crash", f"invalid block (empty text or line < 1) at {bad[0].location}"
            elif check_whole and linter is not None:
                # With the command line's per-file time limit: the largest documents the size limits allow take
                # minutes to lint. (Not the runner's check_one: it turns exceptions into "internal error" lines.)
                try:
                    with time_limit(lint_timeout):
                        result = linter.check_file(path)
                except FileTimeout:
                    kind, detail = "error", f"took longer than {lint_timeout:g} s to check (timeout)"
                else:
                    problem = _message_problem(result.error) if result.error else None
                    kind, detail = ("crash", problem) if problem else ("read", f"{len(result.findings)} findings")
        except DocumentError as exc:
            problem = _message_problem(exc.reason)
            kind, detail = ("crash", f"{problem}: {exc.reason[:200]!r}") if problem else ("error", exc.reason)
        except BaseException as exc:  # noqa: BLE001 - every other exception is what we are looking for
            kind, detail = "crash", _signature(exc) + "\n" + "".join(traceback.format_exception(exc))[-4000:]
        conn.send((kind, detail, time.perf_counter() - start, _peak_mb()))


class Child:
    """A worker process that can be killed and replaced when it hangs or dies."""

    def __init__(self, full: bool, memory_mb: int, timeout: float):
        self.full, self.memory_mb, self.timeout = full, memory_mb, timeout
        self.start()

    def start(self) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=child_main, args=(theirs, self.full, self.memory_mb, self.timeout / 2),
                                       daemon=True)
        self.process.start()
        _, self.baseline_mb = self.conn.recv()

    def run(self, path: str, whole: bool, timeout: float):
        self.conn.send((path, whole))
        if not self.conn.poll(timeout):
            self.restart()
            return "crash", f"hang: no answer within {timeout:g} s", timeout, 0.0
        try:
            return self.conn.recv()
        except EOFError:
            code = self.process.exitcode
            self.restart()
            return "crash", f"the process died (exit code {code})", 0.0, 0.0

    def restart(self) -> None:
        self.process.kill()
        self.process.join()
        self.start()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()


# -- the parent: makes inputs, records outcomes --------------------------------------------------

@dataclass
class Tally:
    inputs: int = 0
    outcomes: collections.Counter = field(default_factory=collections.Counter)
    reasons: collections.Counter = field(default_factory=collections.Counter)
    crashes: dict[str, list[int]] = field(default_factory=dict)  # signature -> input indexes
    slowest: tuple[float, int] = (0.0, -1)
    slow: list[int] = field(default_factory=list)  # over --timeout once, then done within 4 times it
    peak_mb: float = 0.0


def input_for(seeds: dict[str, Package], seed: int, index: int) -> tuple[bytes, str, list[str]]:
    """Input ``index`` of the run with ``seed``: always the same bytes."""
    rng = random.Random(f"{seed}:{index}")
    name = rng.choice(sorted(seeds))
    data, ops = mutate_package(rng, seeds[name])
    return data, name, ops


def _reason_kind(reason: str) -> str:
    """A message with its variable parts removed, to count kinds of clean errors."""
    reason = re.sub(r"\d+", "N", reason)
    reason = re.sub(r"(\(not a readable zip|\([^:()]* is not valid XML|\([^:()]*:)[^)]*\)?.*", r"\1 ...)", reason)
    return re.sub(r"\((over|a zip|it has|an old).*", "(...)", reason)[:100]


def save_crash(out: Path, data: bytes, index: int, seed: int, seed_name: str, ops: list[str], detail: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    path = out / f"crash-{seed}-{index}-{digest}.docx"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(
        f"input {index} of seed {seed} (from the '{seed_name}' seed document)\n"
        f"replay: python fuzz/fuzz_docx.py --seed {seed} --replay {index}\n"
        f"mutations: {ops}\n\n{detail}\n")
    return path


_LAST_TALLY = Tally()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run_random(args) -> Tally:
    from seeds import build_seeds

    work = Path(tempfile.mkdtemp(prefix="fuzz-docx-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    seeds = build_seeds(work / "seeds")
    child = Child(args.full, args.memory_mb, args.timeout)
    global _LAST_TALLY
    tally = _LAST_TALLY = Tally()
    deadline = time.monotonic() + args.seconds if args.seconds else None
    target = work / "input.docx"
    index = args.start
    last_report = time.monotonic()
    try:
        while (args.inputs is None or tally.inputs < args.inputs) and (deadline is None or time.monotonic() < deadline):
            data, seed_name, ops = input_for(seeds, args.seed, index)
            target.write_bytes(data)
            whole = args.full and index % args.full_every == 0
            kind, detail, elapsed, peak = child.run(str(target), whole, args.timeout)
            if detail.startswith("hang:"):  # on a busy machine the largest inputs can pass the bound: try once more
                kind, detail, elapsed, peak = child.run(str(target), whole, args.timeout * 4)
                if not detail.startswith("hang:"):
                    tally.slow.append(index)
                    print(f"slow input {index}: {elapsed:.0f} s on a second try (over {args.timeout:g} s at first)")
            tally.inputs += 1
            tally.outcomes[kind] += 1
            tally.peak_mb = max(tally.peak_mb, peak)
            if elapsed > tally.slowest[0]:
                tally.slowest = (elapsed, index)
            if kind != "crash" and peak > args.memory_mb:  # ru_maxrss only grows: this input set the peak
                kind, detail = "crash", f"memory: peak {peak:.0f} MB (over {args.memory_mb} MB)"
                child.restart()
            if kind == "error":
                tally.reasons[_reason_kind(detail)] += 1
            elif kind == "crash":
                signature = detail.splitlines()[0]
                tally.crashes.setdefault(signature, []).append(index)
                if len(tally.crashes[signature]) <= 3:
                    saved = save_crash(args.out, data, index, args.seed, seed_name, ops, detail)
                    print(f"CRASH input {index}: {signature}  -> {saved}", flush=True)
            if time.monotonic() - last_report > 30:
                last_report = time.monotonic()
                print(f"  {tally.inputs} inputs, {dict(tally.outcomes)}, {len(tally.crashes)} distinct crashes", flush=True)
            index += 1
    finally:
        child.stop()
    return tally


def replay(args) -> None:
    from seeds import build_seeds

    seeds = build_seeds(Path(tempfile.mkdtemp(prefix="fuzz-docx-")) / "seeds")
    data, seed_name, ops = input_for(seeds, args.seed, args.replay)
    path = args.out / f"replay-{args.seed}-{args.replay}.docx"
    args.out.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path} ({len(data)} bytes) from the '{seed_name}' seed: {ops}")
    child = Child(args.full, args.memory_mb, args.timeout)
    try:
        print(child.run(str(path), args.full, args.timeout))
    finally:
        child.stop()


# -- atheris (coverage-guided; optional) -----------------------------------------------------------

def run_atheris(args) -> None:
    """libFuzzer drives; our mutators are its custom mutator, so inputs stay mostly-valid .docx files."""
    import atheris

    from seeds import build_seeds

    with atheris.instrument_imports(include=["sbp_lint", "zipfile"]):
        import zipfile  # noqa: F401

        from sbp_lint.documents import read_document
        from sbp_lint.documents import docx as _docx  # noqa: F401
        from sbp_lint.documents import safezip as _safezip  # noqa: F401
        from sbp_lint.errors import DocumentError

    work = Path(tempfile.mkdtemp(prefix="fuzz-docx-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    corpus = args.corpus or work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, package in build_seeds(work / "seeds").items():
        (corpus / f"seed-{name}.docx").write_bytes(package.to_bytes())
    target = work / "input.docx"

    def test_one(data: bytes) -> None:
        target.write_bytes(data)
        try:
            read_document(str(target), fmt="docx")
        except DocumentError as exc:
            problem = _message_problem(exc.reason)
            if problem:
                raise AssertionError(f"{problem}: {exc.reason[:200]!r}") from None

    def mutate(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.2:
            return atheris.Mutate(data, max_size)
        try:
            package = Package.from_bytes(data)
        except Exception:  # noqa: BLE001 - an input libFuzzer broke: mutate its bytes instead
            return atheris.Mutate(data, max_size)
        return mutate_package(rng, package)[0][:max_size]

    args.out.mkdir(parents=True, exist_ok=True)
    flags = [sys.argv[0], str(corpus), f"-rss_limit_mb={args.memory_mb}", f"-timeout={int(args.timeout)}",
             f"-artifact_prefix={args.out}/", f"-seed={args.seed or 1}", "-max_len=67108864", "-print_final_stats=1"]
    if args.seconds:
        flags.append(f"-max_total_time={int(args.seconds)}")
    if args.inputs:
        flags.append(f"-runs={args.inputs}")
    atheris.Setup(flags, test_one, custom_mutator=mutate)
    atheris.Fuzz()


# -- command line ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, help="time budget (default 300 s unless --inputs is given)")
    parser.add_argument("--inputs", type=int, help="number of inputs to try")
    parser.add_argument("--seed", type=int, default=1, help="master seed: input N of a seed is always the same bytes")
    parser.add_argument("--start", type=int, default=0, help="index of the first input (to continue a run)")
    parser.add_argument("--engine", choices=["random", "atheris"], default="random")
    parser.add_argument("--full", action="store_true", help="also run Linter().check_file (loads spaCy; slower)")
    parser.add_argument("--full-every", type=int, default=1, help="with --full: the linter on every Nth input")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds one input may take (a hang); the largest inputs allowed take about 10 s")
    parser.add_argument("--memory-mb", type=int, default=1024, help="peak resident memory one input may reach")
    parser.add_argument("--out", type=Path, default=HERE / "crashes", help="where crashing inputs are written")
    parser.add_argument("--corpus", type=Path, help="atheris: corpus folder (default: a temporary one)")
    parser.add_argument("--replay", type=int, help="rewrite one input of --seed, run it once and print the outcome")
    args = parser.parse_args(argv)
    if args.seconds is None and args.inputs is None:
        args.seconds = 300
    if args.replay is not None:
        replay(args)
        return 0
    if args.engine == "atheris":
        run_atheris(args)
        return 0
    started = time.monotonic()
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the run like Ctrl-C: the summary is still printed
    try:
        tally = run_random(args)
    except KeyboardInterrupt:
        tally = _LAST_TALLY
    took = time.monotonic() - started
    print(f"\n{tally.inputs} inputs in {took:.0f} s ({tally.inputs / max(took, 1e-9):.0f}/s), seed {args.seed}, "
          f"start {args.start}{', with the whole linter' if args.full else ''}")
    print(f"outcomes: {dict(tally.outcomes)}; slowest input {tally.slowest[1]} took {tally.slowest[0]:.2f} s; "
          f"peak memory {tally.peak_mb:.0f} MB")
    if tally.slow:
        print(f"slow (over --timeout, then finished on a second try): inputs {tally.slow[:10]}")
    print("clean errors by kind:")
    for reason, count in tally.reasons.most_common(25):
        print(f"  {count:6d}  {reason}")
    print(f"distinct crashes: {len(tally.crashes)}")
    for signature, indexes in tally.crashes.items():
        print(f"  {len(indexes):5d} x {signature}  (inputs {indexes[:5]})")
    return 1 if tally.crashes else 0


if __name__ == "__main__":
    sys.exit(main())

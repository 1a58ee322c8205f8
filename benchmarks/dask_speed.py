"""Throughput of `check --scheduler` on a local Dask cluster, beside --jobs 1 and --jobs 2 (a script, not a timed test).

    python -m benchmarks.dask_speed                        # 300 documents, 150,000 words
    python -m benchmarks.dask_speed --documents 100 --words 50000 --workers 1 2

For each number of workers, a LocalCluster of worker *processes* (one thread
each) on 127.0.0.1 checks the whole generated library (no cache):

  cold  the first run on a new cluster: each worker process loads the pipeline on its first file;
  warm  the same library again: the pipelines are loaded (a long-lived cluster, or the second run of the day).

Every run's findings are compared with --jobs 1's (all fields, in file order).
On a machine with fewer cores than workers, the extra workers only share the
same cores: the numbers show the coordination cost, not a speed-up. Each line
says how many cores other processes used meanwhile (from /proc/stat).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import logging
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.library import make_library
from benchmarks.speed import Clock, wait_until_idle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--words", type=int, default=150_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--wait-idle", type=float, default=0, metavar="MINUTES",
                        help="first wait up to this long for other processes to use under 0.3 cores")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_COLOR", "1")
    logging.getLogger("distributed").setLevel(logging.ERROR)

    import dask
    import distributed
    from distributed import Client, LocalCluster

    from sbp_lint import Linter
    from sbp_lint.nlp.pipeline import pipeline_id
    from sbp_lint.run.cluster import DaskRunner
    from sbp_lint.run.runner import Runner

    with tempfile.TemporaryDirectory(prefix="sbp-dask-speed-") as scratch:
        folder = Path(scratch) / "library"
        files, words = make_library(folder, args.documents, args.words)
        linter = Linter()
        print(f"library: {len(files)} documents, {words:,} words; pipeline {pipeline_id(linter.nlp)}; "
              f"{len(os.sched_getaffinity(0))} cores; dask {dask.__version__}, distributed {distributed.__version__}; "
              f"load average {os.getloadavg()[0]:.2f}")
        if args.wait_idle:
            print(f"other processes use {wait_until_idle(0.3, args.wait_idle * 60):.2f} cores; starting", flush=True)
        Runner(linter, jobs=1).run([str(p) for p in files[:20]])  # untimed: the vocabulary meets the library's words

        def timed(name: str, runner, client=None) -> list:
            pids = list(client.run(os.getpid).values()) if client is not None else []
            before = workers_cpu(pids)
            with Clock() as clock:
                results = runner.run([str(folder)])
            line(name, len(files), words, clock, workers_cpu(pids) - before)
            return results

        expected = as_fields(timed("--jobs 1", Runner(linter, jobs=1)))
        assert as_fields(timed("--jobs 2", Runner(linter, jobs=2))) == expected, "--jobs 2 differs from --jobs 1"
        factory = functools.partial(Linter, linter.config)
        for n in args.workers:
            with Clock() as start:
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
            with cluster, Client(cluster, set_as_default=False) as client:
                print(f"  {n} worker{'s' if n > 1 else ''}: cluster started in {start.wall:.1f} s")
                for run in ("cold", "warm"):
                    results = timed(f"  {run}", DaskRunner(linter, client=client, factory=factory), client)
                    assert as_fields(results) == expected, f"{n} Dask workers ({run}) differ from --jobs 1"
                print(f"    memory per worker process: {worker_rss(client)}")
    return 0


def as_fields(results) -> list[dict]:
    return [dataclasses.asdict(r) for r in results]


def workers_cpu(pids: list[int]) -> float:
    """CPU seconds the Dask worker processes have used (they are not this process's waited-for children)."""
    import psutil  # a dependency of distributed

    return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)


def worker_rss(client) -> str:
    """Resident memory of each worker process now, and the largest it has been (MiB)."""
    import resource

    def rss() -> tuple[float, float]:
        import psutil

        return psutil.Process().memory_info().rss / 2**20, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    sizes = client.run(rss).values()
    return ", ".join(f"{now:.0f} MiB (peak {peak:.0f})" for now, peak in sizes)


def line(name: str, files: int, words: int, clock: Clock, workers: float = 0.0) -> None:
    others = max(0.0, clock.others - workers / clock.wall)  # the cluster's workers are ours, not others'
    cpu = f"CPU {clock.cpu:6.2f} s here" + (f" + {workers:6.2f} s in workers" if workers else "")
    print(f"  {name:12} {clock.wall:7.2f} s wall {files / clock.wall:7.1f} files/s {words / clock.wall:9,.0f} words/s"
          f"  ({cpu})  [others used {others:.2f} cores]", flush=True)


if __name__ == "__main__":  # spawn-safe: nothing runs on import
    sys.exit(main())

"""Checking many files: the cache, worker processes and a progress bar around ``Linter.check_file``.

Workers are forked after the pipeline and rules are loaded, so each starts in
milliseconds and shares the loaded model with the parent (copy-on-write). They
return ``FileResult`` objects (plain dataclasses), never spaCy objects: shipping
every Doc to the parent would cost more than checking it where it was parsed.
With fewer files than jobs (one large file) that is the only way to use the cores:
the files are checked here one by one and each one's blocks are parsed in the
worker processes (``nlp.parallel``, Docs sent back compactly). Results come back in
the order of the files, whatever the number of jobs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .cache import DEFAULT_CACHE_DIR, Cache, linter_fingerprint
from .files import expand_paths
from ..documents import read_file_bytes
from ..errors import DocumentError, SbpError, one_line
from ..findings import FileResult
from ..nlp import parallel
from ..policy.suppress import META_RULES
from .limits import FileTimeout, time_limit

PROGRESS_MIN_FILES = 10  # a bar for a handful of files is only flicker

_worker_linter = None  # the Linter a worker process uses (inherited through fork, or built by the factory)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class RunStats:
    files: int = 0
    cached: int = 0  # answered from the cache
    checked: int = 0  # parsed and checked in this run
    jobs: int = 1  # processes that did the checking
    empty_folders: list[str] = field(default_factory=list)  # folders given in which no file matched

    def describe(self) -> str:
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        if not self.checked:
            return f"{files}: {self.cached} from the cache, 0 checked"
        return f"{files}: {self.cached} from the cache, {self.checked} checked with {self.jobs} job{'s' if self.jobs != 1 else ''}"


class Runner:
    """Runs a loaded ``Linter`` over paths: cached files first, the rest in ``jobs`` processes."""

    def __init__(self, linter, jobs: int | None = None, cache: Cache | None = None, progress: bool = True,
                 factory: Callable[[], object] | None = None):
        self.linter = linter
        self.jobs = max(1, jobs if jobs is not None else default_jobs())
        self.cache = cache
        self.progress = progress
        self.factory = factory  # builds an equal Linter in a worker where fork is unavailable
        self.stats = RunStats()

    def files(self, paths: Iterable[str], empty: list[str] | None = None) -> list[str]:
        """The files ``paths`` name, after the configuration's include and exclude globs (folders with none: ``empty``)."""
        config = self.linter.config
        return list(expand_paths(list(paths), config.include, config.exclude, config.force_exclude, empty))

    def run(self, paths: Iterable[str]) -> list[FileResult]:
        """One result per file found under ``paths``, in a stable order."""
        empty: list[str] = []
        files = self.files(paths, empty)
        self.stats = RunStats(files=len(files), empty_folders=empty)
        results: list[FileResult | None] = [None] * len(files)
        keys: dict[int, str] = {}
        for index, path in enumerate(files):
            data = self._cacheable_bytes(path)
            if data is None:
                continue
            keys[index] = key = self.cache.key(path, data)
            cached = self.cache.get(path, key)
            # The cache keeps no document text: the words come back from the file's bytes, read once.
            results[index] = self.linter.restore(cached, data) if cached is not None else None
        todo = [i for i, r in enumerate(results) if r is None]
        self.stats.cached = len(files) - len(todo)
        self.stats.checked = len(todo)
        if todo:  # only now the pipeline and the compiled rules: a run answered from the cache needs neither
            if self._inside_files(len(todo)):
                self.linter.nlp  # noqa: B018 - the rules compile while the workers parse the first batches
            else:
                self.linter.prepare()  # before per-file workers fork, so they share the compiled rules
            if self.cache is not None and not self.linter.pipeline_as_predicted:
                self.cache.writable = False  # the keys named another pipeline than the one that loaded
        with Progress(self.progress and len(files) >= PROGRESS_MIN_FILES, len(files)) as bar:
            bar.advance(self.stats.cached)
            for position, result in self._check([files[i] for i in todo], bar):
                index = todo[position]
                results[index] = result
                if self.cache is not None and index in keys:
                    self.cache.put(keys[index], result)
                bar.advance(1)
        return results  # type: ignore[return-value]

    def _cacheable_bytes(self, path: str) -> bytes | None:
        """``path``'s content, to key the cache; None without a cache or when it cannot be read (the check reports why)."""
        if self.cache is None:
            return None
        try:
            return read_file_bytes(path, self.linter.config.max_bytes)  # regular files only: a pipe could block
        except DocumentError:
            return None

    def _check(self, files: list[str], bar: "Progress") -> Iterator[tuple[int, FileResult]]:
        """(position in ``files``, result) for every file, in the order they finish."""
        if not files:
            return
        if self._inside_files(len(files)):
            yield from self._check_inside_files(files, bar)
            return
        jobs = min(self.jobs, len(files))
        method = _start_method(self.factory)
        if jobs <= 1 or method is None:
            self.stats.jobs = 1
            bar.start()
            yield from ((i, check_one(self.linter, path)) for i, path in enumerate(files))
            return
        self.stats.jobs = jobs
        global _worker_linter
        _worker_linter = self.linter if method == "fork" else None
        try:
            yield from _Workers(files, jobs, method, None if method == "fork" else self.factory, bar).run()
        finally:
            _worker_linter = None


    def _inside_files(self, files: int) -> bool:
        """Fewer files than jobs: the jobs share each file's parse rather than take a file each."""
        return files < self.jobs and parallel.available()

    def _check_inside_files(self, files: list[str], bar: "Progress") -> Iterator[tuple[int, FileResult]]:
        """Fewer files than jobs (one large file): each file's blocks are parsed in ``jobs`` worker
        processes (``nlp.parallel``) and checked here, with the same results as one process."""
        self.stats.jobs = self.jobs
        with parallel.BlockPool(self.linter.nlp, self.jobs) as pool:
            self.linter.block_pool = pool
            try:
                for position, path in enumerate(files):
                    result = check_one(self.linter, path)
                    bar.start()  # after the first file: the workers fork before the bar's thread starts
                    yield position, result
            finally:
                self.linter.block_pool = None


WORKER_STOPPED = "the worker checking it stopped (killed or out of memory); skipped (try it alone with --jobs 1)"


class _Workers:
    """Files checked in worker processes, surviving a worker that dies.

    At most ``jobs`` files are in the pool at once, so when a worker is killed (the kernel's
    out-of-memory killer, a signal) the files it may have been checking are known: they are
    checked again one at a time in a new pool. The one that stops its worker again gets an
    error entry; every other file is reported as usual.
    """

    def __init__(self, files: list[str], jobs: int, method: str, factory, bar: "Progress"):
        self.files = files
        self.jobs = jobs
        self.context = multiprocessing.get_context(method)
        self.factory = factory
        self.bar = bar
        self.pending: deque[int] = deque(range(len(files)))
        self.suspects: deque[int] = deque()  # in the pool when a worker died: checked again, alone

    def run(self) -> Iterator[tuple[int, FileResult]]:
        barren = 0  # pools in a row that checked nothing: at most one per suspect, unless no worker can run at all
        while self.pending or self.suspects:
            if barren > self.jobs + 1:
                raise SbpError("worker processes keep stopping (out of memory?); try --jobs 1")
            executor = ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_init_worker,
                                           initargs=(self.factory,))
            checked = 0
            try:
                for index, result in self._alone(executor):
                    checked += result.error != WORKER_STOPPED
                    yield index, result
                if not self.suspects:
                    for index, result in self._together(executor):
                        checked += 1
                        yield index, result
            finally:
                executor.shutdown(wait=True, cancel_futures=True)
            barren = 0 if checked else barren + 1

    def _alone(self, executor: ProcessPoolExecutor) -> Iterator[tuple[int, FileResult]]:
        """The suspects, one at a time; the one whose worker dies gets the error (the pool is then rebuilt)."""
        while self.suspects:
            index = self.suspects.popleft()
            try:
                future = executor.submit(_check_in_worker, self.files[index])
            except BrokenProcessPool:  # broken before this file went in: it is not to blame
                self.suspects.appendleft(index)
                return
            self.bar.start()
            try:
                yield index, future.result()
            except BrokenProcessPool:
                yield index, FileResult(path=self.files[index], error=WORKER_STOPPED)
                return

    def _together(self, executor: ProcessPoolExecutor) -> Iterator[tuple[int, FileResult]]:
        """The other files, ``jobs`` at a time; if a worker dies, the files in the pool become suspects."""
        running: dict = {}
        while self.pending or running:
            while self.pending and len(running) < self.jobs:
                index = self.pending.popleft()
                try:
                    running[executor.submit(_check_in_worker, self.files[index])] = index
                except BrokenProcessPool:  # a worker died since the last file finished
                    self.pending.appendleft(index)
                    self.suspects.extend(running.values())
                    return
            # The workers are forked by the first submit, before the progress bar starts its thread:
            # forking a process that runs other threads can copy a held lock into the child.
            self.bar.start()
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                index = running.pop(future)
                try:
                    yield index, future.result()
                except BrokenProcessPool:
                    self.suspects.append(index)
                    broken = True
            if broken:
                self.suspects.extend(running.values())
                return


def make_runner(linter, jobs: int | None = None, cache_dir: str | None = DEFAULT_CACHE_DIR,
                factory: Callable[[], object] | None = None, progress: bool = True) -> Runner:
    """A runner with the on-disk cache in ``cache_dir`` (None: no cache)."""
    known = [*linter.all_rules, *META_RULES]  # a cached finding of any other rule is not served
    cache = Cache(cache_dir, linter_fingerprint(linter), known) if cache_dir else None
    return Runner(linter, jobs=jobs, cache=cache, progress=progress, factory=factory)


def check_one(linter, path: str, data: bytes | None = None) -> FileResult:
    """``linter.check_file``; a crash on one file becomes that file's error, and the others are still checked.

    With ``data`` (the file's bytes, read elsewhere: by a cluster's client) the file is not opened here."""
    limit = linter.config.timeout
    try:
        with time_limit(limit):
            return linter.check_file(path) if data is None else linter.check_bytes(data, path)
    except FileTimeout:
        return timed_out(path, limit)
    except (KeyboardInterrupt, SystemExit):
        raise
    except SbpError:
        raise
    except Exception as exc:  # noqa: BLE001 - one strange file must not stop a library run
        return FileResult(path=path, error=f"internal error while checking: {type(exc).__name__}: {one_line(exc, 200)}")


def timed_out(path: str, limit: float) -> FileResult:
    return FileResult(path=path, error=f"took longer than {limit:g} s to check; skipped (allow longer with --timeout SECONDS)")


def _start_method(factory) -> str | None:
    """fork where it is safe (Linux); spawn elsewhere when workers can build their own linter."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return "fork"
    return "spawn" if factory is not None else None


def _init_worker(factory) -> None:
    global _worker_linter
    # One BLAS thread per worker: the workers are the parallelism (and OpenBLAS threads only add contention).
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if factory is not None:
        _worker_linter = factory()


def _check_in_worker(path: str) -> FileResult:
    return check_one(_worker_linter, path)


class Progress:
    """A rich progress bar on stderr, shown only when stderr is a terminal; otherwise silent."""

    def __init__(self, wanted: bool, total: int):
        self.enabled = wanted and _stderr_is_terminal()
        self.total = total
        self._bar = None
        self._task = None
        self._done = 0

    def __enter__(self) -> "Progress":
        return self

    def start(self) -> None:
        if not self.enabled or self._bar is not None:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             console=Console(file=sys.stderr), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("checking", total=self.total, completed=self._done)

    def advance(self, n: int) -> None:
        self._done += n
        if self._bar is not None:
            self._bar.update(self._task, completed=self._done)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False

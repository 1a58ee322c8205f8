"""Checking a library on a Dask cluster: ``sbp-lint check --scheduler tcp://HOST:PORT``.

This process (the client) finds the files, answers what it can from the cache
and sends only the misses to the cluster. Workers run the same per-file function
as ``--jobs`` (``run.runner.check_one``) with a Linter equal to the client's:

- a worker plugin carries the Linter's *settings* (the factory the command line
  builds it with: Config, --select, --ignore, --model), never a loaded Linter;
- each worker process builds that Linter on its first file and keeps it for
  later files and later runs with the same settings (one at a time, so memory
  stays at one pipeline per process);
- a worker whose Linter has another fingerprint (sbp-lint version or code, rule
  packs, configuration, pipeline) refuses, and the run stops with one line: the
  findings could not be those of ``--jobs 1``.

Files travel as the bytes the client read (the default) or, with
``shared_path``, workers read them at the same paths on a shared file system.
Only a window of files is in flight at a time: their bytes sit in the
scheduler's task specs until a worker has finished them, which is what lets
Dask run a file again elsewhere when its worker dies. Results come back as they
complete (``as_completed``); the runner keeps them in file order and writes
them to the cache. When a worker dies, Dask runs its files again elsewhere;
it gives a file up when the workers holding it died more than its
``allowed-failures`` (3 by default) times. Dask charges a death to every file
the worker held, queued ones too, so given-up files are checked again at the
end, one at a time: one that kills workers alone as well becomes that file's
error, and the rest are reported.

Privacy: document bytes and findings travel only over the Dask connection the
user chose (``tls://`` between machines). sbp-lint writes nothing on the
workers' disks; task keys carry no paths; the argument Dask logs for a failed
task shows no words and no path.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import functools
import logging
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import dask
from distributed import Client, KilledWorker, WorkerPlugin, as_completed, get_worker

from .. import __version__
from ..documents import read_file_bytes
from ..errors import DocumentError, SbpError, one_line
from ..findings import FileResult
from ..nlp.pipeline import pipeline_id
from .cache import DEFAULT_CACHE_DIR, Cache, linter_fingerprint, sha256
from .limits import FileTimeout
from .runner import Progress, Runner, RunStats, check_one, timed_out

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler before giving up with one line
FILES_PER_THREAD = 4  # files in flight per worker thread: enough that no worker waits for the next
MIN_IN_FLIGHT = 8  # while the cluster has no workers yet (dask-jobqueue jobs still queued)
MAX_IN_FLIGHT_BYTES = 256 * 1024 * 1024  # their bytes stay in the scheduler's memory until checked
WINDOW_REFRESH = 2.0  # seconds between looks at the cluster's size (adaptive clusters grow and shrink)


# -- on the workers ------------------------------------------------------------------

class LinterPlugin(WorkerPlugin):
    """The client's Linter settings, on every worker (and on workers that join later)."""

    idempotent = True  # a later run with the same settings keeps the plugin and the pipeline workers loaded

    def __init__(self, factory: Callable[[], object], fingerprint: str, pipeline: str, base: str):
        self.factory = factory  # builds an equal Linter: picklable (functools.partial of Linter and a Config)
        self.fingerprint = fingerprint  # the client's linter_fingerprint
        self.pipeline = pipeline  # the client's pipeline id, for the message when they differ
        # The folder the client's per-glob overrides match paths from (the configuration's, or the client's
        # working directory): a worker has another working directory, and files arrive as absolute paths.
        self.base = base
        self.version = __version__
        self.key = sha256(f"{fingerprint}\0{base}")
        self.name = f"sbp-lint-{self.key[:24]}"


@dataclasses.dataclass
class _Loaded:
    key: str  # LinterPlugin.key
    linter: object | None
    problem: str | None  # why this worker cannot check with these settings


_loaded: _Loaded | None = None  # this worker process's Linter (or why it has none)
_lock = threading.Lock()  # one check at a time per process: a Linter is not made for concurrent use


class _Document:
    """One file on its way to a worker: its bytes, or (data None) a shared ``source`` path to read.

    Its repr shows neither words nor path: a worker logs the repr of a task that fails."""

    def __init__(self, path: str, data: bytes | None, source: str | None = None):
        self.path = path  # absolute, as the client resolves it (overrides match it); the client renames the result
        self.data = data
        self.source = source

    def __repr__(self) -> str:
        size = f"{len(self.data)} bytes" if self.data is not None else "on a shared path"
        return f"<sbp-lint document, {size}>"


@dataclasses.dataclass
class _Refusal:
    """Returned (not raised) when a worker cannot check at all: raising would log the task's arguments."""

    message: str


def check_on_worker(plugin_name: str, document: _Document) -> FileResult | _Refusal:
    """The task: the worker's Linter for these settings, then ``check_one`` under the per-file time limit."""
    worker = get_worker()
    plugin = worker.plugins.get(plugin_name)
    if plugin is None:
        return _Refusal(f"the Dask worker at {worker.address} did not receive sbp-lint's settings")
    with _lock:
        loaded = _linter_for(plugin, worker.address)
        if loaded.problem:
            return _Refusal(loaded.problem)
        try:
            return _check_document(loaded.linter, document)
        except SbpError as exc:  # not about one file (check_one turns those into the file's error)
            return _Refusal(f"the Dask worker at {worker.address}: {exc}")


def _linter_for(plugin: LinterPlugin, where: str) -> _Loaded:
    global _loaded
    if _loaded is not None and _loaded.key == plugin.key:
        return _loaded
    _loaded = None  # the previous pipeline goes before the next one loads
    try:
        linter = plugin.factory()
    except Exception as exc:  # noqa: BLE001 - e.g. an extra rule pack or model path missing on this machine
        _loaded = _Loaded(plugin.key, None, f"the Dask worker at {where} cannot load sbp-lint's settings: "
                                            f"{type(exc).__name__}: {one_line(exc, 200)}")
        return _loaded
    if linter_fingerprint(linter) != plugin.fingerprint:
        _loaded = _Loaded(plugin.key, None, (
            f"the Dask worker at {where} has another sbp-lint, rule packs or pipeline than this machine "
            f"(worker: sbp-lint {__version__}, {pipeline_id(linter.nlp)}; here: sbp-lint {plugin.version}, {plugin.pipeline}); "
            f"install the same on every worker: pip install 'sbp-lint[dask]=={plugin.version}'"))
        return _loaded
    linter.policy.overrides.base_dir = Path(plugin.base)
    _loaded = _Loaded(plugin.key, linter, None)
    return _loaded


def _check_document(linter, document: _Document) -> FileResult:
    limit = linter.config.timeout
    try:
        # Dask runs tasks in worker threads, where limits.time_limit (a signal) cannot act.
        with thread_time_limit(limit):
            data = document.data
            if data is None:
                data = read_file_bytes(document.source, linter.config.max_bytes)
            return check_one(linter, document.path, data)
    except DocumentError as exc:
        return FileResult(path=document.path, error=exc.reason)
    except FileTimeout:  # landed outside check_one's own handler
        return timed_out(document.path, limit)


@contextlib.contextmanager
def thread_time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``FileTimeout`` in this thread after ``seconds``, in any thread.

    A timer thread asks the interpreter to raise the exception in this one. Like
    the signal handler of ``run.limits.time_limit``, it lands between Python
    bytecodes: a long call into C code finishes first. One that has not landed
    when the block ends is withdrawn, so it never reaches the caller's code."""
    if not seconds:
        yield
        return
    target = threading.get_ident()
    guard = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with guard:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target, FileTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                _raise_in(target, None)


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Ask the interpreter to raise ``exception`` in a thread (None withdraws a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception is not None else None)


# -- on the client -------------------------------------------------------------------

@dataclasses.dataclass
class DaskRunStats(RunStats):
    scheduler: str = ""
    workers: int = 0  # the cluster's size when last looked at
    sent: int = 0  # files sent to the cluster (cache misses the client could read)

    def describe(self) -> str:
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        if not self.checked:
            return f"{files}: {self.cached} from the cache, 0 checked"
        return (f"{files}: {self.cached} from the cache, {self.checked} checked, {self.sent} of them on the Dask cluster at "
                f"{self.scheduler} ({self.workers} worker{'s' if self.workers != 1 else ''})")


class DaskRunner(Runner):
    """A ``Runner`` whose cache misses are checked by a Dask cluster's workers.

    Give the scheduler's ``address`` (connected for the run, then closed) or a
    ``client`` (used as it is: a library or test that runs its own cluster)."""

    def __init__(self, linter, address: str | None = None, *, client: Client | None = None, cache: Cache | None = None,
                 progress: bool = True, factory: Callable[[], object] | None = None, shared_path: bool = False,
                 connect_timeout: float = CONNECT_TIMEOUT):
        super().__init__(linter, jobs=1, cache=cache, progress=progress, factory=factory)
        if (address is None) == (client is None):
            raise ValueError("give one of: the scheduler's address, or a client")
        self.address = address
        self.client = client
        self.shared_path = shared_path
        self.connect_timeout = connect_timeout
        self.submitted: list[str] = []  # paths sent to the cluster in the last run
        self.received = 0  # results back from the cluster so far in this run
        self._workers = 0
        self._tries = 0  # Dask's allowed-failures + 1: the workers a file may see die

    def run(self, paths) -> list[FileResult]:
        self.submitted, self.received = [], 0
        results = super().run(paths)
        self.stats = DaskRunStats(**dataclasses.asdict(self.stats), scheduler=self._where(), workers=self._workers,
                                  sent=len(self.submitted))
        return results

    def _where(self) -> str:
        if self.address:
            return self.address
        try:
            return self.client.scheduler.address
        except AttributeError:
            return "?"

    def _check(self, files: list[str], bar: Progress) -> Iterator[tuple[int, FileResult]]:
        if not files:
            return  # all from the cache: the cluster is not contacted
        with self._session() as client:
            plugin = self._install(client)
            yield from self._stream(client, plugin, files, bar)

    @contextlib.contextmanager
    def _session(self) -> Iterator[Client]:
        if self.client is not None:
            yield self.client
            return
        # The run's problems are said in one line (SbpError); Dask's client would log them again as tracebacks.
        with _quiet("distributed", "distributed.client"):
            client = connect(self.address, self.connect_timeout)
            try:
                yield client
            finally:
                client.close()

    def _install(self, client: Client) -> LinterPlugin:
        from ..linter import Linter

        factory = self.factory or functools.partial(Linter, self.linter.config)
        base = self.linter.policy.overrides.base_dir or Path.cwd().resolve()  # as Overrides.relative has it here
        plugin = LinterPlugin(factory, linter_fingerprint(self.linter), pipeline_id(self.linter.nlp), str(base))
        try:
            client.register_plugin(plugin, name=plugin.name)
        except Exception as exc:  # noqa: BLE001 - e.g. a worker without sbp-lint cannot unpickle it
            raise SbpError(f"the Dask workers cannot take sbp-lint's settings ({type(exc).__name__}: {one_line(exc, 200)}); "
                           f"install the same sbp-lint on every worker: pip install 'sbp-lint[dask]=={__version__}'") from None
        return plugin

    def _stream(self, client: Client, plugin: LinterPlugin, files: list[str], bar: Progress) -> Iterator[tuple[int, FileResult]]:
        run = uuid.uuid4().hex[:12]  # keys name the run and a number, never the file
        queue = iter(enumerate(files))
        pending: dict = {}  # future -> (position, bytes in flight)
        finished = as_completed(loop=client.loop)  # not the default client: a library may run several
        window = _Window(client)
        in_flight = 0
        suspects: list[int] = []  # files on a worker that died too often: perhaps the cause, perhaps bystanders
        # A 20 MB document is one task of 20 MB: expected here, not the mistake Dask's warning is about.
        threshold = f"{self.linter.config.max_bytes + 16 * 1024 * 1024}B"
        bar.start()
        try:
            with dask.config.set({"distributed.admin.large-graph-warning-threshold": threshold}):
                while True:
                    while len(pending) < window.size() and (in_flight < MAX_IN_FLIGHT_BYTES or not pending):
                        item = next(queue, None)
                        if item is None:
                            break
                        position, path = item
                        sent = self._submit(client, plugin, f"sbp-lint-{run}-{position}", path)
                        if isinstance(sent, FileResult):  # unreadable here: reported as --jobs 1 reports it
                            yield position, sent
                            continue
                        future, size = sent
                        pending[future] = (position, size)
                        in_flight += size
                        finished.add(future)
                    if not pending:
                        break
                    future = next(finished)
                    position, size = pending[future]
                    result = self._outcome(future, files[position])
                    if result is _AGAIN:
                        finished.add(future)
                        continue
                    del pending[future]
                    in_flight -= size
                    if result is None:
                        suspects.append(position)
                        continue
                    self.received += 1
                    yield position, result
                yield from self._check_alone(client, plugin, run, files, suspects, pending)
        finally:
            self._workers = window.workers
            if pending:  # stopped early (an error, Ctrl-C): the cluster need not finish this run
                with contextlib.suppress(Exception):
                    client.cancel(list(pending))

    def _check_alone(self, client: Client, plugin: LinterPlugin, run: str, files: list[str], suspects: list[int],
                     pending: dict) -> Iterator[tuple[int, FileResult]]:
        """Files given up after workers died while they were assigned: again, one at a time.

        Dask counts a death against every file the worker held, the one that was being
        checked and any queued behind it; alone, a file is only charged for its own deaths."""
        for position in suspects:
            sent = self._submit(client, plugin, f"sbp-lint-{run}-{position}-alone", files[position])
            if isinstance(sent, FileResult):
                yield position, sent
                continue
            future, _size = sent
            pending[future] = (position, 0)
            result = _AGAIN
            while result is _AGAIN:
                next(as_completed([future], loop=client.loop))
                result = self._outcome(future, files[position])
            del pending[future]
            if result is None:
                result = FileResult(path=files[position], error=(
                    f"a Dask worker process died each time this file was checked ({self._tries} tries, the last ones "
                    "with no other file: out of memory, or a crash in a document reader?); skipped"))
            self.received += 1
            yield position, result

    def _submit(self, client: Client, plugin: LinterPlugin, key: str, path: str):
        """(future, bytes sent) for ``path``, or its error when this machine cannot read it."""
        document = self._document(path)
        if isinstance(document, FileResult):
            return document
        future = client.submit(check_on_worker, plugin.name, document, key=key, pure=False)
        self.submitted.append(path)
        return future, len(document.data or b"")

    def _document(self, path: str) -> _Document | FileResult:
        resolved = str(Path(path).resolve())  # what Overrides.relative makes of it here
        if self.shared_path:
            return _Document(resolved, None, os.path.abspath(path))
        try:
            return _Document(resolved, read_file_bytes(path, self.linter.config.max_bytes))
        except DocumentError as exc:
            return FileResult(path=path, error=exc.reason)

    def _outcome(self, future, path: str):
        """The file's result; None when Dask gave it up because workers died while it was assigned to them;
        _AGAIN when the result went with a worker that died before it was fetched (Dask checks the file again)."""
        if future.status == "lost":
            return _AGAIN
        if future.status == "finished":
            try:
                value = future.result()
            except Exception as exc:  # noqa: BLE001
                if future.status == "lost":
                    return _AGAIN
                raise SbpError(f"lost the Dask scheduler at {self._where()}: {type(exc).__name__}: {one_line(exc, 200)}") from None
            if isinstance(value, _Refusal):
                raise SbpError(value.message)
            return dataclasses.replace(value, path=path)  # the worker knew it by its absolute path
        if future.status == "error":
            exc = future.exception()
            if isinstance(exc, KilledWorker):
                self._tries = exc.allowed_failures + 1
                return None
            if "deserializ" in str(exc):  # the scheduler (or a worker) cannot import sbp-lint to read the task
                raise SbpError(f"the Dask scheduler cannot read sbp-lint's tasks; install the same sbp-lint on the scheduler "
                               f"and every worker: pip install 'sbp-lint[dask]=={__version__}'")
            raise SbpError(f"the Dask cluster could not check {path}: {type(exc).__name__}: {one_line(exc, 200)}")
        raise SbpError(f"lost the Dask scheduler at {self._where()} before every file was checked (a task was {future.status})")


_AGAIN = object()  # see DaskRunner._outcome


class _Window:
    """How many files to keep in flight: a few per worker thread, looked up again every few seconds."""

    def __init__(self, client: Client):
        self.client = client
        self.workers = 0
        self._size = MIN_IN_FLIGHT
        self._checked = -WINDOW_REFRESH

    def size(self) -> int:
        now = time.monotonic()
        if now - self._checked >= WINDOW_REFRESH:
            self._checked = now
            with contextlib.suppress(Exception):  # a slow answer keeps the last size; a lost scheduler shows in results
                threads = self.client.nthreads()
                self.workers = len(threads)
                self._size = max(MIN_IN_FLIGHT, FILES_PER_THREAD * sum(threads.values()))
        return self._size


def connect(address: str, timeout: float = CONNECT_TIMEOUT) -> Client:
    """A client of the scheduler at ``address``; one line (SbpError) when it cannot be reached in ``timeout`` s."""
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except OSError as exc:
        reason = f"no answer within {timeout:g} s" if "timed out" in str(exc).lower() else f"{type(exc).__name__}: {one_line(exc, 200)}"
        raise SbpError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
    except Exception as exc:  # noqa: BLE001 - a malformed address, a TLS address without certificates, ...
        raise SbpError(f"cannot reach the Dask scheduler at {address}: {type(exc).__name__}: {one_line(exc, 200)} "
                       "(give tcp://HOST:PORT, or tls://HOST:PORT with Dask's TLS settings)") from None


def make_dask_runner(linter, address: str, cache_dir: str | None = DEFAULT_CACHE_DIR,
                     factory: Callable[[], object] | None = None, progress: bool = True,
                     shared_path: bool = False) -> DaskRunner:
    """Like ``runner.make_runner``: the on-disk cache in ``cache_dir`` (None: no cache), a cluster for the misses."""
    cache = Cache(cache_dir, linter_fingerprint(linter)) if cache_dir else None
    return DaskRunner(linter, address, cache=cache, progress=progress, factory=factory, shared_path=shared_path)


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Only critical records from these loggers while the block runs (Dask sets some children's levels itself)."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)

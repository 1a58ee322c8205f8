"""Checking on a Dask cluster: a real scheduler and two real worker processes on 127.0.0.1.

The cluster (distributed.LocalCluster with processes) lives for the module; each
worker process loads the pipeline once. Dask's allowed-failures is 1 here, so a
file that kills workers is given up after two deaths instead of four.
"""

import dataclasses
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
from distributed import Client, LocalCluster, WorkerPlugin  # noqa: E402

from conftest import EXAMPLES, ROOT, run_cli  # noqa: E402
from sbp_lint import Linter  # noqa: E402
from sbp_lint.run.cache import Cache, linter_fingerprint  # noqa: E402
from sbp_lint.config import load_config_file  # noqa: E402
from sbp_lint.errors import SbpError  # noqa: E402
from sbp_lint.run.limits import FileTimeout  # noqa: E402
from sbp_lint.run.cluster import DaskRunner, _Document, thread_time_limit  # noqa: E402
from sbp_lint.run.runner import Runner  # noqa: E402
from test_runner import write_library  # noqa: E402

sys.path.insert(0, str(ROOT))
from benchmarks.library import make_library  # noqa: E402

POISON = "POISON-PILL"  # a document the test plugin makes kill its worker process
SLOW = "SLOW-PILL"  # a document the test plugin makes loop for ever (in Python)


@pytest.fixture(scope="module")
def cluster():
    # A file is given up after two worker deaths (not four); a task with no worker for two minutes fails the
    # test instead of waiting for ever.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1, "distributed.scheduler.no-workers-timeout": "120s"}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=50)
    with cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster, set_as_default=False) as client:
        yield client


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """Plans, the examples (Markdown and Word), a binary file and a generated library."""
    folder = write_library(tmp_path_factory.mktemp("dask") / "library", copies=2)
    shutil.copy(EXAMPLES / "care-and-support-plan.docx", folder / "plan.docx")
    make_library(folder / "generated", documents=24, words=12_000)
    return folder


@pytest.fixture(scope="module")
def expected(linter, library):
    """What --jobs 1 reports for the library."""
    return Runner(linter, jobs=1).run([str(library)])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dask_runner(linter, client, **kw) -> DaskRunner:
    return DaskRunner(linter, client=client, factory=functools.partial(Linter, linter.config), **kw)


def with_config(linter, **changes) -> Linter:
    """The loaded linter under other settings, without loading another pipeline (its fingerprint shows them)."""
    copy = Linter.__new__(Linter)
    copy.__dict__.update(linter.__dict__, config=dataclasses.replace(linter.config, **changes))
    return copy


def assert_logs_hold_no_document(client, folder: Path, words: str) -> None:
    """What the scheduler and the workers logged names neither the files nor their words."""
    records = [message for _level, message in client.get_scheduler_logs(n=10_000)]
    records += [message for logs in client.get_worker_logs(n=10_000).values() for _level, message in logs]
    assert records
    assert not [m for m in records if str(folder) in m or words in m]


def as_fields(results) -> list[dict]:
    return [dataclasses.asdict(r) for r in results]


class Spy:
    """Stands in for client.submit and records what went to the cluster."""

    def __init__(self, client):
        self.submit = client.submit
        self.documents: list[_Document] = []
        self.keys: list[str] = []

    def __call__(self, function, *args, key=None, **kw):
        self.documents.append(args[-1])
        self.keys.append(key)
        return self.submit(function, *args, key=key, **kw)


class Pills(WorkerPlugin):
    """On the workers: a document with POISON kills its process; one with SLOW never finishes."""

    def setup(self, worker):
        from sbp_lint.linter import Linter as WorkerLinter

        self.real = real = WorkerLinter.check_document

        def check_document(linter, document):
            text = " ".join(block.text for block in document.blocks)
            if POISON in text:
                os._exit(3)
            while SLOW in text:
                pass
            return real(linter, document)

        WorkerLinter.check_document = check_document

    def teardown(self, worker):
        from sbp_lint.linter import Linter as WorkerLinter

        WorkerLinter.check_document = self.real


@pytest.fixture
def pills(client):
    client.register_plugin(Pills(), name="pills")
    yield
    client.unregister_worker_plugin("pills")


# -- the same findings -------------------------------------------------------------

def test_the_cluster_reports_field_by_field_what_jobs_1_reports(linter, client, library, expected):
    runner = dask_runner(linter, client)
    results = runner.run([str(library)])
    assert as_fields(results) == as_fields(expected)  # every field of every finding, in file order
    assert len(results) > 40 and sum(len(r.findings) for r in expected) > 200
    assert {Path(r.path).name: r.error for r in results if r.error} == {"broken.txt": "binary file, not text (skipped)"}
    assert runner.stats.sent == len(results) and runner.stats.workers == 2


def test_workers_can_read_the_files_from_a_shared_path(linter, client, library, expected, monkeypatch):
    spy = Spy(client)
    monkeypatch.setattr(client, "submit", spy)
    results = dask_runner(linter, client, shared_path=True).run([str(library)])
    assert as_fields(results) == as_fields(expected)
    assert spy.documents and all(d.data is None for d in spy.documents), "no bytes sent: the workers read the files"


def test_per_glob_overrides_match_on_workers_as_here(client, tmp_path, monkeypatch):
    """Workers run in another folder: relative paths and the configuration's globs must still meet."""
    write_library(tmp_path / "library", copies=2)
    (tmp_path / ".sbp-lint.yaml").write_text(
        "overrides:\n  - files: [library/team-0/**]\n    ignore: [deficit]\n    severity: {jargon: error}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "library")  # below the configuration's folder, as a user may be
    config = load_config_file(tmp_path / ".sbp-lint.yaml")
    linter = Linter(config)
    expected = Runner(linter, jobs=1).run(["team-0", "team-1"])
    results = DaskRunner(linter, client=client, factory=functools.partial(Linter, config)).run(["team-0", "team-1"])
    assert as_fields(results) == as_fields(expected)
    team = {r.path.split("/")[0]: {f.category for f in r.findings} for r in expected if r.path.endswith("a.md")}
    assert "deficit" not in team["team-0"] and "deficit" in team["team-1"], "the override applies to one folder"


def test_the_command_line_with_a_scheduler_prints_what_jobs_1_prints(cluster, library, tmp_path):
    local = run_cli("check", str(library), "--format", "json", "--no-cache", "--jobs", "1", cwd=tmp_path)
    remote = run_cli("check", str(library), "--format", "json", "--no-cache", "-v", "--scheduler", cluster.scheduler_address,
                     cwd=tmp_path)
    assert remote.returncode == local.returncode == 2, remote.stderr  # the binary file
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert f"on the Dask cluster at {cluster.scheduler_address} (2 workers)" in remote.stderr.decode()


# -- the cache ---------------------------------------------------------------------

def test_only_cache_misses_are_sent_and_keys_name_no_file(linter, client, tmp_path, monkeypatch):
    library = write_library(tmp_path / "library", copies=1)
    cache = Cache(tmp_path / "cache", linter_fingerprint(linter))
    spy = Spy(client)
    monkeypatch.setattr(client, "submit", spy)

    first = DaskRunner(linter, client=client, cache=cache, factory=functools.partial(Linter, linter.config)).run([str(library)])
    assert sorted(d.path for d in spy.documents) == sorted(r.path for r in first)
    assert all(re.fullmatch(r"sbp-lint-[0-9a-f]{12}-\d+", key) for key in spy.keys), "a run and a number; no file names"

    changed = library / "team-0" / "a.md"
    changed.write_text(changed.read_text() + "\nHe is non-compliant with his medication.\n", encoding="utf-8")
    spy.documents.clear()
    runner = DaskRunner(linter, client=client, cache=cache, factory=functools.partial(Linter, linter.config))
    second = runner.run([str(library)])
    # The changed file, and the binary file whose error is never cached; nothing else travels.
    assert sorted(Path(d.path).name for d in spy.documents) == ["a.md", "broken.txt"]
    assert spy.documents[0].data == Path(spy.documents[0].path).read_bytes()
    assert as_fields(second) == as_fields(Runner(linter, jobs=1).run([str(library)]))
    assert runner.stats.cached == len(second) - 2 and runner.stats.sent == 2


def test_a_run_answered_wholly_from_the_cache_does_not_contact_the_cluster(linter, client, tmp_path):
    (tmp_path / "plan.md").write_text("# Plan\n\nMr Davies suffers from arthritis.\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache", linter_fingerprint(linter))
    factory = functools.partial(Linter, linter.config)
    first = DaskRunner(linter, client=client, cache=cache, factory=factory).run([str(tmp_path / "plan.md")])
    nowhere = f"tcp://127.0.0.1:{free_port()}"  # nothing listens: contacting it would fail the run
    again = DaskRunner(linter, nowhere, cache=cache, factory=factory).run([str(tmp_path / "plan.md")])
    assert as_fields(again) == as_fields(first) and first[0].findings


def test_a_document_on_its_way_shows_no_words_or_path_when_dask_logs_it():
    shown = repr(_Document("team/Mr Davies plan.md", b"Mr Davies suffers from arthritis."))
    assert "Davies" not in shown and "arthritis" not in shown


# -- faults ------------------------------------------------------------------------

def test_a_worker_killed_mid_run_loses_nothing(linter, client, library, expected):
    runner = dask_runner(linter, client)
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("results", runner.run([str(library)])), daemon=True)
    thread.start()
    victim = None
    deadline = time.monotonic() + 240
    while victim is None and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
        if runner.received >= 2:  # the run is under way: kill a worker while it checks a file
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                victim = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(victim, signal.SIGKILL)
    thread.join(timeout=300)
    assert victim is not None, "the run ended before a worker could be killed"
    assert as_fields(outcome["results"]) == as_fields(expected)
    assert victim not in client.run(os.getpid).values()


def test_a_file_that_kills_every_worker_becomes_its_error_and_the_rest_are_reported(linter, client, tmp_path, pills):
    library = write_library(tmp_path / "library", copies=1)
    poison = library / "team-0" / "poison.md"
    poison.write_text(f"# Plan\n\n{POISON}\n", encoding="utf-8")
    results = dask_runner(linter, client).run([str(library)])
    errors = {Path(r.path).name: r.error for r in results if r.error}
    assert errors.pop("poison.md").startswith("a Dask worker process died each time this file was checked (2 tries")
    assert errors == {"broken.txt": "binary file, not text (skipped)"}
    expected = Runner(linter, jobs=1).run([str(library)])
    assert as_fields(r for r in results if r.path != str(poison)) == as_fields(r for r in expected if r.path != str(poison))
    assert_logs_hold_no_document(client, library, POISON)


def test_a_file_over_the_time_limit_on_a_worker_gets_the_local_error(linter, client, tmp_path, pills):
    quick = with_config(linter, timeout=2.0)
    (tmp_path / "slow.md").write_text(f"# Plan\n\n{SLOW}\n", encoding="utf-8")
    (tmp_path / "plan.md").write_text("# Plan\n\nMr Davies suffers from arthritis.\n", encoding="utf-8")
    runner = DaskRunner(quick, client=client, factory=functools.partial(Linter, quick.config))
    plan, slow = runner.run([str(tmp_path)])
    assert slow.error == "took longer than 2 s to check; skipped (allow longer with --timeout SECONDS)"
    assert plan.findings and plan.findings[0].rule == "deficit.suffers-from"


def test_a_worker_with_other_rules_refuses_rather_than_report_other_findings(linter, client, tmp_path):
    (tmp_path / "plan.md").write_text("# Plan\n\nMr Davies suffers from arthritis.\n", encoding="utf-8")
    ours = with_config(linter, allow=["widget"])  # settings no worker has loaded yet
    other = functools.partial(Linter, ours.config, select=["jargon"])  # builds a linter with fewer rules than ours
    with pytest.raises(SbpError, match=r"^the Dask worker at tcp://127\.0\.0\.1:\d+ has another sbp-lint, rule packs or "
                                       r"pipeline than this machine .*pip install 'sbp-lint\[dask\]==0\.1\.0'$"):
        DaskRunner(ours, client=client, factory=other).run([str(tmp_path)])
    assert_logs_hold_no_document(client, tmp_path, "arthritis")


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    port = free_port()  # closed again: nothing listens there
    (tmp_path / "plan.md").write_text("# Plan\n\nHe likes football.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "plan.md"), "--no-cache", "--scheduler", f"tcp://127.0.0.1:{port}", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == f"sbp-lint: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: no answer within 10 s\n"
    assert result.stdout == b""


def test_without_dask_installed_the_option_says_how_to_install_it(tmp_path):
    hide = "import sys; sys.modules['distributed'] = None; from sbp_lint.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", hide, "check", "plan.md", "--scheduler", "tcp://127.0.0.1:8786"],
                            capture_output=True, cwd=tmp_path, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 2
    assert result.stderr.decode() == "sbp-lint: error: --scheduler needs Dask: pip install 'sbp-lint[dask]'\n"


# -- the time limit in a worker thread -------------------------------------------

def in_a_thread(function):
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as exc:  # noqa: BLE001
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    return outcome


def test_the_thread_time_limit_stops_a_python_loop_outside_the_main_thread():
    def forever():
        with thread_time_limit(0.2):
            while True:
                pass

    assert isinstance(in_a_thread(forever).get("error"), FileTimeout)


def test_a_block_that_ends_in_time_leaves_no_exception_behind():
    def in_time_then_busy():
        with thread_time_limit(0.2):
            total = sum(range(1000))
        end = time.monotonic() + 0.6  # well past the limit, in Python code the exception could land in
        while time.monotonic() < end:
            total += 1
        return total

    assert "error" not in in_a_thread(in_time_then_busy)


# -- `dask scheduler` and `dask worker` processes -----------------------------------

def test_a_scheduler_lost_mid_run_is_one_error_not_a_hang(linter, library):
    dask_cli = str(Path(sys.executable).with_name("dask"))
    address = f"tcp://127.0.0.1:{free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([dask_cli, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                  "--no-dashboard"], **quiet)
    worker = subprocess.Popen([dask_cli, "worker", address, "--nthreads", "1", "--no-dashboard", "--death-timeout", "20"], **quiet)
    try:
        runner = DaskRunner(linter, address, factory=functools.partial(Linter, linter.config), connect_timeout=30)
        outcome: dict = {}

        def run():
            try:
                runner.run([str(library)])
            except SbpError as exc:
                outcome["error"] = str(exc)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 240
        while runner.received < 2 and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        scheduler.kill()
        thread.join(timeout=120)
        assert not thread.is_alive()
        assert outcome["error"] == f"lost the Dask scheduler at {address} before every file was checked (a task was cancelled)"
    finally:
        for process in (worker, scheduler):
            process.kill()
            process.wait(timeout=30)

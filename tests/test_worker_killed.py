"""Item 6 of issue 13: a worker process killed under --jobs 2 costs one file, not the run.

The file whose worker is killed (here by ``os.kill``; in life by the out-of-memory killer) gets an
error entry; every other file is reported exactly as a --jobs 1 run reports it.
"""

import os
import signal
from pathlib import Path

from sbp_lint.run import runner as runner_module
from sbp_lint.run.runner import WORKER_STOPPED, Runner

PLANS = {f"plan-{n}.md": f"# Plan {n}\n\nMr Davies suffers from arthritis and refuses his tablets.\n" for n in range(7)}
real_check_one = runner_module.check_one


def _library(folder: Path) -> Path:
    folder.mkdir()
    for name, text in PLANS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "killer.md").write_text("# Killer\n\nShe is a service user.\n", encoding="utf-8")
    return folder


def _killing(marker: Path | None = None):
    """check_one that kills its own worker on killer.md (once, if ``marker`` is given)."""
    def check_one(linter, path):
        if path.endswith("killer.md") and os.getpid() != PARENT and (marker is None or not marker.exists()):
            if marker is not None:
                marker.write_text("killed once")
            os.kill(os.getpid(), signal.SIGKILL)
        return real_check_one(linter, path)
    return check_one


PARENT = os.getpid()


def _summary(results):
    return [(Path(r.path).name, r.error, [(f.rule, f.line, f.column) for f in r.findings]) for r in results]


def test_a_killed_worker_gives_that_file_an_error_and_the_rest_are_reported(linter, tmp_path, monkeypatch):
    library = _library(tmp_path / "library")
    expected = _summary(Runner(linter, jobs=1, progress=False).run([str(library)]))
    monkeypatch.setattr(runner_module, "check_one", _killing())
    results = Runner(linter, jobs=2, progress=False).run([str(library)])
    got = _summary(results)
    assert [name for name, _, _ in got] == [name for name, _, _ in expected]
    for (name, error, findings), (_, _, wanted) in zip(got, expected):
        if name == "killer.md":
            assert error == WORKER_STOPPED and findings == []
        else:
            assert error is None and findings == wanted, name


def test_a_worker_killed_once_is_retried_and_nothing_is_lost(linter, tmp_path, monkeypatch):
    library = _library(tmp_path / "library")
    expected = _summary(Runner(linter, jobs=1, progress=False).run([str(library)]))
    marker = tmp_path / "killed"
    monkeypatch.setattr(runner_module, "check_one", _killing(marker))
    assert _summary(Runner(linter, jobs=2, progress=False).run([str(library)])) == expected
    assert marker.exists(), "the worker was killed"


def test_workers_that_can_never_run_stop_the_run_with_one_line(linter, tmp_path, monkeypatch):
    import pytest

    from sbp_lint.errors import SbpError

    library = _library(tmp_path / "library")

    def always(linter, path):
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(runner_module, "check_one", always)
    with pytest.raises(SbpError, match="worker processes keep stopping"):
        Runner(linter, jobs=2, progress=False).run([str(library)])

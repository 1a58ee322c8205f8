import os
import subprocess
import sys
from pathlib import Path

import pytest

from sbp_lint.nlp.blas import one_thread_before_numpy

one_thread_before_numpy()  # before numpy is imported: in-process checks multiply matrices as the command line does

from sbp_lint import Linter  # noqa: E402
from sbp_lint.packs import builtin_rules_dir, load_packs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Code for a fresh Python process: its own peak resident memory in MB. Not ``ru_maxrss`` alone: on Linux a
# process keeps, across exec, the high-water mark of the process that forked it, so a child of this test run
# would report pytest's own size (about 1 GB late in the suite). ``VmHWM`` is the new program's alone.
OWN_PEAK_MB = """
def own_peak_mb():
    import resource
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
"""


@pytest.fixture(scope="session")
def linter() -> Linter:
    """One linter (one loaded pipeline) for the whole run."""
    return Linter()


def all_rules():
    return [rule for pack in load_packs() for rule in pack.rules]


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a child process."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "sbp_lint.cli", *args],
        input=input, capture_output=True, cwd=cwd, env=environment, timeout=300,
    )


def assert_floors(score, precision: float, recall: float | None, what: str) -> None:
    """A category's score (benchmarks.quality.Score) is at least its floors; recall None: no recall floor.
    A failure names the first errors, which say where to look."""
    assert score.precision >= precision, f"{what} precision {score.precision:.3f}: {score.errors[:5]}"
    if recall is not None:
        assert score.recall >= recall, f"{what} recall {score.recall:.3f}: {score.errors[:5]}"

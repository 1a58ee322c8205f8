import os
import subprocess
import sys
from pathlib import Path

import pytest

from sbp_lint import Linter
from sbp_lint.packs import builtin_rules_dir, load_packs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


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

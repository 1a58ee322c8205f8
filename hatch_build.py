"""Wheel build step: the shipped YAML parsed once, here, instead of at every start (``sbp_lint/yaml_snapshot.py``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the checkout's YAML, which may change
        self._scratch = tempfile.mkdtemp()
        out = Path(self._scratch) / "yaml_snapshot.pickle"
        # a child process: sbp_lint's modules are not imported into the build tool's own
        made = subprocess.run([sys.executable, "-m", "sbp_lint.yaml_snapshot", self.root, str(out)],
                              cwd=self.root, capture_output=True, text=True, check=False)
        if made.returncode != 0:  # the wheel works without it (the YAML is parsed at start): say so, go on
            last = (made.stderr.strip().splitlines() or ["no message"])[-1]
            self.app.display_warning(f"sbp-lint: shipped YAML not parsed in advance ({last}); starts will parse it")
            return
        build_data["force_include"][str(out)] = "sbp_lint/yaml_snapshot.pickle"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch:  # the wheel holds its copy now
            shutil.rmtree(scratch, ignore_errors=True)

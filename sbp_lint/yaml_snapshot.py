"""Build step: the shipped YAML (rule packs, word lists, the recognisers' data) parsed for the wheel.

Parsing the 600 kB of shipped YAML into line-numbered mappings took 0.1-0.15 s of every start, a
tenth of a cold one-page check. The wheel's build (``hatch_build.py``) runs ``python -m
sbp_lint.yaml_snapshot ROOT OUT``: each shipped file is parsed once and its data stored under the
SHA-256 of its text, in ``sbp_lint/yaml_snapshot.pickle``, where ``yamlutil.read_yaml_file`` looks a
file's text up before parsing it. A file whose text is not there (a checkout, an edited pack, an
organisation's own) is parsed as before, so the data is always that of the text being read.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from .yamlutil import SNAPSHOT_FORMAT, load_yaml, text_key


def shipped_files(root: Path) -> list[Path]:
    """Every YAML file sbp-lint ships, in a checkout rooted at ``root``."""
    folders = (root / "rules", root / "sbp_lint")
    return sorted(p for folder in folders for p in folder.rglob("*.yaml"))


def build(files: list[Path]) -> bytes:
    """The snapshot of ``files``: each parsed exactly as ``read_yaml_file`` parses it."""
    entries = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text, str(path))
        if data is not None:
            entries[text_key(text)] = pickle.dumps(data, protocol=5)
    return pickle.dumps({"format": SNAPSHOT_FORMAT, "entries": entries}, protocol=5)


def main(argv: list[str]) -> int:
    """``python -m sbp_lint.yaml_snapshot ROOT OUT``: the snapshot of ROOT's shipped YAML, written to OUT."""
    root, out = Path(argv[0]), Path(argv[1])
    out.write_bytes(build(shipped_files(root)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

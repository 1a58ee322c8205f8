"""The shipped YAML (rule packs, word lists, the recognisers' data) parsed when the wheel is built.

Parsing the 600 kB of shipped YAML into line-numbered mappings took 0.1-0.15 s of every start, a
tenth of a cold one-page check. The wheel's build (``hatch_build.py``) parses each shipped file once
and stores the result under the SHA-256 of the file's text; ``read_yaml_file`` looks a file's text up
here before parsing it. A file whose text is not in the snapshot (a checkout, an edited pack, an
organisation's own) is parsed as before, so the data is always that of the text being read.

The snapshot is a pickle because the parsed data is ``LineDict``/``LineList`` objects with their
line numbers; it is read only from beside this module, where the code itself lives (whoever can
change it can change the code), and each file's data is unpickled afresh for each read, so no caller
can see another's changes.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("yaml_snapshot.pickle")
FORMAT = "sbp-lint yaml snapshot 1"  # change when LineDict/LineList change shape


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)
def _entries() -> dict[str, bytes]:
    """Text key -> that text's data, pickled; empty when there is no snapshot (or not one this code wrote)."""
    try:
        data = pickle.loads(SNAPSHOT.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def lookup(text: str):
    """The parsed data of ``text`` if the snapshot holds it, else None (YAML's own null is never stored)."""
    blob = _entries().get(text_key(text))
    return pickle.loads(blob) if blob is not None else None


def shipped_files(root: Path) -> list[Path]:
    """Every YAML file sbp-lint ships, in a checkout rooted at ``root``."""
    folders = (root / "rules", root / "sbp_lint")
    return sorted(p for folder in folders for p in folder.rglob("*.yaml"))


def build(files: list[Path]) -> bytes:
    """The snapshot of ``files``: each parsed exactly as ``read_yaml_file`` parses it."""
    from .yamlutil import load_yaml

    entries = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text, str(path))
        if data is not None:
            entries[text_key(text)] = pickle.dumps(data, protocol=5)
    return pickle.dumps({"format": FORMAT, "entries": entries}, protocol=5)


def main(argv: list[str]) -> int:
    """``python -m sbp_lint.yaml_snapshot ROOT OUT``: the snapshot of ROOT's shipped YAML, written to OUT."""
    root, out = Path(argv[0]), Path(argv[1])
    out.write_bytes(build(shipped_files(root)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

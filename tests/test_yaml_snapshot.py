"""Issue 17, cold start: the shipped YAML parsed when the wheel is built (``sbp_lint/yaml_snapshot.py``,
``hatch_build.py``) gives exactly the data, line numbers included, that parsing the files gives; a text
the snapshot does not hold (an edited or an organisation's pack) is parsed; a wheel built from this
checkout carries the snapshot and checks a plan as the checkout does."""

import os
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sbp_lint import yaml_snapshot, yamlutil
from sbp_lint.yamlutil import LineDict, LineList, load_yaml, parsed_before, read_yaml_file

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "care-and-support-plan.md"


def _same(a, b, where="") -> None:
    """Equal data and equal line numbers all the way down."""
    assert type(a) is type(b), where
    if isinstance(a, LineDict):
        assert (a.line, a.key_lines, list(a)) == (b.line, b.key_lines, list(b)), where
        for key in a:
            _same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, LineList):
        assert (a.line, len(a)) == (b.line, len(b)), where
        for index, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{index}]")
    else:
        assert a == b, where


@pytest.fixture
def snapshot(tmp_path, monkeypatch):
    path = tmp_path / "yaml_snapshot.pickle"
    path.write_bytes(yaml_snapshot.build(yaml_snapshot.shipped_files(ROOT)))
    monkeypatch.setattr(yamlutil, "SNAPSHOT", path)
    yamlutil._snapshot.cache_clear()
    yield path
    yamlutil._snapshot.cache_clear()


def test_every_shipped_file_comes_from_the_snapshot_as_parsing_gives_it(snapshot):
    files = yaml_snapshot.shipped_files(ROOT)
    assert len(files) >= 20 and any(p.parent.name == "practice" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parsed_before(text) is not None, path
        _same(read_yaml_file(path), load_yaml(text, str(path)), str(path))


def test_an_edited_pack_is_parsed_and_each_read_is_a_fresh_copy(snapshot, tmp_path):
    shipped = ROOT / "rules" / "passive.yaml"
    first, second = read_yaml_file(shipped), read_yaml_file(shipped)
    first["rules"].clear()  # one caller changing its data changes no one else's
    assert second["rules"] and read_yaml_file(shipped)["rules"]
    edited = tmp_path / "passive.yaml"
    edited.write_text(shipped.read_text(encoding="utf-8").replace("pack: passive", "pack: passive-edited", 1),
                      encoding="utf-8")
    assert parsed_before(edited.read_text(encoding="utf-8")) is None
    assert read_yaml_file(edited)["pack"] == "passive-edited"


def test_a_damaged_or_foreign_snapshot_is_not_used(snapshot):
    text = (ROOT / "rules" / "label.yaml").read_text(encoding="utf-8")
    for damaged in (b"not a pickle", snapshot.read_bytes()[:100], b"\x80\x05N."):  # junk, cut short, a None
        snapshot.write_bytes(damaged)
        yamlutil._snapshot.cache_clear()
        assert parsed_before(text) is None
        assert read_yaml_file(ROOT / "rules" / "label.yaml")["pack"] == "label"
    entries = {yamlutil.text_key(text): b"damaged"}  # the file whole, one entry not
    snapshot.write_bytes(pickle.dumps({"format": yamlutil.SNAPSHOT_FORMAT, "entries": entries}))
    yamlutil._snapshot.cache_clear()
    assert parsed_before(text) is None and read_yaml_file(ROOT / "rules" / "label.yaml")["pack"] == "label"


PROBE = """
import sys
from pathlib import Path
from sbp_lint import yamlutil
from sbp_lint.yaml_snapshot import shipped_files
assert yamlutil.SNAPSHOT.parent == Path(sys.argv[1]) / "sbp_lint" and yamlutil.SNAPSHOT.is_file(), yamlutil.SNAPSHOT
texts = [p.read_text(encoding="utf-8") for p in shipped_files(Path(sys.argv[2]))]
assert texts and all(yamlutil.parsed_before(t) is not None for t in texts)
print("SNAPSHOT-OK")
"""
CHECK = "import sys; from sbp_lint.cli import main; main(['check', '--no-cache', '--format', 'json', sys.argv[1]])"


def _python(code: str, args: list, site: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, timeout=300,
                          check=False, cwd=cwd, env=env)


def test_the_wheel_carries_the_snapshot_and_checks_as_the_checkout_does(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, timeout=600, check=False)
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    (wheel,) = (tmp_path / "dist").glob("sbp_lint-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        assert "sbp_lint/yaml_snapshot.pickle" in archive.namelist()
        archive.extractall(site)
    probe = _python(PROBE, [site, ROOT], site, tmp_path)
    assert "SNAPSHOT-OK" in probe.stdout.decode(), probe.stderr.decode()[-2000:]
    from_wheel, from_checkout = (_python(CHECK, [PLAN], where, tmp_path) for where in (site, ROOT))
    assert from_wheel.returncode == from_checkout.returncode == 1, from_wheel.stderr.decode()[-2000:]  # findings
    assert b'"rule": "deficit.' in from_wheel.stdout and from_wheel.stdout == from_checkout.stdout

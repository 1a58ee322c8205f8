"""Issue 17, cold start: a check imports spaCy without spaCy's command line (requests, httpx, weasel, jinja2,
typer), finds exactly what it finds with spaCy imported the ordinary way, and leaves ``spacy.info`` and
``spacy.cli`` working for code that wants them."""

import importlib.util
import subprocess
import sys
from pathlib import Path

from sbp_lint.nlp.spacy_import import names_cli_only_for_info

PLAN = Path(__file__).resolve().parents[1] / "examples" / "care-and-support-plan.md"
CLI_MODULES = ("spacy.cli", "requests", "httpx", "weasel", "jinja2", "typer")

CHECK = """
import sys
{before}
from sbp_lint.cli import main
try:
    main(["check", "--no-cache", "--format", "json", sys.argv[1]])
except SystemExit:
    pass
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {heavy!r} or name.startswith("spacy.cli"))
sys.stderr.write("HEAVY:" + ",".join(heavy) + "\\n")
{after}
"""

AFTER = """
import spacy
assert spacy.info(silent=True)["spacy_version"] == spacy.__version__  # the real spacy.info, imported now
assert callable(spacy.cli.download)  # the attribute, as spaCy's own import would have set it
import spacy.cli.info
assert spacy.info is sys.modules["spacy.cli.info"].info
sys.stderr.write("CLI-WORKS\\n")
"""


def _run(before: str = "", after: str = "") -> tuple[str, str]:
    script = CHECK.format(before=before, after=after, heavy=tuple(m for m in CLI_MODULES if "." not in m))
    out = subprocess.run([sys.executable, "-c", script, str(PLAN)], capture_output=True, timeout=300, check=False)
    return out.stdout.decode(), out.stderr.decode()


def _heavy(stderr: str) -> list[str]:
    (line,) = [x for x in stderr.splitlines() if x.startswith("HEAVY:")]
    return [m for m in line.removeprefix("HEAVY:").split(",") if m]


def test_a_check_imports_no_spacy_cli_and_finds_the_same_as_with_it():
    report, stderr = _run(after=AFTER)
    assert _heavy(stderr) == []
    assert "CLI-WORKS" in stderr, stderr[-2000:]
    ordinary, ordinary_stderr = _run(before="import spacy")  # spaCy's own import: its CLI and all
    assert "spacy.cli" in _heavy(ordinary_stderr)
    assert report == ordinary and '"rule": "deficit.' in report


def test_only_the_expected_spacy_init_gets_the_stand_in():
    spec = importlib.util.find_spec("spacy")
    source = Path(spec.origin).read_text(encoding="utf-8")
    assert names_cli_only_for_info(source)  # the installed spaCy: the stand-in is used (the test above)
    assert not names_cli_only_for_info(source + "\nfrom .cli import download\n")
    assert not names_cli_only_for_info(source.replace("from .cli.info import info", "from .cli.info import info, x"))
    assert not names_cli_only_for_info("import sys\n")  # a spaCy that no longer imports it: nothing to avoid


GROUPS = """
import importlib.metadata
import catalogue
from sbp_lint.nlp.spacy_import import import_spacy
spacy = import_spacy()
points = importlib.metadata.entry_points()
grouped = catalogue.AVAILABLE_ENTRY_POINTS
assert type(grouped).__name__ == "_EntryPointsByGroup" and len(grouped) == len(points) and list(grouped) == list(points)
groups = sorted(set(points.groups) | {"spacy_factories", "spacy_languages", "no_such_group"})
for group in groups:
    for _ in range(2):  # kept after the first look-up, the same entry points in the same order
        assert list(grouped.select(group=group)) == list(points.select(group=group)), group
for name in sorted(points.names)[:3]:
    assert list(grouped.select(name=name)) == list(points.select(name=name))  # other look-ups as before
assert grouped.groups == points.groups  # anything else is the entry points' own
assert spacy.blank("en").lang == "en" and callable(spacy.registry.architectures.get("spacy.Tok2Vec.v2"))  # look-ups work
import_spacy()
assert catalogue.AVAILABLE_ENTRY_POINTS is grouped  # not wrapped twice
print("GROUPS-OK")
"""


def test_spacys_registries_see_the_same_entry_points_grouped_once():
    out = subprocess.run([sys.executable, "-c", GROUPS], capture_output=True, timeout=300, check=False)
    assert "GROUPS-OK" in out.stdout.decode(), out.stderr.decode()[-2000:]

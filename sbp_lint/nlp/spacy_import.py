"""``import spacy`` without importing spaCy's command line.

spaCy's ``__init__`` imports ``spacy.cli.info`` for the one name ``spacy.info``, and with it the whole
``spacy.cli`` package: requests, httpx, weasel, jinja2, typer and click's completion, about 0.12-0.15 s
of a cold one-page check (a tenth of it) for code a check never runs. ``import_spacy`` lets spaCy's
``__init__`` find a stand-in ``spacy.cli.info`` whose ``info`` imports the real one when called, and
takes the stand-in away as soon as spaCy is imported, so ``import spacy.cli`` (or ``spacy.cli``, the
attribute) later gets the real package.

It does this only when spaCy's ``__init__`` names ``cli`` in that one line alone (its source is read
first, without importing it); any other spaCy, or an import that fails with the stand-in, gets the
ordinary ``import spacy``. Once spaCy is imported, its registries' entry-point look-ups are answered
once per group (``_EntryPointsByGroup``).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types

# the one line of spaCy's __init__ that may name its CLI (3.x): anything else and spaCy is imported as it is
_EXPECTED_CLI_LINES = ["from .cli.info import info"]
_CLI_WORD = re.compile(r"\bcli\b")
_STAND_IN = "spacy.cli.info"


def import_spacy() -> types.ModuleType:
    """``spacy``, imported (once per process) without ``spacy.cli`` when that is safe, as it is otherwise;
    its registries then look up each group of entry points once (``_EntryPointsByGroup``)."""
    spacy = _import_spacy()
    _entry_point_groups_once()
    return spacy


def _import_spacy() -> types.ModuleType:
    if "spacy" in sys.modules:
        return importlib.import_module("spacy")  # waits while another thread is still importing it
    if _STAND_IN in sys.modules or "spacy.cli" in sys.modules or not _init_names_cli_only_for_info():
        return importlib.import_module("spacy")
    stand_in = types.ModuleType(_STAND_IN)
    stand_in.info = _info  # type: ignore[attr-defined]
    sys.modules[_STAND_IN] = stand_in
    try:
        spacy = importlib.import_module("spacy")
    except ImportError:
        spacy = None  # not this spaCy after all: below, the ordinary import (or its own error)
    finally:
        if sys.modules.get(_STAND_IN) is stand_in:
            del sys.modules[_STAND_IN]
    if spacy is None:
        return importlib.import_module("spacy")
    if "__getattr__" not in vars(spacy):
        spacy.__getattr__ = _cli_on_first_use  # type: ignore[attr-defined]  # PEP 562: only for names not set
    return spacy


class _EntryPointsByGroup:
    """The installed entry points, each group selected once.

    spaCy's registries (catalogue) select their group from every installed entry point on each look-up,
    about 120 times while a pipeline loads (0.02 s). The entry points are read once per process anyway
    (catalogue's ``AVAILABLE_ENTRY_POINTS``), so a group's selection cannot change: it is kept."""

    def __init__(self, points):
        self._points = points
        self._groups: dict = {}

    def select(self, **params):
        if params.keys() != {"group"}:
            return self._points.select(**params)
        group = params["group"]
        if group not in self._groups:
            self._groups[group] = self._points.select(group=group)
        return self._groups[group]

    def __getattr__(self, name: str):
        return getattr(self._points, name)

    def __iter__(self):
        return iter(self._points)

    def __len__(self) -> int:
        return len(self._points)

    def __getitem__(self, key):
        return self._points[key]


def _entry_point_groups_once() -> None:
    catalogue = sys.modules.get("catalogue")
    points = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if points is not None and callable(getattr(points, "select", None)) and not isinstance(points, _EntryPointsByGroup):
        catalogue.AVAILABLE_ENTRY_POINTS = _EntryPointsByGroup(points)


def _init_names_cli_only_for_info() -> bool:
    """True when spaCy's ``__init__`` (read, not imported) names ``cli`` only to import ``info`` from it."""
    try:
        spec = importlib.util.find_spec("spacy")
        if spec is None or not spec.origin or not spec.origin.endswith("__init__.py"):
            return False
        with open(spec.origin, encoding="utf-8") as handle:
            source = handle.read()
    except (ImportError, OSError, ValueError):
        return False
    return names_cli_only_for_info(source)


def names_cli_only_for_info(source: str) -> bool:
    """True when the only lines of ``source`` that name ``cli`` are the expected ``from .cli.info import info``."""
    lines = [line.split("#", 1)[0].strip() for line in source.splitlines() if _CLI_WORD.search(line)]
    return lines == _EXPECTED_CLI_LINES


def _info(*args, **kwargs):
    """``spacy.info``: spaCy's own, imported (with its CLI) when first called."""
    real = importlib.import_module(_STAND_IN).info
    sys.modules["spacy"].info = real
    return real(*args, **kwargs)


def _cli_on_first_use(name: str):
    """``spacy.cli`` as an attribute, for code that reaches it without importing it (spaCy's own import did)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")

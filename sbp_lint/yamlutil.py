"""YAML loading that remembers line numbers, so errors can name them, and refuses alias bombs.

A YAML alias (``*name``) stands for a whole earlier value, so a few hundred bytes of aliases of
aliases can stand for gigabytes ("billion laughs"): one pack once used 5.7 GB as its aliases were
expanded inside a token pattern, and a configuration's ``repr`` (the cache key) 4 GB. A folder being
checked can bring its own ``.sbp-lint.yaml``, so before anything is built from the parsed nodes the
data they stand for is measured, aliases expanded, and a file whose data would be over
``MAX_EXPANSION`` times its own size (and over ``MIN_LIMIT`` characters) is refused with one line.

A file sbp-lint ships is not parsed at all in an installed copy: the wheel's build parsed it
(``yaml_snapshot.py``), and its text's SHA-256 finds that data.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path

import yaml

from .errors import SbpError


class LineDict(dict):
    """A mapping that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


MAX_EXPANSION = 10  # the loaded data may be at most this many times the file's own size ...
MIN_LIMIT = 2_000_000  # ... or this many characters (and nodes), whichever is more


class AliasBomb(ValueError):
    """The file's aliases stand for far more data than the file holds."""


def expanded_size(root: yaml.Node, limit: int) -> int:
    """Characters and nodes the document stands for once every alias is expanded, counted without
    expanding anything (each node once). Raises ``AliasBomb`` past ``limit`` or for an alias inside
    the value it names (infinite)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the current path: meeting one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > limit:
                raise AliasBomb(f"its aliases stand for over {limit:,} characters of data")
            continue
        if key in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = len(node.value) + 1
            continue
        open_nodes.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise AliasBomb("an alias refers to a value that contains it")
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Bounded:
    """Measures a document's expanded size before constructing anything from it."""

    size_limit: int = MIN_LIMIT

    def construct_document(self, node):
        expanded_size(node, self.size_limit)
        return super().construct_document(node)


class _Loader(_Bounded, yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)

# libyaml parses the rule packs ten times faster than the pure-Python parser (a tenth of a
# second of every cold start); errors are still reported by the pure-Python one, whose messages
# and lines the tests pin down.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(_Bounded, yaml.CSafeLoader):  # type: ignore[no-redef]
        pass

    _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def _load(text: str, loader_class: type):
    """``yaml.load`` with this text's size limit (a SafeLoader or CSafeLoader subclass: no Python objects)."""
    loader = loader_class(text)
    loader.size_limit = max(MIN_LIMIT, MAX_EXPANSION * len(text))
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_yaml(text: str, path: str, error: type[SbpError] = SbpError):
    """Parse YAML text; any problem becomes ``error`` naming the file and line."""
    try:
        return _load_or_explain(text, path, error)
    except AliasBomb as exc:
        raise error(f"refused: {exc} (an alias bomb?); write the values out instead of using so many aliases", path) from None


def _load_or_explain(text: str, path: str, error: type[SbpError]):
    if _FastLoader is not None:
        try:
            return _load(text, _FastLoader)
        except (yaml.YAMLError, RecursionError):
            pass  # parse again below, for the usual message and line
    try:
        return _load(text, _Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.line >= len(text.splitlines()):
            mark = exc.context_mark  # "unexpected end": point where the unclosed thing started
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else 'unreadable'}", path) from None
    except RecursionError:
        raise error("invalid YAML: nested too deeply", path) from None


# The shipped YAML, parsed when the wheel was built (``yaml_snapshot.py``): a pickle, because the data is
# LineDicts and LineLists with their line numbers. It is read only from beside this module, where the code
# itself lives (whoever can change it can change the code), and a file's data is unpickled afresh for each
# read, so no caller sees another's changes.
SNAPSHOT = Path(__file__).with_name("yaml_snapshot.pickle")
SNAPSHOT_FORMAT = "sbp-lint yaml snapshot 1"  # change when LineDict/LineList change shape


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _unpickle(blob):
    """``blob`` unpickled, or None when it is not what the wheel's build wrote."""
    try:
        return pickle.loads(blob) if isinstance(blob, bytes) else None
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None


@functools.lru_cache(maxsize=1)
def _snapshot() -> dict[str, bytes]:
    """Text key -> that text's data, pickled; empty without a snapshot (or with one this code did not write)."""
    try:
        data = _unpickle(SNAPSHOT.read_bytes())
    except OSError:
        return {}
    if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def parsed_before(text: str):
    """The data of ``text`` as the wheel's build parsed it, or None (YAML's own null is never stored)."""
    return _unpickle(_snapshot().get(text_key(text)))


def read_yaml_file(path: Path, error: type[SbpError] = SbpError):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "cannot be read as UTF-8"
        raise error(reason, str(path)) from None
    parsed = parsed_before(text)  # a shipped file, parsed when the wheel was built
    return parsed if parsed is not None else load_yaml(text, str(path), error)


def plain(value):
    """LineDict/LineList to plain dict/list (spaCy's pattern validators want plain types)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value

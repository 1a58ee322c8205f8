"""The server's own copy of each open document, kept in step with didOpen/didChange/didClose.

pygls keeps one too, but it splits lines with ``str.splitlines``, so a form feed,
a vertical tab (Word's line break, pasted) or U+2028 in a care note would move
every incremental edit after it. This store splits lines as LSP and sbp-lint do
(``positions.LineIndex``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from .positions import UTF16, LineIndex, Position, apply_change

# LSP language ids (VS Code's, and Neovim's, Helix's and Emacs's file types) -> sbp-lint's reader.
LANGUAGE_FORMATS = {"markdown": "markdown", "plaintext": "text", "text": "text"}
SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}


def uri_to_path(uri: str) -> Path | None:
    """The local file a ``file:`` URI names; None for other schemes (untitled buffers, remote files)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"  # a UNC path
    if len(path) >= 3 and path[0] == "/" and path[2] == ":":
        path = path[1:]  # file:///C:/x -> C:/x
    return Path(path)


def path_to_uri(path: Path) -> str:
    return Path(path).absolute().as_uri()


def document_format(language_id: str, path: Path | None) -> str | None:
    """"markdown" or "text" for documents sbp-lint checks; None for any other language."""
    if language_id in LANGUAGE_FORMATS:
        return LANGUAGE_FORMATS[language_id]
    if path is not None:
        return SUFFIX_FORMATS.get(path.suffix.lower())
    return None


@dataclass
class OpenDocument:
    uri: str
    language_id: str
    version: int
    text: str

    @property
    def path(self) -> Path | None:
        return uri_to_path(self.uri)

    @property
    def format(self) -> str | None:
        return document_format(self.language_id, self.path)

    def apply(self, changes, version: int, encoding: str = UTF16) -> None:
        """Apply didChange's content changes in order (each with a range, or the whole text)."""
        for change in changes:
            change_range = getattr(change, "range", None)
            if change_range is None:
                self.text = change.text
            else:
                start = Position(change_range.start.line, change_range.start.character)
                end = Position(change_range.end.line, change_range.end.character)
                self.text = apply_change(self.text, start, end, change.text, encoding)
        self.version = version

    def index(self) -> LineIndex:
        return LineIndex(self.text)


class DocumentStore:
    def __init__(self) -> None:
        self._documents: dict[str, OpenDocument] = {}

    def open(self, uri: str, language_id: str, version: int, text: str) -> OpenDocument:
        document = OpenDocument(uri, language_id, version, text)
        self._documents[uri] = document
        return document

    def get(self, uri: str) -> OpenDocument | None:
        return self._documents.get(uri)

    def close(self, uri: str) -> None:
        self._documents.pop(uri, None)

    def all(self) -> list[OpenDocument]:
        return list(self._documents.values())

    def by_path(self, path: Path) -> OpenDocument | None:
        """The open document for a local file, if the editor has it open (and sends it to us)."""
        wanted = _same_file_key(path)
        for document in self._documents.values():
            if (p := document.path) is not None and _same_file_key(p) == wanted:
                return document
        return None


def _same_file_key(path: Path) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(Path(path).absolute())

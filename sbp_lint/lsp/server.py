"""``sbp-lint lsp``: the language server (pygls 2.x over standard input and output).

Flow: didOpen checks at once; didChange waits ``DEBOUNCE`` seconds of quiet
(a newer change cancels the wait) and then checks. Checks run one at a time on
a single worker thread, off the event loop (spaCy pipelines are not safe to
share between threads, and the loop must keep answering hovers and code
actions). A result is published only if the document's version is still the
one that was checked; otherwise it is dropped and the newer check wins.

Configuration is found per document as the command line finds it (see
``linters.py``). When a ``.sbp-lint.yaml`` changes (saved, edited in an editor
that sends it to us, or reported by the client's file watcher), every open
document is checked again.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..config import CONFIG_NAMES
from ..errors import SbpError
from ..findings import Finding
from ..policy.suppress import META_RULES
from . import actions as quick
from .diagnostics import SOURCE, error_diagnostic, hover_markdown, to_diagnostic, to_range
from .documents import DocumentStore, OpenDocument, path_to_uri, uri_to_path
from .linters import ConfigKey, LinterPool
from .positions import UTF16, LineIndex, Position

DEBOUNCE = 0.3  # seconds of no typing before a changed document is checked
POLL_CONFIG = 2.0  # seconds between looks at configuration files, for clients that do not watch files
CONFIG_FILES = (*CONFIG_NAMES, "pyproject.toml")
log = logging.getLogger("sbp_lint.lsp")


@dataclass
class Checked:
    """The outcome of one check: what was checked, and what was found (or why it could not be)."""

    version: int
    text: str
    findings: list[Finding] = field(default_factory=list)
    rules: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    key: ConfigKey | None = None  # the configuration it was checked with, to notice when that changes

    def rule(self, rule_id: str):
        return self.rules.get(rule_id) or META_RULES.get(rule_id)


def run_check(pool: LinterPool, text: str, path: Path | None, fmt: str, unsaved: dict[Path, str]) -> tuple:
    """On the worker thread: findings for ``text``, or the one-line reason it could not be checked."""
    key = None
    try:
        key = pool.key(path, unsaved)  # kept with an error too, so repairing the configuration is noticed
        linter, key = pool.linter_for(path, unsaved)
        limit = linter.config.max_bytes
        if len(text.encode("utf-8", "surrogatepass")) > limit:
            return [], {}, f"the document is over the {linter.config.max_file_size_mb:g} MB limit (max_file_size_mb)", key
        findings = linter.check_text(text, path=str(path) if path else "<untitled>", fmt=fmt)
        return findings, linter.all_rules, None, key
    except SbpError as exc:
        return [], {}, str(exc), key
    except Exception as exc:  # noqa: BLE001 - one bad document must not take the server down
        log.exception("check failed")
        return [], {}, f"internal error: {type(exc).__name__}: {exc}", key


class SbpLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("sbp-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.store = DocumentStore()
        self.pool = LinterPool()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sbp-lint-check")
        self.pending: dict[str, asyncio.Task] = {}
        self.checked: dict[str, Checked] = {}
        self.shown_errors: set[str] = set()
        self.shutdown_requested = False
        self.debounce = DEBOUNCE
        self._poller: asyncio.Task | None = None

    # -- state -----------------------------------------------------------
    @property
    def encoding(self) -> str:
        """The position encoding agreed at initialize (pygls picks the client's first choice it supports)."""
        try:
            value = self.workspace.position_encoding
        except RuntimeError:
            return UTF16
        return str(getattr(value, "value", value) or UTF16)

    def unsaved_configs(self) -> dict[Path, str]:
        """Configuration files open in the editor, with their current (maybe unsaved) text."""
        found = {}
        for document in self.store.all():
            path = document.path
            if path is not None and path.name in CONFIG_NAMES:
                found[_resolved(path)] = document.text
        return found

    # -- checking --------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing any check still waiting or running for it."""
        if self.shutdown_requested:
            return
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_after(uri, delay))

    def recheck_all(self, delay: float = 0.05) -> None:
        for document in self.store.all():
            if document.format is not None:
                self.schedule(document.uri, delay)

    async def _check_after(self, uri: str, delay: float) -> None:
        task = asyncio.current_task()
        try:
            if delay:
                await asyncio.sleep(delay)
            document = self.store.get(uri)
            if document is None or document.format is None:
                return
            version, text, path = document.version, document.text, document.path
            loop = asyncio.get_running_loop()
            findings, rules, error, key = await loop.run_in_executor(
                self.worker, run_check, self.pool, text, path, document.format, self.unsaved_configs())
            current = self.store.get(uri)
            if current is None or current.version != version:
                return  # typed over while checking: the newer check publishes
            self.publish(uri, Checked(version, text, findings, rules, error, key))
        except asyncio.CancelledError:
            pass
        finally:
            if self.pending.get(uri) is task:
                del self.pending[uri]

    def publish(self, uri: str, result: Checked) -> None:
        self.checked[uri] = result
        index, encoding = LineIndex(result.text), self.encoding
        if result.error:
            diagnostics = [error_diagnostic(index, result.error, encoding)]
            if result.error not in self.shown_errors:
                self.shown_errors.add(result.error)
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"sbp-lint: {result.error}"))
        else:
            diagnostics = [to_diagnostic(index, f, result.rule(f.rule), encoding) for f in result.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, result.version))

    def clear(self, uri: str) -> None:
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    async def poll_configs(self) -> None:
        """For clients that cannot watch files: look for changed configurations every few seconds."""
        while not self.shutdown_requested:
            await asyncio.sleep(POLL_CONFIG)
            unsaved = self.unsaved_configs()
            for uri, result in list(self.checked.items()):
                document = self.store.get(uri)
                if document is None or uri in self.pending or result.key is None:
                    continue
                try:
                    changed = self.pool.key(document.path, unsaved) != result.key
                except OSError:
                    changed = False
                if changed:
                    self.schedule(uri, 0)

    # -- quick fixes and hover --------------------------------------------
    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = self.store.get(params.text_document.uri)
        if document is None or document.format is None:
            return []
        only = params.context.only
        if only and not any(types.CodeActionKind.QuickFix.value.startswith(str(getattr(k, "value", k))) for k in only):
            return []  # the client asked for other kinds (e.g. source.organizeImports on save)
        index, encoding = LineIndex(document.text), self.encoding
        result: list[types.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else None
            if diagnostic.source != SOURCE or data is None or not data.get("rule"):
                continue
            start = index.offset(Position(diagnostic.range.start.line, diagnostic.range.start.character), encoding)
            end = index.offset(Position(diagnostic.range.end.line, diagnostic.range.end.character), encoding)
            if not quick.still_flagged(document.text, start, end, data):
                continue  # the words are no longer there: no edit rather than a wrong one
            found = quick.fix_actions(document.text, start, end, data, diagnostic)
            if data.get("allow"):
                found.append(self._allow_action(document, data["text"], diagnostic))
            if document.format == "markdown":
                found.append(quick.disable_action(document.text, start, data["rule"], diagnostic))
            result += [self._code_action(document, action) for action in found if action is not None]
        return result

    def _allow_action(self, document: OpenDocument, flagged: str, diagnostic) -> quick.Action | None:
        """Allow the phrase in the configuration that governs the document, or a new .sbp-lint.yaml."""
        config = self.pool.config_path(document.path)
        if config is None:
            folder = self._workspace_folder(document.path)
            if folder is None or not self._can_create_files():
                return None
            return quick.allow_action(folder / CONFIG_NAMES[0], None, flagged, diagnostic)
        if config.name not in CONFIG_NAMES:
            return None  # [tool.sbp-lint] in pyproject.toml: not edited automatically
        open_copy = self.store.by_path(config)
        try:
            text = open_copy.text if open_copy else config.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return quick.allow_action(config, text, flagged, diagnostic)

    def _workspace_folder(self, path: Path | None) -> Path | None:
        if path is None:
            return None
        for root in self.pool.roots:
            if path.parent == root or root in path.parents:
                return root
        return path.parent

    def _client_workspace_edit(self):
        workspace = self.client_capabilities.workspace
        return workspace.workspace_edit if workspace else None

    def _can_create_files(self) -> bool:
        edit = self._client_workspace_edit()
        return bool(edit and edit.document_changes and types.ResourceOperationKind.Create in (edit.resource_operations or []))

    def _code_action(self, document: OpenDocument, action: quick.Action) -> types.CodeAction:
        encoding = self.encoding
        if action.config_path is not None:
            edit = self._config_edit(action, encoding)
        else:
            index = LineIndex(document.text)
            edits = [types.TextEdit(_lsp_range(index, e.start, e.end, encoding), e.new_text) for e in action.edits]
            edit = self._workspace_edit(document.uri, document.version, edits)
        return types.CodeAction(
            title=action.title, kind=types.CodeActionKind.QuickFix, diagnostics=[action.diagnostic],
            is_preferred=action.preferred or None, edit=edit)

    def _workspace_edit(self, uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        client = self._client_workspace_edit()
        if client and client.document_changes:
            # With the version, a client refuses the edit if the document changed since.
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(identifier, edits)])
        return types.WorkspaceEdit(changes={uri: edits})

    def _config_edit(self, action: quick.Action, encoding: str) -> types.WorkspaceEdit:
        uri = path_to_uri(action.config_path)
        if action.create_config:
            insert = types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), action.config_edit.new_text)
            return types.WorkspaceEdit(document_changes=[
                types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)),
                types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None), [insert]),
            ])
        open_copy = self.store.by_path(action.config_path)
        edit = action.config_edit
        text_edit = types.TextEdit(_lsp_range(LineIndex(action.config_text), edit.start, edit.end, encoding), edit.new_text)
        return self._workspace_edit(uri, open_copy.version if open_copy else None, [text_edit])

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        document, result = self.store.get(uri), self.checked.get(uri)
        if document is None or result is None or result.version != document.version:
            return None  # findings from an older text would point at the wrong words
        index, encoding = LineIndex(document.text), self.encoding
        offset = index.offset(Position(params.position.line, params.position.character), encoding)
        for finding in result.findings:
            start = index.offset_of(finding.line, finding.column)
            end = index.offset_of(finding.end_line, finding.end_column)
            if start <= offset < end or offset == start == end:
                text = hover_markdown(finding, result.rule(finding.rule))
                kind = types.MarkupKind.Markdown
                if not self._hover_takes_markdown():
                    text, kind = text.replace("**", ""), types.MarkupKind.PlainText
                return types.Hover(contents=types.MarkupContent(kind, text), range=to_range(index, finding, encoding))
        return None

    def _hover_takes_markdown(self) -> bool:
        document = self.client_capabilities.text_document
        formats = document.hover.content_format if document and document.hover else None
        return not formats or types.MarkupKind.Markdown in formats


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _lsp_range(index: LineIndex, start: int, end: int, encoding: str) -> types.Range:
    a, b = index.position(start, encoding), index.position(end, encoding)
    return types.Range(types.Position(a.line, a.character), types.Position(b.line, b.character))


def _is_config(path: Path | None) -> bool:
    return path is not None and path.name in CONFIG_FILES


def _roots(params: types.InitializeParams) -> list[Path]:
    uris = [folder.uri for folder in params.workspace_folders or []]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    roots = [p for p in (uri_to_path(u) for u in uris) if p is not None]
    if not roots and params.root_path:
        roots = [Path(params.root_path)]
    return [_resolved(p) for p in roots]


def create_server() -> SbpLanguageServer:
    server = SbpLanguageServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: SbpLanguageServer, params: types.InitializeParams) -> None:
        ls.pool.roots = _roots(params)
        # Load the pipeline and packs now, on the worker, so the first document does not wait for them.
        ls.worker.submit(run_check, ls.pool, "", None, "markdown", {})

    @server.feature(types.INITIALIZED)
    async def initialized(ls: SbpLanguageServer, params: types.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched and watched.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
            registration = types.Registration(
                id="sbp-lint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
            try:
                await ls.client_register_capability_async(types.RegistrationParams([registration]))
                return
            except Exception:  # noqa: BLE001 - a client that refuses falls back to polling
                log.info("client refused file watching; polling configuration files")
        ls._poller = asyncio.ensure_future(ls.poll_configs())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SbpLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        document = ls.store.open(item.uri, item.language_id, item.version, item.text)
        if _is_config(document.path):
            ls.recheck_all()
        elif document.format is not None:
            ls.schedule(item.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SbpLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.store.get(params.text_document.uri)
        if document is None:
            return
        document.apply(params.content_changes, params.text_document.version, ls.encoding)
        if _is_config(document.path):
            ls.recheck_all(ls.debounce)
        elif document.format is not None:
            ls.schedule(document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: SbpLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        if _is_config(uri_to_path(params.text_document.uri)):
            ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SbpLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.store.get(uri)
        ls.store.close(uri)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        if document is not None and _is_config(document.path):
            ls.recheck_all()  # its unsaved edits no longer count; the file on disk does
        elif uri in ls.checked:
            ls.clear(uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: SbpLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(uri_to_path(change.uri)) for change in params.changes):
            ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(ls: SbpLanguageServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        removed = {uri_to_path(f.uri) for f in params.event.removed}
        added = [p for p in (uri_to_path(f.uri) for f in params.event.added) if p is not None]
        ls.pool.roots = [r for r in ls.pool.roots if r not in {_resolved(p) for p in removed if p}]
        ls.pool.roots += [_resolved(p) for p in added]

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: SbpLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SbpLanguageServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: SbpLanguageServer, *args) -> None:
        ls.shutdown_requested = True
        for task in [*ls.pending.values(), *([ls._poller] if ls._poller else [])]:
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve() -> int:
    """Run the server on standard input and output until the client says exit; the exit code LSP asks for."""
    # Anything printed to stdout would corrupt the protocol stream: keep the real one for messages only.
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="sbp-lint lsp: %(levelname)s %(message)s")
    server = create_server()
    server.start_io(stdin, stdout)
    # LSP: exit with 0 after a shutdown request, 1 if the client went away without one.
    return 0 if server.shutdown_requested else 1

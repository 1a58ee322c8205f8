"""The server's scheduling, in process: changes while typing coalesce, and an old version's result is dropped.

No timing is asserted: a fake check blocks on an event the test releases."""

import asyncio
import threading

import pytest
from lsprotocol import types

pytest.importorskip("pygls.lsp.server")

from sbp_lint.lsp import server as server_module  # noqa: E402
from sbp_lint.lsp.server import create_server  # noqa: E402


class FakeChecks:
    """Stands in for run_check: records each call, and holds it until released."""

    def __init__(self):
        self.calls: list[str] = []
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self, pool, text, path, fmt, unsaved):
        self.calls.append(text)
        self.started.set()
        self.release.wait(30)
        return [], {}, None, None


@pytest.fixture
def server(monkeypatch):
    ls = create_server()
    published = []
    monkeypatch.setattr(ls, "text_document_publish_diagnostics", lambda params: published.append(params))
    ls.published = published
    checks = FakeChecks()
    monkeypatch.setattr(server_module, "run_check", checks)
    ls.checks = checks
    yield ls
    ls.worker.shutdown(wait=False, cancel_futures=True)


def change(ls, uri, version, text):
    document = ls.store.get(uri)
    document.apply([types.TextDocumentContentChangeWholeDocument(text=text)], version)
    ls.schedule(uri, ls.debounce)


def test_changes_in_quick_succession_are_checked_once_with_the_last_text(server):
    uri = "file:///ws/plan.md"

    async def scenario():
        server.debounce = 0.01
        server.store.open(uri, "markdown", 1, "one")
        for version, text in enumerate(["two", "three", "four"], start=2):
            change(server, uri, version, text)  # no await in between: each replaces the waiting one
        server.checks.release.set()
        await asyncio.gather(*server.pending.values())

    asyncio.run(scenario())
    assert server.checks.calls == ["four"]
    assert [p.version for p in server.published] == [4]


def test_a_result_for_an_older_version_is_not_published(server):
    uri = "file:///ws/plan.md"

    async def scenario():
        server.store.open(uri, "markdown", 1, "first text")
        server.schedule(uri, 0)
        first = server.pending[uri]
        await asyncio.get_running_loop().run_in_executor(None, server.checks.started.wait, 30)
        # The check of version 1 is running on the worker; the writer types on.
        server.store.get(uri).apply([types.TextDocumentContentChangeWholeDocument(text="second text")], 2)
        server.checks.release.set()
        await asyncio.gather(first, return_exceptions=True)
        assert server.published == []  # version 1's findings would point at words that moved
        server.schedule(uri, 0)
        await asyncio.gather(*server.pending.values())

    asyncio.run(scenario())
    assert server.checks.calls == ["first text", "second text"]
    assert [p.version for p in server.published] == [2]


def test_documents_in_other_languages_are_not_checked(server):
    async def scenario():
        server.store.open("file:///ws/app.py", "python", 1, "x = 1")
        server.schedule("file:///ws/app.py", 0)
        server.checks.release.set()
        await asyncio.gather(*server.pending.values())

    asyncio.run(scenario())
    assert server.checks.calls == [] and server.published == []

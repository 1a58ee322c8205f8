"""A small synchronous JSON-RPC client for ``sbp-lint lsp``, for the end-to-end tests.

It starts the real command in a child process and speaks LSP over its stdin and
stdout, as an editor does: Content-Length framed JSON, requests with ids,
notifications without, and answers to the server's own requests (such as
client/registerCapability). A reader thread queues everything the server sends.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any


class LspClient:
    def __init__(self, cwd: Path | None = None, env: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sbp_lint.cli", "lsp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=cwd, env={**os.environ, **(env or {})},
        )
        self.messages: queue.Queue = queue.Queue()
        self.notifications: list[dict] = []  # everything the server sent without an id, in order
        self.server_requests: list[dict] = []
        self.published: dict[str, dict] = {}  # uri -> the last publishDiagnostics params for it
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.stderr = b""

    # -- wire -------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def _next(self, timeout: float) -> dict:
        message = self.messages.get(timeout=timeout)
        if message is None:
            raise EOFError(f"server closed its output; stderr: {self._stderr()}")
        if "method" in message and "id" in message:  # a request from the server: answer it
            self.server_requests.append(message)
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
            if message["method"] == "textDocument/publishDiagnostics":
                self.published[message["params"]["uri"]] = message["params"]
        return message

    def _stderr(self) -> str:
        if self.process.poll() is not None and not self.process.stderr.closed:
            self.stderr += self.process.stderr.read() or b""
        return self.stderr.decode("utf-8", "replace")[-2000:]

    # -- protocol ---------------------------------------------------------
    def request(self, method: str, params: Any = None, timeout: float = 120) -> Any:
        self._next_id += 1
        my_id = self._next_id
        self._send({"jsonrpc": "2.0", "id": my_id, "method": method, "params": params})
        while True:
            message = self._next(timeout)
            if message.get("id") == my_id and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")

    def notify(self, method: str, params: Any = None) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, method: str, predicate=lambda params: True, timeout: float = 120) -> dict:
        """The params of the first notification ``method`` not yet taken that ``predicate`` accepts
        (waiting for it if need be); it is taken, so the next call finds a later one."""
        seen = 0
        while True:
            for message in self.notifications[seen:]:
                if message["method"] == method and predicate(message["params"]):
                    self.notifications.remove(message)
                    return message["params"]
            seen = len(self.notifications)
            self._next(timeout)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 120) -> list[dict]:
        """The next diagnostics published for ``uri`` (for ``version``, when given)."""
        params = self.wait_for("textDocument/publishDiagnostics",
                               lambda p: p["uri"] == uri and (version is None or p.get("version") == version), timeout)
        return params["diagnostics"]

    def initialize(self, root: Path, capabilities: dict | None = None) -> dict:
        result = self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": capabilities if capabilities is not None else DEFAULT_CAPABILITIES,
        })
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}})

    def change(self, uri: str, version: int, changes: list[dict]) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    def stop(self, timeout: float = 30) -> int:
        """shutdown then exit, as an editor closes the server; the server's exit code."""
        self.request("shutdown")
        self.notify("exit")
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._stderr()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass


DEFAULT_CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "workspace": {
        "workspaceEdit": {"documentChanges": True, "resourceOperations": ["create", "rename", "delete"]},
        "didChangeWatchedFiles": {"dynamicRegistration": True},
    },
    "textDocument": {
        "synchronization": {"didSave": True},
        "publishDiagnostics": {"versionSupport": True},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
    },
}

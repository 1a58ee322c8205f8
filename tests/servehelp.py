"""Running the real web server (uvicorn, in a thread) for the ``serve`` tests, and plain HTTP requests to it."""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Iterator

from sbp_lint.serve.server import bind, build_server


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Served:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Answer:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers={"Host": f"{self.host}:{self.port}", **(headers or {})})
            response = connection.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def check(self, text: str, filename: str | None = None, headers: dict | None = None) -> Answer:
        body = {"text": text} if filename is None else {"text": text, "filename": filename}
        return self.request("POST", "/api/check", json.dumps(body).encode(),
                            {"Content-Type": "application/json", **(headers or {})})

    def upload(self, path: str, name: str, data: bytes, field: str = "file") -> Answer:
        body, content_type = multipart(field, name, data)
        return self.request("POST", path, body, {"Content-Type": content_type})


def multipart(field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body with one file, as a browser's FormData sends it."""
    boundary = f"----sbp{uuid.uuid4().hex}"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@contextlib.contextmanager
def serving(linter, max_bytes: int | None = None) -> Iterator[Served]:
    """The page's server on a free loopback port, as ``sbp-lint serve`` builds it, stopped afterwards."""
    sock = bind("127.0.0.1", 0)
    server = build_server(linter, sock, "127.0.0.1", max_bytes=max_bytes)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield Served("127.0.0.1", sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

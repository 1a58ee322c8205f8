"""A per-file time limit, so one pathological document cannot hold up a library run."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator


class FileTimeout(BaseException):
    """The file took longer than its time limit.

    Not an ``Exception`` (as asyncio's ``CancelledError`` is not): the alarm can land anywhere, and code that
    turns an ordinary failure into "no rewrite for this finding" must not swallow the deadline with it."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``FileTimeout`` in this thread after ``seconds`` (POSIX main thread only; elsewhere no limit)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

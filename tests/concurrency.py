"""Running writers at the same moment, for the concurrency tests.

Only meaningful on PostgreSQL: SQLite serialises all writers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

from tests.conftest import require_or_skip


def require_postgresql() -> None:
    require_or_skip(
        connection.vendor == "postgresql",
        "needs PostgreSQL (set ACCORD_DATABASE_URL): SQLite serialises all writers",
    )


def run_together(jobs: list[Callable[[], Any]], *, timeout: float = 180) -> list[Any]:
    """Start every job at the same moment in its own thread; return each
    job's result or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = jobs[i]()
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a writer is stuck"
    return results

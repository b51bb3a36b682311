"""`accord serve` runs the ASGI app with uvicorn and serves static files
without ACCORD_DEBUG."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env.update(ACCORD_DATA_DIR=str(data_dir), ACCORD_SECRET_KEY="s" * 50)
    return env


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}


@pytest.fixture
def server(tmp_path: Path):
    env = _env(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "accord.cli", "manage", "migrate", "--no-input", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            _get(base + "/api/v1/openapi.json")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                out = proc.communicate()[0]
                pytest.fail(f"accord serve did not come up:\n{out}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    if proc.stdout:
        proc.stdout.close()


def test_serve_answers_pages_api_and_static_files_without_debug(server: str):
    status, body, headers = _get(server + "/static/accord/htmx.min.js")
    assert status == 200
    assert b"htmx" in body[:2000]
    status, body, _ = _get(server + "/api/v1/openapi.json")
    assert status == 200
    assert b'"openapi"' in body
    status, body, headers = _get(server + "/")
    assert status == 200
    assert "script-src 'self'" in headers["content-security-policy"]

"""Two `accord serve` processes sharing PostgreSQL and Redis behave as one.

The test creates a database of its own on the PostgreSQL server of
ACCORD_DATABASE_URL, migrates it, builds a live session in it, and starts two
servers on different ports with ACCORD_REDIS_URL. Real websocket clients
(the `websockets` package) then check that a client on one node sees what
happens through the other, and that a client that drops and reconnects to
the other node catches up with exactly what it missed.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("ACCORD_DATABASE_URL", "")
REDIS_URL = os.environ.get("ACCORD_REDIS_URL", "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(DATABASE_URL, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


@dataclass
class Cluster:
    nodes: list[str]  # base URLs
    session: int
    cookie_name: str
    cookies: dict[str, str]
    uids: dict[str, str]

    def url(self, node: int, query: str = "") -> str:
        base = self.nodes[node].replace("http://", "ws://")
        return f"{base}/ws/live/{self.session}/" + (f"?{query}" if query else "")


def _wait_for(base: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"accord serve did not come up:\n{proc.communicate()[0]}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    require_or_skip(
        DATABASE_URL.startswith(("postgres://", "postgresql://")),
        "needs PostgreSQL: set ACCORD_DATABASE_URL=postgres://...",
        needs="postgresql",
    )
    require_or_skip(bool(REDIS_URL), "needs Redis: set ACCORD_REDIS_URL=redis://...", needs="redis")
    name = f"accord_two_nodes_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env.update(
        ACCORD_DATABASE_URL=_with_database(DATABASE_URL, name),
        ACCORD_REDIS_URL=REDIS_URL,
        ACCORD_SECRET_KEY="two-nodes-" + "k" * 40,
        ACCORD_DATA_DIR=str(tmp_path_factory.mktemp("nodes")),
        PYTHONPATH=str(ROOT),
    )
    procs: list[subprocess.Popen[str]] = []
    try:
        cli = [sys.executable, "-m", "accord.cli"]
        subprocess.run(
            [*cli, "manage", "migrate", "--no-input", "-v", "0"], env=env, check=True, timeout=300
        )
        scene = subprocess.run(
            [sys.executable, "-m", "tests.live.nodes_scene"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        info = json.loads(scene.stdout.strip().splitlines()[-1])
        nodes = []
        for _ in range(2):
            port = _free_port()
            proc = subprocess.Popen(
                [*cli, "serve", "--port", str(port)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            procs.append(proc)
            nodes.append(f"http://127.0.0.1:{port}")
        for base, proc in zip(nodes, procs, strict=True):
            _wait_for(base, proc)
        yield Cluster(nodes=nodes, **info)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
            if proc.stdout:
                proc.stdout.close()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _connect(cluster: Cluster, node: int, role: str, query: str = "") -> Any:
    from websockets.asyncio.client import connect

    return connect(
        cluster.url(node, query),
        origin=cluster.nodes[node],  # type: ignore[arg-type]
        additional_headers={"Cookie": f"{cluster.cookie_name}={cluster.cookies[role]}"},
        proxy=None,
        open_timeout=20,
    )


async def _until(ws: Any, done: Any, timeout: float = 15) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = []
    async with asyncio.timeout(timeout):
        while True:
            got.append(json.loads(await ws.recv()))
            if done(got[-1]):
                return got


def _is(kind: str, **data: Any) -> Any:
    return lambda m: m.get("type") == kind and all(m["data"].get(k) == v for k, v in data.items())


def test_an_edit_through_one_node_reaches_a_client_of_the_other(cluster: Cluster):
    async def scenario() -> None:
        async with (
            _connect(cluster, 0, "observer") as viewer,
            _connect(cluster, 1, "participant") as pen,
        ):
            hello = json.loads(await viewer.recv())
            assert hello["type"] == "snapshot"
            revision = next(
                p["revision"] for p in hello["state"]["provisions"] if p["uid"] == cluster.uids["3"]
            )
            json.loads(await pen.recv())
            text = f"Security in Eurasia is indivisible (edited through node 2, r{revision})."
            await pen.send(
                json.dumps(
                    {
                        "action": "edit",
                        "ref": "e1",
                        "uid": cluster.uids["3"],
                        "text": text,
                        "revision": revision,
                    }
                )
            )
            got = await _until(viewer, _is("text.edited", uid=cluster.uids["3"]))
            edited = got[-1]["data"]
            assert (edited["text"], edited["revision"]) == (text, revision + 1)
            # The pen-holder's arrival on node 2 reached node 1 too.
            joined = [m for m in got if m.get("type") == "presence.joined"]
            assert joined
            assert joined[0]["data"]["connection"]["venue"]["city"]["en"] == "Minsk"
            # And the floor queue: asked on node 1, seen on node 2.
            await viewer.send(json.dumps({"action": "floor.request", "ref": "f1"}))
            seen = await _until(pen, _is("floor.requested"))
            assert seen[-1]["data"]["entry"]["delegation"]["code"].endswith("OBS")

    asyncio.run(scenario())


def test_a_client_that_drops_catches_up_on_the_other_node(cluster: Cluster):
    async def scenario() -> None:
        async with _connect(cluster, 1, "participant") as pen:
            state = json.loads(await pen.recv())["state"]
            revision = next(
                p["revision"] for p in state["provisions"] if p["uid"] == cluster.uids["1"]
            )
            async with _connect(cluster, 0, "other_participant") as viewer:
                seq = json.loads(await viewer.recv())["state"]["seq"]
            texts = [f"The purposes of this Charter are peace ({i})." for i in range(3)]
            for i, text in enumerate(texts):
                await pen.send(
                    json.dumps(
                        {
                            "action": "edit",
                            "ref": f"e{i}",
                            "uid": cluster.uids["1"],
                            "text": text,
                            "revision": revision + i,
                        }
                    )
                )
                reply = await _until(pen, lambda m: m.get("type") == "reply")
                assert reply[-1]["ok"], reply[-1]
            # Back, on the other node, with the number it had: exactly what it missed.
            async with _connect(cluster, 1, "other_participant", f"after={seq}") as back:
                catchup = json.loads(await back.recv())
                assert catchup["type"] == "catchup"
                numbers = [e["seq"] for e in catchup["events"]]
                assert numbers == list(range(seq + 1, seq + 1 + len(numbers)))
                edits = [e["data"]["text"] for e in catchup["events"] if e["type"] == "text.edited"]
                assert edits == texts

    asyncio.run(scenario())


def test_a_non_participant_is_refused_by_either_node(cluster: Cluster):
    from websockets.exceptions import InvalidStatus

    async def scenario() -> None:
        for node in (0, 1):
            with pytest.raises(InvalidStatus) as refused:
                async with _connect(cluster, node, "outsider"):
                    pass
            assert refused.value.response.status_code == 403

    asyncio.run(scenario())

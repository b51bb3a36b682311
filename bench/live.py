"""Benchmark: live fan-out of the pen-holder's edits over two nodes.

Creates a PostgreSQL database of its own, migrates it and builds a live
session of a meeting at two venues (Minsk, Moscow) with 25 participant
delegations and up to 500 delegates, each with their own account; starts two
`accord serve` processes sharing that database and a Redis
(ACCORD_REDIS_URL), and two floor processes (`bench/live_floor.py`: the same
uvicorn and Channels stack and the same channel layer, without Accord).

For each number of clients: that many delegates connect (real websocket
clients, the `websockets` package, each with its own signed-in session),
alternately to the first and the second node; the pen-holder, connected to
the second node, edits the provision in focus five times a second. Every
client records when each edit reaches it. Latency is from the moment the
pen-holder's client sends the edit to the moment a delegate's client has
received it: websocket, authorisation, the edit service (PostgreSQL
transaction: revision check, audit event, the session's log), publication
after commit, the channel layer, the other node, the delegate's websocket.

Then the floor: as many clients connect to the floor processes; the same
messages (the edits' events as Accord broadcast them, byte for byte) are
published to their group through the same channel layer at the same rate,
and the latency is from publication to receipt. The ratio of the two is what
Accord's logic adds to a bare broadcast through the same machinery.

Server CPU is the CPU time of the two server processes (user + system, from
/proc) during the edits, as a share of one core; Redis's likewise.

    uv run python bench/live.py [--clients 50,200,500] [--seconds 20] [--rate 5]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]
        [--redis-url redis://127.0.0.1:6379/3] [--no-write]

ACCORD_DATABASE_URL and ACCORD_REDIS_URL are used when set and the options
are not given. With --write (the default) the results replace the
"## Live fan-out" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Live fan-out"
COMMAND = "uv run python bench/live.py"
TARGET_MS = 250
TARGET_CLIENTS = 200
DELEGATIONS = 25
REVISION = re.compile(r'"revision":(\d+)')
BASE_TEXT = (
    "The Parties shall hold regular consultations in the Eurasian format, at the "
    "level of Foreign Ministers, at venues agreed by consensus, with the participation "
    "of observers as the Parties decide; the consultations shall address the practical "
    "and procedural matters of the Charter, its principles and its action plan"
)


# Infrastructure -------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _redis_pid(url: str) -> int | None:
    import redis

    try:
        return int(redis.Redis.from_url(url).info("server")["process_id"])
    except Exception:
        return None


@dataclass
class Node:
    base: str
    proc: subprocess.Popen[bytes]

    @property
    def ws(self) -> str:
        return self.base.replace("http://", "ws://")


def _start(command: list[str], env: dict[str, str], probe: str) -> Node:
    port = _free_port()
    log = open(Path(env["ACCORD_DATA_DIR"]) / f"server-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if probe:
                urllib.request.urlopen(base + probe, timeout=5).close()
            else:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return Node(base, proc)
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"could not start {' '.join(command)}") from None
            time.sleep(0.3)


def _log_errors(node: Node) -> int:
    """Exceptions the server logged ("Exception in ASGI application")."""
    log = Path(os.environ["ACCORD_DATA_DIR"]) / f"server-{node.base.rsplit(':', 1)[1]}.log"
    return log.read_text(errors="replace").count("Exception in ASGI application")


# The scene --------------------------------------------------------------------------


@dataclass
class Scene:
    session: int
    uid: str
    revision: int
    pen_cookie: str
    cookies: list[str]


def build_scene(count: int) -> Scene:
    """A process, a meeting at two venues, DELEGATIONS delegations and `count`
    delegates (plus a chair and the pen-holder) with signed-in sessions."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore

    from accord.core.actors import SYSTEM
    from accord.documents import services as documents
    from accord.live import services as live
    from accord.meetings.models import Attendance, Meeting, Venue
    from accord.processes.models import (
        Delegation,
        DelegationMember,
        Participation,
        Party,
        Person,
        Process,
        ProcessRole,
    )

    User = get_user_model()
    process = Process.objects.create(
        slug="bench-live", title={"en": "Live fan-out benchmark"}, phase="negotiation"
    )
    parties = Party.objects.bulk_create(
        Party(slug=f"bench-{i:02d}", names={"en": f"Party {i:02d}"}) for i in range(DELEGATIONS)
    )
    Participation.objects.bulk_create(
        Participation(process=process, party=p, standing="participant") for p in parties
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(process=process, party=p) for p in parties
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"delegate-{i:03d}", display_name=f"Delegate {i:03d}", password=password)
        for i in range(count + 2)
    )
    if users[0].pk is None:  # a database that does not return ids
        users = list(User.objects.filter(username__startswith="delegate-").order_by("username"))
    people = Person.objects.bulk_create(Person(names={"en": u.display_name}, user=u) for u in users)
    chair_person, pen_person, delegates = people[0], people[1], people[2:]
    ProcessRole.objects.create(process=process, person=chair_person, role="chair")
    DelegationMember.objects.bulk_create(
        DelegationMember(delegation=delegations[i % DELEGATIONS], person=p, role="delegate")
        for i, p in enumerate([pen_person, *delegates])
    )
    meeting = Meeting.objects.create(
        process=process,
        slug="bench-live-meeting",
        kind="consultation_round",
        title={"en": "Consultation at two venues"},
        date=datetime.date(2025, 10, 28),
        date_precision="day",
    )
    minsk = Venue.objects.create(
        meeting=meeting, host=parties[0], city={"en": "Minsk"}, time_zone="Europe/Minsk"
    )
    moscow = Venue.objects.create(
        meeting=meeting,
        host=parties[1],
        city={"en": "Moscow"},
        time_zone="Europe/Moscow",
        position=1,
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            venue=(minsk, moscow)[i % 2],
            person=p,
            delegation=delegations[i % DELEGATIONS],
        )
        for i, p in enumerate([pen_person, *delegates])
    )
    document = documents.create_document(
        actor=SYSTEM,
        process=process,
        kind="statement",
        slug="bench-live-statement",
        title={"en": "Joint statement"},
        authentic_languages=["en"],
        working_language="en",
        meeting=meeting,
    )
    version = document.versions.get()
    provisions = [
        documents.add_provision(
            actor=SYSTEM,
            version=version,
            kind="article",
            number=str(n),
            texts={"en": (f"Article {n}", f"{BASE_TEXT} ({n}).")},
        )
        for n in range(1, 13)
    ]
    chair = users[0]
    session = live.start_session(actor=chair, meeting=meeting, document=document)
    live.grant_pen(actor=chair, session=session, to=users[1])
    target = provisions[5]
    live.set_focus(actor=chair, session=session, provision_uid=target.uid)

    def cookie(user: Any) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"sessionid={store.session_key}"

    return Scene(
        session=session.pk,
        uid=str(target.uid),
        revision=1,
        pen_cookie=cookie(users[1]),
        cookies=[cookie(u) for u in users[2:]],
    )


def current_revision(scene: Scene) -> int:
    from accord.documents.models import Translation

    return Translation.objects.get(provision__uid=scene.uid, language="en").revision


def wait_presence_empty(session: int, timeout: float = 120) -> None:
    from accord.live.models import Presence

    deadline = time.monotonic() + timeout
    while Presence.objects.filter(session_id=session).exists():
        if time.monotonic() > deadline:
            left = Presence.objects.filter(session_id=session).count()
            print(f"  ({left} connections still present)", file=sys.stderr)
            return
        time.sleep(0.5)


# Clients ------------------------------------------------------------------------------


@dataclass
class Listener:
    """What every connected client received: (revision, time) of each edit."""

    received: list[tuple[int, float]] = field(default_factory=list)
    last_message: float = 0.0
    kind: bytes | str = '"type":"text.edited"'


async def _client(
    url: str,
    headers: dict[str, str],
    origin: str | None,
    listener: Listener,
    opened: asyncio.Semaphore,
    connected: list[Any],
    stop: asyncio.Event,
) -> None:
    from websockets.asyncio.client import connect

    async with opened:
        ws = await connect(
            url,
            origin=origin,  # type: ignore[arg-type]
            additional_headers=headers,
            proxy=None,
            open_timeout=120,
            ping_interval=None,
            max_queue=None,
        )
    connected.append(ws)
    loop = asyncio.get_running_loop()
    try:
        async for raw in ws:
            now = loop.time()
            listener.last_message = now
            if listener.kind in raw:
                match = REVISION.search(raw)  # type: ignore[arg-type]
                if match:
                    listener.received.append((int(match.group(1)), now))
            if stop.is_set():
                break
    except Exception:
        pass


async def _quiet(listener: Listener, seconds: float, limit: float = 180) -> None:
    """Wait until no client has received anything for `seconds`."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while loop.time() - max(listener.last_message, start) < seconds:
        if loop.time() - start > limit:
            return
        await asyncio.sleep(0.2)


async def _until_received(listener: Listener, expected: int, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(listener.received) < expected and loop.time() < deadline:
        await asyncio.sleep(0.1)


@dataclass
class Run:
    latencies_ms: list[float]
    expected: int
    received: int
    server_cpu: float  # share of one core, both server processes together
    redis_cpu: float | None
    connect_s: float
    load_before: str
    load_after: str
    payloads: list[str] = field(default_factory=list)

    def quantile(self, q: float) -> float:
        values = sorted(self.latencies_ms)
        return (
            values[min(len(values) - 1, round(q * (len(values) - 1)))] if values else float("nan")
        )


async def _broadcast_run(
    *,
    clients: int,
    urls: list[str],
    headers: list[dict[str, str]],
    origins: list[str | None],
    publish: Any,
    edits: int,
    rate: float,
    pids: list[int],
    redis_pid: int | None,
) -> tuple[Run, Listener]:
    listener = Listener()
    stop = asyncio.Event()
    opened = asyncio.Semaphore(20)
    connected: list[Any] = []
    load_before = _load()
    loop = asyncio.get_running_loop()
    started = loop.time()
    tasks = [
        asyncio.create_task(
            _client(urls[i], headers[i], origins[i], listener, opened, connected, stop)
        )
        for i in range(clients)
    ]
    while len(connected) < clients:
        await asyncio.sleep(0.1)
        failed = [t for t in tasks if t.done() and t.exception()]
        if failed:
            raise SystemExit(f"a client could not connect: {failed[0].exception()!r}")
    connect_s = loop.time() - started
    await _quiet(listener, 2.0)
    listener.received.clear()
    cpu_before = [_cpu_seconds(p) for p in pids]
    redis_before = _cpu_seconds(redis_pid) if redis_pid else None
    wall_before = time.monotonic()
    sent = await publish(edits, rate)
    # The CPU window: the edits, and until they have arrived (at most 2 s more).
    await _until_received(listener, clients * edits, timeout=2)
    wall = time.monotonic() - wall_before
    cpu = sum(_cpu_seconds(p) for p in pids) - sum(cpu_before)
    redis_cpu = (
        (_cpu_seconds(redis_pid) - redis_before) / wall if redis_pid and redis_before else None
    )
    await _until_received(listener, clients * edits, timeout=28)
    latencies = [(at - sent[rev]) * 1000 for rev, at in listener.received if rev in sent]
    per_edit: dict[int, int] = {}
    for rev, _ in listener.received:
        per_edit[rev] = per_edit.get(rev, 0) + 1
    short = {rev: per_edit.get(rev, 0) for rev in sent if per_edit.get(rev, 0) < clients}
    if short:
        print(f"  edits not received by every client (revision: clients): {short}", file=sys.stderr)
    stop.set()
    for ws in connected:
        await ws.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return (
        Run(
            latencies_ms=latencies,
            expected=clients * edits,
            received=len(latencies),
            server_cpu=cpu / wall,
            redis_cpu=redis_cpu,
            connect_s=connect_s,
            load_before=load_before,
            load_after=_load(),
        ),
        listener,
    )


async def accord_run(
    scene: Scene, nodes: list[Node], clients: int, edits: int, rate: float, redis_pid: int | None
) -> Run:
    from websockets.asyncio.client import connect

    path = f"/ws/live/{scene.session}/"
    urls = [nodes[i % 2].ws + path for i in range(clients)]
    origins: list[str | None] = [nodes[i % 2].base for i in range(clients)]
    headers = [{"Cookie": scene.cookies[i]} for i in range(clients)]
    pen = await connect(
        nodes[1].ws + path,
        origin=nodes[1].base,  # type: ignore[arg-type]
        additional_headers={"Cookie": scene.pen_cookie},
        proxy=None,
        open_timeout=120,
        ping_interval=None,
        max_queue=None,
    )
    payloads: dict[int, str] = {}

    async def pen_reader() -> None:
        async for raw in pen:
            if '"type":"text.edited"' in raw:
                match = REVISION.search(raw)  # type: ignore[arg-type]
                if match:
                    payloads[int(match.group(1))] = str(raw)

    reader = asyncio.create_task(pen_reader())
    base = scene.revision

    async def publish(edits: int, rate: float) -> dict[int, float]:
        loop = asyncio.get_running_loop()
        sent: dict[int, float] = {}
        start = loop.time() + 0.1
        for k in range(edits):
            await asyncio.sleep(max(0.0, start + k / rate - loop.time()))
            revision = base + k
            text = f"{BASE_TEXT}, edited live ({k} of {edits})."
            sent[revision + 1] = loop.time()
            await pen.send(
                json.dumps(
                    {
                        "action": "edit",
                        "ref": f"e{k}",
                        "uid": scene.uid,
                        "text": text,
                        "revision": revision,
                    }
                )
            )
        return sent

    run, _ = await _broadcast_run(
        clients=clients,
        urls=urls,
        headers=headers,
        origins=origins,
        publish=publish,
        edits=edits,
        rate=rate,
        pids=[n.proc.pid for n in nodes],
        redis_pid=redis_pid,
    )
    await pen.close()
    reader.cancel()
    await asyncio.gather(reader, return_exceptions=True)
    run.payloads = [payloads[r] for r in sorted(payloads)]
    scene.revision = base + edits
    return run


async def floor_run(
    redis_url: str,
    nodes: list[Node],
    clients: int,
    payloads: list[str],
    rate: float,
    redis_pid: int | None,
) -> Run:
    from channels_redis.core import RedisChannelLayer

    group = f"bench.floor.{secrets.token_hex(6)}"
    urls = [f"{nodes[i % 2].ws}/ws/floor/?group={group}" for i in range(clients)]
    layer = RedisChannelLayer(hosts=[redis_url])
    revisions = [int(REVISION.search(p).group(1)) for p in payloads]  # type: ignore[union-attr]

    async def publish(edits: int, rate: float) -> dict[int, float]:
        loop = asyncio.get_running_loop()
        sent: dict[int, float] = {}
        start = loop.time() + 0.1
        for k, (revision, text) in enumerate(zip(revisions, payloads, strict=True)):
            await asyncio.sleep(max(0.0, start + k / rate - loop.time()))
            sent[revision] = loop.time()
            await layer.group_send(group, {"type": "live.event", "text": text, "last": False})
        return sent

    run, _ = await _broadcast_run(
        clients=clients,
        urls=urls,
        headers=[{} for _ in range(clients)],
        origins=[None] * clients,
        publish=publish,
        edits=len(payloads),
        rate=rate,
        pids=[n.proc.pid for n in nodes],
        redis_pid=redis_pid,
    )
    await layer.close_pools()
    return run


# Report --------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def report(
    results: list[tuple[int, Run, Run]],
    *,
    seconds: float,
    rate: float,
    started: str,
    finished: str,
    command: str,
    errors: dict[str, int],
) -> str:
    python = platform.python_version()
    cpu_model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    lines = [
        HEADING,
        "",
        "The pen-holder edits the provision in focus five times a second; every delegate "
        "connected to the session, at either of two nodes, receives each edit. Target: "
        f"99th percentile under {TARGET_MS} ms at {TARGET_CLIENTS} clients on a 2-core machine.",
        "",
        f"- Machine: {os.cpu_count()} CPUs (nproc), {cpu_model}, Python {python}; load average "
        f"{started} when the benchmark started and {finished} when it ended (the machine is "
        "shared with other work: it is busy when the load is above 0)",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Command: `{command}`",
        "- Nodes: two `accord serve` processes (one uvicorn worker each) on PostgreSQL "
        f"{_pg_version()} and Redis {_redis_version()} (channels-redis), all on this machine, "
        "with the websocket clients (one Python process, the `websockets` package, "
        "permessage-deflate as browsers negotiate it)",
        f"- Each run: the clients connect (alternately to each node, each a delegate with "
        f"their own session), the room goes quiet, then {int(seconds * rate)} edits at "
        f"{rate:g} a second; the pen-holder is connected to the second node and is not "
        "counted among the clients",
        "- Accord latency: from the pen-holder's client sending the edit to a delegate's client "
        "having received its event (websocket, authorisation, the edit service's PostgreSQL "
        "transaction with revision check, audit event and session log, publication after "
        "commit, channel layer, the delegate's node and websocket)",
        "- Floor: the same event messages, byte for byte, published at the same rate to as "
        "many clients of two processes running the same uvicorn + Channels + Redis stack "
        "without Accord (`bench/live_floor.py`: no authentication, no database); latency from "
        "`group_send` to receipt",
        "- Server CPU: CPU time of the two server processes during the edits, as a share of "
        "one core (200 % would be both cores); Redis's likewise",
        "",
        "| clients | Accord median | Accord p99 | floor median | floor p99 | ratio median | "
        "ratio p99 | delivered | server CPU Accord | server CPU floor | Redis CPU Accord / floor "
        "| connect (Accord) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for clients, accord, floor in results:
        a50, a99 = statistics.median(accord.latencies_ms), accord.quantile(0.99)
        f50, f99 = statistics.median(floor.latencies_ms), floor.quantile(0.99)
        redis = (
            f"{accord.redis_cpu:.1%} / {floor.redis_cpu:.1%}"
            if accord.redis_cpu is not None and floor.redis_cpu is not None
            else "n/a"
        )
        lines.append(
            f"| {clients} | {_ms(a50)} | {_ms(a99)} | {_ms(f50)} | {_ms(f99)} | "
            f"{a50 / f50:.1f} | {a99 / f99:.1f} | "
            f"{accord.received:,} of {accord.expected:,} | {accord.server_cpu:.0%} | "
            f"{floor.server_cpu:.0%} | {redis} | {accord.connect_s:.1f} s |"
        )
    lines.append("")
    lines.append(
        "Load average before and after each run (Accord, then floor): "
        + "; ".join(
            f"{c} clients: {a.load_before} → {a.load_after}, {f.load_before} → {f.load_after}"
            for c, a, f in results
        )
        + "."
    )
    lines.append("")
    lines.append(
        "Exceptions the servers logged over the whole benchmark (all of them from the "
        f"channel layer, see the notes): {errors['accord']} in Accord's two processes, "
        f"{errors['floor']} in the floor's."
    )
    lines.append("")
    target = [a for c, a, _ in results if c == TARGET_CLIENTS]
    if target:
        p99 = target[0].quantile(0.99)
        verdict = "met" if p99 < TARGET_MS else "missed"
        lines.append(
            f"Target ({TARGET_MS} ms at the 99th percentile with {TARGET_CLIENTS} clients): "
            f"{verdict}, {_ms(p99)}."
        )
        lines.append("")
    lines += NOTES
    return "\n".join(lines)


NOTES = [
    "Notes:",
    "",
    "- The clients run on the same two cores as both pairs of servers, PostgreSQL and "
    "Redis (and the other work on the machine). Receiving 2,500 messages a second at 500 "
    "clients costs the client process much of a core, which lengthens both Accord's and "
    "the floor's tail alike: the floor's own 99th percentile shows how much of the tail "
    "is the machine rather than Accord.",
    "- Accord's latency includes what the floor's does not: the edit's way from the "
    "pen-holder to the server and its PostgreSQL transaction (revision check, text, audit "
    "event, session log) before the broadcast. That is most of the difference at 50 "
    "clients, where the fan-out itself is cheap.",
    "- Connecting is the expensive moment at scale: each arrival is a `presence.joined` "
    "event for everyone already connected (n²/2 messages), which is the connect time in "
    "the table.",
    "- `delivered` counts events received as broadcast. A real client that misses one "
    "(a full channel, a dropped connection) notices the gap at the next event or `pong` "
    "and fetches it from the session's log; the benchmark's clients do not, so a missing "
    "event here is a late one for a browser, not a lost one.",
    "- The channel layer's Redis connections (`accord.config.settings.redis_channel_host`, "
    "used by Accord and the floor alike): a socket timeout of 15 s, longer than "
    "channels-redis's 5 s blocking receive (with redis-py 8's default of 5 s a receive "
    "could time out on the client side and close a delegate's websocket), and a pool of "
    "up to 1,000 connections per process (channels-redis's default of 100 ran out when "
    "hundreds of websockets on one node closed at once). Options in `ACCORD_REDIS_URL`'s "
    "query (`?socket_timeout=30`) override them.",
    "",
]


def _pg_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0]).split()[0]


def _redis_version() -> str:
    import redis

    try:
        return str(
            redis.Redis.from_url(os.environ["ACCORD_REDIS_URL"]).info("server")["redis_version"]
        )
    except Exception:
        return "?"


def write(text: str) -> None:
    """Replace (or add) this benchmark's section of docs/benchmarks.md, leaving
    every other section as it is."""
    current = (
        DOCS.read_text()
        if DOCS.exists()
        else (
            "# Benchmarks\n\nMeasured by the scripts in `bench/`; each section gives its command.\n"
        )
    )
    match = re.search(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", current, flags=re.M | re.S)
    if match:
        updated = current[: match.start()] + text + ("\n" if match.end() < len(current) else "")
        updated += current[match.end() :]
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    DOCS.write_text(updated)


# Main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="50,200,500")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=float, default=5.0)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "ACCORD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("ACCORD_REDIS_URL", "redis://127.0.0.1:6379/3")
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    edits = int(args.seconds * args.rate)
    command = COMMAND + (f" --clients {args.clients}" if args.clients != "50,200,500" else "")
    load_started = _load()

    name = f"accord_bench_live_{secrets.token_hex(4)}"
    _admin(args.database_url, f'CREATE DATABASE "{name}"')
    data_dir = tempfile.mkdtemp(prefix="accord-bench-live-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env.update(
        ACCORD_DATABASE_URL=_with_database(args.database_url, name),
        ACCORD_REDIS_URL=args.redis_url,
        ACCORD_SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        ACCORD_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="accord.config.settings",
        PYTHONPATH=str(ROOT),
    )
    os.environ.update(env)
    nodes: list[Node] = []
    floors: list[Node] = []
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        print(f"building the scene ({max(counts)} delegates)…", flush=True)
        scene = build_scene(max(counts))
        scene.revision = current_revision(scene)
        serve = [sys.executable, "-m", "accord.cli", "serve"]
        floor = [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.live_floor:application",
            "--log-level",
            "warning",
            "--lifespan",
            "off",
        ]
        nodes = [_start(serve, env, "/accounts/login/") for _ in range(2)]
        floors = [_start(floor, env, "") for _ in range(2)]
        redis_pid = _redis_pid(args.redis_url)
        results = []
        for clients in counts:
            print(f"{clients} clients: Accord…", flush=True)
            accord = asyncio.run(accord_run(scene, nodes, clients, edits, args.rate, redis_pid))
            wait_presence_empty(scene.session)
            print(f"{clients} clients: floor…", flush=True)
            baseline = asyncio.run(
                floor_run(args.redis_url, floors, clients, accord.payloads, args.rate, redis_pid)
            )
            results.append((clients, accord, baseline))
            print(
                f"  Accord p50 {statistics.median(accord.latencies_ms):.1f} ms, "
                f"p99 {accord.quantile(0.99):.1f} ms, {accord.received}/{accord.expected}; "
                f"floor p50 {statistics.median(baseline.latencies_ms):.1f} ms, "
                f"p99 {baseline.quantile(0.99):.1f} ms; CPU {accord.server_cpu:.0%} vs "
                f"{baseline.server_cpu:.0%}",
                flush=True,
            )
        errors = {
            "accord": sum(_log_errors(n) for n in nodes),
            "floor": sum(_log_errors(n) for n in floors),
        }
        text = report(
            results,
            seconds=args.seconds,
            rate=args.rate,
            started=load_started,
            finished=_load(),
            command=command,
            errors=errors,
        )
        print()
        print(text)
        if not args.no_write:
            write(text)
    finally:
        print(f"server logs in {data_dir}", file=sys.stderr)
        for node in nodes + floors:
            node.proc.terminate()
        for node in nodes + floors:
            try:
                node.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                node.proc.kill()
        from django.db import connections

        connections.close_all()
        _admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()

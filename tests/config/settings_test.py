"""Configuration comes from the environment only (README lists every variable)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import require_or_skip

PROBE = """
import json
from django.conf import settings
import django
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]),
    "layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "debug": settings.DEBUG, "hosts": settings.ALLOWED_HOSTS,
}))
"""


def _env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env["DJANGO_SETTINGS_MODULE"] = "accord.config.settings"
    env.update(overrides)
    return env


def _probe(**overrides: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=_env(**overrides),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_defaults_are_sqlite_under_the_data_dir_and_the_in_memory_layer(tmp_path):
    result = _probe(ACCORD_DATA_DIR=str(tmp_path), ACCORD_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"] == str(tmp_path / "accord.sqlite3")
    assert found["layer"] == "channels.layers.InMemoryChannelLayer"
    assert found["debug"] is False


def test_urls_select_postgresql_and_redis(tmp_path):
    result = _probe(
        ACCORD_DATA_DIR=str(tmp_path),
        ACCORD_SECRET_KEY="k" * 50,
        ACCORD_DATABASE_URL="postgres://someone@db.example:5432/accord",
        ACCORD_REDIS_URL="redis://cache.example:6379/0",
        ACCORD_ALLOWED_HOSTS="accord.example, www.accord.example",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["name"] == "accord"
    assert found["layer"] == "channels_redis.core.RedisChannelLayer"
    assert found["hosts"] == ["accord.example", "www.accord.example"]


def test_a_missing_secret_key_outside_debug_is_a_clear_start_up_error(tmp_path):
    result = _probe(ACCORD_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "ACCORD_SECRET_KEY is not set" in result.stderr


def test_the_command_line_reports_a_missing_key_without_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "accord.cli", "serve"],
        env=_env(ACCORD_DATA_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "accord: configuration error: ACCORD_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode(tmp_path):
    """The default database is a WAL-mode SQLite file (tested on a real file,
    since the test database itself lives in memory)."""
    result = subprocess.run(
        [sys.executable, "-m", "accord.cli", "manage", "migrate", "--no-input", "-v", "0"],
        env=_env(ACCORD_DATA_DIR=str(tmp_path), ACCORD_SECRET_KEY="k" * 50),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    import sqlite3

    with sqlite3.connect(tmp_path / "accord.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_redis_channel_layer_carries_a_message():
    """With ACCORD_REDIS_URL set, the channel layer is Redis and really works."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    url = os.environ.get("ACCORD_REDIS_URL")
    require_or_skip(bool(url), "ACCORD_REDIS_URL is not set: no Redis to test", needs="redis")
    layer = get_channel_layer()
    assert type(layer).__name__ == "RedisChannelLayer"

    async def round_trip() -> dict[str, str]:
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "probe", "text": "Минск ↔ Москва"})
        return await layer.receive(channel)

    assert async_to_sync(round_trip)() == {"type": "probe", "text": "Минск ↔ Москва"}


def test_the_redis_connections_outlast_the_blocking_receive_and_the_url_can_say_otherwise():
    """channels-redis waits 5 s on a blocking receive: the client's socket timeout
    must be longer, or a quiet websocket closes; the URL's options win."""
    from channels_redis.utils import create_pool

    from accord.config.settings import redis_channel_host

    pool = create_pool(redis_channel_host("redis://cache.example:6379/0"))
    assert pool.connection_kwargs["socket_timeout"] == 15
    assert pool.max_connections == 1000
    tuned = create_pool(redis_channel_host("redis://cache.example:6379/0?socket_timeout=30"))
    assert tuned.connection_kwargs["socket_timeout"] == 30

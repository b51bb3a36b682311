"""`accord demo --no-serve` on a fresh data directory, as a newcomer runs it:
no secret key, no debug flag. Run twice, it loads once and prints the
accounts both times."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from accord.demo.loader import DEMO_PASSWORD
from accord.demo.scenario import ACCOUNTS


def _accord() -> list[str]:
    script = Path(sys.executable).with_name("accord")
    return [str(script)] if script.exists() else [sys.executable, "-m", "accord.cli"]


def _env(data_dir: Path) -> dict[str, str]:
    # Nothing of the test run's own configuration (ACCORD_TESTING, the test
    # settings module) may leak into the command.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env["ACCORD_DATA_DIR"] = str(data_dir)
    return env


def _run(data_dir: Path, *args: str) -> str:
    done = subprocess.run(
        [*_accord(), *args],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _demo(data_dir: Path) -> str:
    return _run(data_dir, "demo", "--no-serve")


def _count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _counts(database: Path) -> dict[str, int]:
    """The row count of every table but the sessions (signing in is not loading)."""
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if name != "django_session"
        ]
    return {table: _count(database, table) for table in tables}


def test_accord_demo_twice_loads_once_and_prints_the_accounts(tmp_path: Path):
    first = _demo(tmp_path)
    database = tmp_path / "accord.sqlite3"
    counts = _counts(database)

    second = _demo(tmp_path)
    assert _counts(database) == counts
    assert counts["record_event"] > 200
    assert counts["negotiation_proposal"] == 17
    assert counts["negotiation_position"] > 10
    # The chain of the negotiation's events, acted by the demo accounts, verifies.
    assert "Audit chain intact" in _run(tmp_path, "audit", "verify")

    assert "objects created" in first
    assert "nothing new (already loaded)" in second
    for output in (first, second):
        lines = output.splitlines()
        for account in ACCOUNTS:
            assert any(
                line.split()[:1] == [account.username] and line.endswith(account.description)
                for line in lines
            ), f"{account.username} is not listed:\n{output}"
        assert f"  password: {DEMO_PASSWORD}" in lines
        assert "Accord is serving" not in output

    key = tmp_path / "secret_key"
    assert key.read_text().strip()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600

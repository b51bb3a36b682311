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


def _demo(data_dir: Path) -> str:
    done = subprocess.run(
        [*_accord(), "demo", "--no-serve"],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_accord_demo_twice_loads_once_and_prints_the_accounts(tmp_path: Path):
    first = _demo(tmp_path)
    database = tmp_path / "accord.sqlite3"
    events = _count(database, "record_event")
    provisions = _count(database, "documents_provision")

    second = _demo(tmp_path)
    assert _count(database, "record_event") == events
    assert _count(database, "documents_provision") == provisions
    assert events > 100

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

"""Fixtures for the demo tests.

Loading the scenario makes some 190 service calls, so each test module loads
it once, inside a transaction that is rolled back when the module is done;
each test runs in a savepoint within it (pytest-django's `db`), so whatever a
test changes is undone before the next one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from accord.demo.loader import DemoResult, load_demo


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker) -> Iterator[DemoResult]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once: DemoResult, db) -> DemoResult:
    """The demo scenario, loaded into the test database."""
    return _demo_once


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path_factory):
    """WhiteNoise warns (and warnings fail the run) when STATIC_ROOT does not
    exist; point it at an empty directory instead of the user's data directory."""
    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")

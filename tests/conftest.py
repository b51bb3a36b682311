"""Test configuration shared by the whole suite.

Tests that need a service (PostgreSQL, Redis), a browser or fonts call
`require_or_skip`; with ACCORD_REQUIRE_ALL=1 (set by CI) a missing one fails
the run instead of skipping it.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("ACCORD_TESTING", "1")


def require_or_skip(available: bool, reason: str) -> None:
    if available:
        return
    if os.environ.get("ACCORD_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI but missing: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _english(settings):
    """Tests read English unless they switch language themselves."""
    from django.utils import translation

    with translation.override("en"):
        yield

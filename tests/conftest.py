"""Test configuration shared by the whole suite.

Tests that need a service (PostgreSQL, Redis), a browser or fonts call
`require_or_skip`. On a laptop a missing one skips the test with the reason.
CI lists what it provides in ACCORD_CI_REQUIRE (for example
"browser,fonts,postgresql,redis"); a test needing one of those fails instead
of skipping, so CI can never pass by silently skipping.
"""

from __future__ import annotations

import os

import pytest

CAPABILITIES = ("postgresql", "redis", "browser", "fonts")


def _infer(reason: str) -> str:
    text = reason.lower()
    for word, capability in (
        ("postgres", "postgresql"),
        ("redis", "redis"),
        ("chromium", "browser"),
        ("browser", "browser"),
        ("font", "fonts"),
    ):
        if word in text:
            return capability
    return "other"


def required_in_ci() -> set[str]:
    return {c.strip() for c in os.environ.get("ACCORD_CI_REQUIRE", "").split(",") if c.strip()}


def require_or_skip(available: bool, reason: str, *, needs: str | None = None) -> None:
    """Skip unless `available`; fail instead when CI says it provides `needs`
    (one of CAPABILITIES; inferred from the reason when not given)."""
    if available:
        return
    capability = needs or _infer(reason)
    if capability in required_in_ci():
        pytest.fail(
            f"CI provides {capability} but this test could not use it: {reason}", pytrace=False
        )
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _english():
    """Tests read English unless they switch language themselves."""
    from django.utils import translation

    with translation.override("en"):
        yield

from __future__ import annotations

import pytest
from channels.layers import channel_layers


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each test gets its own channel-layer instance: the Redis layer binds its
    locks to the event loop that first receives, and every test runs its own
    loops (the in-memory layer simply starts empty)."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()

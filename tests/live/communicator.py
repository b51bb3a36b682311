"""Channels' `WebsocketCommunicator`, importable without Daphne.

`channels.testing` imports Daphne for its `ChannelsLiveServerTestCase`, which
these tests do not use (Accord is served by uvicorn, and Daphne is not a
dependency). When Daphne is absent, a placeholder module stands in for
`daphne.testing` so that the communicator, which needs only asgiref, loads.
"""

from __future__ import annotations

import importlib.util
import sys
import types

if importlib.util.find_spec("daphne") is None:  # pragma: no branch
    _daphne = types.ModuleType("daphne")
    _testing = types.ModuleType("daphne.testing")
    _testing.DaphneProcess = None  # type: ignore[attr-defined]
    _daphne.testing = _testing  # type: ignore[attr-defined]
    sys.modules.setdefault("daphne", _daphne)
    sys.modules.setdefault("daphne.testing", _testing)

from channels.testing import WebsocketCommunicator

__all__ = ["WebsocketCommunicator"]

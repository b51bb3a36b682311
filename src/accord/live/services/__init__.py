"""Writes to live sessions: start and close, focus and edits, the pen, the
floor queue and presence.

Every service takes the session's row lock first (`_lock_open`), so the
changes of one session are serialised whichever node they come through;
checks its permission with the rows locked; changes the data; records
exactly one audit event (an edit's is the documents service's
`provision.text_set`); and appends its live events to the session's log,
broadcast after commit (`publish.publish_on_commit`).

Presence is connection state, not a decision of the negotiation: joining and
leaving are logged for the screens (`presence.*` events) but not in the audit
chain, which would otherwise take its lock on every websocket connection.
"""

from accord.live.services.common import LiveConflict
from accord.live.services.floor import end_floor, give_floor, request_floor, withdraw_floor
from accord.live.services.pen import (
    decline_pen_request,
    grant_pen,
    release_pen,
    request_pen,
    revoke_pen,
    withdraw_pen_request,
)
from accord.live.services.presence import join, leave, sweep, touch
from accord.live.services.screen import edit_text, set_focus
from accord.live.services.sessions import close_session, start_session

__all__ = [
    "LiveConflict",
    "close_session",
    "decline_pen_request",
    "edit_text",
    "end_floor",
    "give_floor",
    "grant_pen",
    "join",
    "leave",
    "release_pen",
    "request_floor",
    "request_pen",
    "revoke_pen",
    "set_focus",
    "start_session",
    "sweep",
    "touch",
    "withdraw_floor",
    "withdraw_pen_request",
]

"""What every live service shares: the session lock, the numbered log, the audit."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError as InvalidValue
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.actors import SystemActor
from accord.core.errors import Conflict, NotFound, ValidationError
from accord.documents.models import Provision
from accord.live import events, selectors
from accord.live.models import (
    LiveEvent,
    LiveSession,
)
from accord.live.publish import publish_on_commit
from accord.record.audit import record_event


class LiveConflict(Conflict):
    """An edit lost a race: `current` is the provision as it now stands."""

    def __init__(self, message: str, *, current: events.ProvisionState) -> None:
        super().__init__(message)
        self.current = current


def _now() -> dt.datetime:
    """Now, to the millisecond, so that every client orders queues alike."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _user(actor: Any) -> Any:
    """The user to store as the author of a row (None for the command line)."""
    return None if isinstance(actor, SystemActor) else actor


def _someone(actor: Any) -> Any:
    """The acting user, for actions only a person can take (ask, hold, speak)."""
    if isinstance(actor, SystemActor) or not getattr(actor, "is_authenticated", False):
        raise ValidationError(_("Only a signed-in person can do this."))
    return actor


def _person(actor: Any) -> events.PersonRef:
    if isinstance(actor, SystemActor):
        return events.PersonRef(user=0, name=str(actor))
    return selectors.person_ref(actor)


def _lock_open(session: LiveSession) -> LiveSession:
    """Lock the session's row (only it: see documents.services._lock_working)
    and refuse a closed session."""
    locked = (
        LiveSession.objects.select_for_update(no_key=True, of=("self",))
        .select_related("meeting__process", "document__process", "version")
        .get(pk=session.pk)
    )
    if not locked.is_open:
        raise Conflict(_("This live session is closed."))
    return locked


def _append(session: LiveSession, kind: str, data: events.Schema) -> dict[str, Any]:
    """Number the event, store it in the session's log and broadcast it after
    commit. The caller holds the session's lock, so numbers have no gaps."""
    at = timezone.now()
    seq = session.seq + 1
    payload = events.event(kind=kind, seq=seq, session=session.pk, at=at, data=data)
    LiveSession.objects.filter(pk=session.pk).update(seq=seq)
    session.seq = seq
    LiveEvent.objects.create(session=session, seq=seq, type=kind, payload=payload, created_at=at)
    publish_on_commit(session.group, payload)
    return payload


def _audit(actor: Any, kind: str, session: LiveSession, **payload: Any) -> None:
    record_event(
        actor=actor,
        kind=kind,
        process=session.meeting.process,
        subject=session,
        payload={"session": session.pk, **payload},
    )


def _provision(session: LiveSession, uid: uuid.UUID | str) -> Provision:
    try:
        return Provision.objects.get(version_id=session.version_id, uid=uid)
    except (Provision.DoesNotExist, ValueError, InvalidValue) as exc:
        raise NotFound(_("That provision is not in the text on screen.")) from exc

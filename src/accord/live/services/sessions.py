"""Starting and closing a live session."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.enums import Visibility
from accord.core.errors import Conflict, ValidationError
from accord.documents.enums import VersionStatus
from accord.documents.models import Document, Translation
from accord.live import events
from accord.live.enums import (
    SESSION_TRANSITIONS,
    FloorStatus,
    PenEnd,
    PenRequestStatus,
    SessionStatus,
    can_move,
)
from accord.live.models import (
    FloorEntry,
    LiveBaseline,
    LiveSession,
    PenRequest,
    PenTenure,
    Presence,
)
from accord.live.rules import require
from accord.live.services.common import (
    _append,
    _audit,
    _lock_open,
    _person,
    _user,
)
from accord.meetings.models import Meeting


def start_session(
    *, actor: Any, meeting: Meeting, document: Document, language: str | None = None
) -> LiveSession:
    """Put `document`'s working copy on the meeting's shared screen, in
    `language` (the document's working language by default). Its texts as
    they stand now are what edits are shown against. Records
    `live.session_started`."""
    require(
        actor,
        "live.start_session",
        meeting,
        message=_("Only the chair or the secretariat starts a live session."),
    )
    if document.process_id != meeting.process_id:
        raise ValidationError(_("That document is in another process."), field="document")
    if document.visibility == Visibility.DELEGATION:
        raise ValidationError(
            _("A delegation's internal material is never put on a shared screen."),
            field="document",
        )
    language = language or document.working_language
    if language not in document.authentic_languages:
        raise ValidationError(
            _("%(code)s is not a language of this document.") % {"code": language},
            field="language",
        )
    with transaction.atomic():
        version = document.versions.filter(status=VersionStatus.WORKING).first()
        if version is None:
            raise Conflict(
                _("This document has no working copy to edit; start one first."),
                field="document",
            )
        if LiveSession.objects.filter(meeting=meeting, status=SessionStatus.OPEN).exists():
            raise Conflict(_("This meeting already has an open live session; close it first."))
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    meeting=meeting,
                    document=document,
                    version=version,
                    language=language,
                    started_by=_user(actor),
                )
        except IntegrityError as exc:  # another session opened in between
            raise Conflict(
                _("This meeting already has an open live session; close it first.")
            ) from exc
        texts = dict(
            Translation.objects.filter(provision__version=version, language=language).values_list(
                "provision__uid", "text"
            )
        )
        LiveBaseline.objects.bulk_create(
            LiveBaseline(session=session, provision_uid=uid, text=texts.get(uid, ""))
            for uid in version.provisions.values_list("uid", flat=True)
        )
        session.meeting = meeting
        _audit(
            actor,
            "live.session_started",
            session,
            meeting=meeting.slug,
            document=document.slug,
            version=version.pk,
            language=language,
        )
    return session


def close_session(*, actor: Any, session: LiveSession) -> LiveSession:
    """Close the session: the pen returns, pending requests and the queue
    lapse, connections are dropped. Records `live.session_closed`."""
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.close_session",
            session,
            message=_("Only the chair or the secretariat closes a live session."),
        )
        assert can_move(SESSION_TRANSITIONS, session.status, SessionStatus.CLOSED)
        now = timezone.now()
        PenTenure.objects.filter(session=session, ended_at__isnull=True).update(
            ended_at=now, ended_by=_user(actor), end_reason=PenEnd.SESSION_CLOSED
        )
        PenRequest.objects.filter(session=session, status=PenRequestStatus.PENDING).update(
            status=PenRequestStatus.LAPSED, decided_at=now
        )
        FloorEntry.objects.filter(session=session, status=FloorStatus.WAITING).update(
            status=FloorStatus.LAPSED, ended_at=now
        )
        FloorEntry.objects.filter(session=session, status=FloorStatus.SPEAKING).update(
            status=FloorStatus.DONE, ended_at=now
        )
        Presence.objects.filter(session=session).delete()
        session.status = SessionStatus.CLOSED
        session.closed_at = now
        session.closed_by = _user(actor)
        session.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
        _audit(actor, "live.session_closed", session)
        _append(session, "session.closed", events.SessionClosed(by=_person(actor)))
    return session

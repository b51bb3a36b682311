"""The screen: the provision in focus and the pen-holder's edits."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accord.core.actors import SystemActor
from accord.core.errors import Conflict
from accord.documents import services as documents
from accord.documents.models import Document, Provision, Translation
from accord.live import events, selectors
from accord.live.models import (
    LiveBaseline,
    LiveEvent,
    LiveSession,
)
from accord.live.rules import require
from accord.live.services.common import (
    LiveConflict,
    _append,
    _audit,
    _lock_open,
    _person,
    _provision,
)


def set_focus(
    *, actor: Any, session: LiveSession, provision_uid: uuid.UUID | str | None
) -> LiveSession:
    """Put one provision (or none) in focus on every screen. Records `live.focus_set`."""
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.set_focus",
            session,
            message=_("Only the pen-holder and the chair move the focus."),
        )
        uid = _provision(session, provision_uid).uid if provision_uid else None
        session.focus_uid = uid
        session.save(update_fields=["focus_uid", "updated_at"])
        _audit(actor, "live.focus_set", session, uid=str(uid) if uid else None)
        _append(
            session,
            "focus.set",
            events.FocusSet(uid=str(uid) if uid else None, by=_person(actor)),
        )
    return session


def _with_the_pen(actor: Any, document: Document) -> Any:
    """The actor as the documents service sees it during a live edit.

    The documents rules let only the secretariat change a working copy; the
    pen gives its holder that right too, for this document and only through
    the live screen, which the documents rules cannot know. A copy of the
    user (so the audit event names the real user) whose `has_perm` also
    allows `documents.change_document` on this document.
    """
    if isinstance(actor, SystemActor):
        return actor
    holder = copy.copy(actor)
    own = actor.has_perm

    def has_perm(perm: str, obj: Any = None) -> bool:
        if perm == "documents.change_document" and getattr(obj, "pk", None) == document.pk:
            return True
        return bool(own(perm, obj))

    holder.has_perm = has_perm
    return holder


def _screen_state(session: LiveSession, provision: Provision) -> events.ProvisionState:
    translation = Translation.objects.filter(provision=provision, language=session.language).first()
    baseline = (
        LiveBaseline.objects.filter(session=session, provision_uid=provision.uid)
        .values_list("text", flat=True)
        .first()
    )
    codes = documents.delegation_codes(session.document)
    return selectors.provision_state(provision, translation, baseline or "", codes)


def _screens_show(session: LiveSession, uid: uuid.UUID, revision: int) -> bool:
    """Whether the session's last text event for `uid` already carried `revision`."""
    last = (
        LiveEvent.objects.filter(
            session=session,
            type__in=("text.edited", "text.refreshed"),
            payload__data__uid=str(uid),
        )
        .order_by("-seq")
        .values_list("payload", flat=True)
        .first()
    )
    return last is not None and last["data"]["revision"] == revision


def edit_text(
    *,
    actor: Any,
    session: LiveSession,
    provision_uid: uuid.UUID | str,
    text: str,
    expected_revision: int,
    heading: str | None = None,
) -> events.ProvisionState:
    """The pen-holder writes a provision's text on screen (through
    `documents.services.set_text`, which records `provision.text_set`).

    `expected_revision` is the revision the pen-holder's screen showed. If
    the text changed since (someone else wrote it, at this or any venue), the
    edit is refused with `LiveConflict` carrying the current text, and every
    screen is sent that text (`text.refreshed`) if it has not been already.
    """
    conflict: LiveConflict | None = None
    state: events.ProvisionState | None = None
    with transaction.atomic():
        session = _lock_open(session)
        require(
            actor,
            "live.edit_screen",
            session,
            message=_("Only the pen-holder edits the screen; ask the chair for the pen."),
        )
        provision = _provision(session, provision_uid)
        if heading is None:
            heading = (
                Translation.objects.filter(provision=provision, language=session.language)
                .values_list("heading", flat=True)
                .first()
            ) or ""
        try:
            translation = documents.set_text(
                actor=_with_the_pen(actor, session.document),
                provision=provision,
                language=session.language,
                text=text,
                heading=heading,
                expected_revision=expected_revision,
            )
        except Conflict:
            current = _screen_state(session, provision)
            if not _screens_show(session, provision.uid, current.revision):
                _append(
                    session,
                    "text.refreshed",
                    events.TextRefreshed(
                        uid=current.uid,
                        language=session.language,
                        heading=current.heading,
                        text=current.text,
                        display=current.display,
                        revision=current.revision,
                        redline=current.redline,
                    ),
                )
            conflict = LiveConflict(
                _(
                    "The text changed since your screen showed it (now revision %(revision)s); "
                    "your edit was not applied. The current text is on your screen."
                )
                % {"revision": current.revision},
                current=current,
            )
        else:
            state = _screen_state(session, provision)
            assert state.revision == translation.revision
            _append(
                session,
                "text.edited",
                events.TextEdited(
                    uid=state.uid,
                    language=session.language,
                    heading=state.heading,
                    text=state.text,
                    display=state.display,
                    revision=state.revision,
                    redline=state.redline,
                    by=_person(actor),
                ),
            )
    if conflict is not None:
        raise conflict
    assert state is not None
    return state

"""Reads of live sessions: the state a client shows, the events it missed,
where a person sits, and what a delegation has tabled beside the text.

`session_state` is the one rendering of a session's state; the pages embed
it, the consumer sends it, and the invariant tests compare it with the
events. It costs a constant number of queries whatever the document's size.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from accord.core.enums import Visibility
from accord.documents.compare import Op, diff_text
from accord.documents.enums import VersionStatus
from accord.documents.models import Document, Provision, Translation
from accord.documents.services import delegation_codes
from accord.live import events
from accord.live.enums import ACTIVE_FLOOR, PenRequestStatus, SessionStatus
from accord.live.models import (
    FloorEntry,
    LiveBaseline,
    LiveEvent,
    LiveSession,
    PenRequest,
    PenTenure,
    Presence,
)
from accord.meetings.models import Attendance, Meeting, Venue
from accord.negotiation import markup
from accord.processes.models import Delegation, DelegationMember

CATCHUP_LIMIT = 500
"""A client further behind than this gets a fresh snapshot instead of the events."""


# References carried by events ---------------------------------------------------


def person_ref(user: Any) -> events.PersonRef:
    return events.PersonRef(user=user.pk, name=str(user))


def delegation_ref(delegation: Delegation | None) -> events.DelegationRef | None:
    if delegation is None:
        return None
    party = delegation.party
    return events.DelegationRef(id=delegation.pk, code=party.code, names=dict(party.names))


def venue_ref(venue: Venue | None) -> events.VenueRef | None:
    if venue is None:
        return None
    return events.VenueRef(id=venue.pk, city=dict(venue.city), time_zone=venue.time_zone)


def pen_holder(tenure: PenTenure) -> events.PenHolder:
    return events.PenHolder(
        user=person_ref(tenure.holder),
        delegation=delegation_ref(tenure.delegation),
        venue=venue_ref(tenure.venue),
        since=tenure.granted_at,
    )


def pen_request_ref(request: PenRequest) -> events.PenRequestRef:
    return events.PenRequestRef(
        id=request.pk,
        user=person_ref(request.user),
        delegation=delegation_ref(request.delegation),
        venue=venue_ref(request.venue),
        requested_at=request.requested_at,
    )


def floor_entry_ref(entry: FloorEntry) -> events.FloorEntryRef:
    ref = delegation_ref(entry.delegation)
    assert ref is not None  # a floor entry always names its delegation
    return events.FloorEntryRef(
        id=entry.pk,
        user=person_ref(entry.user),
        delegation=ref,
        venue=venue_ref(entry.venue),
        requested_at=entry.requested_at,
        status="speaking" if entry.status == "speaking" else "waiting",
    )


def connection_ref(presence: Presence) -> events.ConnectionRef:
    return events.ConnectionRef(
        id=presence.pk,
        user=person_ref(presence.user),
        delegation=delegation_ref(presence.delegation),
        venue=venue_ref(presence.venue),
    )


def display_text(text: str, codes: Collection[str]) -> str:
    """A stored text as screens show it: the notation without identities."""
    if not any(c in text for c in "[]{}\\"):
        return text
    try:
        return markup.render(markup.parse(text, delegations=codes), with_ids=False)
    except markup.MarkupError:  # stored before a code was withdrawn, say: show it as it is
        return text


def redline(baseline: str, text: str) -> events.Redline:
    """Word-level changes of `text` against the session's starting text."""
    if baseline == text:
        return [(Op.EQUAL.value, text)] if text else []
    return [(segment.op.value, segment.text) for segment in diff_text(baseline, text)]


# Sessions ---------------------------------------------------------------------


def session_queryset() -> QuerySet[LiveSession]:
    """Sessions with what the rules and the pages read about them."""
    return LiveSession.objects.select_related(
        "meeting__process", "document__process", "document__owner_delegation", "version"
    )


def get_session(pk: int) -> LiveSession | None:
    return session_queryset().filter(pk=pk).first()


def open_session(meeting: Meeting) -> LiveSession | None:
    return session_queryset().filter(meeting=meeting, status=SessionStatus.OPEN).first()


def current_tenure(session: LiveSession) -> PenTenure | None:
    return (
        PenTenure.objects.filter(session=session, ended_at__isnull=True)
        .select_related("holder", "delegation__party", "venue")
        .first()
    )


def _texts(session: LiveSession) -> list[Provision]:
    return list(
        session.version.provisions.order_by("position").prefetch_related(
            Prefetch(
                "texts",
                queryset=Translation.objects.filter(language=session.language),
                to_attr="on_screen",
            )
        )
    )


def _on_screen(provision: Provision) -> Translation | None:
    texts: list[Translation] = getattr(provision, "on_screen", [])
    return texts[0] if texts else None


def baseline_texts(session: LiveSession) -> dict[uuid.UUID, str]:
    return dict(LiveBaseline.objects.filter(session=session).values_list("provision_uid", "text"))


def provision_state(
    provision: Provision, translation: Translation | None, baseline: str, codes: Collection[str]
) -> events.ProvisionState:
    """`baseline` is the stored text the session started from; `codes` the
    delegation codes of the process (`documents.services.delegation_codes`)."""
    text = translation.text if translation else ""
    display = display_text(text, codes)
    return events.ProvisionState(
        uid=str(provision.uid),
        kind=provision.kind,
        number=provision.number,
        eid=provision.eid,
        depth=provision.depth,
        heading=translation.heading if translation else "",
        text=text,
        display=display,
        revision=translation.revision if translation else 0,
        redline=redline(display_text(baseline, codes), display),
    )


def session_state(session: LiveSession) -> dict[str, Any]:
    """The whole state of a session as a client holds it (`events.State`), as
    JSON values. Nine queries, whatever the size of the document."""
    session = LiveSession.objects.get(pk=session.pk)  # the number and focus as of now
    baselines = baseline_texts(session)
    codes = delegation_codes(session.document)
    provisions = [
        provision_state(p, _on_screen(p), baselines.get(p.uid, ""), codes) for p in _texts(session)
    ]
    tenure = current_tenure(session) if session.is_open else None
    requests = PenRequest.objects.filter(
        session=session, status=PenRequestStatus.PENDING
    ).select_related("user", "delegation__party", "venue")
    floor = FloorEntry.objects.filter(session=session, status__in=ACTIVE_FLOOR).select_related(
        "user", "delegation__party", "venue"
    )
    presence = (
        Presence.objects.filter(session=session)
        .select_related("user", "delegation__party", "venue")
        .order_by("id")
    )
    state = events.State(
        session=session.pk,
        seq=session.seq,
        status="open" if session.is_open else "closed",
        language=session.language,
        focus=str(session.focus_uid) if session.focus_uid else None,
        pen=pen_holder(tenure) if tenure else None,
        pen_requests=[pen_request_ref(r) for r in requests.order_by("requested_at", "id")],
        floor=[floor_entry_ref(e) for e in floor.order_by("requested_at", "id")],
        presence=[connection_ref(p) for p in presence],
        provisions=provisions,
    )
    return state.model_dump(mode="json")


def events_after(session: LiveSession, after: int) -> list[dict[str, Any]] | None:
    """The events after number `after`, in order; None when the client is so
    far behind (or ahead, after a reset) that it should take a snapshot."""
    current = LiveSession.objects.values_list("seq", flat=True).get(pk=session.pk)
    if after > current or current - after > CATCHUP_LIMIT:
        return None
    return list(
        LiveEvent.objects.filter(session=session, seq__gt=after)
        .order_by("seq")
        .values_list("payload", flat=True)
    )


# Where people sit ---------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """Where a person follows a session from, and for which delegation."""

    venue: Venue | None
    delegation: Delegation | None


def seat(*, user: Any, meeting: Meeting, venue_id: int | None = None) -> Seat:
    """The venue and delegation recorded in the meeting's attendance; else
    the venue asked for (if it is one of the meeting's) and the person's
    delegation in the process, if they belong to exactly one."""
    row = (
        Attendance.objects.filter(meeting=meeting, person__user=user)
        .select_related("venue", "delegation__party")
        .first()
    )
    if row is not None:
        return Seat(venue=row.venue, delegation=row.delegation)
    venue = (
        Venue.objects.filter(meeting=meeting, pk=venue_id).first() if venue_id is not None else None
    )
    delegations = list(
        Delegation.objects.filter(
            process_id=meeting.process_id,
            pk__in=DelegationMember.objects.filter(person__user=user).values("delegation_id"),
        ).select_related("party")[:2]
    )
    return Seat(venue=venue, delegation=delegations[0] if len(delegations) == 1 else None)


# Beside the text: a delegation's own proposals and positions -----------------


@dataclass
class OwnMaterial:
    proposals: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    positions: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))


def own_material(*, session: LiveSession, delegation_ids: frozenset[int]) -> OwnMaterial:
    """The proposals tabled and the current positions taken on the session's
    document by the reader's own delegations, by provision uid: two queries."""
    from accord.negotiation.models import Position, Proposal

    material = OwnMaterial()
    if not delegation_ids:
        return material
    for proposal in (
        Proposal.objects.filter(document=session.document, delegation_id__in=delegation_ids)
        .select_related("delegation__party")
        .order_by("number")
    ):
        material.proposals[str(proposal.provision_uid)].append(proposal)
    for position in (
        Position.objects.filter(
            document=session.document,
            delegation_id__in=delegation_ids,
            superseded_at__isnull=True,
            provision_uid__isnull=False,
        )
        .select_related("delegation__party")
        .order_by("recorded_at", "id")
    ):
        material.positions[str(position.provision_uid)].append(position)
    return material


# Pages -------------------------------------------------------------------------------


def meeting_sessions(meeting: Meeting, *, limit: int = 10) -> list[LiveSession]:
    """The meeting's sessions, the open one first, then the latest closed: one query."""
    sessions = list(
        session_queryset().filter(meeting=meeting).order_by("-created_at", "-id")[:limit]
    )
    return sorted(sessions, key=lambda s: not s.is_open)


def startable_documents(*, user: Any, meeting: Meeting) -> list[Document]:
    """Documents a live session of `meeting` can put on screen for `user`: those
    they may read, shared (not a delegation's own), with a working copy; the
    meeting's own documents first. One query."""
    from accord.documents.selectors import visible_documents

    documents = (
        visible_documents(user=user, process=meeting.process)
        .exclude(visibility=Visibility.DELEGATION)
        .filter(versions__status=VersionStatus.WORKING)
        .distinct()
    )
    return sorted(documents, key=lambda d: (d.meeting_id != meeting.pk, d.pk))

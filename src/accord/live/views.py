"""The live pages: a meeting's live sessions (start, close), the participant
view and the projector view of a session.

The two views render the session's state (`selectors.session_state`) for
the first paint; `static/live/live.js` then follows the session's events
over the websocket and keeps the page current. Who may see and do what is
decided by `live.rules`, as for the websocket: a reader who may not follow a
session gets 404 (docs/adr/0004-invisible-is-not-found.md).
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core import languages
from accord.core.errors import AccordError
from accord.documents.models import Document
from accord.live import selectors, services
from accord.live.models import LiveSession
from accord.live.rules import allows
from accord.meetings.models import Meeting, Venue
from accord.processes.access import access_for
from accord.processes.views import get_process, process_crumbs


def _meeting(request: HttpRequest, process_slug: str, meeting_slug: str) -> Meeting:
    process = get_process(process_slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("process"), process=process, slug=meeting_slug
    )
    if not allows(request.user, "live.follow_meeting", meeting):
        raise Http404
    return meeting


def _session(request: HttpRequest, process_slug: str, session_id: int) -> LiveSession:
    process = get_process(process_slug)
    session = selectors.get_session(session_id)
    if (
        session is None
        or session.meeting.process_id != process.pk
        or not allows(request.user, "live.join_session", session)
    ):
        raise Http404
    return session


def _crumbs(session_or_meeting: Any, *tail: tuple[str, str | None]) -> list[dict[str, str | None]]:
    meeting = getattr(session_or_meeting, "meeting", session_or_meeting)
    process = meeting.process
    return process_crumbs(
        process,
        (meeting.display_title, reverse("meetings:detail", args=[process.slug, meeting.slug])),
        *tail,
    )


# A meeting's sessions ---------------------------------------------------------------


def meeting_sessions(request: HttpRequest, process_slug: str, meeting_slug: str) -> HttpResponse:
    """The meeting's live sessions; the chair and the secretariat start one here."""
    meeting = _meeting(request, process_slug, meeting_slug)
    may_start = allows(request.user, "live.start_session", meeting)
    documents = (
        selectors.startable_documents(user=request.user, meeting=meeting) if may_start else []
    )
    sessions = selectors.meeting_sessions(meeting)
    return render(
        request,
        "live/meeting.html",
        {
            "process": meeting.process,
            "meeting": meeting,
            "sessions": sessions,
            "open_session": next((s for s in sessions if s.is_open), None),
            "may_start": may_start,
            "documents": documents,
            "languages": sorted({code for d in documents for code in d.authentic_languages}),
            "breadcrumbs": _crumbs(meeting, (_("Live sessions"), None)),
        },
    )


@require_POST
def start(request: HttpRequest, process_slug: str, meeting_slug: str) -> HttpResponse:
    meeting = _meeting(request, process_slug, meeting_slug)
    back = reverse("live:meeting", args=[process_slug, meeting_slug])
    document = Document.objects.filter(
        process=meeting.process, slug=request.POST.get("document", "")
    ).first()
    if document is None:
        messages.error(request, _("Choose a document to put on screen."))
        return HttpResponseRedirect(back)
    try:
        session = services.start_session(
            actor=request.user,
            meeting=meeting,
            document=document,
            language=request.POST.get("language") or None,
        )
    except AccordError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(back)
    return HttpResponseRedirect(reverse("live:participant", args=[process_slug, session.pk]))


@require_POST
def close(request: HttpRequest, process_slug: str, session_id: int) -> HttpResponse:
    session = _session(request, process_slug, session_id)
    try:
        services.close_session(actor=request.user, session=session)
    except AccordError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The live session is closed."))
    return HttpResponseRedirect(reverse("live:meeting", args=[process_slug, session.meeting.slug]))


# The two views of a session -------------------------------------------------------------


@dataclass
class PresenceGroup:
    """People connected from one venue, by delegation (code) or as officers."""

    venue: str
    delegations: list[tuple[str, bool, list[str]]] = field(default_factory=list)


def presence_groups(state: dict[str, Any], language: str) -> list[PresenceGroup]:
    """Presence by venue, then delegation, each person once (live.js does the same)."""
    venues: dict[str, dict[tuple[str, bool], list[str]]] = defaultdict(lambda: defaultdict(list))
    for connection in state["presence"]:
        venue = connection["venue"]
        delegation = connection["delegation"]
        where = languages.pick(venue["city"], language) if venue else _("No venue")
        who = (delegation["code"], True) if delegation else (_("Officers"), False)
        name = connection["user"]["name"]
        if name not in venues[where][who]:
            venues[where][who].append(name)
    return [
        PresenceGroup(
            venue=where,
            delegations=[
                (label, is_code, names) for (label, is_code), names in sorted(groups.items())
            ],
        )
        for where, groups in sorted(venues.items())
    ]


def _strings() -> dict[str, str]:
    """What live.js shows, in the reader's language."""
    return {
        "connected": _("Live"),
        "connecting": _("Connecting…"),
        "reconnecting": _("Connection lost; reconnecting…"),
        "closed": _("This live session is closed."),
        "refused": _("You may not follow this live session."),
        "nobody_pen": _("Nobody holds the pen."),
        "holds_pen": _("holds the pen"),
        "ask_pen": _("Ask for the pen"),
        "withdraw_pen": _("Withdraw my request"),
        "release_pen": _("Give the pen back"),
        "take_pen": _("Take the pen"),
        "grant": _("Grant"),
        "decline": _("Decline"),
        "revoke": _("Revoke the pen"),
        "no_requests": _("No request for the pen."),
        "ask_floor": _("Ask for the floor"),
        "withdraw_floor": _("Withdraw"),
        "give_floor": _("Give the floor"),
        "end_floor": _("End of turn"),
        "speaking": _("has the floor"),
        "queue_empty": _("Nobody has asked for the floor."),
        "nobody_connected": _("Nobody is connected."),
        "no_venue": _("No venue"),
        "officers": _("Officers"),
        "focus": _("Put on screen"),
        "apply": _("Apply"),
        "saving": _("Saving…"),
        "saved": _("Saved"),
        "edited_by": _("edited by"),
        "conflict": _("Someone else changed this text; your screen now shows the current text."),
    }


def _zone(seat: selectors.Seat) -> str:
    return seat.venue.time_zone if seat.venue else "UTC"


def _venue_id(request: HttpRequest, session: LiveSession) -> int | None:
    raw = request.GET.get("venue", "")
    if raw.isdigit() and Venue.objects.filter(meeting_id=session.meeting_id, pk=int(raw)).exists():
        return int(raw)
    return None


def _context(request: HttpRequest, session: LiveSession) -> dict[str, Any]:
    state = selectors.session_state(session)
    user = request.user
    venue_id = _venue_id(request, session)
    seat = selectors.seat(user=user, meeting=session.meeting, venue_id=venue_id)
    access = access_for(user, session.meeting.process)
    language = get_language() or "en"
    me = {
        "user": user.pk,
        "delegations": sorted(access.delegation_ids),
        "runs": allows(user, "live.decide_pen", session),
        "may_ask_pen": allows(user, "live.request_pen", session),
        "may_ask_floor": allows(user, "live.request_floor", session),
        "venue": venue_id,
        "time_zone": _zone(seat),
    }
    return {
        "process": session.meeting.process,
        "meeting": session.meeting,
        "document": session.document,
        "session": session,
        "state": state,
        "me": me,
        "seat": seat,
        "zone": zoneinfo.ZoneInfo(_zone(seat)),
        "strings": _strings(),
        "presence": presence_groups(state, language),
        "focus": next((p for p in state["provisions"] if p["uid"] == state["focus"]), None),
        "socket_path": f"/ws/live/{session.pk}/",
    }


def participant(request: HttpRequest, process_slug: str, session_id: int) -> HttpResponse:
    """The shared screen with controls, and the reader's own delegation's
    proposals and positions beside each provision."""
    session = _session(request, process_slug, session_id)
    context = _context(request, session)
    access = access_for(request.user, session.meeting.process)
    own = selectors.own_material(session=session, delegation_ids=access.delegation_ids)
    context.update(
        {
            "rows": [
                (p, own.proposals.get(p["uid"], []), own.positions.get(p["uid"], []))
                for p in context["state"]["provisions"]
            ],
            "with_own": bool(access.delegation_ids),
            "own_label": _("Your delegation's proposals and positions"),
            "may_close": allows(request.user, "live.close_session", session),
            "breadcrumbs": _crumbs(
                session,
                (
                    _("Live sessions"),
                    reverse("live:meeting", args=[process_slug, session.meeting.slug]),
                ),
                (session.document.display_title, None),
            ),
        }
    )
    return render(request, "live/participant.html", context)


def projector(request: HttpRequest, process_slug: str, session_id: int) -> HttpResponse:
    """The screen for the room: the provision in focus in large type, the pen
    and the floor queue; no controls."""
    session = _session(request, process_slug, session_id)
    context = _context(request, session)
    context["with_own"] = False
    return render(request, "live/projector.html", context)

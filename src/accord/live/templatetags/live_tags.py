"""Template helpers of the live pages and of the link on the meeting page."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import template
from django.urls import reverse

from accord.documents.enums import ProvisionKind
from accord.live.rules import allows

register = template.Library()


@register.simple_tag(takes_context=True)
def live_sessions_url(context: dict[str, Any], meeting: Any) -> str:
    """The meeting's live sessions page, for a reader who may follow them; ''
    otherwise. Costs no query on the meeting page (the reader's access is
    already worked out there)."""
    request = context.get("request")
    if request is None or not allows(request.user, "live.follow_meeting", meeting):
        return ""
    return reverse("live:meeting", args=[meeting.process.slug, meeting.slug])


@register.filter
def local_time(moment: str | dt.datetime | None, zone: zoneinfo.ZoneInfo | None = None) -> str:
    """An ISO moment as a time of day in `zone` (UTC when not given)."""
    if not moment:
        return ""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    return moment.astimezone(zone or dt.UTC).strftime("%H:%M:%S")


@register.filter
def kind_label(kind: str) -> str:
    try:
        return str(ProvisionKind(kind).label)
    except ValueError:
        return kind

"""Pages of processes and parties: parse the address, ask the selectors and
rules what the reader may see, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accord.documents.selectors import visible_documents
from accord.meetings.selectors import visible_meetings
from accord.processes import selectors
from accord.processes.enums import MemberRole, Standing
from accord.processes.models import Delegation, DelegationMember, Participation, Party, Process
from accord.record.selectors import visible_entries

TIMELINE_EXCERPT = 5


def process_crumbs(process: Process, *tail: tuple[str, str | None]) -> list[dict[str, str | None]]:
    """Breadcrumbs from the list of processes down to a page of `process`."""
    crumbs: list[dict[str, str | None]] = [
        {"label": _("Processes"), "url": reverse("processes:index")},
        {
            "label": process.display_title,
            "url": reverse("processes:detail", args=[process.slug]) if tail else None,
        },
    ]
    crumbs.extend({"label": label, "url": url} for label, url in tail)
    return crumbs


def get_process(slug: str) -> Process:
    """Processes are public by design: any existing slug resolves."""
    return get_object_or_404(Process, slug=slug)


def index(request: HttpRequest) -> HttpResponse:
    """All processes, with their phase."""
    return render(request, "processes/index.html", {"processes": selectors.process_list()})


def detail(request: HttpRequest, process_slug: str) -> HttpResponse:
    """Overview: phase, participants by standing, meetings, documents and the
    latest timeline entries, each filtered for the reader."""
    process = get_process(process_slug)
    by_standing: dict[str, list[Participation]] = {}
    for participation in selectors.participations(process=process):
        by_standing.setdefault(participation.standing, []).append(participation)
    standings = [
        {"value": value, "label": label, "participations": by_standing[value]}
        for value, label in Standing.choices
        if value in by_standing
    ]
    latest = list(
        visible_entries(user=request.user, process=process).order_by("-date", "-id")[
            :TIMELINE_EXCERPT
        ]
    )
    latest.reverse()
    return render(
        request,
        "processes/detail.html",
        {
            "process": process,
            "standings": standings,
            "meetings": list(visible_meetings(user=request.user, process=process)),
            "documents": list(
                visible_documents(user=request.user, process=process).select_related(
                    "owner_delegation__party"
                )
            ),
            "entries": latest,
            "can_import": request.user.has_perm("documents.create_document", process),
            "breadcrumbs": process_crumbs(process),
        },
    )


def party(request: HttpRequest, process_slug: str, party_slug: str) -> HttpResponse:
    """A party in a process: its names in its languages, its standing, and its
    delegation (the members only for those who may see people)."""
    process = get_process(process_slug)
    participation = get_object_or_404(
        Participation.objects.select_related("party"), process=process, party__slug=party_slug
    )
    the_party: Party = participation.party
    delegation = Delegation.objects.filter(process=process, party=the_party).first()
    may_see_members = delegation is not None and request.user.has_perm(
        "processes.view_delegation_members", delegation
    )
    members: list[DelegationMember] = []
    if delegation is not None and may_see_members:
        rank = {role: i for i, role in enumerate(MemberRole.values)}
        members = sorted(
            delegation.members.select_related("person"),
            key=lambda member: (rank.get(member.role, len(rank)), member.pk),
        )
    entries = visible_entries(user=request.user, process=process).filter(parties=the_party)
    return render(
        request,
        "processes/party.html",
        {
            "process": process,
            "party": the_party,
            "participation": participation,
            "delegation": delegation,
            "may_see_members": may_see_members,
            "members": members,
            "entries": list(entries),
            "breadcrumbs": process_crumbs(process, (the_party.name, None)),
        },
    )

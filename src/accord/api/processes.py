"""Parties and processes, with their participations and delegations.

All of it is public by design, except the people of a delegation, which only
the process's officers, participants and observers see.
"""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from accord.api.auth import viewer
from accord.api.lookups import party_by_slug, process_by_slug
from accord.api.pagination import Pages
from accord.api.schemas.common import answers
from accord.api.schemas.processes import (
    DelegationOut,
    ParticipationOut,
    PartyOut,
    ProcessOut,
)
from accord.processes import selectors
from accord.processes.models import Delegation, Participation, Party, Process

parties_router = Router(tags=["parties"])
router = Router(tags=["processes"])


@parties_router.get("/parties", response=answers(list[PartyOut], lookup=False))
@paginate(Pages)
def list_parties(request: HttpRequest) -> QuerySet[Party]:
    """Every party (state or organisation) known to this installation."""
    return selectors.party_list()


@parties_router.get("/parties/{slug}", response=answers(PartyOut))
def get_party(request: HttpRequest, slug: str) -> Party:
    return party_by_slug(slug)


@router.get("/processes", response=answers(list[ProcessOut], lookup=False))
@paginate(Pages)
def list_processes(request: HttpRequest) -> QuerySet[Process]:
    """Every process; processes are public by design."""
    return selectors.process_list()


@router.get("/processes/{slug}", response=answers(ProcessOut))
def get_process(request: HttpRequest, slug: str) -> Process:
    return process_by_slug(slug)


@router.get("/processes/{slug}/participations", response=answers(list[ParticipationOut]))
@paginate(Pages)
def list_participations(request: HttpRequest, slug: str) -> QuerySet[Participation]:
    """The parties of a process and their standing (participant, observer, ...)."""
    return selectors.participations(process=process_by_slug(slug))


@router.get("/processes/{slug}/delegations", response=answers(list[DelegationOut]))
@paginate(Pages)
def list_delegations(request: HttpRequest, slug: str) -> QuerySet[Delegation]:
    """The delegations of a process. Their members and roles are given only to the
    process's officers, participants and observers; for others `members` is null."""
    return selectors.delegations(user=viewer(request), process=process_by_slug(slug))

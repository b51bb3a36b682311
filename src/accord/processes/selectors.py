"""Reads of processes, parties, participations and delegations."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from accord.processes.access import access_for
from accord.processes.models import (
    Delegation,
    DelegationMember,
    Participation,
    Party,
    Process,
)


def process_list() -> QuerySet[Process]:
    """Every process: processes are public by design."""
    return Process.objects.order_by("slug")


def participations(*, process: Process) -> QuerySet[Participation]:
    return process.participations.select_related("party").order_by("standing", "party__slug")


def delegations(*, user: Any, process: Process) -> QuerySet[Delegation]:
    """The delegations of a process; their members only for those who may see people."""
    qs = process.delegations.select_related("party").order_by("party__slug")
    if user_sees_people(user=user, process=process):
        qs = qs.prefetch_related(
            Prefetch(
                "members",
                queryset=DelegationMember.objects.select_related("person").order_by("role", "id"),
            )
        )
    return qs


def user_sees_people(*, user: Any, process: Process) -> bool:
    """Mirrors processes.view_delegation_members."""
    if getattr(user, "is_superuser", False):
        return True
    access = access_for(user, process)
    return access.is_officer or access.is_participant or access.is_observer


def party_list() -> QuerySet[Party]:
    return Party.objects.order_by("slug")

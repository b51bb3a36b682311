"""What a user is within a process: the one place roles are worked out.

Rules (django-rules predicates in each app's rules.py) and selectors both start
from an `Access`, so pages, the API and websockets agree on who sees what.
An Access costs two queries and is cached on the user object for the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import SimpleLazyObject

from accord.processes.enums import ProcessRoleKind, Standing


@dataclass(frozen=True)
class Access:
    process_id: int
    authenticated: bool = False
    roles: frozenset[str] = frozenset()
    delegation_ids: frozenset[int] = frozenset()
    standings: frozenset[str] = frozenset()
    observers_see_documents: bool = False
    observers_see_meetings: bool = False
    party_ids: frozenset[int] = field(default_factory=frozenset)
    participant_delegation_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_secretariat(self) -> bool:
        return ProcessRoleKind.SECRETARIAT in self.roles

    @property
    def is_chair(self) -> bool:
        return ProcessRoleKind.CHAIR in self.roles

    @property
    def is_facilitator(self) -> bool:
        return ProcessRoleKind.FACILITATOR in self.roles

    @property
    def is_officer(self) -> bool:
        """Secretariat, chair or facilitator."""
        return bool(self.roles)

    @property
    def is_participant(self) -> bool:
        return Standing.PARTICIPANT in self.standings

    @property
    def is_observer(self) -> bool:
        return Standing.OBSERVER in self.standings

    @property
    def sees_participant_documents(self) -> bool:
        return (
            self.is_officer
            or self.is_participant
            or (self.is_observer and self.observers_see_documents)
        )

    @property
    def sees_participant_meetings(self) -> bool:
        return (
            self.is_officer
            or self.is_participant
            or (self.is_observer and self.observers_see_meetings)
        )

    @property
    def sees_participant_record(self) -> bool:
        return self.is_officer or self.is_participant or self.is_observer

    @property
    def sees_working_copies(self) -> bool:
        return self.is_secretariat or self.is_chair


def access_for(user: Any, process: Any) -> Access:
    """The Access of `user` (possibly anonymous) in `process`, cached per user object."""
    if isinstance(user, SimpleLazyObject):
        # request.user is a lazy wrapper; cache on the real user, which is what
        # the rules backend receives, so one request computes roles once.
        user = getattr(user, "_wrapped", user) if user.is_authenticated else None
    if user is None or not getattr(user, "is_authenticated", False):
        return Access(process_id=process.pk)
    cache: dict[int, Access] = user.__dict__.setdefault("_accord_access", {})
    if process.pk in cache:
        return cache[process.pk]
    from accord.processes.models import DelegationMember, Participation, ProcessRole

    roles = frozenset(
        ProcessRole.objects.filter(process_id=process.pk, person__user=user).values_list(
            "role", flat=True
        )
    )
    rows = list(
        DelegationMember.objects.filter(
            delegation__process_id=process.pk, person__user=user
        ).values_list("delegation_id", "delegation__party_id")
    )
    party_ids = frozenset(p for _, p in rows)
    standing_of = (
        dict(
            Participation.objects.filter(process_id=process.pk, party_id__in=party_ids).values_list(
                "party_id", "standing"
            )
        )
        if party_ids
        else {}
    )
    standings = frozenset(standing_of.values())
    access = Access(
        process_id=process.pk,
        authenticated=True,
        roles=roles,
        delegation_ids=frozenset(d for d, _ in rows),
        standings=standings,
        observers_see_documents=process.observers_see_documents,
        observers_see_meetings=process.observers_see_meetings,
        party_ids=party_ids,
        participant_delegation_ids=frozenset(
            d for d, p in rows if standing_of.get(p) == Standing.PARTICIPANT
        ),
    )
    cache[process.pk] = access
    return access


def forget_access(user: Any) -> None:
    """Drop the cached Access after a service changed the user's roles."""
    if user is not None:
        user.__dict__.pop("_accord_access", None)


def visibility_allows(
    access: Access,
    visibility: str,
    *,
    owner_delegation_id: int | None = None,
    area: str = "documents",
) -> bool:
    """Whether `access` may read an object of `visibility` in its process.

    Delegation-internal material is for that delegation alone: not even the
    secretariat reads it (see docs/adr/0002-delegation-internal-material.md).
    """
    from accord.core.enums import Visibility

    if visibility == Visibility.PUBLIC:
        return True
    if visibility == Visibility.PARTICIPANTS:
        if area == "meetings":
            return access.sees_participant_meetings
        if area == "record":
            return access.sees_participant_record
        return access.sees_participant_documents
    if visibility == Visibility.DELEGATION:
        return owner_delegation_id is not None and owner_delegation_id in access.delegation_ids
    if visibility == Visibility.SECRETARIAT:
        return access.is_secretariat
    return False


def visible_values(access: Access, *, area: str = "documents") -> list[str]:
    """The visibility values (other than 'delegation') that `access` may read."""
    from accord.core.enums import Visibility

    return [
        v
        for v in (Visibility.PUBLIC, Visibility.PARTICIPANTS, Visibility.SECRETARIAT)
        if visibility_allows(access, v, area=area)
    ]

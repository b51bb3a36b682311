"""Parties, processes, participations and delegations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from accord.api.auth import viewer
from accord.api.schemas.common import PartyRef, PersonOut, Texts
from accord.processes.enums import MemberRole, PartyKind, Phase, Standing


class PartyOut(PartyRef):
    kind: PartyKind
    formal_names: Texts
    languages: list[str] = Field(description="The party's own language codes.")
    is_illustrative: bool = Field(description="Invented for the demo, not a real party.")


class ProcessOut(Schema):
    slug: str
    title: Texts
    summary: Texts
    phase: Phase
    observers_see_documents: bool
    observers_see_meetings: bool


class ParticipationOut(Schema):
    party: PartyRef
    standing: Standing
    since: dt.date | None
    until: dt.date | None


class MemberOut(Schema):
    person: PersonOut
    role: MemberRole
    since: dt.date | None
    until: dt.date | None


class DelegationOut(Schema):
    party: PartyRef
    members: list[MemberOut] | None = Field(
        description="The delegation's people with their roles; null for readers who may "
        "not see the people of the process (anyone who is not an officer, participant "
        "or observer)."
    )

    @staticmethod
    def resolve_members(obj: Any, context: dict[str, Any]) -> list[Any] | None:
        if not viewer(context["request"]).has_perm("processes.view_delegation_members", obj):
            return None
        return list(obj.members.all())

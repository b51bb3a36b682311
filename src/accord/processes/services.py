"""Writes to parties, processes, participations, delegations and roles.

Each function checks the rules, changes the data in one transaction and
records exactly one audit event.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from accord.core import languages
from accord.core.actors import require
from accord.core.errors import Conflict, ValidationError
from accord.processes.access import forget_access
from accord.processes.enums import (
    PHASE_TRANSITIONS,
    MemberRole,
    PartyKind,
    Phase,
    ProcessRoleKind,
    Standing,
)
from accord.processes.models import (
    Delegation,
    DelegationMember,
    Participation,
    Party,
    Person,
    Process,
    ProcessRole,
)
from accord.record.audit import record_event


def _check_choice(value: str, choices: Any, field: str) -> None:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise ValidationError(f"{field}: {value!r} is not one of {allowed}.", field=field)


def _check_dates(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and until < since:
        raise ValidationError("The end date is before the start date.", field="until")


def create_party(
    *,
    actor: Any,
    names: dict[str, str],
    iso_code: str | None = None,
    kind: str = PartyKind.STATE,
    formal_names: dict[str, str] | None = None,
    own_languages: list[str] | None = None,
    slug: str | None = None,
    is_illustrative: bool = False,
) -> Party:
    """Register a state or organisation. Records `party.created`."""
    require(actor, "processes.create_party")
    names = languages.validate_texts(names, field="names")
    formal = languages.validate_texts(formal_names or {}, field="formal_names", required=False)
    _check_choice(kind, PartyKind, "kind")
    code = iso_code.upper() if iso_code else None
    if code is not None and (len(code) != 2 or not (code.isascii() and code.isalpha())):
        raise ValidationError(
            "iso_code must be two letters (ISO 3166-1 alpha-2).", field="iso_code"
        )
    slug = slug or slugify(names.get("en") or code or next(iter(names.values())))
    if not slug:
        raise ValidationError(
            "Give the party a slug: its name has no letters a URL can use.", field="slug"
        )
    for code_ in own_languages or []:
        if not languages.is_known(code_):
            raise ValidationError(f"Unknown language code {code_!r}.", field="languages")
    with transaction.atomic():
        if Party.objects.filter(slug=slug).exists():
            raise Conflict(f"A party with the slug {slug!r} already exists.", field="slug")
        if code and Party.objects.filter(iso_code=code).exists():
            raise Conflict(f"A party with ISO code {code} already exists.", field="iso_code")
        party = Party.objects.create(
            slug=slug,
            kind=kind,
            iso_code=code,
            names=names,
            formal_names=formal,
            languages=list(own_languages or []),
            is_illustrative=is_illustrative,
        )
        record_event(
            actor=actor,
            kind="party.created",
            subject=party,
            payload={"slug": slug, "iso_code": code, "names": names},
        )
    return party


def create_process(
    *,
    actor: Any,
    slug: str,
    title: dict[str, str],
    summary: dict[str, str] | None = None,
    phase: str = Phase.PREPARATION,
    observers_see_documents: bool = True,
    observers_see_meetings: bool = True,
) -> Process:
    """Open a consultation process. Records `process.created`."""
    require(actor, "processes.create_process")
    title = languages.validate_texts(title, field="title")
    summary = languages.validate_texts(summary or {}, field="summary", required=False)
    _check_choice(phase, Phase, "phase")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise ValidationError(
            "slug may contain only lower-case letters, digits and hyphens.", field="slug"
        )
    with transaction.atomic():
        if Process.objects.filter(slug=slug).exists():
            raise Conflict(f"A process with the slug {slug!r} already exists.", field="slug")
        process = Process.objects.create(
            slug=slug,
            title=title,
            summary=summary,
            phase=phase,
            observers_see_documents=observers_see_documents,
            observers_see_meetings=observers_see_meetings,
        )
        record_event(
            actor=actor,
            kind="process.created",
            process=process,
            subject=process,
            payload={"slug": slug, "title": title, "phase": phase},
        )
    return process


def change_phase(*, actor: Any, process: Process, phase: str) -> Process:
    """Move the process to another phase, as the transition table allows.
    Records `process.phase_changed`."""
    require(actor, "processes.manage_process", process)
    _check_choice(phase, Phase, "phase")
    with transaction.atomic():
        # NO KEY: other writers' audit events reference this row while they
        # hold the chain head; a full FOR UPDATE would deadlock with them.
        locked = Process.objects.select_for_update(no_key=True).get(pk=process.pk)
        if phase not in PHASE_TRANSITIONS[locked.phase]:
            raise Conflict(
                f"A process in phase {locked.get_phase_display()} cannot move to "
                f"{Phase(phase).label}.",
                field="phase",
            )
        old = locked.phase
        locked.phase = phase
        locked.save(update_fields=["phase", "updated_at"])
        record_event(
            actor=actor,
            kind="process.phase_changed",
            process=locked,
            subject=locked,
            payload={"from": old, "to": phase},
        )
    process.phase = phase
    return locked


def set_participation(
    *,
    actor: Any,
    process: Process,
    party: Party,
    standing: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Participation:
    """Give `party` a standing in `process`, or change it. Records
    `participation.set`."""
    require(actor, "processes.manage_process", process)
    _check_choice(standing, Standing, "standing")
    _check_dates(since, until)
    with transaction.atomic():
        participation, created = Participation.objects.select_for_update().get_or_create(
            process=process,
            party=party,
            defaults={"standing": standing, "since": since, "until": until},
        )
        before = None if created else participation.standing
        if not created:
            participation.standing, participation.since, participation.until = (
                standing,
                since,
                until,
            )
            participation.save(update_fields=["standing", "since", "until", "updated_at"])
        record_event(
            actor=actor,
            kind="participation.set",
            process=process,
            subject=participation,
            payload={
                "party": party.slug,
                "standing": standing,
                "previous": before,
                "since": since,
                "until": until,
            },
        )
    return participation


def create_delegation(*, actor: Any, process: Process, party: Party) -> Delegation:
    """Create the delegation of a party that has a standing in the process.
    Records `delegation.created`."""
    require(actor, "processes.manage_process", process)
    with transaction.atomic():
        if not Participation.objects.filter(process=process, party=party).exists():
            raise ValidationError(
                f"{party} has no standing in this process; set its participation first.",
                field="party",
            )
        try:
            with transaction.atomic():
                delegation = Delegation.objects.create(process=process, party=party)
        except IntegrityError as exc:
            raise Conflict(f"{party} already has a delegation in this process.") from exc
        record_event(
            actor=actor,
            kind="delegation.created",
            process=process,
            subject=delegation,
            payload={"party": party.slug},
        )
    return delegation


def create_person(
    *,
    actor: Any,
    names: dict[str, str],
    position: dict[str, str] | None = None,
    user: Any = None,
    is_demo_account: bool = False,
) -> Person:
    """Register a person who takes part in processes. Records `person.created`."""
    require(actor, "processes.create_party")
    names = languages.validate_texts(names, field="names")
    position = languages.validate_texts(position or {}, field="position", required=False)
    with transaction.atomic():
        if user is not None and Person.objects.filter(user=user).exists():
            raise Conflict(f"The account {user.get_username()} already belongs to a person.")
        person = Person.objects.create(
            names=names, position=position, user=user, is_demo_account=is_demo_account
        )
        record_event(
            actor=actor,
            kind="person.created",
            subject=person,
            payload={"names": names, "user": user.get_username() if user else None},
        )
    return person


def add_delegation_member(
    *,
    actor: Any,
    delegation: Delegation,
    person: Person,
    role: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> DelegationMember:
    """Add a person to a delegation in a role. Records `delegation.member_added`."""
    require(actor, "processes.manage_process", delegation.process)
    _check_choice(role, MemberRole, "role")
    _check_dates(since, until)
    with transaction.atomic():
        if (
            role == MemberRole.HEAD
            and DelegationMember.objects.filter(
                delegation=delegation, role=MemberRole.HEAD, until__isnull=True
            )
            .exclude(person=person)
            .exists()
        ):
            raise Conflict(
                f"The delegation of {delegation.party} already has a head.", field="role"
            )
        try:
            with transaction.atomic():
                member = DelegationMember.objects.create(
                    delegation=delegation, person=person, role=role, since=since, until=until
                )
        except IntegrityError as exc:
            raise Conflict(f"{person} already has this role in the delegation.") from exc
        record_event(
            actor=actor,
            kind="delegation.member_added",
            process=delegation.process,
            subject=member,
            payload={"party": delegation.party.slug, "person": person.pk, "role": role},
        )
    forget_access(person.user)
    return member


def assign_process_role(*, actor: Any, process: Process, person: Person, role: str) -> ProcessRole:
    """Make a person secretariat, chair or facilitator of a process. Records
    `process.role_assigned`."""
    require(actor, "processes.manage_process", process)
    _check_choice(role, ProcessRoleKind, "role")
    with transaction.atomic():
        try:
            with transaction.atomic():
                held = ProcessRole.objects.create(process=process, person=person, role=role)
        except IntegrityError as exc:
            raise Conflict(f"{person} already holds this role.") from exc
        record_event(
            actor=actor,
            kind="process.role_assigned",
            process=process,
            subject=held,
            payload={"person": person.pk, "role": role},
        )
    forget_access(person.user)
    return held

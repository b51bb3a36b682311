"""Provision status: the chair's (or facilitator's) decisions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from accord.core.actors import require
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.documents.models import Document
from accord.negotiation.enums import (
    AGREED_STATUSES,
    STATUS_TRANSITIONS,
    ProvisionStatus,
    Stance,
)
from accord.negotiation.models import Position, ProvisionState, StatusDecision
from accord.negotiation.services.common import find_provision, latest_version, provision_text_hash
from accord.processes.access import access_for
from accord.processes.enums import ProcessRoleKind
from accord.processes.models import Person
from accord.record.audit import record_event


def _state(document: Document, provision_uid: uuid.UUID) -> ProvisionState:
    state, _ = ProvisionState.objects.get_or_create(document=document, provision_uid=provision_uid)
    # Lock the state row only: a plain FOR UPDATE would also lock the process
    # row, which every writer's audit event references (see _lock_working).
    return (
        ProvisionState.objects.select_for_update(of=("self",))
        .select_related("document__process")
        .get(pk=state.pk)
    )


def change_status(
    *,
    actor: Any,
    document: Document,
    provision_uid: uuid.UUID | str,
    status: str,
    note: str = "",
    override_reason: str = "",
    subject_to_uid: uuid.UUID | str | None = None,
) -> ProvisionState:
    """Move a provision to `status` as the transition table allows.

    Only the chair, or the facilitator who owns the provision, decides.
    "Agreed" is refused while a delegation's objection stands, unless the chair
    records an override with a reason. A provision may be agreed subject to
    another (`subject_to_uid`): it falls back to "under discussion" when that
    provision's text changes. Records `provision.status_changed`.
    """
    if status not in ProvisionStatus.values:
        raise ValidationError(f"Unknown status {status!r}.", field="status")
    uid = uuid.UUID(str(provision_uid))
    subject = uuid.UUID(str(subject_to_uid)) if subject_to_uid else None
    version = latest_version(document)
    if find_provision(version, uid) is None:
        raise ValidationError("No such provision in the current text.", field="provision")
    with transaction.atomic():
        state = _state(document, uid)
        require(
            actor,
            "negotiation.decide_status",
            state,
            message="Only the chair or the provision's facilitator decides its status.",
        )
        if status not in STATUS_TRANSITIONS[state.status]:
            raise Conflict(
                f"A provision that is {state.get_status_display().lower()} cannot become "
                f"{ProvisionStatus(status).label.lower()} directly.",
                field="status",
            )
        override_reason = override_reason.strip()
        if status == ProvisionStatus.AGREED:
            objections = list(
                Position.objects.filter(
                    document=document,
                    provision_uid=uid,
                    stance=Stance.OBJECTION,
                    superseded_at__isnull=True,
                ).select_related("delegation__party")
            )
            if objections:
                names = ", ".join(sorted(p.delegation.code for p in objections))
                if not override_reason:
                    raise Conflict(
                        f"An objection stands ({names}); the chair may agree the provision "
                        "only with a recorded override and its reason.",
                        field="override_reason",
                    )
                if not access_for(actor, document.process).is_chair and not getattr(
                    actor, "is_superuser", False
                ):
                    raise PermissionDenied("Only the chair can override an objection.")
        elif override_reason:
            raise ValidationError(
                "An override is recorded only when agreeing a provision.", field="override_reason"
            )
        subject_hash = ""
        if subject is not None:
            if status not in AGREED_STATUSES:
                raise ValidationError(
                    "Only an agreement can be subject to another provision.", field="subject_to"
                )
            if subject == uid:
                raise ValidationError(
                    "A provision cannot be agreed subject to itself.", field="subject_to"
                )
            other = find_provision(version, subject)
            if other is None:
                raise ValidationError(
                    "The provision it is subject to is not in the text.", field="subject_to"
                )
            subject_hash = provision_text_hash(other)
        before = state.status
        state.status = status
        state.subject_to_uid = subject
        state.subject_to_hash = subject_hash
        state.revision += 1
        state.save()
        StatusDecision.objects.create(
            state=state,
            from_status=before,
            to_status=status,
            decided_at=timezone.now(),
            decided_by=actor if getattr(actor, "is_authenticated", False) else None,
            note=note.strip(),
            override_reason=override_reason,
            subject_to_uid=subject,
        )
        record_event(
            actor=actor,
            kind="provision.status_changed",
            process=document.process,
            subject=state,
            payload={
                "provision_uid": uid,
                "from": before,
                "to": status,
                "override": bool(override_reason),
                "subject_to": subject,
            },
        )
    return state


def assign_facilitator(
    *,
    actor: Any,
    document: Document,
    provision_uids: Sequence[uuid.UUID | str],
    facilitator: Person | None,
) -> list[ProvisionState]:
    """Give a set of provisions to a facilitator (or take them back with None).
    Records `provision.facilitator_assigned`."""
    require(actor, "negotiation.assign_facilitator", document)
    if (
        facilitator is not None
        and not facilitator.process_roles.filter(
            process=document.process, role=ProcessRoleKind.FACILITATOR
        ).exists()
    ):
        raise ValidationError(
            f"{facilitator} is not a facilitator of this process.", field="facilitator"
        )
    uids = [uuid.UUID(str(u)) for u in provision_uids]
    version = latest_version(document)
    present = (
        set(version.provisions.filter(uid__in=uids).values_list("uid", flat=True))
        if version
        else set()
    )
    missing = [str(u) for u in uids if u not in present]
    if missing:
        raise ValidationError(f"Not in the current text: {', '.join(missing)}.", field="provisions")
    with transaction.atomic():
        states = [_state(document, uid) for uid in uids]
        ProvisionState.objects.filter(pk__in=[s.pk for s in states]).update(facilitator=facilitator)
        record_event(
            actor=actor,
            kind="provision.facilitator_assigned",
            process=document.process,
            subject=document,
            payload={"provisions": uids, "facilitator": facilitator.pk if facilitator else None},
        )
    for s in states:
        s.facilitator = facilitator
    return states


def fall_back_changed_conditions(*, document: Document) -> list[uuid.UUID]:
    """Within the caller's transaction: every provision agreed subject to
    another whose text has since changed falls back to "under discussion".
    Returns their uids so the caller's event can name them; the decision rows
    record why."""
    states = list(
        ProvisionState.objects.select_for_update().filter(
            document=document, subject_to_uid__isnull=False
        )
    )
    if not states:
        return []
    version = latest_version(document)
    fallen: list[uuid.UUID] = []
    now = timezone.now()
    for state in states:
        assert state.subject_to_uid is not None
        current = provision_text_hash(find_provision(version, state.subject_to_uid))
        if current == state.subject_to_hash:
            continue
        StatusDecision.objects.create(
            state=state,
            from_status=state.status,
            to_status=ProvisionStatus.UNDER_DISCUSSION,
            decided_at=now,
            note="The provision it was agreed subject to has changed.",
            subject_to_uid=state.subject_to_uid,
        )
        state.status = ProvisionStatus.UNDER_DISCUSSION
        state.subject_to_uid = None
        state.subject_to_hash = ""
        state.revision += 1
        state.save()
        fallen.append(state.provision_uid)
    return fallen

"""Recording a delegation's position on a provision or a proposal."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from accord.core.actors import require
from accord.core.errors import ValidationError
from accord.documents.models import Document
from accord.negotiation.enums import PositionVisibility, Stance
from accord.negotiation.models import Position, Proposal
from accord.negotiation.services.common import (
    find_provision,
    latest_version,
    require_readable,
)
from accord.processes.models import Delegation
from accord.record.audit import record_event


def record_position(
    *,
    actor: Any,
    delegation: Delegation,
    document: Document,
    stance: str,
    visibility: str,
    provision_uid: uuid.UUID | str | None = None,
    proposal: Proposal | None = None,
    reason: str = "",
) -> Position:
    """Record `delegation`'s stance on a provision (by uid) or on a proposal.

    The new position supersedes the delegation's current one on the same
    target; the old row stays as history. An objection needs a written
    reason. Records `position.recorded`.
    """
    require(actor, "negotiation.record_position", delegation)
    require_readable(actor, document)
    if stance not in Stance.values:
        raise ValidationError(f"Unknown stance {stance!r}.", field="stance")
    if visibility not in PositionVisibility.values:
        raise ValidationError(f"Unknown visibility {visibility!r}.", field="visibility")
    reason = reason.strip()
    if stance == Stance.OBJECTION and not reason:
        raise ValidationError("An objection needs a written reason.", field="reason")
    if (provision_uid is None) == (proposal is None):
        raise ValidationError("Take a position on a provision or on a proposal.", field="target")
    if delegation.process_id != document.process_id:
        raise ValidationError("That delegation is not in this document's process.")
    if proposal is not None and proposal.document_id != document.pk:
        raise ValidationError("That proposal is on another document.", field="proposal")
    if provision_uid is not None:
        provision_uid = uuid.UUID(str(provision_uid))
        if find_provision(latest_version(document), provision_uid) is None and not (
            document.versions.filter(provisions__uid=provision_uid).exists()
        ):
            raise ValidationError("No such provision in this document.", field="provision")
    with transaction.atomic():
        # Two members recording at once: the second waits, then supersedes
        # the first (there may be no current row yet to lock).
        Delegation.objects.select_for_update(no_key=True).get(pk=delegation.pk)
        now = timezone.now()
        target = {"provision_uid": provision_uid} if proposal is None else {"proposal": proposal}
        Position.objects.filter(delegation=delegation, superseded_at__isnull=True, **target).update(
            superseded_at=now
        )
        position = Position.objects.create(
            document=document,
            delegation=delegation,
            stance=stance,
            reason=reason,
            visibility=visibility,
            recorded_at=now,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            **target,
        )
        record_event(
            actor=actor,
            kind="position.recorded",
            process=document.process,
            subject=position,
            payload={
                "delegation": delegation.code,
                "stance": stance,
                "visibility": visibility,
                "provision_uid": provision_uid,
                "proposal": proposal.label if proposal else None,
            },
        )
    return position

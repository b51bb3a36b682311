"""Tabling, co-sponsoring, withdrawing and closing textual proposals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.core.actors import require
from accord.core.errors import Conflict, ValidationError
from accord.documents.enums import ALLOWED_CHILDREN, ProvisionKind
from accord.documents.models import Document, Provision, Version
from accord.documents.services import MAX_TEXT_LENGTH, delegation_codes
from accord.documents.tree import eid_number
from accord.negotiation import markup
from accord.negotiation.enums import (
    PROPOSAL_PHASES,
    PROPOSAL_TRANSITIONS,
    TEXT_OPERATIONS,
    Operation,
    ProposalStatus,
)
from accord.negotiation.models import Cosponsorship, Proposal
from accord.negotiation.services.common import require_readable
from accord.processes.enums import Standing
from accord.processes.models import Delegation, Participation
from accord.record.audit import record_event


def _check_open(version: Version, now: dt.datetime) -> None:
    document = version.document
    if not version.is_published:
        raise Conflict("Proposals are tabled against a published version, not a working copy.")
    if document.process.phase not in PROPOSAL_PHASES:
        raise Conflict(
            f"The process is in its {document.process.get_phase_display().lower()} phase; "
            "proposals are not taken now."
        )
    if version.proposals_deadline is not None and now > version.proposals_deadline:
        raise Conflict(
            f"The deadline for proposals on {version.label} passed at "
            f"{version.proposals_deadline.isoformat(timespec='minutes')}."
        )


def _check_shape(
    *,
    document: Document,
    provision: Provision,
    operation: str,
    language: str,
    text: str,
    new_kind: str,
    new_number: str,
    span: tuple[int, int] | None,
    target_ref: str,
) -> str:
    """Validate the operation's arguments; return the proposed text in canonical notation."""
    if operation not in Operation.values:
        raise ValidationError(f"Unknown operation {operation!r}.", field="operation")
    # What an operation does not take is refused, not stored and ignored.
    if span is not None and operation != Operation.BRACKET:
        raise ValidationError("This operation takes no span.", field="span")
    if target_ref and operation not in (Operation.ADD_OPTION, Operation.REMOVE_BRACKETS):
        raise ValidationError("This operation takes no bracket or option set.", field="target_ref")
    inserting = operation in (Operation.INSERT_BEFORE, Operation.INSERT_AFTER)
    if (new_kind or new_number.strip()) and not inserting:
        raise ValidationError("Only an insertion takes a kind or number.", field="new_kind")
    if language not in document.authentic_languages:
        raise ValidationError(
            f"{language!r} is not an authentic language of this document.", field="language"
        )
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError("The proposed text is too long.", field="text")
    current = next((t for t in provision.texts.all() if t.language == language), None)
    base = markup.parse(current.text if current else "", delegations=delegation_codes(document))
    canonical = ""
    if operation in TEXT_OPERATIONS:
        if not text.strip():
            raise ValidationError("This proposal needs a text.", field="text")
        try:
            canonical = markup.render(
                markup.parse(text.strip(), delegations=delegation_codes(document))
            )
        except markup.MarkupError as exc:
            raise ValidationError(f"The proposed text: {exc.message}", field="text") from exc
    elif text.strip():
        raise ValidationError("This operation takes no text.", field="text")
    if operation == Operation.DELETE and not base.content:
        # A deletion is shown as the struck-through text: there must be one.
        raise ValidationError(
            f"The provision has no {language} text to delete; propose the deletion "
            "in a language it is written in.",
            field="language",
        )
    if operation in (Operation.INSERT_BEFORE, Operation.INSERT_AFTER):
        kind = new_kind or provision.kind
        if kind not in ProvisionKind.values:
            raise ValidationError(f"Unknown provision kind {kind!r}.", field="new_kind")
        parent = provision.parent
        parent_kind = parent.kind if parent is not None else None
        if kind not in ALLOWED_CHILDREN[parent_kind]:
            raise ValidationError(
                f"A {ProvisionKind(kind).label.lower()} cannot stand there.", field="new_kind"
            )
        number = new_number.strip()
        if number:
            # Two siblings with one number would share an eId.
            siblings = Provision.objects.filter(
                version_id=provision.version_id, parent_id=provision.parent_id, kind=kind
            ).values_list("number", flat=True)
            if any(n and eid_number(n, 0) == eid_number(number, 0) for n in siblings):
                raise ValidationError(
                    f"{ProvisionKind(kind).label} {number} already exists there; "
                    "choose another number.",
                    field="new_number",
                )
    if operation == Operation.BRACKET:
        if span is None:
            raise ValidationError("Say which span to bracket.", field="span")
        start, end = span
        length = len(markup.clean_text(base))
        if not 0 <= start < end <= length:
            raise ValidationError(
                f"The span {start}–{end} is outside the text (0–{length}).", field="span"
            )
        try:
            markup.bracket(base, start, end)
        except markup.MarkupError as exc:
            raise ValidationError(
                f"That span cannot be bracketed: {exc.message}", field="span"
            ) from exc
    if operation == Operation.REMOVE_BRACKETS and not target_ref:
        raise ValidationError("Say which bracket to remove.", field="target_ref")
    if operation == Operation.REMOVE_BRACKETS and not any(
        isinstance(node, markup.Bracket) and node.id == target_ref for node in markup.walk(base)
    ):
        raise ValidationError(f"The text has no bracket {target_ref!r}.", field="target_ref")
    if (
        operation == Operation.ADD_OPTION
        and target_ref
        and not any(
            isinstance(node, markup.OptionSet) and node.id == target_ref
            for node in markup.walk(base)
        )
    ):
        raise ValidationError(f"The text has no option set {target_ref!r}.", field="target_ref")
    return canonical


def table_proposal(
    *,
    actor: Any,
    provision: Provision,
    delegation: Delegation,
    operation: str,
    language: str | None = None,
    text: str = "",
    rationale: str = "",
    new_kind: str = "",
    new_number: str = "",
    span: tuple[int, int] | None = None,
    target_ref: str = "",
    cosponsors: list[Delegation] | None = None,
) -> Proposal:
    """Table `delegation`'s proposal against `provision` of a published version.

    Only members of the delegation may table; only while the process phase
    takes proposals and before the version's deadline. Records `proposal.tabled`.
    """
    require(
        actor,
        "negotiation.table_proposal",
        delegation,
        message="Only members of a participating delegation may table its proposals.",
    )
    version = provision.version
    document = version.document
    require_readable(actor, document)
    if delegation.process_id != document.process_id:
        raise ValidationError("That delegation is not in this document's process.")
    language = language or document.working_language
    now = timezone.now()
    canonical = _check_shape(
        document=document,
        provision=provision,
        operation=operation,
        language=language,
        text=text,
        new_kind=new_kind,
        new_number=new_number,
        span=span,
        target_ref=target_ref,
    )
    cosponsors = list(cosponsors or [])
    participating = set(
        Participation.objects.filter(
            process_id=document.process_id, standing=Standing.PARTICIPANT
        ).values_list("party_id", flat=True)
    )
    if delegation.party_id not in participating:
        # Checked here too for actors the rules let through (the command line).
        raise ValidationError(f"{delegation} does not participate; it cannot table proposals.")
    for index, other in enumerate(cosponsors):
        if (
            other.pk == delegation.pk
            or other.process_id != document.process_id
            or other.party_id not in participating
            or any(o.pk == other.pk for o in cosponsors[:index])
        ):
            raise ValidationError(f"{other} cannot co-sponsor this proposal.", field="cosponsors")
    with transaction.atomic():
        Document.objects.select_for_update(no_key=True).get(pk=document.pk)
        # Phase and deadline as they are now, not as the caller's (perhaps
        # long-lived) objects remember them.
        version = Version.objects.select_related("document__process").get(pk=version.pk)
        _check_open(version, now)
        number = (document.proposals.aggregate(n=Max("number"))["n"] or 0) + 1
        proposal = Proposal.objects.create(
            document=document,
            number=number,
            version=version,
            provision=provision,
            provision_uid=provision.uid,
            delegation=delegation,
            operation=operation,
            language=language,
            text=canonical,
            new_kind=new_kind,
            new_number=new_number.strip(),
            span_start=span[0] if span else None,
            span_end=span[1] if span else None,
            target_ref=target_ref,
            rationale=rationale.strip(),
            tabled_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for other in cosponsors:
            Cosponsorship.objects.create(proposal=proposal, delegation=other, joined_at=now)
        record_event(
            actor=actor,
            kind="proposal.tabled",
            process=document.process,
            subject=proposal,
            payload={
                "document": document.slug,
                "number": number,
                "version": version.label,
                "provision_uid": provision.uid,
                "delegation": delegation.code,
                "operation": operation,
                "language": language,
                "text": canonical,
                "cosponsors": [d.code for d in cosponsors],
            },
        )
    return proposal


def _lock_tabled(proposal: Proposal) -> Proposal:
    # Lock the proposal row only: a compilation holds the document row and
    # then waits for this one, so locking the document here too could deadlock.
    locked = (
        Proposal.objects.select_for_update(no_key=True, of=("self",))
        .select_related("document__process", "delegation__party", "version")
        .get(pk=proposal.pk)
    )
    if locked.status != ProposalStatus.TABLED:
        raise Conflict(
            f"{locked.label} is {locked.get_status_display().lower()}, no longer tabled."
        )
    return locked


def withdraw_proposal(*, actor: Any, proposal: Proposal, reason: str = "") -> Proposal:
    """The proposing delegation withdraws its proposal. Records `proposal.withdrawn`."""
    require(
        actor,
        "negotiation.withdraw_proposal",
        proposal,
        message="Only members of the proposing delegation may withdraw it.",
    )
    with transaction.atomic():
        locked = _lock_tabled(proposal)
        assert ProposalStatus.WITHDRAWN in PROPOSAL_TRANSITIONS[locked.status]
        locked.status = ProposalStatus.WITHDRAWN
        locked.status_reason = reason.strip()
        locked.save(update_fields=["status", "status_reason", "updated_at"])
        record_event(
            actor=actor,
            kind="proposal.withdrawn",
            process=locked.document.process,
            subject=locked,
            payload={"number": locked.number, "reason": reason.strip()},
        )
    return locked


def not_retain_proposal(*, actor: Any, proposal: Proposal, reason: str) -> Proposal:
    """The secretariat records that a proposal was not retained, and why.
    Records `proposal.not_retained`."""
    require(actor, "negotiation.manage_proposals", proposal.document)
    if not reason.strip():
        raise ValidationError("Say why the proposal is not retained.", field="reason")
    with transaction.atomic():
        locked = _lock_tabled(proposal)
        locked.status = ProposalStatus.NOT_RETAINED
        locked.status_reason = reason.strip()
        locked.save(update_fields=["status", "status_reason", "updated_at"])
        record_event(
            actor=actor,
            kind="proposal.not_retained",
            process=locked.document.process,
            subject=locked,
            payload={"number": locked.number, "reason": reason.strip()},
        )
    return locked


def join_proposal(*, actor: Any, proposal: Proposal, delegation: Delegation) -> Cosponsorship:
    """`delegation` co-sponsors a tabled proposal. Records `proposal.cosponsor_joined`."""
    require(
        actor,
        "negotiation.sponsor_proposal",
        delegation,
        message="Only members of a participating delegation may sign it on.",
    )
    require_readable(actor, proposal.document)
    with transaction.atomic():
        locked = _lock_tabled(proposal)
        if delegation.pk == locked.delegation_id:
            raise Conflict("A delegation cannot co-sponsor its own proposal.")
        if delegation.process_id != locked.document.process_id:
            raise ValidationError("That delegation is not in this process.")
        if locked.cosponsorships.filter(delegation=delegation, withdrawn_at__isnull=True).exists():
            raise Conflict(f"{delegation} already co-sponsors {locked.label}.")
        row = Cosponsorship.objects.create(
            proposal=locked, delegation=delegation, joined_at=timezone.now()
        )
        record_event(
            actor=actor,
            kind="proposal.cosponsor_joined",
            process=locked.document.process,
            subject=locked,
            payload={"number": locked.number, "delegation": delegation.code},
        )
    return row


def leave_proposal(*, actor: Any, proposal: Proposal, delegation: Delegation) -> Cosponsorship:
    """`delegation` withdraws its co-sponsorship; the row stays as history.
    Records `proposal.cosponsor_left`."""
    require(
        actor,
        "negotiation.sponsor_proposal",
        delegation,
        message="Only members of that delegation may withdraw its co-sponsorship.",
    )
    with transaction.atomic():
        locked = _lock_tabled(proposal)
        row = (
            Cosponsorship.objects.select_for_update()
            .filter(proposal=locked, delegation=delegation, withdrawn_at__isnull=True)
            .first()
        )
        if row is None:
            raise Conflict(f"{delegation} does not co-sponsor {locked.label}.")
        row.withdrawn_at = timezone.now()
        row.save(update_fields=["withdrawn_at"])
        record_event(
            actor=actor,
            kind="proposal.cosponsor_left",
            process=locked.document.process,
            subject=locked,
            payload={"number": locked.number, "delegation": delegation.code},
        )
    return row


def set_proposals_deadline(
    *, actor: Any, version: Version, deadline: dt.datetime | None
) -> Version:
    """Set (or lift, with None) the moment proposals on `version` close.
    Records `version.proposals_deadline_set`."""
    require(actor, "negotiation.manage_proposals", version.document)
    if deadline is not None and deadline.tzinfo is None:
        raise ValidationError("The deadline must carry a time zone.", field="deadline")
    with transaction.atomic():
        locked = Version.objects.select_for_update(no_key=True).get(pk=version.pk)
        if not locked.is_published:
            raise Conflict("Deadlines are set on published versions.")
        locked.proposals_deadline = deadline
        locked.save(update_fields=["proposals_deadline", "updated_at"])
        record_event(
            actor=actor,
            kind="version.proposals_deadline_set",
            process=version.document.process,
            subject=locked,
            payload={"label": locked.label, "deadline": deadline},
        )
    return locked

"""The hash-chained audit log.

Every service calls `record_event` exactly once, inside its own transaction.
The hash of event n is sha256 over a canonical JSON of its content together
with the hash of event n-1; the first event chains from GENESIS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from accord.record.models import ChainHead, Event

GENESIS = "0" * 64


def _canonical(value: dict[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_content(event: Event) -> dict[str, Any]:
    """Everything the hash covers, as plain JSON values."""
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "kind": event.kind,
        "process_id": event.process_id,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "payload": event.payload,
    }


def compute_hash(content: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + _canonical(content)).hexdigest()


def record_event(
    *,
    actor: Any,
    kind: str,
    process: Any = None,
    subject: models.Model | None = None,
    payload: dict[str, Any] | None = None,
) -> Event:
    """Append one event to the chain. Must run inside the caller's transaction,
    so the event commits or rolls back with the change it describes."""
    if not connection.in_atomic_block:
        raise RuntimeError("record_event must be called inside transaction.atomic()")
    head, _ = ChainHead.objects.select_for_update().get_or_create(
        id=1, defaults={"seq": 0, "hash": GENESIS}
    )
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = Event(
        seq=head.seq + 1,
        occurred_at=timezone.now(),
        actor=user,
        actor_label=(user.get_username() if user else str(actor or "system")),
        kind=kind,
        process=process,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        payload=json.loads(json.dumps(payload or {}, default=str)),
        prev_hash=head.hash,
    )
    event.hash = compute_hash(event_content(event), head.hash)
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: str = ""


def verify_chain(*, batch_size: int = 2000) -> VerifyResult:
    """Walk the chain from the start. Report the first event whose position,
    link or content does not match, or a head that does not match the last event."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    with transaction.atomic():
        for event in Event.objects.order_by("seq").iterator(chunk_size=batch_size):
            if event.seq != expected_seq:
                return VerifyResult(
                    False,
                    checked,
                    event.seq,
                    f"event #{event.seq} follows #{expected_seq - 1}: "
                    f"event #{expected_seq} is missing",
                )
            if event.prev_hash != prev_hash:
                return VerifyResult(
                    False,
                    checked,
                    event.seq,
                    f"event #{event.seq} does not link to the event before it "
                    "(events were reordered, removed or replaced)",
                )
            if compute_hash(event_content(event), event.prev_hash) != event.hash:
                return VerifyResult(
                    False,
                    checked,
                    event.seq,
                    f"event #{event.seq} ({event.kind}) was changed after it was recorded",
                )
            prev_hash = event.hash
            expected_seq += 1
            checked += 1
        head = ChainHead.objects.filter(id=1).first()
        head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
        if head_seq > checked:
            return VerifyResult(
                False,
                checked,
                checked + 1,
                f"the chain ends at #{checked} but its head records #{head_seq}: "
                "the newest events were removed or the head was altered",
            )
        if head_seq < checked:
            # Events past the head were written without taking the head's lock:
            # the first of them is the first bad event.
            return VerifyResult(
                False,
                head_seq,
                head_seq + 1,
                f"the chain ends at #{checked} but its head records #{head_seq}: "
                f"events from #{head_seq + 1} on were added outside the log",
            )
        if head_hash != prev_hash:
            return VerifyResult(
                False,
                max(checked - 1, 0),
                checked,
                f"event #{checked} does not match the head's hash: "
                "the newest event was replaced or the head was altered",
            )
    return VerifyResult(True, checked)

"""Writes to the public record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import transaction

from accord.core import languages
from accord.core.actors import require
from accord.core.dates import validate_fuzzy_date
from accord.core.enums import Visibility
from accord.core.errors import ValidationError
from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.processes.models import Party, Process
from accord.record.audit import record_event
from accord.record.models import RecordEntry, Source


def create_record_entry(
    *,
    actor: Any,
    process: Process,
    date: dt.date,
    date_precision: str,
    text: dict[str, str],
    sources: list[tuple[str, str]],
    weekday: int | None = None,
    visibility: str = Visibility.PUBLIC,
    meetings: list[Meeting] | None = None,
    documents: list[Document] | None = None,
    parties: list[Party] | None = None,
    is_illustrative: bool = False,
) -> RecordEntry:
    """Add an entry to the process's timeline. `sources` are (name, address)
    pairs; the address may be empty. Records `record.entry_created`."""
    require(actor, "record.create_entry", process)
    text = languages.validate_texts(text, field="text")
    validate_fuzzy_date(date=date, precision=date_precision, weekday=weekday)
    if visibility not in (Visibility.PUBLIC, Visibility.PARTICIPANTS, Visibility.SECRETARIAT):
        raise ValidationError(
            f"A record entry cannot have visibility {visibility!r}.", field="visibility"
        )
    if not sources:
        raise ValidationError("Name at least one source for the entry.", field="sources")
    url_ok = URLValidator(schemes=["http", "https"])
    for name, url in sources:
        if not name.strip():
            raise ValidationError("Every source needs a name.", field="sources")
        if url:
            try:
                url_ok(url)
            except DjangoValidationError as exc:
                raise ValidationError(f"{url!r} is not a web address.", field="sources") from exc
    linked_objects: list[Meeting | Document] = [*(meetings or []), *(documents or [])]
    for linked in linked_objects:
        if linked.process_id != process.pk:
            raise ValidationError(f"{linked} belongs to another process.", field="links")
    with transaction.atomic():
        entry = RecordEntry.objects.create(
            process=process,
            date=date,
            date_precision=date_precision,
            weekday=weekday,
            text=text,
            visibility=visibility,
            is_illustrative=is_illustrative,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Source.objects.bulk_create(
            Source(entry=entry, name=name.strip(), url=url, position=i)
            for i, (name, url) in enumerate(sources)
        )
        entry.meetings.set(meetings or [])
        entry.documents.set(documents or [])
        entry.parties.set(parties or [])
        record_event(
            actor=actor,
            kind="record.entry_created",
            process=process,
            subject=entry,
            payload={
                "date": date,
                "precision": date_precision,
                "text": text,
                "visibility": visibility,
                "sources": [n.strip() for n, _ in sources],
            },
        )
    return entry

"""The record of a process: its timeline, with sources."""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from accord.api.auth import viewer
from accord.api.lookups import process_by_slug
from accord.api.pagination import Pages
from accord.api.schemas.common import answers
from accord.api.schemas.record import EntryOut
from accord.record import selectors
from accord.record.models import RecordEntry

router = Router(tags=["record"])


@router.get("/processes/{slug}/record", response=answers(list[EntryOut]))
@paginate(Pages)
def list_record(request: HttpRequest, slug: str) -> QuerySet[RecordEntry]:
    """The timeline entries you may see, oldest first. Linked meetings and
    documents are limited to those you may see too."""
    return selectors.visible_entries(user=viewer(request), process=process_by_slug(slug))

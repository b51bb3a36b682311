"""Documents, their versions, and the provisions of a version with their texts."""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import ValidationError
from ninja.pagination import paginate

from accord.api.auth import viewer
from accord.api.lookups import document_for, process_by_slug, version_for
from accord.api.pagination import PROVISIONS_MAX_PAGE_SIZE, PROVISIONS_PAGE_SIZE, Pages
from accord.api.schemas.common import answers
from accord.api.schemas.documents import (
    DocumentDetailOut,
    DocumentOut,
    ProvisionOut,
    VersionOut,
)
from accord.core import languages
from accord.documents import selectors
from accord.documents.models import Document, Provision, Version

router = Router(tags=["documents"])

LANG_HELP = "Keep only these language codes, e.g. ?lang=en&lang=ru."


@router.get("/processes/{slug}/documents", response=answers(list[DocumentOut]))
@paginate(Pages)
def list_documents(request: HttpRequest, slug: str) -> QuerySet[Document]:
    """The documents of a process that you may read."""
    process = process_by_slug(slug)
    return selectors.visible_documents(user=viewer(request), process=process).select_related(
        "process", "owner_delegation__party", "meeting__process"
    )


@router.get("/documents/{slug}", response=answers(DocumentDetailOut))
def get_document(request: HttpRequest, slug: str) -> Document:
    """A document, with the versions you may read."""
    return document_for(viewer(request), slug)


@router.get("/documents/{slug}/versions", response=answers(list[VersionOut]))
@paginate(Pages)
def list_versions(request: HttpRequest, slug: str) -> QuerySet[Version]:
    """Published versions, oldest first; the working copy too for the secretariat
    and the chair."""
    user = viewer(request)
    document = document_for(user, slug)
    return selectors.visible_versions(user=user, document=document).select_related("base")


@router.get("/documents/{slug}/versions/{number}", response=answers(VersionOut))
def get_version(request: HttpRequest, slug: str, number: int) -> Version:
    user = viewer(request)
    return version_for(user, document_for(user, slug), number)


@router.get("/documents/{slug}/versions/{number}/provisions", response=answers(list[ProvisionOut]))
@paginate(Pages, page_size=PROVISIONS_PAGE_SIZE, max_page_size=PROVISIONS_MAX_PAGE_SIZE)
def list_provisions(
    request: HttpRequest,
    slug: str,
    number: int,
    lang: Annotated[list[str] | None, Query(description=LANG_HELP)] = None,
) -> list[dict[str, Any]]:
    """The provisions of a version in document order, each with its heading and
    text per language. `?lang=ru` (repeatable) keeps only those languages."""
    wanted = wanted_languages(lang)
    user = viewer(request)
    version = version_for(user, document_for(user, slug), number)
    return provision_rows(selectors.provisions_with_texts(version), wanted)


def wanted_languages(lang: list[str] | None) -> set[str]:
    """The language codes of a `?lang=` filter (empty: all); unknown ones are a 422."""
    wanted = set(lang or ())
    unknown = sorted(code for code in wanted if not languages.is_known(code))
    if unknown:
        raise ValidationError(
            [
                {
                    "loc": ["query", "lang"],
                    "msg": f"Unknown language code(s): {', '.join(unknown)}.",
                    "type": "value_error",
                }
            ]
        )
    return wanted


def provision_rows(provisions: list[Provision], wanted: set[str]) -> list[dict[str, Any]]:
    """Shape provisions for the API: parent by uid, source version by number.
    One query, whatever the number of provisions."""
    uid_of = {p.pk: p.uid for p in provisions}
    source_ids = {
        t.source_version_id for p in provisions for t in p.texts.all() if t.source_version_id
    }
    number_of = (
        dict(Version.objects.filter(pk__in=source_ids).order_by().values_list("pk", "number"))
        if source_ids
        else {}
    )
    return [
        {
            "uid": p.uid,
            "eid": p.eid,
            "kind": p.kind,
            "number": p.number,
            "parent": uid_of.get(p.parent_id) if p.parent_id else None,
            "depth": p.depth,
            "position": p.position,
            "texts": {
                t.language: {
                    "heading": t.heading,
                    "text": t.text,
                    "source_version": (
                        number_of.get(t.source_version_id) if t.source_version_id else None
                    ),
                    "revision": t.revision,
                }
                for t in p.texts.all()
                if not wanted or t.language in wanted
            },
        }
        for p in provisions
    ]

"""The negotiation's text: the compilation view of a version, the redline
between two versions, and the writes of a working copy (provisions, their
texts, publishing, a new working copy).

Texts are written in negotiation notation and stored canonical; invalid
markup is a 400 whose message gives the line and column. A text edit carries
the revision the writer read: if someone wrote in between, the answer is a
409 with the text as it now stands, and nothing is overwritten.
"""

# No `from __future__ import annotations`: ninja reads the parameter annotations at runtime.

import dataclasses
import uuid
from typing import Annotated, Any, Literal

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accord.api import markup as texts
from accord.api.auth import WRITE_AUTH, viewer
from accord.api.documents import LANG_HELP, provision_rows, wanted_languages
from accord.api.documents import router as documents_router
from accord.api.lookups import (
    document_for,
    provision_named,
    provision_of,
    version_for,
    version_named,
)
from accord.api.pagination import PROVISIONS_MAX_PAGE_SIZE, PROVISIONS_PAGE_SIZE, Pages
from accord.api.schemas.common import answers, writes
from accord.api.schemas.documents import ProvisionOut, VersionOut
from accord.api.schemas.texts import (
    CompilationRowOut,
    MoveIn,
    ProvisionIn,
    PublishIn,
    RedlineOut,
    SetTextIn,
    TextConflictOut,
    TextOut,
    WorkingCopyIn,
)
from accord.core.errors import Conflict
from accord.documents import services
from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.compare import Change, compare_versions
from accord.documents.models import Provision, Translation, Version
from accord.documents.selectors import version_snapshot
from accord.documents.services import delegation_codes
from accord.negotiation import selectors

router = Router(tags=["texts"])
# Ninja routes a path from one router only: the writes at the paths of the
# version and provision lists go on the router that reads them.
shared_paths = documents_router

View = Literal["full", "clean", "notation"]


# --- Reads -------------------------------------------------------------------------------


@router.get(
    "/documents/{slug}/versions/{number}/compilation",
    response=answers(list[CompilationRowOut]),
)
@paginate(Pages, page_size=PROVISIONS_PAGE_SIZE, max_page_size=PROVISIONS_MAX_PAGE_SIZE)
def list_compilation(
    request: HttpRequest,
    slug: str,
    number: int,
    lang: Annotated[list[str] | None, Query(description=LANG_HELP)] = None,
) -> list[dict[str, Any]]:
    """The compilation view of a version: each provision in document order with
    its status, the proposals still tabled on it, its facilitator, and its text
    per language as notation, as structured markup, as clean text and as full
    text. The clean and the full view come from the same stored text."""
    wanted = wanted_languages(lang)
    user = viewer(request)
    document = document_for(user, slug)
    version = version_for(user, document, number)
    rows = selectors.compilation_rows(version=version)
    sees_proposals = user.has_perm("negotiation.view_proposals", document)
    sees_people = user.has_perm("processes.view_process_people", document.process)
    codes = delegation_codes(document)
    uid_of = {row.provision.pk: row.provision.uid for row in rows}
    number_of = _source_numbers(t for row in rows for t in row.provision.texts.all())
    return [
        {
            "uid": p.uid,
            "eid": p.eid,
            "kind": p.kind,
            "number": p.number,
            "parent": uid_of.get(p.parent_id) if p.parent_id else None,
            "depth": p.depth,
            "position": p.position,
            "status": row.status,
            "colour": row.colour,
            "tabled": row.tabled if sees_proposals else None,
            "facilitator": (row.facilitator or None) if sees_people else None,
            "texts": {
                t.language: {
                    "heading": t.heading,
                    **texts.views(t.text, codes),
                    "source_version": number_of.get(t.source_version_id),
                    "revision": t.revision,
                }
                for t in p.texts.all()
                if not wanted or t.language in wanted
            },
        }
        for row in rows
        for p in (row.provision,)
    ]


def _source_numbers(translations: Any) -> dict[int | None, int]:
    """Version numbers of the texts' source versions: one query, or none."""
    ids = {t.source_version_id for t in translations if t.source_version_id}
    if not ids:
        return {}
    return dict(Version.objects.filter(pk__in=ids).order_by().values_list("pk", "number"))


@router.get("/documents/{slug}/redline", response=answers(RedlineOut))
def get_redline(
    request: HttpRequest,
    slug: str,
    from_version: Annotated[int, Query(alias="from", description="The older version's number.")],
    to_version: Annotated[int, Query(alias="to", description="The newer version's number.")],
    lang: Annotated[list[str] | None, Query(description=LANG_HELP)] = None,
    view: Annotated[
        View,
        Query(
            description="What is compared: the full text (brackets, options and attributions, "
            "as printed), the clean text (agreed text only) or the stored notation."
        ),
    ] = "full",
) -> dict[str, Any]:
    """What changed between two versions you may read, adjacent or not:
    provisions aligned by identity (moved or renumbered, not deleted and
    inserted), and word-level changes of each heading and text per language."""
    wanted = wanted_languages(lang)
    user = viewer(request)
    document = document_for(user, slug)
    old = version_for(user, document, from_version)
    new = version_for(user, document, to_version)
    codes = delegation_codes(document)
    redline = compare_versions(
        _snapshot(old, codes, view, wanted), _snapshot(new, codes, view, wanted)
    )
    return {
        "from_version": old.number,
        "to_version": new.number,
        "view": view,
        "changed": redline.changed,
        "counts": {str(change): n for change, n in redline.counts().items()},
        "provisions": [
            {
                "uid": p.uid,
                "kind": p.kind,
                "number": p.number,
                "old_number": p.old_number,
                "depth": p.depth,
                "changes": [str(change) for change in Change if change in p.changes],
                "texts": [
                    {
                        "language": t.language,
                        "status": str(t.status),
                        "heading": [{"op": str(s.op), "text": s.text} for s in t.heading],
                        "text": [{"op": str(s.op), "text": s.text} for s in t.text],
                    }
                    for t in p.texts
                ],
            }
            for p in redline.provisions
        ],
    }


def _snapshot(
    version: Version, codes: frozenset[str], view: str, wanted: set[str]
) -> list[ProvisionSnapshot]:
    return [
        dataclasses.replace(
            p,
            texts=tuple(
                TextSnapshot(t.language, t.heading, texts.view(t.text, codes, view))
                for t in p.texts
                if not wanted or t.language in wanted
            ),
        )
        for p in version_snapshot(version)
    ]


# --- Writes of a working copy ------------------------------------------------------------


def _provision_out(provision: Provision) -> dict[str, Any]:
    """A provision as `list_provisions` gives it, read afresh after a write."""
    fresh = (
        Provision.objects.select_related("parent")
        .prefetch_related(Prefetch("texts", queryset=Translation.objects.order_by("language")))
        .get(pk=provision.pk)
    )
    (row,) = provision_rows([fresh], set())
    row["parent"] = fresh.parent.uid if fresh.parent is not None else None
    return row


def _text_out(text: Translation) -> dict[str, Any]:
    source = text.source_version
    return {
        "language": text.language,
        "heading": text.heading,
        "text": text.text,
        "source_version": source.number if source is not None else None,
        "revision": text.revision,
    }


@shared_paths.post(
    "/documents/{slug}/versions/{number}/provisions",
    tags=["texts"],
    auth=WRITE_AUTH,
    response=writes(ProvisionOut, status=201),
)
def add_provision(
    request: HttpRequest, slug: str, number: int, body: ProvisionIn
) -> Status[dict[str, Any]]:
    """Add a provision to a working copy: last in `parent` (or at the top
    level), or right after the sibling `after`; with its heading and text per
    language."""
    user = viewer(request)
    version = version_for(user, document_for(user, slug), number)
    provision = services.add_provision(
        actor=user,
        version=version,
        kind=body.kind,
        number=body.number,
        parent=provision_named(version, body.parent, field="parent")
        if body.parent is not None
        else None,
        after=provision_named(version, body.after, field="after")
        if body.after is not None
        else None,
        texts={code: (t.heading, t.text) for code, t in body.texts.items()},
    )
    return Status(201, _provision_out(provision))


@router.post(
    "/documents/{slug}/versions/{number}/provisions/{uid}/move",
    auth=WRITE_AUTH,
    response=writes(ProvisionOut),
)
def move_provision(
    request: HttpRequest, slug: str, number: int, uid: uuid.UUID, body: MoveIn
) -> dict[str, Any]:
    """Move a provision of a working copy, with everything in it, and perhaps
    renumber it. It keeps its identity (uid); its eId follows its new place."""
    user = viewer(request)
    version = version_for(user, document_for(user, slug), number)
    provision = services.move_provision(
        actor=user,
        provision=provision_of(version, uid),
        parent=provision_named(version, body.parent, field="parent")
        if body.parent is not None
        else None,
        after=provision_named(version, body.after, field="after")
        if body.after is not None
        else None,
        number=body.number,
    )
    return _provision_out(provision)


@router.delete(
    "/documents/{slug}/versions/{number}/provisions/{uid}",
    auth=WRITE_AUTH,
    response=writes(None, status=204),
)
def remove_provision(request: HttpRequest, slug: str, number: int, uid: uuid.UUID) -> Status[None]:
    """Remove a provision, and everything in it, from a working copy."""
    user = viewer(request)
    version = version_for(user, document_for(user, slug), number)
    services.remove_provision(actor=user, provision=provision_of(version, uid))
    return Status(204, None)


@router.put(
    "/documents/{slug}/versions/{number}/provisions/{uid}/texts/{lang}",
    auth=WRITE_AUTH,
    response={**writes(TextOut), 409: TextConflictOut},
)
def set_provision_text(
    request: HttpRequest, slug: str, number: int, uid: uuid.UUID, lang: str, body: SetTextIn
) -> Any:
    """Write a provision's heading and text in one language of a working copy.
    Send the `revision` you read as `expected_revision`: if the text changed
    since, the answer is a 409 carrying the current text, and nothing is
    written."""
    user = viewer(request)
    document = document_for(user, slug)
    version = version_for(user, document, number)
    provision = provision_of(version, uid)
    source = (
        version_named(user, document, body.source_version, field="source_version")
        if body.source_version is not None
        else None
    )
    try:
        text = services.set_text(
            actor=user,
            provision=provision,
            language=lang,
            text=body.text,
            heading=body.heading,
            expected_revision=body.expected_revision,
            source_version=source,
        )
    except Conflict as exc:
        current = (
            Translation.objects.select_related("source_version")
            .filter(provision=provision, language=lang)
            .first()
        )
        return Status(
            409, {"detail": exc.message, "current": _text_out(current) if current else None}
        )
    return _text_out(text)


@router.post(
    "/documents/{slug}/versions/{number}/publish",
    auth=WRITE_AUTH,
    response=writes(VersionOut),
)
def publish_version(request: HttpRequest, slug: str, number: int, body: PublishIn) -> Version:
    """Publish a working copy: it gets its label and content hash and never
    changes again."""
    user = viewer(request)
    version = version_for(user, document_for(user, slug), number)
    return services.publish_version(actor=user, version=version, label=body.label)


@shared_paths.post(
    "/documents/{slug}/versions",
    tags=["texts"],
    auth=WRITE_AUTH,
    response=writes(VersionOut, status=201),
)
def start_working_copy(request: HttpRequest, slug: str, body: WorkingCopyIn) -> Status[Version]:
    """Open a new working copy from the latest published version; every
    provision keeps its identity."""
    user = viewer(request)
    document = document_for(user, slug)
    return Status(201, services.start_working_copy(actor=user, document=document, label=body.label))

"""Reads of documents, versions and provision trees, filtered for a user."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from accord.core.enums import Visibility
from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.enums import VersionStatus
from accord.documents.models import Document, Provision, Translation, Version
from accord.processes.access import access_for, visibility_allows, visible_values
from accord.processes.models import Process


def visible_documents(*, user: Any, process: Process) -> QuerySet[Document]:
    """The documents of `process` that `user` may read, in one query."""
    access = access_for(user, process)
    condition = Q(visibility__in=visible_values(access))
    if access.delegation_ids:
        condition |= Q(
            visibility=Visibility.DELEGATION, owner_delegation_id__in=access.delegation_ids
        )
    return Document.objects.filter(process=process).filter(condition).order_by("id")


def visible_versions(*, user: Any, document: Document) -> QuerySet[Version]:
    """The versions of `document` that `user` may read: published ones, and the
    working copy for those who see working copies. None at all of a document
    the user may not read, so a caller that forgot to check cannot leak it."""
    access = access_for(user, document.process)
    if not visibility_allows(
        access, document.visibility, owner_delegation_id=document.owner_delegation_id
    ):
        return document.versions.none()
    versions = document.versions.order_by("number")
    # A delegation's own material: its members (the only readers) see its drafts.
    if document.visibility != Visibility.DELEGATION and not access.sees_working_copies:
        versions = versions.filter(status=VersionStatus.PUBLISHED)
    return versions


def default_version(*, user: Any, document: Document) -> Version | None:
    """The version a reader lands on: the working copy for those who may see
    it, else the latest published version."""
    return visible_versions(user=user, document=document).order_by("-number").first()


@dataclass
class Node:
    provision: Provision
    texts: dict[str, Translation]
    children: list[Node] = field(default_factory=list)


def provisions_with_texts(version: Version) -> list[Provision]:
    """All provisions of a version in document order, texts prefetched: two queries."""
    return list(
        version.provisions.order_by("position").prefetch_related(
            Prefetch("texts", queryset=Translation.objects.order_by("language"))
        )
    )


def version_tree(version: Version) -> list[Node]:
    """The provision tree of a version, with texts per language: two queries."""
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    by_parent: dict[int | None, list[Node]] = defaultdict(list)
    for provision in provisions_with_texts(version):
        node = Node(provision, {t.language: t for t in provision.texts.all()})
        nodes[provision.pk] = node
        by_parent[provision.parent_id].append(node)
    for parent_id, children in by_parent.items():
        if parent_id is None:
            roots.extend(children)
        else:
            nodes[parent_id].children.extend(children)
    return roots


def version_snapshot(version: Version) -> list[ProvisionSnapshot]:
    """The canonical content of a version, for its content hash."""
    provisions = provisions_with_texts(version)
    uid_of = {p.pk: str(p.uid) for p in provisions}
    return [
        ProvisionSnapshot(
            uid=str(p.uid),
            kind=p.kind,
            parent_uid=uid_of.get(p.parent_id) if p.parent_id else None,
            number=p.number,
            texts=tuple(TextSnapshot(t.language, t.heading, t.text) for t in p.texts.all()),
        )
        for p in provisions
    ]

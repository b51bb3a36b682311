"""Documents, their versions and the provisions of a version."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Field, Schema

from accord.api.auth import viewer
from accord.api.schemas.common import Texts
from accord.core.enums import Visibility
from accord.documents.enums import DocumentKind, ProvisionKind, VersionStatus
from accord.documents.selectors import visible_versions


class VersionOut(Schema):
    number: int
    label: str = Field(description='e.g. "Zero draft", "Rev.1".')
    status: VersionStatus
    base: int | None = Field(description="Number of the version this one was started from.")
    published_at: dt.datetime | None
    content_hash: str | None = Field(
        description="SHA-256 over the canonical text in all languages; null for a working copy."
    )
    proposals_deadline: dt.datetime | None = Field(
        description="When proposals against this version close; null: no deadline."
    )

    @staticmethod
    def resolve_base(obj: Any) -> int | None:
        return obj.base.number if obj.base_id else None

    @staticmethod
    def resolve_content_hash(obj: Any) -> str | None:
        return obj.content_hash or None


class DocumentOut(Schema):
    slug: str
    process: str = Field(description="The process's slug.")
    kind: DocumentKind
    symbol: str = Field(description='e.g. "EC/2025/1"; empty when none was given.')
    title: Texts
    summary: Texts
    authentic_languages: list[str]
    working_language: str
    visibility: Visibility
    owner_delegation: str | None = Field(
        description="For delegation-internal material: slug of the party whose delegation "
        "alone may read it."
    )
    meeting: str | None = Field(
        description="Slug of the meeting the document belongs to, if you may see that meeting."
    )
    is_illustrative: bool = Field(description="Text written for the demo, not an official text.")

    @staticmethod
    def resolve_process(obj: Any) -> str:
        return str(obj.process.slug)

    @staticmethod
    def resolve_owner_delegation(obj: Any) -> str | None:
        return obj.owner_delegation.party.slug if obj.owner_delegation_id else None

    @staticmethod
    def resolve_meeting(obj: Any, context: dict[str, Any]) -> str | None:
        meeting = obj.meeting if obj.meeting_id else None
        if meeting is None or not viewer(context["request"]).has_perm(
            "meetings.view_meeting", meeting
        ):
            return None
        return str(meeting.slug)


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut] = Field(description="The versions you may read, oldest first.")

    @staticmethod
    def resolve_versions(obj: Any, context: dict[str, Any]) -> list[Any]:
        user = viewer(context["request"])
        return list(visible_versions(user=user, document=obj).select_related("base"))


class ProvisionText(Schema):
    heading: str
    text: str
    source_version: int | None = Field(
        description="Number of the version whose working-language text this text was made "
        "from; compare with the version you read to spot a stale translation."
    )
    revision: int = Field(description="Bumped on every edit of this text.")


class ProvisionOut(Schema):
    uid: uuid.UUID = Field(description="The provision's identity, the same in every version.")
    eid: str = Field(description="Akoma Ntoso-style identifier, e.g. chp_I__art_2__para_1.")
    kind: ProvisionKind
    number: str
    parent: uuid.UUID | None = Field(description="uid of the enclosing provision.")
    depth: int
    position: int = Field(description="Place in document order, from 0.")
    texts: dict[str, ProvisionText] = Field(description="Heading and text per language code.")

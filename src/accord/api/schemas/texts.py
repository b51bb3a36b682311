"""The negotiation's text: the compilation view of a version, the redline
between two versions, and the writes of a working copy's provisions and texts."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from ninja import Field, Schema

from accord.api.schemas.negotiation import Colour
from accord.documents.enums import ProvisionKind
from accord.negotiation.enums import ProvisionStatus

# --- The compilation view ----------------------------------------------------------------


class TextViews(Schema):
    heading: str
    notation: str = Field(
        description="The text as stored: canonical negotiation notation, with ids "
        "(docs/negotiation-markup.md)."
    )
    markup: dict[str, Any] | None = Field(
        description='The same as structured JSON: {"v": 1, "content": [...]}, plain runs as '
        "strings, brackets and option sets as objects with id and attribution."
    )
    clean: str | None = Field(description="The agreed text only: no brackets, no options.")
    full: str | None = Field(
        description="The whole text as negotiators print it: brackets, options and "
        "attributions, without ids."
    )
    source_version: int | None = Field(
        description="Number of the version this text was made from (staleness of translations)."
    )
    revision: int = Field(description="Send it back as `expected_revision` when editing.")


class CompilationRowOut(Schema):
    uid: uuid.UUID
    eid: str
    kind: ProvisionKind
    number: str
    parent: uuid.UUID | None
    depth: int
    position: int
    status: ProvisionStatus
    colour: Colour = Field(description="white, yellow or green, as in UN practice.")
    tabled: int | None = Field(
        description="Proposals still tabled on this provision; null for readers who may not "
        "see proposals."
    )
    facilitator: str | None = Field(
        description="The facilitator's name; null when none, or for readers who may not see "
        "the process's people."
    )
    texts: dict[str, TextViews] = Field(
        description="Per language code. `markup`, `clean` and `full` are null only for a text "
        "that names a delegation no longer in the process."
    )


# --- The redline -------------------------------------------------------------------------


class SegmentOut(Schema):
    op: Literal["equal", "insert", "delete"]
    text: str


class TextDiffOut(Schema):
    language: str
    status: Literal["unchanged", "changed", "inserted", "deleted"]
    heading: list[SegmentOut]
    text: list[SegmentOut] = Field(description="Word-level changes, in order.")


class ProvisionDiffOut(Schema):
    uid: uuid.UUID
    kind: ProvisionKind
    number: str
    old_number: str | None = Field(description="Its number in the older version, if it was in it.")
    depth: int
    changes: list[Literal["inserted", "deleted", "changed", "moved", "renumbered", "retyped"]] = (
        Field(description="Empty for an unchanged provision.")
    )
    texts: list[TextDiffOut]


class RedlineOut(Schema):
    from_version: int
    to_version: int
    view: Literal["full", "clean", "notation"]
    changed: bool = Field(description="Whether the two versions differ at all.")
    counts: dict[str, int] = Field(description="Provisions per kind of change.")
    provisions: list[ProvisionDiffOut] = Field(
        description="In the order of the newer version; a deleted provision where it was."
    )


# --- Writes of a working copy ------------------------------------------------------------


class TextIn(Schema):
    heading: str = ""
    text: str = Field("", description="In negotiation notation; validated, stored canonical.")


class ProvisionIn(Schema):
    kind: ProvisionKind
    number: str = ""
    parent: uuid.UUID | None = Field(None, description="uid of the provision to place it in.")
    after: uuid.UUID | None = Field(
        None, description="uid of the sibling to place it after (instead of last)."
    )
    texts: dict[str, TextIn] = Field(default_factory=dict, description="Per language code.")


class MoveIn(Schema):
    parent: uuid.UUID | None = Field(
        None, description="uid of the new parent; null (and no `after`): the top level."
    )
    after: uuid.UUID | None = Field(None, description="uid of the sibling to place it after.")
    number: str | None = Field(None, description="A new number; null keeps it.")


class SetTextIn(Schema):
    heading: str = ""
    text: str = Field(description="In negotiation notation; validated, stored canonical.")
    expected_revision: int | None = Field(
        None,
        ge=0,
        description="The revision you read (0: there was no text). If the text changed "
        "since, nothing is written and the answer is a 409 with the current text.",
    )
    source_version: int | None = Field(
        None, description="For a translation: the version it was made from (default: this one)."
    )


class TextOut(Schema):
    language: str
    heading: str
    text: str = Field(description="As stored: canonical negotiation notation.")
    source_version: int | None
    revision: int


class TextConflictOut(Schema):
    detail: str
    current: TextOut | None = Field(
        description="The text as it stands now, to merge and send again with its revision."
    )


class PublishIn(Schema):
    label: str | None = Field(None, description="A new label; null keeps the working label.")


class WorkingCopyIn(Schema):
    label: str = Field(description='e.g. "Rev.2".')

"""The shapes of the demo scenario's data. Nothing here touches the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accord.core.enums import Visibility

Texts = dict[str, str]
# language -> (heading, text)
ProvisionTexts = dict[str, tuple[str, str]]


@dataclass(frozen=True)
class PartySpec:
    slug: str
    iso_code: str | None
    names: Texts
    formal_names: Texts
    languages: tuple[str, ...]
    # "of Belarus" / "Беларуси": for the descriptions of demo accounts.
    of_en: str
    of_ru: str
    is_illustrative: bool = False


@dataclass(frozen=True)
class ProcessSpec:
    slug: str
    title: Texts
    summary: Texts
    phase: str
    standings: dict[str, str]  # party slug -> standing


@dataclass(frozen=True)
class PersonSpec:
    """A person named in public reporting; no account."""

    key: str
    names: Texts
    position: Texts
    signatory_for: str | None = None  # party slug


@dataclass(frozen=True)
class AccountSpec:
    """A development-only account. Except for `admin`, each is a Person marked
    `is_demo_account`, whose names say plainly that it is not a real official."""

    username: str
    description: str
    names: Texts = field(default_factory=dict)
    process_role: str | None = None
    party: str | None = None  # a member of this party's delegation (slug) ...
    member_role: str | None = None  # ... in this role
    is_superuser: bool = False


@dataclass(frozen=True)
class VenueSpec:
    host: str  # party slug
    city: Texts
    time_zone: str
    place: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class AttendanceSpec:
    """Someone present at venue number `venue` (0-based) of the meeting."""

    venue: int
    username: str | None = None  # a demo account ...
    person: str | None = None  # ... or a PersonSpec key
    party: str | None = None  # attending for this party's delegation
    is_illustrative: bool = True


@dataclass(frozen=True)
class MeetingSpec:
    slug: str
    kind: str
    title: Texts
    date: dt.date
    date_precision: str
    summary: Texts
    visibility: str
    venues: tuple[VenueSpec, ...]
    weekday: int | None = None
    starts_at: dt.datetime | None = None
    times_are_illustrative: bool = False
    agenda: tuple[Texts, ...] = ()
    attendance: tuple[AttendanceSpec, ...] = ()


@dataclass(frozen=True)
class ProvisionSpec:
    kind: str
    number: str = ""
    texts: ProvisionTexts = field(default_factory=dict)
    children: tuple[ProvisionSpec, ...] = ()
    # A name that revisions refer to; not stored.
    key: str = ""


def provision(
    kind: str,
    number: str = "",
    *,
    en_heading: str = "",
    en: str = "",
    ru_heading: str = "",
    ru: str = "",
    key: str = "",
    children: tuple[ProvisionSpec, ...] = (),
) -> ProvisionSpec:
    """A provision with its English and Russian heading and text."""
    return ProvisionSpec(
        kind=kind,
        number=number,
        texts={"en": (en_heading, en), "ru": (ru_heading, ru)},
        children=children,
        key=key,
    )


@dataclass(frozen=True)
class DocumentSpec:
    slug: str
    kind: str
    title: Texts
    summary: Texts
    authentic_languages: tuple[str, ...]
    working_language: str
    visibility: str
    first_label: str
    provisions: tuple[ProvisionSpec, ...] = ()
    # Publish the first version under this label; None leaves it a working copy.
    published_label: str | None = None
    symbol: str = ""
    owner_party: str | None = None  # for delegation-internal documents
    # The meeting the document came from (slug).
    meeting: str | None = None
    is_illustrative: bool = False


@dataclass(frozen=True)
class RevisionSpec:
    """A working copy opened from the published first version, with one
    provision moved and renumbered (its identity kept), one renumbered in
    place as a consequence, and one text changed."""

    document: str  # slug
    label: str
    move: str  # key of the provision to move ...
    move_into: str  # ... to the end of this provision ...
    move_number: str  # ... with this number
    renumber: str  # key of the provision renumbered in place; it must be the
    renumber_to: str  # last child of its parent once the move is done
    change: str  # key of the provision whose texts change
    change_texts: ProvisionTexts


@dataclass(frozen=True)
class EntrySpec:
    date: dt.date
    date_precision: str
    text: Texts
    sources: tuple[str, ...]  # by name; no addresses we could not check
    weekday: int | None = None
    visibility: str = Visibility.PUBLIC
    meetings: tuple[str, ...] = ()  # slugs
    documents: tuple[str, ...] = ()  # slugs
    parties: tuple[str, ...] = ()  # slugs
    is_illustrative: bool = False

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
    """A working copy opened from the latest published version (the
    compilation text, on a negotiated document), with one provision moved and
    renumbered (its identity kept), one renumbered in place as a consequence,
    and one text changed."""

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


@dataclass(frozen=True)
class ProposalSpec:
    """A delegation's proposal, tabled by the head of its delegation once in
    each language of `rationale`, in that order (the Russian first, then its
    English version), so that the compilation carries it in both authentic
    languages. An insertion is tabled in one language only: two would make
    two new provisions.

    Provisions are named by their `eId` in the version the proposal is tabled
    on (the Zero draft, or the compilation text when `on_compilation`)."""

    key: str  # a name other specs refer to; not stored
    party: str  # slug of the proposing delegation
    provision: str  # eId
    operation: str
    rationale: Texts  # language -> rationale; one proposal per language
    texts: Texts = field(default_factory=dict)  # language -> proposed text
    spans: Texts = field(default_factory=dict)  # language -> the words to bracket
    lifts: str = ""  # remove_brackets: key of the proposal whose bracket it lifts
    new_kind: str = ""
    new_number: str = ""
    cosponsors: tuple[str, ...] = ()  # party slugs, co-sponsors from the start
    joined: tuple[str, ...] = ()  # party slugs that signed on afterwards ...
    left: tuple[str, ...] = ()  # ... and of those, the ones that withdrew again
    withdrawn: Texts = field(default_factory=dict)  # the delegation's reason, by language
    not_retained: Texts = field(default_factory=dict)  # the secretariat's reason, by language
    on_compilation: bool = False  # tabled on the compilation text once it exists


@dataclass(frozen=True)
class PositionSpec:
    """A delegation's stance, recorded by the head of its delegation, on a
    provision (its Zero draft `eId`) or on a proposal (its key: the version in
    the first language). Several specs for one delegation and target are its
    history, oldest first."""

    party: str
    stance: str
    visibility: str
    provision: str = ""
    proposal: str = ""
    reason: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class StatusSpec:
    """The decisions on one provision (its Zero draft `eId`, or the provision
    a proposal inserted), in order, by the account `by`; the last one may
    agree it subject to another provision."""

    steps: tuple[str, ...]
    by: str  # username: the chair, or the facilitator who owns the provision
    provision: str = ""
    inserted_by: str = ""  # key of an insertion proposal
    subject_to: str = ""  # eId
    note: Texts = field(default_factory=dict)  # with the last step


@dataclass(frozen=True)
class TranslationSpec:
    """A text the secretariat adds in the revision to a provision that a
    proposal inserted in one language only."""

    inserted_by: str  # key of the insertion proposal
    language: str
    text: str


@dataclass(frozen=True)
class NegotiationSpec:
    """The negotiation on one document: proposals on its first published
    version, a compilation text built from them by the secretariat, the
    revision started from that compilation (`RevisionSpec`), then positions,
    a facilitator and the chair's decisions on the revision's provisions."""

    document: str  # slug
    proposals: tuple[ProposalSpec, ...]
    compilation_label: str
    secretariat: str  # username: compiles, does not retain, translates
    chair: str  # username: assigns the facilitator
    facilitator: str  # username
    facilitated: tuple[str, ...]  # eIds the facilitator owns
    translations: tuple[TranslationSpec, ...] = ()
    positions: tuple[PositionSpec, ...] = ()
    statuses: tuple[StatusSpec, ...] = ()

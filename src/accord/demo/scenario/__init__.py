"""The demo scenario as data: the consultation on the Eurasian Charter for
Diversity and Multipolarity in the 21st Century (DESIGN.md, section 1).

What public reporting says is entered as fact, with its source. Everything
written for the demo (the articles of the charter, the chair, the demo
accounts, who sat where, the observer state, the wording of the joint
statement) is marked illustrative: in the data (`is_illustrative`) and, where
there is no such flag, in the text itself. Accord never presents invented
text as an official one.

Nothing here touches the database; `accord.demo.loader` turns it into rows
through the services, in the order of this module's tuples.
"""

from accord.demo.scenario.charter import CHARTER_DRAFT, CHARTER_REV1
from accord.demo.scenario.documents import BRIEFING_NOTES, CONCEPT, JOINT_STATEMENT, JOINT_VISION
from accord.demo.scenario.meetings import (
    CONSULTATION_DATE,
    FIRST_CONFERENCE,
    FIVE_PARTY_CONSULTATION,
    MEETINGS,
    THIRD_CONFERENCE,
)
from accord.demo.scenario.negotiation import CHARTER_NEGOTIATION
from accord.demo.scenario.parties import OBSERVER_SLUG, PARTICIPANT_SLUGS, PARTIES, PROCESS
from accord.demo.scenario.people import ACCOUNTS, CHOE_SON_HUI, LAVROV, PEOPLE, RYZHENKOV
from accord.demo.scenario.record import ENTRIES, PUBLIC_REPORTING
from accord.demo.scenario.specs import (
    AccountSpec,
    AttendanceSpec,
    DocumentSpec,
    EntrySpec,
    MeetingSpec,
    NegotiationSpec,
    PartySpec,
    PersonSpec,
    PositionSpec,
    ProcessSpec,
    ProposalSpec,
    ProvisionSpec,
    RevisionSpec,
    StatusSpec,
    TranslationSpec,
    VenueSpec,
)

DOCUMENTS: tuple[DocumentSpec, ...] = (
    CONCEPT,
    JOINT_VISION,
    JOINT_STATEMENT,
    CHARTER_DRAFT,
    BRIEFING_NOTES,
)
REVISIONS: tuple[RevisionSpec, ...] = (CHARTER_REV1,)
NEGOTIATION: NegotiationSpec = CHARTER_NEGOTIATION

__all__ = [
    "ACCOUNTS",
    "BRIEFING_NOTES",
    "CHARTER_DRAFT",
    "CHARTER_REV1",
    "CHOE_SON_HUI",
    "CONCEPT",
    "CONSULTATION_DATE",
    "DOCUMENTS",
    "ENTRIES",
    "FIRST_CONFERENCE",
    "FIVE_PARTY_CONSULTATION",
    "JOINT_STATEMENT",
    "JOINT_VISION",
    "LAVROV",
    "MEETINGS",
    "NEGOTIATION",
    "OBSERVER_SLUG",
    "PARTICIPANT_SLUGS",
    "PARTIES",
    "PEOPLE",
    "PROCESS",
    "PUBLIC_REPORTING",
    "REVISIONS",
    "RYZHENKOV",
    "THIRD_CONFERENCE",
    "AccountSpec",
    "AttendanceSpec",
    "DocumentSpec",
    "EntrySpec",
    "MeetingSpec",
    "NegotiationSpec",
    "PartySpec",
    "PersonSpec",
    "PositionSpec",
    "ProcessSpec",
    "ProposalSpec",
    "ProvisionSpec",
    "RevisionSpec",
    "StatusSpec",
    "TranslationSpec",
    "VenueSpec",
]

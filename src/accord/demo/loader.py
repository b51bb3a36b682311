"""Load the demo scenario (`accord.demo.scenario`) through the services.

Every write is a service call, so each one records its audit event like any
other write. The SYSTEM actor makes them, except in the negotiation on the
charter draft (`accord.demo.negotiation`), where the demo accounts act as
their holders would: heads of delegation, the secretariat, the chair and the
facilitator.

The loader is idempotent: it looks each object up by its natural key (ISO
code or slug, username, a person's English name, a meeting's venue host, an
agenda item's number, an entry's date and English text, a proposal's number)
and calls a service only for what is missing, so a second run writes nothing
and records no event. A document is loaded whole or not at all
(`accord.demo.texts`), so edits made to it since are never undone.

Everything runs in one transaction: a failure half-way leaves the database as
it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from accord.accounts import services as accounts
from accord.accounts.models import User
from accord.core.actors import SYSTEM
from accord.demo import negotiation, scenario, texts
from accord.documents.models import Document
from accord.meetings import services as meetings
from accord.meetings.models import AgendaItem, Attendance, Meeting, Venue
from accord.negotiation.models import Proposal
from accord.processes import services as processes
from accord.processes.enums import MemberRole
from accord.processes.models import (
    Delegation,
    DelegationMember,
    Participation,
    Party,
    Person,
    Process,
    ProcessRole,
)
from accord.record import services as record
from accord.record.models import RecordEntry

# Development only: printed by `accord demo`, the same for every demo account.
DEMO_PASSWORD = "accord-demo-2025"


@dataclass
class DemoResult:
    """What the loader found or made; `created` counts the service calls."""

    process: Process
    accounts: list[tuple[str, str]] = field(default_factory=list)
    created: int = 0

    def summary(self) -> str:
        process = self.process
        counts = (
            (Participation.objects.filter(process=process).count(), "parties"),
            (process.meetings.count(), "meetings"),
            (process.documents.count(), "documents"),
            (Proposal.objects.filter(document__process=process).count(), "proposals"),
            (process.record_entries.count(), "record entries"),
            (len(self.accounts), "accounts"),
        )
        held = ", ".join(f"{n} {what}" for n, what in counts)
        news = f"{self.created} objects created" if self.created else "nothing new (already loaded)"
        return f"{process.display_title}: {held}; {news}."


class _Loader:
    def __init__(self, password: str) -> None:
        self.password = password
        self.created = 0
        self.parties: dict[str, Party] = {}
        self.delegations: dict[str, Delegation] = {}
        self.people: dict[str, Person] = {}
        self.account_people: dict[str, Person] = {}
        self.meetings: dict[str, Meeting] = {}
        self.documents: dict[str, Document] = {}
        self.process: Process

    def made(self) -> None:
        self.created += 1

    # --- parties, process, delegations ------------------------------------

    def load_parties(self) -> None:
        for spec in scenario.PARTIES:
            party = (
                Party.objects.filter(iso_code=spec.iso_code).first()
                if spec.iso_code
                else Party.objects.filter(slug=spec.slug).first()
            )
            if party is None:
                party = processes.create_party(
                    actor=SYSTEM,
                    slug=spec.slug,
                    iso_code=spec.iso_code,
                    names=spec.names,
                    formal_names=spec.formal_names,
                    own_languages=list(spec.languages),
                    is_illustrative=spec.is_illustrative,
                )
                self.made()
            self.parties[spec.slug] = party

    def load_process(self) -> None:
        spec = scenario.PROCESS
        process = Process.objects.filter(slug=spec.slug).first()
        if process is None:
            process = processes.create_process(
                actor=SYSTEM,
                slug=spec.slug,
                title=spec.title,
                summary=spec.summary,
                phase=spec.phase,
            )
            self.made()
        self.process = process
        for slug, standing in spec.standings.items():
            party = self.parties[slug]
            current = Participation.objects.filter(process=process, party=party).first()
            if current is None:
                processes.set_participation(
                    actor=SYSTEM, process=process, party=party, standing=standing
                )
                self.made()
            delegation = Delegation.objects.filter(process=process, party=party).first()
            if delegation is None:
                delegation = processes.create_delegation(actor=SYSTEM, process=process, party=party)
                self.made()
            self.delegations[slug] = delegation

    def _member(self, slug: str, person: Person, role: str) -> None:
        delegation = self.delegations[slug]
        if not DelegationMember.objects.filter(
            delegation=delegation, person=person, role=role
        ).exists():
            processes.add_delegation_member(
                actor=SYSTEM, delegation=delegation, person=person, role=role
            )
            self.made()

    # --- people and accounts ----------------------------------------------

    def load_people(self) -> None:
        for spec in scenario.PEOPLE:
            person = Person.objects.filter(
                user__isnull=True, is_demo_account=False, names__en=spec.names["en"]
            ).first()
            if person is None:
                person = processes.create_person(
                    actor=SYSTEM, names=spec.names, position=spec.position
                )
                self.made()
            self.people[spec.key] = person
            if spec.signatory_for:
                self._member(spec.signatory_for, person, MemberRole.SIGNATORY)

    def load_accounts(self) -> list[tuple[str, str]]:
        listed: list[tuple[str, str]] = []
        for spec in scenario.ACCOUNTS:
            user = self._user(spec)
            listed.append((spec.username, spec.description))
            if spec.is_superuser:
                continue
            person = Person.objects.filter(user=user).first()
            if person is None:
                person = processes.create_person(
                    actor=SYSTEM, names=spec.names, user=user, is_demo_account=True
                )
                self.made()
            self.account_people[spec.username] = person
            if (
                spec.process_role
                and not ProcessRole.objects.filter(
                    process=self.process, person=person, role=spec.process_role
                ).exists()
            ):
                processes.assign_process_role(
                    actor=SYSTEM, process=self.process, person=person, role=spec.process_role
                )
                self.made()
            if spec.party and spec.member_role:
                self._member(spec.party, person, spec.member_role)
        return listed

    def _user(self, spec: scenario.AccountSpec) -> User:
        existing = User.objects.filter(username=spec.username).first()
        if existing is not None:
            return existing
        self.made()
        return accounts.create_user(
            actor=SYSTEM,
            username=spec.username,
            password=self.password,
            display_name=spec.names.get("en", spec.description),
            is_superuser=spec.is_superuser,
        )

    # --- meetings ----------------------------------------------------------

    def load_meetings(self) -> None:
        for spec in scenario.MEETINGS:
            meeting = Meeting.objects.filter(slug=spec.slug).first()
            if meeting is None:
                meeting = meetings.create_meeting(
                    actor=SYSTEM,
                    process=self.process,
                    slug=spec.slug,
                    kind=spec.kind,
                    title=spec.title,
                    date=spec.date,
                    date_precision=spec.date_precision,
                    weekday=spec.weekday,
                    starts_at=spec.starts_at,
                    times_are_illustrative=spec.times_are_illustrative,
                    summary=spec.summary,
                    visibility=spec.visibility,
                )
                self.made()
            self.meetings[spec.slug] = meeting
            venues = self._venues(meeting, spec)
            self._agenda(meeting, spec)
            self._attendance(meeting, spec, venues)

    def _venues(self, meeting: Meeting, spec: scenario.MeetingSpec) -> list[Venue]:
        venues: list[Venue] = []
        for venue_spec in spec.venues:
            host = self.parties[venue_spec.host]
            venue = Venue.objects.filter(
                meeting=meeting, host=host, time_zone=venue_spec.time_zone
            ).first()
            if venue is None:
                venue = meetings.add_venue(
                    actor=SYSTEM,
                    meeting=meeting,
                    host=host,
                    city=venue_spec.city,
                    time_zone=venue_spec.time_zone,
                    place=venue_spec.place,
                )
                self.made()
            venues.append(venue)
        return venues

    def _agenda(self, meeting: Meeting, spec: scenario.MeetingSpec) -> None:
        for index, title in enumerate(spec.agenda, start=1):
            number = str(index)
            if not AgendaItem.objects.filter(meeting=meeting, number=number).exists():
                meetings.add_agenda_item(actor=SYSTEM, meeting=meeting, title=title, number=number)
                self.made()

    def _attendance(
        self, meeting: Meeting, spec: scenario.MeetingSpec, venues: list[Venue]
    ) -> None:
        for row in spec.attendance:
            if row.username is not None:
                person = self.account_people[row.username]
            else:
                assert row.person is not None
                person = self.people[row.person]
            if Attendance.objects.filter(meeting=meeting, person=person).exists():
                continue
            meetings.record_attendance(
                actor=SYSTEM,
                meeting=meeting,
                venue=venues[row.venue],
                person=person,
                delegation=self.delegations[row.party] if row.party else None,
                is_illustrative=row.is_illustrative,
            )
            self.made()

    # --- documents ---------------------------------------------------------

    def load_documents(self) -> None:
        """The documents; on the charter draft, the negotiation, whose
        compilation text the revision starts from."""
        for spec in scenario.DOCUMENTS:
            self.documents[spec.slug] = texts.load_document(
                spec, process=self.process, delegations=self.delegations, tally=self.made
            )
        talks = negotiation.NegotiationLoader(
            scenario.NEGOTIATION,
            document=self.documents[scenario.NEGOTIATION.document],
            delegations=self.delegations,
            tally=self.made,
        )
        talks.before_revision()
        for revision in scenario.REVISIONS:
            tree = next(d for d in scenario.DOCUMENTS if d.slug == revision.document)
            texts.load_revision(
                revision,
                document=self.documents[revision.document],
                tree=tree.provisions,
                tally=self.made,
            )
        talks.after_revision(facilitator=self.account_people[scenario.NEGOTIATION.facilitator])

    # --- the record --------------------------------------------------------

    def load_entries(self) -> None:
        have = {
            (entry.date, entry.text.get("en", ""))
            for entry in RecordEntry.objects.filter(process=self.process)
        }
        for spec in scenario.ENTRIES:
            if (spec.date, spec.text["en"]) in have:
                continue
            record.create_record_entry(
                actor=SYSTEM,
                process=self.process,
                date=spec.date,
                date_precision=spec.date_precision,
                weekday=spec.weekday,
                text=spec.text,
                sources=[(name, "") for name in spec.sources],
                visibility=spec.visibility,
                meetings=[self.meetings[slug] for slug in spec.meetings],
                documents=[self.documents[slug] for slug in spec.documents],
                parties=[self.parties[slug] for slug in spec.parties],
                is_illustrative=spec.is_illustrative,
            )
            self.made()


def load_demo(*, password: str = DEMO_PASSWORD) -> DemoResult:
    """Create whatever of the demo scenario is missing, through the services,
    and return the demo accounts. Running it again creates nothing."""
    loader = _Loader(password)
    with transaction.atomic():
        loader.load_parties()
        loader.load_process()
        loader.load_people()
        listed = loader.load_accounts()
        loader.load_meetings()
        loader.load_documents()
        loader.load_entries()
    return DemoResult(process=loader.process, accounts=listed, created=loader.created)

"""factory_boy factories. They build rows directly (tests of services call the
services themselves); `world()` builds a small process with every role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import factory
from django.contrib.auth import get_user_model

from accord.core.enums import DatePrecision, Visibility
from accord.documents.models import Document, Provision, Translation, Version
from accord.meetings.models import Meeting, Venue
from accord.processes.models import (
    Delegation,
    DelegationMember,
    Participation,
    Party,
    Person,
    Process,
    ProcessRole,
)
from accord.record.models import RecordEntry, Source

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username.title())
    password = factory.django.Password(PASSWORD)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    slug = factory.Sequence(lambda n: f"party-{n}")
    names = factory.LazyAttribute(lambda o: {"en": o.slug.title(), "ru": f"Сторона {o.slug}"})


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    slug = factory.Sequence(lambda n: f"process-{n}")
    title = factory.LazyAttribute(lambda o: {"en": f"Process {o.slug}", "ru": f"Процесс {o.slug}"})
    phase = "consultation"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    names = factory.Sequence(lambda n: {"en": f"Person {n}", "ru": f"Лицо {n}"})
    user = factory.SubFactory(UserFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    process = factory.SubFactory(ProcessFactory)
    party = factory.SubFactory(PartyFactory)
    standing = "participant"


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    process = factory.SubFactory(ProcessFactory)
    party = factory.SubFactory(PartyFactory)


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    person = factory.SubFactory(PersonFactory)
    role = "delegate"


class ProcessRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessRole

    process = factory.SubFactory(ProcessFactory)
    person = factory.SubFactory(PersonFactory)
    role = "secretariat"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    process = factory.SubFactory(ProcessFactory)
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    kind = "consultation_round"
    title = factory.Sequence(lambda n: {"en": f"Meeting {n}", "ru": f"Встреча {n}"})
    date = dt.date(2025, 10, 28)
    date_precision = DatePrecision.DAY
    visibility = Visibility.PARTICIPANTS


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    meeting = factory.SubFactory(MeetingFactory)
    host = factory.SubFactory(PartyFactory)
    city = {"en": "Minsk", "ru": "Минск"}
    time_zone = "Europe/Minsk"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    process = factory.SubFactory(ProcessFactory)
    slug = factory.Sequence(lambda n: f"document-{n}")
    kind = "charter"
    title = factory.Sequence(lambda n: {"en": f"Document {n}", "ru": f"Документ {n}"})
    authentic_languages = ["en", "ru"]
    working_language = "en"
    visibility = Visibility.PARTICIPANTS


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Version

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda o: f"Rev.{o.number}")
    status = "published"
    content_hash = "0" * 64


class RecordEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordEntry
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    date = dt.date(2025, 8, 1)
    date_precision = DatePrecision.MONTH
    text = factory.Sequence(lambda n: {"en": f"Entry {n}", "ru": f"Запись {n}"})
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def with_source(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            Source.objects.create(entry=self, name="TASS")


def add_provisions(version: Version, count: int, languages: tuple[str, ...] = ("en", "ru")) -> None:
    """Give a version `count` articles with a text in each language (bulk, fast)."""
    from accord.documents.tree import children_map, relayout

    start = version.provisions.count()
    rows = Provision.objects.bulk_create(
        Provision(
            version=version,
            kind="article",
            number=str(start + i + 1),
            position=start + i,
            eid=f"tmp{start + i}",
        )
        for i in range(count)
    )
    rows = list(version.provisions.all())
    Provision.objects.bulk_update(relayout(children_map(rows)), ["position", "depth", "eid"])
    Translation.objects.bulk_create(
        Translation(
            provision=p,
            language=lang,
            heading=f"Heading {p.number}",
            text=f"Text of article {p.number} in {lang}.",
            source_version=version,
        )
        for p in rows[start:]
        for lang in languages
    )


@dataclass
class World:
    """A process with one person in each role the rules know about."""

    process: Process
    users: dict[str, Any] = field(default_factory=dict)
    delegations: dict[str, Delegation] = field(default_factory=dict)


ROLES = (
    "anonymous",
    "outsider",
    "participant",
    "other_participant",
    "observer",
    "interested",
    "secretariat",
    "chair",
    "facilitator",
)


def world(**process_kwargs: Any) -> World:
    """Build a process with: two participant delegations (A, B), an observer
    delegation, an 'interested' party's delegate, a secretariat officer, a chair,
    a facilitator, and a signed-in user with no role (the outsider)."""
    process = ProcessFactory(**process_kwargs)
    w = World(process=process)
    for key, standing in (
        ("a", "participant"),
        ("b", "participant"),
        ("obs", "observer"),
        ("int", "interested"),
    ):
        party = PartyFactory(slug=f"{process.slug}-{key}")
        ParticipationFactory(process=process, party=party, standing=standing)
        w.delegations[key] = DelegationFactory(process=process, party=party)
    for role, key in (
        ("participant", "a"),
        ("other_participant", "b"),
        ("observer", "obs"),
        ("interested", "int"),
    ):
        person = PersonFactory(user=UserFactory(username=f"{process.slug}-{role}"))
        DelegationMemberFactory(delegation=w.delegations[key], person=person, role="delegate")
        w.users[role] = person.user
    for role in ("secretariat", "chair", "facilitator"):
        person = PersonFactory(user=UserFactory(username=f"{process.slug}-{role}"))
        ProcessRoleFactory(process=process, person=person, role=role)
        w.users[role] = person.user
    w.users["outsider"] = UserFactory(username=f"{process.slug}-outsider")
    w.users["anonymous"] = None
    return w

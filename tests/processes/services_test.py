"""Processes services: parties, processes and phases, participations,
delegations and their members, process roles.

Every refusal must say what is wrong and leave the database as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from accord.core.actors import SYSTEM
from accord.core.errors import Conflict, PermissionDenied, ValidationError
from accord.processes import services
from accord.processes.enums import PHASE_TRANSITIONS, Phase
from accord.processes.models import (
    Delegation,
    DelegationMember,
    Participation,
    Party,
    Person,
    Process,
    ProcessRole,
)
from accord.record.models import Event
from tests.factories import (
    ParticipationFactory,
    PartyFactory,
    PersonFactory,
    ProcessFactory,
    UserFactory,
    world,
)

pytestmark = pytest.mark.django_db


def _state() -> tuple[int, ...]:
    """Row counts of everything these services write, and of the audit log."""
    return tuple(
        model.objects.count()
        for model in (
            Party,
            Process,
            Participation,
            Delegation,
            DelegationMember,
            Person,
            ProcessRole,
            Event,
        )
    )


class Unchanged:
    """Assert that the block raised and wrote nothing at all."""

    def __enter__(self) -> None:
        self.before = _state()

    def __exit__(self, *exc: Any) -> None:
        assert _state() == self.before


unchanged = Unchanged


# --- parties -------------------------------------------------------------------------------


def test_a_party_is_created_with_an_upper_case_iso_code_and_a_slug_from_its_english_name() -> None:
    party = services.create_party(
        actor=SYSTEM,
        names={"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"},
        iso_code="by",
        own_languages=["be", "ru"],
    )
    assert (party.slug, party.iso_code, party.languages) == ("belarus", "BY", ["be", "ru"])
    assert party.names == {"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"}


@pytest.mark.parametrize("code", ["RUS", "R", "1A", "Б1", "ÄÖ", "R-"])
def test_an_iso_code_that_is_not_two_latin_letters_is_refused(code: str) -> None:
    with unchanged(), pytest.raises(ValidationError, match=r"two letters \(ISO 3166-1 alpha-2\)"):
        services.create_party(actor=SYSTEM, names={"en": "Somewhere"}, iso_code=code)


def test_an_organisation_needs_no_iso_code() -> None:
    party = services.create_party(
        actor=SYSTEM, names={"en": "Shanghai Cooperation Organisation"}, kind="organisation"
    )
    assert (party.iso_code, party.kind) == (None, "organisation")


def test_a_second_party_with_the_same_iso_code_is_a_conflict() -> None:
    services.create_party(actor=SYSTEM, names={"en": "Iran"}, iso_code="IR")
    with unchanged(), pytest.raises(Conflict, match="A party with ISO code IR already exists"):
        services.create_party(actor=SYSTEM, names={"en": "Islamic Republic of Iran"}, iso_code="ir")


def test_an_unknown_language_code_in_a_name_is_refused() -> None:
    with unchanged(), pytest.raises(ValidationError, match="names: unknown language code 'xx'"):
        services.create_party(actor=SYSTEM, names={"en": "Myanmar", "xx": "?"})


def test_an_unknown_own_language_is_refused() -> None:
    with unchanged(), pytest.raises(ValidationError, match="Unknown language code 'klingon'"):
        services.create_party(actor=SYSTEM, names={"en": "Myanmar"}, own_languages=["klingon"])


def test_a_party_without_a_name_is_refused() -> None:
    with unchanged(), pytest.raises(ValidationError, match="at least one language"):
        services.create_party(actor=SYSTEM, names={"en": "  ", "ru": ""})


def test_a_party_named_only_in_cyrillic_needs_a_slug() -> None:
    with unchanged(), pytest.raises(ValidationError, match="Give the party a slug"):
        services.create_party(actor=SYSTEM, names={"ru": "Беларусь"})
    party = services.create_party(actor=SYSTEM, names={"ru": "Беларусь"}, slug="belarus")
    assert party.slug == "belarus"


def test_only_an_administrator_registers_parties() -> None:
    w = world()
    with unchanged(), pytest.raises(PermissionDenied):
        services.create_party(actor=w.users["secretariat"], names={"en": "Russia"})


# --- processes and phases ------------------------------------------------------------------


def test_a_process_starts_in_preparation() -> None:
    process = services.create_process(
        actor=SYSTEM, slug="eurasian-charter", title={"en": "Eurasian Charter"}
    )
    assert (process.phase, process.observers_see_documents) == ("preparation", True)


@pytest.mark.parametrize("slug", ["Eurasian Charter", "eurasian charter", "", "хартия"])
def test_a_process_slug_must_be_lower_case_letters_digits_and_hyphens(slug: str) -> None:
    with unchanged(), pytest.raises(ValidationError, match="only lower-case letters"):
        services.create_process(actor=SYSTEM, slug=slug, title={"en": "Charter"})


def test_an_unknown_phase_is_refused_with_the_allowed_ones() -> None:
    with unchanged(), pytest.raises(ValidationError, match="phase: 'drafting' is not one of"):
        services.create_process(actor=SYSTEM, slug="x", title={"en": "X"}, phase="drafting")


def test_a_second_process_with_the_same_slug_is_a_conflict() -> None:
    services.create_process(actor=SYSTEM, slug="x", title={"en": "X"})
    with unchanged(), pytest.raises(Conflict, match="slug 'x' already exists"):
        services.create_process(actor=SYSTEM, slug="x", title={"en": "Another X"})


PHASE_PAIRS = [(a, b) for a in Phase.values for b in Phase.values]


@pytest.mark.parametrize(("current", "target"), PHASE_PAIRS)
def test_phase_changes_follow_the_transition_table(current: str, target: str) -> None:
    process = ProcessFactory(phase=current)
    secretariat = PersonFactory()
    ProcessRole.objects.create(process=process, person=secretariat, role="secretariat")
    if target in PHASE_TRANSITIONS[current]:
        services.change_phase(actor=secretariat.user, process=process, phase=target)
        assert Process.objects.get(pk=process.pk).phase == target
        assert Event.objects.get().payload == {"from": current, "to": target}
    else:
        message = f"A process in phase {Phase(current).label} cannot move to {Phase(target).label}."
        with unchanged(), pytest.raises(Conflict, match=re.escape(message)):
            services.change_phase(actor=secretariat.user, process=process, phase=target)
        assert Process.objects.get(pk=process.pk).phase == current


def test_the_transition_table_reaches_closed_from_everywhere_and_nothing_leaves_it() -> None:
    assert PHASE_TRANSITIONS[Phase.CLOSED] == frozenset()
    assert all(Phase.CLOSED in PHASE_TRANSITIONS[p] for p in Phase.values if p != Phase.CLOSED)


def test_only_the_secretariat_changes_the_phase() -> None:
    w = world()
    for role in ("chair", "facilitator", "participant", "observer", "outsider", "anonymous"):
        with unchanged(), pytest.raises(PermissionDenied):
            services.change_phase(actor=w.users[role], process=w.process, phase="negotiation")
    assert Process.objects.get(pk=w.process.pk).phase == "consultation"


# --- participations ------------------------------------------------------------------------


def test_a_standing_is_set_then_changed_and_the_event_records_the_previous_one() -> None:
    w = world()
    party = PartyFactory()
    services.set_participation(
        actor=SYSTEM,
        process=w.process,
        party=party,
        standing="interested",
        since=dt.date(2025, 8, 1),
    )
    services.set_participation(actor=SYSTEM, process=w.process, party=party, standing="observer")
    row = Participation.objects.get(process=w.process, party=party)
    assert (row.standing, row.since) == ("observer", None)
    payloads = [e.payload for e in Event.objects.filter(kind="participation.set")]
    assert [(p["standing"], p["previous"], p["since"]) for p in payloads] == [
        ("interested", None, "2025-08-01"),
        ("observer", "interested", None),
    ]


def test_a_participation_that_ends_before_it_starts_is_refused() -> None:
    w = world()
    party = PartyFactory()
    with unchanged(), pytest.raises(ValidationError, match="end date is before the start date"):
        services.set_participation(
            actor=SYSTEM,
            process=w.process,
            party=party,
            standing="participant",
            since=dt.date(2025, 10, 1),
            until=dt.date(2025, 9, 30),
        )


def test_an_unknown_standing_is_refused() -> None:
    w = world()
    party = PartyFactory()
    with unchanged(), pytest.raises(ValidationError, match="standing: 'member' is not one of"):
        services.set_participation(actor=SYSTEM, process=w.process, party=party, standing="member")


# --- delegations and members ---------------------------------------------------------------


def test_a_delegation_needs_a_standing_first() -> None:
    w = world()
    party = PartyFactory(names={"en": "Myanmar"})
    with unchanged(), pytest.raises(ValidationError, match="Myanmar has no standing"):
        services.create_delegation(actor=SYSTEM, process=w.process, party=party)


def test_a_second_delegation_of_the_same_party_is_a_conflict() -> None:
    w = world()
    party = PartyFactory(names={"en": "Iran"})
    ParticipationFactory(process=w.process, party=party)
    services.create_delegation(actor=SYSTEM, process=w.process, party=party)
    with unchanged(), pytest.raises(Conflict, match="Iran already has a delegation"):
        services.create_delegation(actor=SYSTEM, process=w.process, party=party)


def test_the_same_party_has_a_delegation_in_each_of_two_processes() -> None:
    first, second = world(), world()
    party = PartyFactory()
    for w in (first, second):
        ParticipationFactory(process=w.process, party=party)
        services.create_delegation(actor=SYSTEM, process=w.process, party=party)
    assert Delegation.objects.filter(party=party).count() == 2


def test_a_delegation_has_one_head_at_a_time() -> None:
    w = world()
    delegation = w.delegations["a"]
    lavrov, other = PersonFactory(), PersonFactory()
    services.add_delegation_member(actor=SYSTEM, delegation=delegation, person=lavrov, role="head")
    with unchanged(), pytest.raises(Conflict, match="already has a head"):
        services.add_delegation_member(
            actor=SYSTEM, delegation=delegation, person=other, role="head"
        )
    # The head may also sign; another person may be a delegate.
    services.add_delegation_member(
        actor=SYSTEM, delegation=delegation, person=lavrov, role="signatory"
    )
    services.add_delegation_member(
        actor=SYSTEM, delegation=delegation, person=other, role="delegate"
    )
    assert set(delegation.members.values_list("person_id", "role")) >= {
        (lavrov.pk, "head"),
        (lavrov.pk, "signatory"),
        (other.pk, "delegate"),
    }


def test_a_former_head_does_not_block_a_new_one() -> None:
    w = world()
    delegation = w.delegations["b"]
    former, new = PersonFactory(), PersonFactory()
    services.add_delegation_member(
        actor=SYSTEM,
        delegation=delegation,
        person=former,
        role="head",
        since=dt.date(2023, 10, 1),
        until=dt.date(2024, 12, 31),
    )
    services.add_delegation_member(actor=SYSTEM, delegation=delegation, person=new, role="head")
    assert delegation.members.filter(role="head").count() == 2


def test_the_same_role_twice_is_a_conflict_and_an_unknown_role_is_refused() -> None:
    w = world()
    person = PersonFactory(names={"en": "Choe Son-hui"})
    services.add_delegation_member(
        actor=SYSTEM, delegation=w.delegations["a"], person=person, role="expert"
    )
    with unchanged(), pytest.raises(Conflict, match="Choe Son-hui already has this role"):
        services.add_delegation_member(
            actor=SYSTEM, delegation=w.delegations["a"], person=person, role="expert"
        )
    with unchanged(), pytest.raises(ValidationError, match="role: 'minister' is not one of"):
        services.add_delegation_member(
            actor=SYSTEM, delegation=w.delegations["a"], person=person, role="minister"
        )


def test_membership_dates_in_the_wrong_order_are_refused() -> None:
    w = world()
    person = PersonFactory()
    with unchanged(), pytest.raises(ValidationError, match="end date is before the start date"):
        services.add_delegation_member(
            actor=SYSTEM,
            delegation=w.delegations["a"],
            person=person,
            role="delegate",
            since=dt.date(2025, 1, 2),
            until=dt.date(2025, 1, 1),
        )


def test_a_new_member_sees_what_participants_see_at_once() -> None:
    """The service drops the Access cached on the member's user object."""
    w = world()
    user = UserFactory()
    person = PersonFactory(user=user)
    assert not user.has_perm("processes.view_process_people", w.process)
    services.add_delegation_member(
        actor=w.users["secretariat"], delegation=w.delegations["a"], person=person, role="expert"
    )
    assert user.has_perm("processes.view_process_people", w.process)


def test_only_the_secretariat_adds_members() -> None:
    w = world()
    person = PersonFactory()
    with unchanged(), pytest.raises(PermissionDenied):
        services.add_delegation_member(
            actor=w.users["participant"],
            delegation=w.delegations["a"],
            person=person,
            role="delegate",
        )


# --- people and process roles --------------------------------------------------------------


def test_an_account_belongs_to_one_person_only() -> None:
    user = UserFactory(username="ryzhenkov")
    services.create_person(actor=SYSTEM, names={"en": "Maxim Ryzhenkov"}, user=user)
    with unchanged(), pytest.raises(Conflict, match="ryzhenkov already belongs to a person"):
        services.create_person(actor=SYSTEM, names={"en": "Someone else"}, user=user)


def test_a_role_is_assigned_once_and_takes_effect_at_once() -> None:
    w = world()
    user = UserFactory()
    person = PersonFactory(user=user, names={"en": "Secretary"})
    assert not user.has_perm("processes.manage_process", w.process)
    services.assign_process_role(
        actor=w.users["secretariat"], process=w.process, person=person, role="secretariat"
    )
    assert user.has_perm("processes.manage_process", w.process)
    with unchanged(), pytest.raises(Conflict, match="Secretary already holds this role"):
        services.assign_process_role(
            actor=SYSTEM, process=w.process, person=person, role="secretariat"
        )
    with unchanged(), pytest.raises(ValidationError, match="role: 'president' is not one of"):
        services.assign_process_role(
            actor=SYSTEM, process=w.process, person=person, role="president"
        )

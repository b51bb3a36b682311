# Russian and other non-Latin names: their letters are meant.
"""The demo loader: what it creates, that it creates it through the services
(one audit event each), and that a second run creates nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.test import Client

from accord.accounts.models import User
from accord.core.actors import SYSTEM
from accord.core.enums import Visibility
from accord.demo.loader import DEMO_PASSWORD, load_demo
from accord.documents import services
from accord.documents.canonical import content_hash
from accord.documents.models import Document, Provision, Translation
from accord.documents.selectors import version_snapshot, visible_documents
from accord.meetings.models import Attendance, Meeting
from accord.processes.access import access_for
from accord.processes.models import DelegationMember, Party, Person, Process, ProcessRole
from accord.record.audit import verify_chain
from accord.record.models import Event, RecordEntry
from tests.pages.helpers import sign_in_with_password

USERNAMES = [
    "admin",
    "secretariat",
    "chair",
    "facilitator",
    "by-head",
    "by-member",
    "ru-head",
    "ru-member",
    "kp-head",
    "kp-member",
    "ir-head",
    "ir-member",
    "mm-head",
    "mm-member",
    "observer",
]


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_the_five_parties_have_their_codes_and_names_and_the_observer_is_illustrative(demo):
    parties = {p.iso_code: p for p in Party.objects.all()}
    assert set(parties) == {"BY", "RU", "KP", "IR", "MM", None}
    assert parties["BY"].names == {"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"}
    assert parties["KP"].names["ko"] == "조선민주주의인민공화국"
    assert parties["KP"].formal_names["en"] == "Democratic People's Republic of Korea"
    assert parties["IR"].names["fa"] == "ایران"
    assert parties["IR"].formal_names["en"] == "Islamic Republic of Iran"
    assert parties["MM"].names["my"] == "မြန်မာ"
    assert parties["MM"].formal_names["en"] == "Republic of the Union of Myanmar"
    assert parties["RU"].names["ru"] == "Россия"
    assert [p.is_illustrative for code, p in sorted(parties.items(), key=str) if code] == [
        False
    ] * 5
    observer = parties[None]
    assert observer.is_illustrative
    assert "illustrative" in observer.names["en"]


def test_the_process_is_in_consultation_with_five_participants_and_an_observer(demo):
    process = Process.objects.get(slug="eurasian-charter")
    assert process == demo.process
    assert process.title == {
        "en": "Eurasian Charter for Diversity and Multipolarity in the 21st Century",
        "ru": "Евразийская хартия многообразия и многополярности в XXI веке",
    }
    assert process.phase == "consultation"
    standings = {p.party.slug: p.standing for p in process.participations.select_related("party")}
    assert standings == {
        "belarus": "participant",
        "russia": "participant",
        "dprk": "participant",
        "iran": "participant",
        "myanmar": "participant",
        "observer-state": "observer",
    }
    assert {d.party.slug for d in process.delegations.all()} == set(standings)


def test_the_ministers_are_people_and_the_two_signatories_sign_for_their_delegations(demo):
    people = {p.names["en"]: p for p in Person.objects.filter(user__isnull=True)}
    assert set(people) == {"Maxim Ryzhenkov", "Sergey Lavrov", "Choe Son-hui"}
    assert people["Maxim Ryzhenkov"].names["ru"] == "Максим Рыженков"
    assert people["Choe Son-hui"].names["ko"] == "최선희"
    assert people["Sergey Lavrov"].position["en"] == "Minister of Foreign Affairs of Russia"
    signatories = {
        (m.person.names["en"], m.delegation.party.iso_code)
        for m in DelegationMember.objects.filter(role="signatory").select_related(
            "person", "delegation__party"
        )
    }
    assert signatories == {("Maxim Ryzhenkov", "BY"), ("Sergey Lavrov", "RU")}


def test_the_demo_accounts_are_listed_and_hold_their_roles(demo):
    assert [username for username, _ in demo.accounts] == USERNAMES
    descriptions = dict(demo.accounts)
    assert descriptions["by-head"] == "Head of the delegation of Belarus (demo account)"
    assert descriptions["kp-member"] == "Member of the delegation of the DPRK (demo account)"
    process = demo.process
    roles = {
        (r.person.user.username, r.role) for r in ProcessRole.objects.select_related("person__user")
    }
    assert roles == {
        ("secretariat", "secretariat"),
        ("chair", "chair"),
        ("facilitator", "facilitator"),
    }
    members = {
        (m.person.user.username, m.delegation.party.slug, m.role)
        for m in DelegationMember.objects.filter(person__user__isnull=False).select_related(
            "person__user", "delegation__party"
        )
    }
    assert ("by-head", "belarus", "head") in members
    assert ("mm-member", "myanmar", "delegate") in members
    assert ("observer", "observer-state", "delegate") in members
    assert len(members) == 11
    assert all(p.is_demo_account for p in Person.objects.filter(user__isnull=False))
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert not User.objects.filter(is_superuser=True).exclude(username="admin").exists()

    def access(username: str):
        return access_for(User.objects.get(username=username), process)

    assert access("secretariat").is_secretariat
    assert access("chair").is_chair
    assert access("facilitator").is_facilitator
    assert not access("facilitator").is_chair
    assert access("ir-head").is_participant
    assert access("observer").is_observer
    assert not access("observer").is_participant


@pytest.mark.parametrize("username", USERNAMES)
def test_every_demo_account_signs_in_with_the_demo_password(demo, username):
    assert sign_in_with_password(Client(), username, DEMO_PASSWORD)
    assert not sign_in_with_password(Client(), username, "wrong-" + DEMO_PASSWORD)


def test_three_meetings_and_the_consultation_sits_in_minsk_and_moscow_at_once(demo):
    meetings = {m.slug: m for m in Meeting.objects.all()}
    assert set(meetings) == {
        "first-eurasian-security-conference",
        "third-eurasian-security-conference",
        "five-party-consultation-2025",
    }
    first = meetings["first-eurasian-security-conference"]
    assert (first.date.year, first.date.month, first.date_precision) == (2023, 10, "month")
    assert first.visibility == "public"
    assert first.display_date == "October 2023"
    assert [(v.host.iso_code, v.display_city, v.time_zone) for v in first.venues.all()] == [
        ("BY", "Minsk", "Europe/Minsk")
    ]
    third = meetings["third-eurasian-security-conference"]
    assert (third.date.year, third.date.month, third.date_precision) == (2025, 10, "month")
    assert "Choe Son-hui" in third.summary["en"]
    assert [a.person.names["en"] for a in third.attendance.all()] == ["Choe Son-hui"]

    consultation = meetings["five-party-consultation-2025"]
    assert consultation.kind == "consultation_round"
    assert (consultation.date_precision, consultation.weekday) == ("year", 1)
    assert consultation.date.weekday() == 1
    assert consultation.date.year == 2025
    assert consultation.display_date == "a Tuesday in 2025"
    assert consultation.times_are_illustrative
    venues = list(consultation.venues.select_related("host"))
    assert [(v.host.iso_code, v.display_city, v.time_zone) for v in venues] == [
        ("BY", "Minsk", "Europe/Minsk"),
        ("RU", "Moscow", "Europe/Moscow"),
    ]
    local = [v.local(consultation.starts_at) for v in venues]
    assert [t.time() for t in local if t] == [dt.time(10, 0), dt.time(10, 0)]
    assert [t.tzname() for t in local if t] == ["+03", "MSK"]
    agenda = [item.title["en"] for item in consultation.agenda_items.all()]
    assert len(agenda) == 3
    assert agenda[2].endswith("(illustrative)")
    by_venue = {
        v.time_zone: {a.person.user.username for a in v.attendance.select_related("person__user")}
        for v in venues
    }
    assert by_venue["Europe/Minsk"] >= {"by-head", "ir-head", "mm-head", "chair"}
    assert by_venue["Europe/Moscow"] >= {"ru-head", "kp-head", "secretariat"}
    assert all(a.is_illustrative for a in consultation.attendance.all())


def test_documents_their_kinds_visibility_and_versions(demo):
    documents = {d.slug: d for d in Document.objects.all()}
    kinds = {slug: (d.kind, d.visibility, d.is_illustrative) for slug, d in documents.items()}
    assert kinds == {
        "eurasian-charter-concept": ("concept", "participants", False),
        "joint-vision-eurasian-charter": ("joint_vision", "public", False),
        "towards-diversity-and-multipolarity": ("statement", "public", True),
        "eurasian-charter-draft": ("charter", "participants", True),
        "belarus-delegation-briefing-notes": ("note", "delegation", True),
    }
    meetings = {slug: d.meeting.slug if d.meeting else None for slug, d in documents.items()}
    assert (
        meetings["towards-diversity-and-multipolarity"]
        == meetings["belarus-delegation-briefing-notes"]
    )
    assert meetings["towards-diversity-and-multipolarity"] is not None
    assert (
        Meeting.objects.get(slug=meetings["towards-diversity-and-multipolarity"]).venues.count()
        == 2
    )
    concept = documents["eurasian-charter-concept"]
    assert "not reproduced" in concept.summary["en"]
    assert not Provision.objects.filter(version__document=concept).exists()

    vision = documents["joint-vision-eurasian-charter"]
    version = vision.versions.get()
    assert version.is_published
    parts = [(p.kind, p.number) for p in version.provisions.all()]
    assert parts == [("part", "I"), ("part", "II"), ("part", "III"), ("part", "IV")]
    headings = list(
        Translation.objects.filter(provision__version=version, language="en")
        .order_by("provision__position")
        .values_list("heading", flat=True)
    )
    assert headings == [
        "Perspectives on diversity and multipolarity",
        "Eurasia's global significance and influence",
        "Principles for a new, equitable and indivisible Eurasian security structure",
        "An action plan for realising the joint vision",
    ]
    assert "public reporting" in vision.summary["en"]
    assert "not reproduced" in vision.summary["en"]

    statement = documents["towards-diversity-and-multipolarity"]
    (paragraph,) = statement.versions.get().provisions.all()
    texts = {t.language: t.text for t in paragraph.texts.all()}
    assert set(texts) == {"en", "ru"}
    assert "“in the Eurasian format”" in texts["en"]
    assert "illustrative" in statement.summary["en"]

    notes = documents["belarus-delegation-briefing-notes"]
    assert notes.owner_delegation is not None
    assert notes.owner_delegation.party.iso_code == "BY"


def test_the_charter_draft_zero_draft_and_rev1_keep_identity_across_a_move(demo):
    """Zero draft, then the compilation text of the proposals tabled on it,
    then Rev.1 started from the compilation: identities kept throughout."""
    charter = Document.objects.get(slug="eurasian-charter-draft")
    assert (charter.symbol, charter.authentic_languages, charter.working_language) == (
        "EC/2025/DRAFT",
        ["ru", "en"],
        "ru",
    )
    zero, compilation, rev1 = charter.versions.order_by("number")
    assert [(v.label, v.status, v.base) for v in (zero, compilation, rev1)] == [
        ("Zero draft", "published", None),
        ("Compilation text", "published", zero),
        ("Rev.1", "working", compilation),
    ]
    for published in (zero, compilation):
        assert published.content_hash == content_hash(version_snapshot(published))
    provisions = list(zero.provisions.all())
    assert 12 <= len(provisions) <= 20
    kinds = [p.kind for p in provisions]
    assert kinds.count("preamble_paragraph") in (3, 4)
    assert kinds.count("chapter") == 3
    assert "point" in kinds
    for version in (zero, rev1):
        for provision in version.provisions.prefetch_related("texts"):
            languages = {t.language for t in provision.texts.all() if t.text or t.heading}
            assert languages == {"en", "ru"}, provision.eid

    def by_eid(version) -> dict[str, Provision]:
        return {p.eid: p for p in version.provisions.all()}

    before, compiled, after = by_eid(zero), by_eid(compilation), by_eid(rev1)
    moved = before["chp_II__art_4"]
    assert after["chp_I__art_3"].uid == moved.uid
    assert after["chp_II__art_4"].uid == before["chp_II__art_3"].uid
    # The compilation added one paragraph (proposed by Belarus); Rev.1 keeps it.
    (inserted,) = {p.uid for p in compiled.values()} - {p.uid for p in before.values()}
    assert {p.uid for p in compiled.values()} == {p.uid for p in after.values()}
    assert after["chp_II__art_4__para_3"].uid == inserted

    def text(provision: Provision, language: str) -> str:
        return provision.texts.get(language=language).text

    eif_before, eif_after = before["chp_III__art_6"], after["chp_III__art_6"]
    assert "third instrument" in text(eif_before, "en")
    assert "fifth instrument" in text(eif_after, "en")
    assert "пятого документа" in text(eif_after, "ru")

    def texts_by_uid(version) -> dict:
        return {
            p.uid: {(t.language, t.heading, t.text) for t in p.texts.all()}
            for p in version.provisions.prefetch_related("texts")
        }

    old_texts, new_texts = texts_by_uid(compilation), texts_by_uid(rev1)
    changed = {uid for uid in new_texts if old_texts[uid] != new_texts[uid]}
    assert changed == {eif_before.uid, inserted}
    # The secretariat's English for the paragraph Belarus tabled in Russian.
    assert {lang for lang, _, _ in old_texts[inserted]} == {"ru"}
    assert new_texts[inserted] - old_texts[inserted] == {
        (
            "en",
            "",
            "[#b1 The States Parties shall review the implementation of this Charter each year "
            "at the Eurasian Security International Conference in Minsk.]{BY, RU}",
        )
    }


def test_the_timeline_cites_its_sources_and_flags_the_illustrative_entry(demo):
    entries = list(RecordEntry.objects.prefetch_related("sources", "documents", "parties"))
    assert [(e.date.year, e.date_precision) for e in entries] == [
        (2023, "month"),
        (2024, "month"),
        (2025, "year"),
        (2025, "month"),
        (2025, "month"),
        (2025, "month"),
    ]
    by_source = {
        e.sources.get().name: e for e in entries if e.sources.get().name in {"TASS", "BelTA"}
    }
    tass = by_source["TASS"]
    assert tass.display_date == "August 2025"
    assert "many countries had expressed interest" in tass.text["en"]
    belta = by_source["BelTA"]
    assert belta.display_date == "a Tuesday in 2025"
    assert {p.iso_code for p in belta.parties.all()} == {"BY", "RU", "KP", "IR", "MM"}
    assert [d.slug for d in belta.documents.all()] == ["towards-diversity-and-multipolarity"]
    assert [m.slug for m in belta.meetings.all()] == ["five-party-consultation-2025"]
    vision = next(e for e in entries if "Joint Vision" in e.text["en"])
    assert vision.display_date == "November 2024"
    assert {p.iso_code for p in vision.parties.all()} == {"BY", "RU"}
    assert [d.slug for d in vision.documents.all()] == ["joint-vision-eurasian-charter"]
    assert "Ryzhenkov" in vision.text["en"]
    assert "Lavrov" in vision.text["en"]
    third = next(e for e in entries if "third" in e.text["en"])
    assert "Choe Son-hui" in third.text["en"]
    assert not any(s.url for e in entries for s in e.sources.all())

    illustrative = [e for e in entries if e.is_illustrative]
    assert len(illustrative) == 1
    assert illustrative[0].visibility == Visibility.PARTICIPANTS
    assert "Illustrative" in illustrative[0].text["en"]
    assert all(e.visibility == Visibility.PUBLIC for e in entries if not e.is_illustrative)


def test_illustrative_content_is_flagged_and_facts_are_not(demo):
    assert set(Party.objects.filter(is_illustrative=True).values_list("slug", flat=True)) == {
        "observer-state"
    }
    assert set(Document.objects.filter(is_illustrative=True).values_list("kind", flat=True)) == {
        "charter",
        "statement",
        "note",
    }
    assert "Illustrative" in Document.objects.get(kind="charter").summary["en"]
    assert set(Attendance.objects.values_list("is_illustrative", flat=True)) == {True, False}
    assert list(
        Attendance.objects.filter(is_illustrative=False).values_list("person__names__en", flat=True)
    ) == ["Choe Son-hui"]
    chair = Person.objects.get(user__username="chair")
    assert "illustrative" in chair.names["en"]
    assert chair.is_demo_account
    assert Meeting.objects.get(slug="five-party-consultation-2025").times_are_illustrative
    assert (
        not Meeting.objects.filter(times_are_illustrative=True)
        .exclude(slug="five-party-consultation-2025")
        .exists()
    )


def test_who_sees_which_document(demo):
    def seen(username: str | None) -> set[str]:
        user = User.objects.get(username=username) if username else None
        return set(
            visible_documents(user=user, process=demo.process).values_list("slug", flat=True)
        )

    public = {"joint-vision-eurasian-charter", "towards-diversity-and-multipolarity"}
    participants = public | {"eurasian-charter-concept", "eurasian-charter-draft"}
    assert seen(None) == public
    assert seen("ru-head") == participants
    assert seen("by-member") == participants | {"belarus-delegation-briefing-notes"}
    assert seen("secretariat") == participants


def test_every_write_recorded_one_event_and_the_chain_verifies(demo):
    events = Event.objects.count()
    assert events == demo.created
    # The negotiation is acted by the demo accounts, everything else by the system.
    actors = set(Event.objects.values_list("actor_label", flat=True))
    assert actors == {
        "system",
        "secretariat",
        "chair",
        "facilitator",
        *(f"{code}-head" for code in ("by", "ru", "kp", "ir", "mm")),
    }
    assert set(Event.objects.exclude(actor_label="system").values_list("kind", flat=True)) == {
        "proposal.tabled",
        "proposal.cosponsor_joined",
        "proposal.cosponsor_left",
        "proposal.withdrawn",
        "proposal.not_retained",
        "version.compiled",
        "version.proposals_deadline_set",
        "provision.text_set",
        "provision.facilitator_assigned",
        "position.recorded",
        "provision.status_changed",
    }
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {
        "party.created",
        "account.created",
        "meeting.venue_added",
        "provision.moved",
        "version.published",
        "record.entry_created",
    } <= kinds
    result = verify_chain()
    assert result.ok, result.reason
    assert result.checked == events


def test_loading_twice_changes_no_table_and_records_no_event(demo):
    counts, events = _row_counts(), Event.objects.count()
    assert demo.created > 0
    again = load_demo()
    assert again.created == 0
    assert "nothing new" in again.summary()
    assert _row_counts() == counts
    assert Event.objects.count() == events
    assert again.accounts == demo.accounts
    assert verify_chain().ok


def test_a_document_edited_after_loading_is_left_alone(demo):
    """Rerunning the loader (every `make demo`) must not undo the secretariat's work."""
    rev1 = Document.objects.get(slug="eurasian-charter-draft").versions.get(label="Rev.1")
    provision = rev1.provisions.get(eid="chp_III__art_6")
    current = provision.texts.get(language="en")
    services.set_text(
        actor=SYSTEM,
        provision=provision,
        language="en",
        heading=current.heading,
        text="Edited by the secretariat.",
        expected_revision=current.revision,
    )
    events = Event.objects.count()
    assert load_demo().created == 0
    assert Event.objects.count() == events
    assert provision.texts.get(language="en").text == "Edited by the secretariat."


def test_loading_adds_only_what_is_missing(demo):
    """A scenario object removed since (here: a record entry) comes back, and
    nothing else is written."""
    entry = RecordEntry.objects.get(sources__name="TASS")
    RecordEntry.objects.filter(pk=entry.pk).delete()
    events = Event.objects.count()
    result = load_demo()
    assert result.created == 1
    assert Event.objects.count() == events + 1
    assert Event.objects.order_by("-seq").first().kind == "record.entry_created"
    assert RecordEntry.objects.filter(sources__name="TASS").count() == 1


def test_the_summary_counts_what_the_process_holds(demo):
    assert demo.summary() == (
        "Eurasian Charter for Diversity and Multipolarity in the 21st Century: 6 parties, "
        "3 meetings, 5 documents, 17 proposals, 6 record entries, 15 accounts; "
        f"{demo.created} objects created."
    )

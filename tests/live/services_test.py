"""The live session's services: who may do what, the allowed transitions,
one audit event per action, the floor queue's order across venues."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from accord.documents.models import Translation
from accord.live import selectors, services
from accord.live.enums import FloorStatus, PenEnd, PenRequestStatus, SessionStatus
from accord.live.models import (
    FloorEntry,
    LiveBaseline,
    LiveEvent,
    PenRequest,
    PenTenure,
    Presence,
)
from accord.record.audit import verify_chain
from accord.record.models import Event
from tests.factories import DocumentFactory
from tests.live.scene import live_scene, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    return live_scene()


def _kinds_since(seq: int) -> list[str]:
    return list(Event.objects.filter(seq__gt=seq).order_by("seq").values_list("kind", flat=True))


def _head() -> int:
    return Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_starting_a_session_keeps_the_texts_it_starts_from(live):
    """The baseline is every provision's text in the session's language at the start."""
    session = live.s
    assert session.status == SessionStatus.OPEN
    assert session.language == "en"
    assert session.version == live.version
    assert dict(
        LiveBaseline.objects.filter(session=session).values_list("provision_uid", "text")
    ) == {
        live.provisions[n].uid: text
        for n, (_, text) in {
            "1": ("", "The purposes of this Charter are peace and cooperation."),
            "2": ("", Translation.objects.get(provision=live.provisions["2"], language="en").text),
            "3": ("", "Security in Eurasia is indivisible."),
        }.items()
    }
    assert Event.objects.filter(kind="live.session_started").count() == 1


@pytest.mark.parametrize("role", ["participant", "observer", "facilitator", "outsider"])
def test_only_the_chair_and_the_secretariat_start_a_session(role):
    live = live_scene(start=False)
    with pytest.raises(PermissionDenied):
        services.start_session(actor=live.user(role), meeting=live.meeting, document=live.document)


def test_the_chair_starts_a_session_in_another_authentic_language():
    live = live_scene(start=False)
    session = services.start_session(
        actor=live.user("chair"), meeting=live.meeting, document=live.document, language="ru"
    )
    state = selectors.session_state(session)
    assert state["language"] == "ru"
    assert state["provisions"][0]["text"] == "Текст статьи 1."


def test_a_meeting_has_one_open_session_and_a_document_needs_a_working_copy(live):
    with pytest.raises(Conflict, match="already has an open live session"):
        services.start_session(
            actor=live.user("secretariat"), meeting=live.meeting, document=live.document
        )
    services.close_session(actor=live.user("chair"), session=live.s)
    published_only = DocumentFactory(process=live.w.process)
    with pytest.raises(Conflict, match="no working copy"):
        services.start_session(
            actor=live.user("secretariat"), meeting=live.meeting, document=published_only
        )
    with pytest.raises(ValidationError, match="not a language"):
        services.start_session(
            actor=live.user("secretariat"),
            meeting=live.meeting,
            document=live.document,
            language="fa",
        )


def test_delegation_material_never_goes_on_a_shared_screen():
    live = live_scene(start=False)
    internal = DocumentFactory(
        process=live.w.process, visibility="delegation", owner_delegation=live.w.delegations["a"]
    )
    with pytest.raises(ValidationError, match="never put on a shared screen"):
        services.start_session(
            actor=live.user("secretariat"), meeting=live.meeting, document=internal
        )


def test_the_pen_is_requested_granted_handed_over_and_revoked_each_with_its_event(live):
    session, head = live.s, _head()
    a, b = live.user("participant"), live.user("other_participant")
    chair = live.user("chair")
    first = services.request_pen(actor=a, session=session)
    assert (first.venue, first.delegation) == (live.minsk, live.w.delegations["a"])
    second = services.request_pen(actor=b, session=session)
    services.grant_pen(actor=chair, session=session, request_id=first.pk)
    services.grant_pen(actor=chair, session=session, request_id=second.pk)
    services.revoke_pen(actor=chair, session=session)
    assert _kinds_since(head) == [
        "live.pen_requested",
        "live.pen_requested",
        "live.pen_granted",
        "live.pen_granted",
        "live.pen_revoked",
    ]
    tenures = list(PenTenure.objects.filter(session=session).order_by("id"))
    assert [(t.holder, t.venue, t.end_reason) for t in tenures] == [
        (a, live.minsk, PenEnd.HANDED_OVER),
        (b, live.moscow, PenEnd.REVOKED),
    ]
    assert all(t.ended_at for t in tenures)
    assert set(PenRequest.objects.values_list("status", flat=True)) == {PenRequestStatus.GRANTED}
    assert verify_chain().ok


def test_pen_requests_are_withdrawn_declined_and_never_doubled(live):
    session, a, chair = live.s, live.user("participant"), live.user("chair")
    services.request_pen(actor=a, session=session)
    with pytest.raises(Conflict, match="already asked"):
        services.request_pen(actor=a, session=session)
    services.withdraw_pen_request(actor=a, session=session)
    with pytest.raises(Conflict, match="no pending request"):
        services.withdraw_pen_request(actor=a, session=session)
    request = services.request_pen(actor=a, session=session)
    services.decline_pen_request(actor=chair, session=session, request_id=request.pk)
    with pytest.raises(Conflict, match="no longer pending"):
        services.grant_pen(actor=chair, session=session, request_id=request.pk)
    assert list(PenRequest.objects.order_by("id").values_list("status", flat=True)) == [
        PenRequestStatus.WITHDRAWN,
        PenRequestStatus.DECLINED,
    ]


def test_the_chair_takes_the_pen_directly_and_a_holder_releases_it(live):
    session, chair = live.s, live.user("chair")
    tenure = services.grant_pen(actor=chair, session=session, to=chair)
    assert (tenure.holder, tenure.venue, tenure.request) == (chair, live.moscow, None)
    with pytest.raises(Conflict, match="already holds the pen"):
        services.grant_pen(actor=chair, session=session, to=chair)
    services.release_pen(actor=chair, session=session)
    with pytest.raises(PermissionDenied):
        services.release_pen(actor=chair, session=session)
    with pytest.raises(Conflict, match="Nobody holds the pen"):
        services.revoke_pen(actor=chair, session=session)


@pytest.mark.parametrize("role", ["observer", "interested", "outsider"])
def test_the_pen_goes_only_to_officers_and_participant_delegations(live, role):
    with pytest.raises(ValidationError, match="may not hold the pen"):
        services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user(role))


@pytest.mark.parametrize("role", ["participant", "other_participant", "observer", "facilitator"])
def test_only_the_chair_and_the_secretariat_grant_the_pen(live, role):
    request = services.request_pen(actor=live.user("secretariat"), session=live.s)
    with pytest.raises(PermissionDenied):
        services.grant_pen(actor=live.user(role), session=live.s, request_id=request.pk)


def test_only_the_pen_holder_edits_the_screen(live):
    session, a = live.s, live.user("participant")
    for role in ("participant", "secretariat", "chair"):
        with pytest.raises(PermissionDenied, match="Only the pen-holder"):
            services.edit_text(
                actor=live.user(role),
                session=session,
                provision_uid=live.uid("3"),
                text="Security is indivisible.",
                expected_revision=1,
            )
    services.grant_pen(actor=live.user("chair"), session=session, to=a)
    head = _head()
    state = services.edit_text(
        actor=a,
        session=session,
        provision_uid=live.uid("3"),
        text="Security in Eurasia is indivisible and comprehensive.",
        expected_revision=1,
    )
    assert state.revision == 2
    assert state.redline == [
        ("equal", "Security in Eurasia is indivisible"),
        ("insert", " and comprehensive"),
        ("equal", "."),
    ]
    translation = Translation.objects.get(provision=live.provisions["3"], language="en")
    assert (translation.text, translation.revision) == (
        "Security in Eurasia is indivisible and comprehensive.",
        2,
    )
    # The edit's one audit event is the documents service's, by the pen-holder.
    assert _kinds_since(head) == ["provision.text_set"]
    assert Event.objects.get(seq=head + 1).actor == a
    services.revoke_pen(actor=live.user("chair"), session=session)
    with pytest.raises(PermissionDenied):
        services.edit_text(
            actor=a, session=session, provision_uid=live.uid("3"), text="x", expected_revision=2
        )


def test_an_edit_with_invalid_markup_or_an_unknown_provision_changes_nothing(live):
    session, a = live.s, live.user("participant")
    services.grant_pen(actor=live.user("chair"), session=session, to=a)
    seq, head = session.seq, _head()
    with pytest.raises(ValidationError, match="invalid negotiation markup"):
        services.edit_text(
            actor=a, session=session, provision_uid=live.uid("2"), text="[open", expected_revision=1
        )
    with pytest.raises(NotFound):
        services.edit_text(
            actor=a, session=session, provision_uid="not-a-uid", text="x", expected_revision=1
        )
    session.refresh_from_db()
    assert (session.seq, _head()) == (seq + 1, head)  # only the grant's event


def test_the_focus_is_moved_by_the_pen_holder_or_the_chair(live):
    session = live.s
    services.set_focus(actor=live.user("chair"), session=session, provision_uid=live.uid("2"))
    with pytest.raises(PermissionDenied):
        services.set_focus(
            actor=live.user("participant"), session=session, provision_uid=live.uid("1")
        )
    services.grant_pen(actor=live.user("chair"), session=session, to=live.user("participant"))
    services.set_focus(actor=live.user("participant"), session=session, provision_uid=live.uid("1"))
    session.refresh_from_db()
    assert str(session.focus_uid) == live.uid("1")
    with pytest.raises(NotFound):
        services.set_focus(actor=live.user("chair"), session=session, provision_uid=str(live.s.key))


def test_the_floor_queue_is_ordered_by_time_of_request_across_venues(live):
    session = live.s
    b = services.request_floor(actor=live.user("other_participant"), session=session)  # Moscow
    obs = services.request_floor(actor=live.user("observer"), session=session)  # Minsk
    a = services.request_floor(actor=live.user("participant"), session=session)  # Minsk
    t0 = dt.datetime(2025, 10, 28, 7, 0, tzinfo=dt.UTC)
    for entry, seconds in ((b, 0), (a, 1), (obs, 2)):
        FloorEntry.objects.filter(pk=entry.pk).update(
            requested_at=t0 + dt.timedelta(seconds=seconds)
        )
    state = selectors.session_state(session)
    # Moscow, Minsk, Minsk: by time, not grouped by venue.
    assert [(e["delegation"]["id"], e["venue"]["city"]["en"]) for e in state["floor"]] == [
        (live.w.delegations["b"].pk, "Moscow"),
        (live.w.delegations["a"].pk, "Minsk"),
        (live.w.delegations["obs"].pk, "Minsk"),
    ]


def test_the_chair_gives_the_floor_and_the_speaker_ends(live):
    session, chair = live.s, live.user("chair")
    a = services.request_floor(actor=live.user("participant"), session=session)
    b = services.request_floor(actor=live.user("other_participant"), session=session)
    with pytest.raises(Conflict, match="already asked for the floor"):
        services.request_floor(actor=live.user("participant"), session=session)
    with pytest.raises(PermissionDenied):
        services.give_floor(actor=live.user("participant"), session=session, entry_id=a.pk)
    services.give_floor(actor=chair, session=session, entry_id=a.pk)
    services.give_floor(actor=chair, session=session, entry_id=b.pk)
    a.refresh_from_db()
    assert a.status == FloorStatus.DONE
    with pytest.raises(PermissionDenied):
        services.end_floor(actor=live.user("participant"), session=session)
    services.end_floor(actor=live.user("other_participant"), session=session)
    b.refresh_from_db()
    assert b.status == FloorStatus.DONE
    # Having spoken, a delegation may ask again.
    services.request_floor(actor=live.user("participant"), session=session)


def test_a_request_for_the_floor_is_withdrawn_by_its_delegation_or_the_chair(live):
    session = live.s
    a = services.request_floor(actor=live.user("participant"), session=session)
    with pytest.raises(PermissionDenied):
        services.withdraw_floor(
            actor=live.user("other_participant"), session=session, entry_id=a.pk
        )
    services.withdraw_floor(actor=live.user("participant"), session=session)
    b = services.request_floor(actor=live.user("other_participant"), session=session)
    services.withdraw_floor(actor=live.user("chair"), session=session, entry_id=b.pk)
    assert list(FloorEntry.objects.order_by("id").values_list("status", flat=True)) == [
        FloorStatus.WITHDRAWN,
        FloorStatus.WITHDRAWN,
    ]
    with pytest.raises(Conflict, match="withdrawn"):
        services.give_floor(actor=live.user("chair"), session=session, entry_id=b.pk)


@pytest.mark.parametrize("role", ["secretariat", "chair", "facilitator"])
def test_officers_without_a_delegation_do_not_ask_for_the_floor(live, role):
    with pytest.raises(PermissionDenied):
        services.request_floor(actor=live.user(role), session=live.s)


def test_closing_the_session_returns_the_pen_and_lapses_the_queues(
    live, django_capture_on_commit_callbacks
):
    session, chair = live.s, live.user("chair")
    services.grant_pen(actor=chair, session=session, to=live.user("participant"))
    services.request_pen(actor=live.user("other_participant"), session=session)
    services.request_floor(actor=live.user("observer"), session=session)
    entry = services.request_floor(actor=live.user("participant"), session=session)
    services.give_floor(actor=chair, session=session, entry_id=entry.pk)
    services.join(actor=live.user("participant"), session=session, channel_name="test!one")
    with published(session) as got, django_capture_on_commit_callbacks(execute=True):
        services.close_session(actor=chair, session=session)
    assert [e["type"] for e in got] == ["session.closed"]
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert not PenTenure.objects.filter(ended_at__isnull=True).exists()
    assert set(PenRequest.objects.values_list("status", flat=True)) == {"lapsed"}
    assert sorted(FloorEntry.objects.values_list("status", flat=True)) == ["done", "lapsed"]
    state = selectors.session_state(session)
    assert (state["status"], state["pen"], state["floor"], state["presence"]) == (
        "closed",
        None,
        [],
        [],
    )
    with pytest.raises(Conflict, match="closed"):
        services.request_floor(actor=live.user("other_participant"), session=session)
    services.leave(channel_name="test!one")  # a late disconnect changes nothing
    assert (
        LiveEvent.objects.filter(session=session).order_by("-seq").first().type == "session.closed"
    )


def test_every_service_but_presence_writes_exactly_one_audit_event(live):
    session, chair = live.s, live.user("chair")
    a, b = live.user("participant"), live.user("other_participant")
    actions = [
        lambda: services.set_focus(actor=chair, session=session, provision_uid=live.uid("1")),
        lambda: services.request_pen(actor=a, session=session),
        lambda: services.withdraw_pen_request(actor=a, session=session),
        lambda: services.request_pen(actor=b, session=session),
        lambda: services.decline_pen_request(
            actor=chair, session=session, request_id=PenRequest.objects.get(user=b).pk
        ),
        lambda: services.grant_pen(actor=chair, session=session, to=a),
        lambda: services.edit_text(
            actor=a,
            session=session,
            provision_uid=live.uid("1"),
            text="Peace.",
            expected_revision=1,
        ),
        lambda: services.release_pen(actor=a, session=session),
        lambda: services.grant_pen(actor=chair, session=session, to=b),
        lambda: services.revoke_pen(actor=chair, session=session),
        lambda: services.request_floor(actor=a, session=session),
        lambda: services.withdraw_floor(actor=a, session=session),
        lambda: services.request_floor(actor=b, session=session),
        lambda: services.give_floor(
            actor=chair, session=session, entry_id=FloorEntry.objects.get(status="waiting").pk
        ),
        lambda: services.end_floor(actor=b, session=session),
        lambda: services.close_session(actor=chair, session=session),
    ]
    for action in actions:
        head = _head()
        action()
        assert _head() == head + 1, action
    live2 = live_scene()
    head = _head()
    services.join(actor=live2.user("participant"), session=live2.s, channel_name="test!p")
    services.leave(channel_name="test!p")
    assert _head() == head
    assert verify_chain().ok


def test_the_event_log_is_numbered_without_gaps(live):
    session, chair = live.s, live.user("chair")
    services.set_focus(actor=chair, session=session, provision_uid=live.uid("1"))
    services.join(actor=chair, session=session, channel_name="test!c")
    services.request_floor(actor=live.user("participant"), session=session)
    services.leave(channel_name="test!c")
    session.refresh_from_db()
    assert list(LiveEvent.objects.filter(session=session).values_list("seq", "type")) == [
        (1, "focus.set"),
        (2, "presence.joined"),
        (3, "floor.requested"),
        (4, "presence.left"),
    ]
    assert session.seq == 4
    assert selectors.events_after(session, 2) == list(
        LiveEvent.objects.filter(session=session, seq__gt=2).values_list("payload", flat=True)
    )
    assert selectors.events_after(session, 5) is None  # ahead of the server: take a snapshot


def test_connections_not_heard_from_leave_when_another_one_pings(live):
    """A node killed without closing its websockets leaves their presence
    behind: the next sweep removes whoever missed three pings."""
    session, chair = live.s, live.user("chair")
    services.join(actor=chair, session=session, channel_name="dead-node!a")
    services.join(actor=live.user("participant"), session=session, channel_name="live-node!b")
    old = timezone.now() - services.presence.STALE_AFTER - dt.timedelta(seconds=1)
    Presence.objects.update(last_seen=old)
    services.touch(channel_name="live-node!b")  # the live one pinged
    assert services.sweep(session_id=session.pk) == 1
    assert list(Presence.objects.values_list("channel_name", flat=True)) == ["live-node!b"]
    last = LiveEvent.objects.filter(session=session).order_by("-seq").first()
    assert last.type == "presence.left"
    assert services.sweep(session_id=session.pk) == 0  # nothing more, no event
    assert LiveEvent.objects.filter(session=session).order_by("-seq").first() == last

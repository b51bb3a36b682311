"""Old state + published events == new state.

For every action, the state rendered before it, with the events the action
published applied by the reference reducer (`live.state.apply`, which the
browser's live.js mirrors), equals the state rendered after it. Events are
published only after commit, never for a rolled-back change, are numbered
without gaps, and a replayed event is not applied twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from accord.core.errors import PermissionDenied
from accord.documents import services as documents
from accord.live import events, selectors, services
from accord.live.models import FloorEntry, LiveEvent, PenRequest
from accord.live.state import Gap, apply, apply_all
from tests.live.scene import listening, live_scene, published


def observe(session: Any, action: Callable[[], Any], capture: Any) -> list[dict[str, Any]]:
    """Run `action`; check the invariant; return the events it published."""
    before = selectors.session_state(session)
    # A refused edit still tells every screen the current text.
    with (
        published(session) as got,
        capture(execute=True),
        contextlib.suppress(services.LiveConflict),
    ):
        action()
    after = selectors.session_state(session)
    assert got, "the action published nothing"
    for event in got:
        events.validate_event(event)
    assert [e["seq"] for e in got] == list(range(before["seq"] + 1, after["seq"] + 1))
    assert apply_all(before, got) == after
    return got


@pytest.mark.django_db
def test_before_plus_events_equals_after_for_every_action(django_capture_on_commit_callbacks):
    live = live_scene()
    session, chair, secretariat = live.s, live.user("chair"), live.user("secretariat")
    a, b, obs = live.user("participant"), live.user("other_participant"), live.user("observer")

    code = live.w.delegations["a"].code

    def entry(user: Any) -> int:
        return FloorEntry.objects.get(user=user, status__in=["waiting", "speaking"]).pk

    def request(user: Any) -> int:
        return PenRequest.objects.get(user=user, status="pending").pk

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("presence.joined", lambda: services.join(actor=a, session=session, channel_name="t!a")),
        ("presence.joined", lambda: services.join(actor=b, session=session, channel_name="t!b")),
        ("presence.joined", lambda: services.join(actor=b, session=session, channel_name="t!b2")),
        (
            "focus.set",
            lambda: services.set_focus(actor=chair, session=session, provision_uid=live.uid("2")),
        ),
        ("pen.requested", lambda: services.request_pen(actor=a, session=session)),
        ("pen.requested", lambda: services.request_pen(actor=b, session=session)),
        ("pen.request_withdrawn", lambda: services.withdraw_pen_request(actor=b, session=session)),
        ("pen.requested", lambda: services.request_pen(actor=secretariat, session=session)),
        (
            "pen.request_declined",
            lambda: services.decline_pen_request(
                actor=chair, session=session, request_id=request(secretariat)
            ),
        ),
        (
            "pen.granted",
            lambda: services.grant_pen(actor=chair, session=session, request_id=request(a)),
        ),
        (
            "text.edited",
            lambda: services.edit_text(
                actor=a,
                session=session,
                provision_uid=live.uid("2"),
                text=f"The Parties shall respect [sovereign equality]{{{code}}} and [equality].",
                expected_revision=1,
            ),
        ),
        (
            "text.edited",
            lambda: services.edit_text(
                actor=a,
                session=session,
                provision_uid=live.uid("1"),
                text="The purpose of this Charter is peace.",
                heading="Purpose",
                expected_revision=1,
            ),
        ),
        ("focus.set", lambda: services.set_focus(actor=a, session=session, provision_uid=None)),
        ("pen.granted", lambda: services.grant_pen(actor=chair, session=session, to=b)),
        ("pen.released", lambda: services.release_pen(actor=b, session=session)),
        ("pen.granted", lambda: services.grant_pen(actor=chair, session=session, to=a)),
        ("pen.revoked", lambda: services.revoke_pen(actor=chair, session=session)),
        ("floor.requested", lambda: services.request_floor(actor=b, session=session)),
        ("floor.requested", lambda: services.request_floor(actor=obs, session=session)),
        ("floor.requested", lambda: services.request_floor(actor=a, session=session)),
        ("floor.withdrawn", lambda: services.withdraw_floor(actor=obs, session=session)),
        (
            "floor.given",
            lambda: services.give_floor(actor=chair, session=session, entry_id=entry(b)),
        ),
        (
            "floor.given",
            lambda: services.give_floor(actor=chair, session=session, entry_id=entry(a)),
        ),
        ("floor.ended", lambda: services.end_floor(actor=chair, session=session)),
        ("presence.left", lambda: services.leave(channel_name="t!b2")),
        ("session.closed", lambda: services.close_session(actor=chair, session=session)),
    ]
    for kind, action in steps:
        got = observe(session, action, django_capture_on_commit_callbacks)
        assert [e["type"] for e in got] == [kind]


@pytest.mark.django_db
def test_a_conflicting_edit_sends_every_screen_the_current_text(django_capture_on_commit_callbacks):
    """The secretariat changes the text outside the live screen; the
    pen-holder's stale edit is refused and every screen is brought up to date."""
    live = live_scene()
    session, a = live.s, live.user("participant")
    services.grant_pen(actor=live.user("chair"), session=session, to=a)
    documents.set_text(
        actor=live.user("secretariat"),
        provision=live.provisions["3"],
        language="en",
        heading="Security",
        text="Security in Eurasia is indivisible and equal.",
        expected_revision=1,
    )

    def stale_edit() -> None:
        services.edit_text(
            actor=a,
            session=session,
            provision_uid=live.uid("3"),
            text="Security is indivisible.",
            expected_revision=1,
        )

    got = observe(session, stale_edit, django_capture_on_commit_callbacks)
    assert [(e["type"], e["data"]["text"], e["data"]["revision"]) for e in got] == [
        ("text.refreshed", "Security in Eurasia is indivisible and equal.", 2)
    ]
    # A second stale edit: the screens already show revision 2; nothing more is sent.
    with (
        published(session) as again,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.LiveConflict),
    ):
        stale_edit()
    assert again == []


@pytest.mark.django_db
def test_the_whole_log_replayed_on_the_first_state_gives_the_last_state(
    django_capture_on_commit_callbacks,
):
    live = live_scene()
    session, chair, a = live.s, live.user("chair"), live.user("participant")
    first = selectors.session_state(session)
    services.join(actor=a, session=session, channel_name="t!a")
    services.grant_pen(actor=chair, session=session, to=a)
    for i in range(5):
        services.edit_text(
            actor=a,
            session=session,
            provision_uid=live.uid("3"),
            text=f"Security in Eurasia is indivisible ({i}).",
            expected_revision=i + 1,
        )
    services.request_floor(actor=live.user("other_participant"), session=session)
    log = list(LiveEvent.objects.filter(session=session).values_list("payload", flat=True))
    assert apply_all(first, log) == selectors.session_state(session)
    # Replayed events are ignored; an event beyond the next number is a gap.
    last = selectors.session_state(session)
    assert apply(last, log[-1]) is last
    assert apply_all(last, log) == last
    with pytest.raises(Gap):
        apply(first, log[2])


@pytest.mark.django_db(transaction=True)
def test_events_are_published_only_after_commit_and_never_for_a_rollback():
    live = live_scene()
    session, chair = live.s, live.user("chair")
    with listening(session) as listener:
        with transaction.atomic():
            services.set_focus(actor=chair, session=session, provision_uid=live.uid("1"))
            services.request_floor(actor=live.user("participant"), session=session)
            assert listener.take() == []  # committed neither
        assert [e["type"] for e in listener.take()] == ["focus.set", "floor.requested"]

        class Abort(Exception):
            pass

        def focus_then_fail() -> None:
            with transaction.atomic():
                services.set_focus(actor=chair, session=session, provision_uid=live.uid("2"))
                raise Abort

        with pytest.raises(Abort):
            focus_then_fail()
        assert listener.take() == []
        session.refresh_from_db()
        assert session.seq == 2
        assert str(session.focus_uid) == live.uid("1")
        assert LiveEvent.objects.filter(session=session).count() == 2

        # A refused action publishes nothing either.
        with pytest.raises(PermissionDenied):
            services.set_focus(
                actor=live.user("participant"), session=session, provision_uid=live.uid("2")
            )
        assert listener.take() == []

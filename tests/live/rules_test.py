"""Who may do what in a live session: every role × every permission.

The pages, the websocket consumer and the services all ask these
permissions, so this table is what each of them enforces.
"""

from __future__ import annotations

import pytest

from accord.live import services
from accord.live.rules import allows
from tests.live.scene import live_scene

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "outsider",
    "interested",
    "observer",
    "participant",
    "other_participant",
    "facilitator",
    "chair",
    "secretariat",
)
RUN = {"chair", "secretariat"}
MEMBERS = {"observer", "participant", "other_participant", "facilitator", "chair", "secretariat"}

# permission → the roles that hold it while the participant holds the pen.
EXPECTED = {
    "live.join_session": MEMBERS,
    "live.close_session": RUN,
    "live.decide_pen": RUN,
    "live.give_floor": RUN,
    "live.edit_screen": {"participant"},
    "live.set_focus": RUN | {"participant"},
    "live.release_pen": {"participant"},
    "live.request_pen": {"participant", "other_participant", "facilitator", "chair", "secretariat"},
    "live.request_floor": {"observer", "participant", "other_participant"},
}


@pytest.fixture
def live():
    live = live_scene()
    services.grant_pen(actor=live.user("chair"), session=live.s, to=live.user("participant"))
    return live


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_each_role_holds_exactly_the_expected_session_permissions(live, perm):
    holders = {role for role in ROLES if allows(live.user(role), perm, live.s)}
    assert holders == EXPECTED[perm]


def test_members_follow_the_meeting_s_live_sessions(live):
    holders = {
        role for role in ROLES if allows(live.user(role), "live.follow_meeting", live.meeting)
    }
    assert holders == MEMBERS


def test_only_the_chair_and_the_secretariat_start_a_session(live):
    holders = {
        role for role in ROLES if allows(live.user(role), "live.start_session", live.meeting)
    }
    assert holders == RUN


def test_floor_entries_are_withdrawn_by_their_delegation_or_those_who_run_the_session(live):
    entry = services.request_floor(actor=live.user("participant"), session=live.s)
    for perm in ("live.withdraw_floor", "live.end_floor"):
        holders = {role for role in ROLES if allows(live.user(role), perm, entry)}
        assert holders == RUN | {"participant"}


def test_a_pen_request_is_withdrawn_by_its_author_only(live):
    request = services.request_pen(actor=live.user("other_participant"), session=live.s)
    holders = {
        role for role in ROLES if allows(live.user(role), "live.withdraw_pen_request", request)
    }
    assert holders == {"other_participant"}


def test_observers_stay_out_where_the_process_hides_meetings_from_them():
    live = live_scene(observers_see_meetings=False)
    assert not allows(live.user("observer"), "live.join_session", live.s)
    assert allows(live.user("participant"), "live.join_session", live.s)


def test_a_secretariat_only_document_is_followed_by_the_secretariat_alone():
    live = live_scene()
    live.document.visibility = "secretariat"
    live.document.save(update_fields=["visibility"])
    live.s.document.refresh_from_db()
    holders = {role for role in ROLES if allows(live.user(role), "live.join_session", live.s)}
    assert holders == {"secretariat"}


def test_a_superuser_without_a_role_is_an_outsider(live):
    """Django lets active superusers through User.has_perm for apps outside
    Accord's rule apps; the live rules are asked directly, so a site
    administrator does not follow the negotiation."""
    outsider = live.user("outsider")
    outsider.is_superuser = True
    outsider.save(update_fields=["is_superuser"])
    assert not allows(outsider, "live.join_session", live.s)
    assert not allows(outsider, "live.decide_pen", live.s)


def test_an_inactive_account_holds_nothing(live):
    participant = live.user("participant")
    participant.is_active = False
    assert not allows(participant, "live.join_session", live.s)
    assert not allows(participant, "live.edit_screen", live.s)

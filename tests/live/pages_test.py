"""The live pages: the meeting's live sessions, the participant view and the
projector view; who sees them; what they show; what they cost."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from accord.live import services
from accord.live.models import LiveSession
from accord.negotiation.models import Position, Proposal
from tests.live.scene import live_scene
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db

MEMBERS = ("participant", "other_participant", "observer", "secretariat", "chair", "facilitator")
OTHERS = ("anonymous", "outsider", "interested")


def _urls(live):
    slug, pk = live.w.process.slug, live.s.pk
    return {
        "meeting": f"/p/{slug}/live/meetings/{live.meeting.slug}/",
        "participant": f"/p/{slug}/live/{pk}/",
        "projector": f"/p/{slug}/live/{pk}/projector/",
        "close": f"/p/{slug}/live/{pk}/close/",
        "start": f"/p/{slug}/live/meetings/{live.meeting.slug}/start/",
        "meeting_page": f"/p/{slug}/meetings/{live.meeting.slug}/",
    }


@pytest.fixture
def live():
    live = live_scene()
    chair = live.user("chair")
    services.grant_pen(actor=chair, session=live.s, to=live.user("participant"))
    services.set_focus(actor=chair, session=live.s, provision_uid=live.uid("3"))
    services.edit_text(
        actor=live.user("participant"),
        session=live.s,
        provision_uid=live.uid("3"),
        text="Security in Eurasia is comprehensive.",
        expected_revision=1,
    )
    services.request_floor(actor=live.user("other_participant"), session=live.s)
    services.join(actor=live.user("other_participant"), session=live.s, channel_name="t!b")
    return live


@pytest.mark.parametrize("role", MEMBERS)
def test_members_see_both_views_and_the_link_on_the_meeting_page(client: Client, live, role):
    urls = _urls(live)
    sign_in(client, live.user(role))
    assert "Live sessions" in text_of(fetch(client, urls["meeting_page"]))
    assert "Join the session" in text_of(fetch(client, urls["meeting"]))
    for view in ("participant", "projector"):
        html = fetch(client, urls[view])
        assert "Security in Eurasia is <del>indivisible</del><ins>comprehensive</ins>." in html


@pytest.mark.parametrize("role", OTHERS)
def test_others_get_not_found_and_no_link(client: Client, live, role):
    live.meeting.visibility = "public"  # so that everyone sees the meeting page
    live.meeting.save(update_fields=["visibility"])
    urls = _urls(live)
    sign_in(client, live.user(role))
    assert "Live sessions" not in text_of(fetch(client, urls["meeting_page"]))
    for view in ("meeting", "participant", "projector"):
        fetch(client, urls[view], status=404)
    assert client.post(urls["close"]).status_code == 404
    assert client.post(urls["start"], {"document": live.document.slug}).status_code == 404


def test_the_participant_view_shows_the_pen_the_queue_presence_and_the_focus(client, live):
    sign_in(client, live.user("observer"))
    html = fetch(client, _urls(live)["participant"])
    text = text_of(html)
    a, b = live.w.delegations["a"], live.w.delegations["b"]
    assert f"{live.user('participant')} holds the pen · {a.code} · Minsk" in text
    assert re.search(rf"{b.code} {b.party.name} · Moscow \d\d:\d\d:\d\d", text)
    assert f"Moscow {b.code} {live.user('other_participant')}" in text
    assert re.search(r'class="live-prov is-focus" id="prov-' + live.uid("3"), html)
    assert "you follow from Minsk" in text
    # Its state, for live.js, in a JSON script (not executed: the CSP allows no inline script).
    assert f'<script id="live-state" type="application/json">{{"session": {live.s.pk}' in html
    scripts = re.findall(r"<script(?![^>]*(?:src=|application/json))[^>]*>", html)
    assert scripts == []


def test_a_delegate_sees_their_own_delegation_s_proposals_and_positions_beside_the_text(
    client, live
):
    a, b = live.w.delegations["a"], live.w.delegations["b"]
    provision = live.provisions["2"]
    for number, delegation in ((1, a), (2, b)):
        Proposal.objects.create(
            document=live.document,
            number=number,
            version=live.version,
            provision=provision,
            provision_uid=provision.uid,
            delegation=delegation,
            operation="replace_text",
            language="en",
            text=f"Proposal of {delegation.code}.",
        )
    Position.objects.create(
        document=live.document,
        delegation=a,
        provision_uid=provision.uid,
        stance="reservation",
        reason="Needs a reference to the UN Charter.",
        visibility="delegation",
        recorded_at=timezone.now() - dt.timedelta(hours=1),
    )
    sign_in(client, live.user("participant"))
    text = text_of(fetch(client, _urls(live)["participant"]))
    assert f"P-1 · Replace the text · Tabled Proposal of {a.code}." in text
    assert "Reservation (Own delegation) — Needs a reference to the UN Charter." in text
    assert f"Proposal of {b.code}" not in text  # another delegation's
    sign_in(client, live.user("secretariat"))
    text = text_of(fetch(client, _urls(live)["participant"]))
    assert "Your delegation" not in text
    assert "UN Charter" not in text


def test_the_projector_shows_the_focus_in_large_type_without_controls(client, live):
    sign_in(client, live.user("secretariat"))
    html = fetch(client, _urls(live)["projector"])
    assert 'class="live live--projector has-focus"' in html
    assert "<button" not in html
    assert "<form" not in html
    assert "site-header" not in html


def test_the_chair_starts_and_closes_a_session_from_the_pages(client: Client):
    live = live_scene(start=False)
    slug = live.w.process.slug
    sign_in(client, live.user("participant"))
    page = f"/p/{slug}/live/meetings/{live.meeting.slug}/"
    assert "Start a live session" not in text_of(fetch(client, page))
    client.post(page + "start/", {"document": live.document.slug})
    assert not LiveSession.objects.exists()
    sign_in(client, live.user("chair"))
    assert "No live session is open for this meeting." in text_of(fetch(client, page))
    response = client.post(page + "start/", {"document": live.document.slug, "language": "ru"})
    session = LiveSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/p/{slug}/live/{session.pk}/"
    assert session.language == "ru"
    assert "Текст статьи 1." in fetch(client, response["Location"])
    response = client.post(f"/p/{slug}/live/{session.pk}/close/")
    assert response.status_code == 302
    session.refresh_from_db()
    assert not session.is_open
    html = fetch(client, f"/p/{slug}/live/{session.pk}/")
    assert "This live session is closed." in text_of(html)


def test_a_refused_start_says_why(client: Client, live):
    sign_in(client, live.user("chair"))
    response = client.post(_urls(live)["start"], {"document": live.document.slug}, follow=True)
    assert "already has an open live session" in text_of(response.content.decode())


@pytest.mark.parametrize("view", ["participant", "projector"])
def test_the_views_cost_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, view
):
    counts = []
    for extra in (0, 30):
        live = live_scene(extra_provisions=extra)
        services.join(actor=live.user("participant"), session=live.s, channel_name=f"t!{extra}")
        services.request_floor(actor=live.user("participant"), session=live.s)
        sign_in(client, live.user("participant"))
        url = _urls(live)[view]
        fetch(client, url)  # warm the session
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            fetch(client, url)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_pages_speak_russian(client: Client, live):
    sign_in(client, live.user("participant"))
    client.cookies["django_language"] = "ru"
    text = text_of(fetch(client, _urls(live)["participant"]))
    assert "Текст на экране" in text
    assert "Перо" in text


def test_every_string_of_the_live_app_has_a_russian_translation():
    from pathlib import Path

    import accord

    po = Path(accord.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    entries = [e for e in po.read_text(encoding="utf-8").split("\n\n") if "#: live/" in e]
    assert len(entries) > 100
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""')]
    assert untranslated == []

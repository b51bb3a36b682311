"""The demo data as the pages show it: a smoke test that every demo object
renders, and that what is illustrative says so on screen."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accord.demo.loader import DEMO_PASSWORD
from tests.pages.helpers import sign_in_with_password

P = "eurasian-charter"


def _client(username: str | None) -> Client:
    client = Client()
    if username:
        assert sign_in_with_password(client, username, DEMO_PASSWORD)
    return client


@pytest.mark.parametrize("username", [None, "by-member", "secretariat", "observer"])
def test_every_demo_page_renders(demo, username):
    client = _client(username)
    urls = [
        reverse("processes:index"),
        reverse("processes:detail", args=[P]),
        reverse("record:timeline", kwargs={"process_slug": P}),
        *(
            reverse("processes:party", args=[P, slug])
            for slug in ("belarus", "russia", "dprk", "iran", "myanmar", "observer-state")
        ),
        *(
            reverse("meetings:detail", kwargs={"process_slug": P, "meeting_slug": slug})
            for slug in (
                "first-eurasian-security-conference",
                "third-eurasian-security-conference",
                "five-party-consultation-2025",
            )
        ),
        *(
            reverse("documents:detail", kwargs={"process_slug": P, "document_slug": slug})
            for slug in ("joint-vision-eurasian-charter", "towards-diversity-and-multipolarity")
        ),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_consultation_page_shows_both_venues(demo):
    url = reverse(
        "meetings:detail",
        kwargs={"process_slug": P, "meeting_slug": "five-party-consultation-2025"},
    )
    page = _client(None).get(url).content.decode()
    assert "Minsk" in page
    assert "Moscow" in page
    assert "a Tuesday in 2025" in page


def test_the_charter_draft_reads_as_illustrative_to_a_participant(demo):
    url = reverse(
        "documents:detail", kwargs={"process_slug": P, "document_slug": "eurasian-charter-draft"}
    )
    assert _client(None).get(url).status_code in (302, 403, 404)
    page = _client("kp-head").get(url).content.decode()
    assert "Indivisible security" in page
    assert "llustrative" in page


@pytest.mark.parametrize(
    ("username", "page"),
    [
        ("kp-head", "compilation"),
        ("observer", "compilation"),
        ("secretariat", "compilation"),
        ("chair", "dashboard"),
        ("facilitator", "dashboard"),
        ("chair", "matrix"),
        ("facilitator", "matrix"),
    ],
)
def test_the_negotiation_pages_render_the_demo_negotiation(demo, username, page):
    url = reverse(
        f"negotiation:{page}",
        kwargs={"process_slug": P, "document_slug": "eurasian-charter-draft"},
    )
    response = _client(username).get(url)
    assert response.status_code == 200, url
    assert "llustrative" in response.content.decode()


def test_a_delegate_reads_the_compilation_text_with_its_attributions(demo):
    url = reverse(
        "negotiation:compilation",
        kwargs={"process_slug": P, "document_slug": "eurasian-charter-draft"},
    )
    page = _client("mm-member").get(url, {"lang": "en"}).content.decode()
    assert "Compilation text" in page
    assert "indivisible security, non-interference" in page  # Russia's alternative
    assert "(RU, BY)" in page
    assert "IR: delete" in page
    assert (
        'cooperate in <span class="br" data-id="b1">[security] <span class="attr">(MM)</span>'
        "</span>, the economy" in page
    )

"""What every page shares: landmarks, skip link, language switcher, no inline
script or style (the Content-Security-Policy forbids them), Russian interface."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accord.core.enums import Visibility
from tests.factories import DocumentFactory, MeetingFactory, VersionFactory, add_provisions, world
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db


def _pages(w) -> list[str]:
    MeetingFactory(process=w.process, slug="m1", visibility=Visibility.PUBLIC)
    document = DocumentFactory(process=w.process, slug="d1", visibility=Visibility.PUBLIC)
    add_provisions(VersionFactory(document=document), 3)
    return [
        "/",
        "/p/eur/",
        "/p/eur/parties/eur-a/",
        "/p/eur/meetings/m1/",
        "/p/eur/documents/d1/?compare=ru",
        "/p/eur/timeline/",
        "/accounts/login/",
    ]


def test_every_page_has_landmarks_a_skip_link_and_one_h1(client: Client):
    w = world(slug="eur")
    for url in _pages(w):
        html = fetch(client, url)
        assert '<a class="skip-link" href="#main">Skip to main content</a>' in html, url
        assert '<header class="site-header">' in html, url
        assert '<nav class="site-nav" aria-label="Main">' in html, url
        assert '<main id="main" class="main" tabindex="-1">' in html, url
        assert '<footer class="site-footer">' in html, url
        assert len(re.findall(r"<h1[ >]", html)) == 1, url


def test_no_inline_scripts_styles_or_foreign_origins(client: Client):
    w = world(slug="eur")
    for url in _pages(w):
        response = client.get(url)
        html = response.content.decode()
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert " style=" not in html, url
        assert "<style" not in html, url
        assert re.findall(r"<script[^>]*>", html) == [
            '<script src="/static/accord/htmx.min.js" defer>'
        ], url
        assert not re.search(
            r'(src|href)="(https?:)?//', html.replace('href="https://', "EXTERNAL-LINK")
        ), url
        assert " on" + "click=" not in html


def _static(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    return body


def test_static_files_are_served_from_our_origin(client: Client):
    assert b".skip-link" in _static(client, "/static/accord/accord.css")
    assert _static(client, "/static/accord/htmx.min.js").startswith(b"/*! htmx 2.")
    assert b"Zero-Clause BSD" in _static(client, "/static/accord/htmx.LICENSE")


def test_language_switcher_posts_to_set_language_and_returns_to_the_page(client: Client):
    world(slug="eur")
    html = fetch(client, "/p/eur/timeline/")
    assert '<form class="language-switch" method="post" action="/i18n/setlang/">' in html
    assert '<input type="hidden" name="next" value="/p/eur/timeline/">' in html
    assert (
        '<button type="submit" name="language" value="ru" lang="ru" aria-pressed="false">'
        "Русский</button>" in html
    )
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/p/eur/timeline/"})
    assert response.status_code == 302
    assert response["Location"] == "/p/eur/timeline/"
    html = fetch(client, "/p/eur/timeline/")
    assert '<html lang="ru" dir="ltr">' in html
    assert 'value="ru" lang="ru" aria-pressed="true"' in html


def test_the_interface_is_translated_into_russian(client: Client):
    w = world(slug="eur")
    urls = _pages(w)
    sign_in(client, w.users["participant"])
    client.cookies["django_language"] = "ru"  # after signing in: logout() clears cookies
    text = text_of(fetch(client, "/p/eur/"))
    for phrase in ("Процессы", "Участники", "Заседания", "Документы", "Текущий этап: Консультации"):
        assert phrase in text
    for url in urls[1:-1]:
        html = fetch(client, url)
        assert "Skip to main content" not in html, url
        assert "Перейти к основному содержанию" in html, url
    document = text_of(fetch(client, "/p/eur/documents/d1/"))
    assert "Статья 1" in document  # provision kinds follow the text language


def test_signed_in_header_shows_the_user_and_a_sign_out_form(client: Client):
    w = world(slug="eur")
    sign_in(client, w.users["chair"])
    html = fetch(client, "/")
    assert '<a href="/accounts/tokens/">API tokens</a>' in html
    assert '<button type="submit" class="link-button">Sign out</button>' in html
    assert "Eur-Chair" in html


def test_the_not_found_page_is_helpful_and_translated(client: Client):
    html = fetch(client, "/p/nowhere/", status=404)
    assert "There is no page at this address, or you may not see it." in html
    client.cookies["django_language"] = "ru"
    html = fetch(client, "/p/nowhere/", status=404)
    assert '<html lang="ru"' in html
    assert "There is no page" not in html

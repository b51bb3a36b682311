"""The pages in a real browser: Debian's Chromium driven by Playwright.

Checks what only a browser shows: htmx swaps the text in place under our
strict Content-Security-Policy (no violation reported), a phone-width page
does not scroll sideways, and right-to-left text is laid out right to left.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from accord.core.actors import SYSTEM
from accord.documents import services as documents
from tests.conftest import require_or_skip
from tests.factories import PASSWORD, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def browser():
    require_or_skip(
        bool(shutil.which(CHROMIUM)),
        f"needs Chromium at {CHROMIUM} (Debian package chromium)",
        needs="browser",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def scene():
    """Built before the browser starts: Playwright's event loop forbids the ORM."""
    w = world()
    _charter(w)
    return w


def _charter(w):
    document = documents.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        slug="browser-charter",
        title={"en": "Charter", "ru": "Хартия", "fa": "منشور"},
        authentic_languages=["en", "ru", "fa"],
        working_language="en",
    )
    version = document.versions.get()
    documents.add_provision(
        actor=SYSTEM,
        version=version,
        kind="article",
        number="1",
        texts={
            "en": ("Purposes", "The purposes of this Charter are peace and cooperation."),
            "ru": ("Цели", "Целями настоящей Хартии являются мир и сотрудничество."),
            "fa": ("اهداف", "اهداف این منشور صلح و همکاری است."),
        },
    )
    documents.publish_version(actor=SYSTEM, version=version, label="Zero draft")
    return document


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_language_switch_swaps_the_text_in_place_without_csp_violations(
    scene, live_server, browser
):
    w = scene
    username = w.users["participant"].username
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _sign_in(page, live_server.url, username)
    page.goto(f"{live_server.url}/p/{w.process.slug}/documents/browser-charter/?lang=en")
    assert "The purposes of this Charter" in page.inner_text("#document-body")
    page.evaluate("window.__marker = 'kept'")
    page.select_option("select[name=lang]", "ru")
    # (Locators, not wait_for_function: that evaluates strings, which our CSP forbids.)
    page.locator("#document-body", has_text="Целями").wait_for()
    # htmx swapped the body: the page itself (and our marker) survived.
    assert page.evaluate("window.__marker") == "kept"
    assert "lang=ru" in page.url
    page.select_option("select[name=lang]", "fa")
    page.locator("#document-body", has_text="اهداف").wait_for()
    direction = page.evaluate(
        "getComputedStyle(document.querySelector('#document-body [lang=fa][dir=rtl]')).direction"
    )
    assert direction == "rtl"
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
    assert problems == []
    context.close()


def test_phone_width_pages_do_not_scroll_sideways(scene, live_server, browser):
    w = scene
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _sign_in(page, live_server.url, w.users["participant"].username)
    for path in (
        "/",
        f"/p/{w.process.slug}/",
        f"/p/{w.process.slug}/documents/browser-charter/?lang=ru&compare=en",
        f"/p/{w.process.slug}/timeline/",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 390px"
    context.close()


def test_the_secretariat_imports_a_file_and_downloads_it_again(scene, live_server, browser):
    """The import form sends the file as a browser does (multipart, chosen with
    the file input); the new document's Download panel gives it back."""
    w = scene
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    _sign_in(page, live_server.url, w.users["secretariat"].username)
    page.goto(f"{live_server.url}/p/{w.process.slug}/")
    page.click("text=Import documents")
    statement = (
        "# Joint Statement on Connectivity\n\nRecalling the consultations,\n\n"
        "## Article 1\n\n1. The Parties shall cooperate.\n2. The Parties shall report.\n"
    )
    page.set_input_files(
        "#id_uploads",
        files=[{"name": "statement.md", "mimeType": "text/markdown", "buffer": statement.encode()}],
    )
    page.fill("#id_slug", "connectivity")
    page.click("form.import-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/p/{w.process.slug}/documents/connectivity/")
    assert "was imported: 4 provisions, working copy." in page.inner_text("main")
    with page.expect_download() as info:
        page.click("text=HTML (en)")
    download = info.value
    assert download.suggested_filename == "connectivity.v1-draft.en.html"
    assert "The Parties shall report." in Path(download.path()).read_text(encoding="utf-8")
    assert problems == []
    context.close()

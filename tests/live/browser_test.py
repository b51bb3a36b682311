"""The live screen in a real browser: Debian's Chromium driven by Playwright,
against the real ASGI application (uvicorn, in a thread) so that pages and
websockets are served together.

Two delegates follow the session from two venues, each in their own browser
context: the edit the pen-holder types in Minsk appears in Moscow, with the
changes marked; the floor queue updates in both, in order of request. Also
takes the screenshots of both views (set ACCORD_SCREENSHOTS=1 to write them
into docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from accord.live import services
from tests.conftest import require_or_skip
from tests.factories import PASSWORD
from tests.live.scene import live_scene

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # What config/asgi.py ignores on purpose (WhiteNoise's synchronous file
    # iterators under ASGI); the suite's "error" filter would otherwise turn it
    # into an exception in the server thread when asgi.py was imported earlier.
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators"),
]

CHROMIUM = os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

PARTIES = {
    "a": ("BY", {"en": "Belarus", "ru": "Беларусь"}),
    "b": ("RU", {"en": "Russia", "ru": "Россия"}),
    "obs": ("MM", {"en": "Myanmar", "ru": "Мьянма"}),
    "int": ("KP", {"en": "DPRK", "ru": "КНДР"}),
}
TEXTS = {
    "1": (
        "Purpose",
        "The Parties agree to start a comprehensive consultation process in the Eurasian "
        "format on the practical and procedural matters of the Charter.",
    ),
    "2": (
        "Principles",
        "The consultations shall be guided by [sovereign equality]{BY, RU}, mutual respect "
        "and {{Alt 1 (RU): indivisible security || Alt 2 (MM): no text}}.",
    ),
    "3": (
        "Venues",
        "Consultations may be held at several venues at the same time.",
    ),
}
EDITED = "Consultations may be held at several venues at the same time, on one shared text."


@pytest.fixture
def scene():
    """Built before the browser starts: Playwright's event loop forbids the ORM."""
    live = live_scene(
        parties=PARTIES,
        texts=TEXTS,
        title={
            "en": "Towards Diversity and Multipolarity in 21st Century Eurasia",
            "ru": "К многообразию и многополярности в Евразии XXI века",
        },
    )
    names = {
        "participant": "Belarus delegate",
        "other_participant": "Russia delegate",
        "observer": "Myanmar delegate",
        "chair": "Chair",
        "secretariat": "Secretariat officer",
    }
    for role, name in names.items():
        user = live.user(role)
        user.display_name = name
        user.save(update_fields=["display_name"])
    chair = live.user("chair")
    services.grant_pen(actor=chair, session=live.s, to=live.user("participant"))
    services.set_focus(actor=chair, session=live.s, provision_uid=live.uid("3"))
    return live


@pytest.fixture
def server(scene):
    """uvicorn serving config.asgi (pages, static files and websockets) in a thread."""
    import uvicorn
    from django.db import connections

    from accord.config.asgi import application

    # The server's worker threads open their own database connections; with no
    # reuse, Django closes each after its request or consumer call, so none is
    # left open when the test database is dropped (PostgreSQL refuses otherwise).
    database = connections["default"].settings_dict
    reuse = database.get("CONN_MAX_AGE", 0)
    database["CONN_MAX_AGE"] = 0

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    database["CONN_MAX_AGE"] = reuse


@pytest.fixture
def browser(server):
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


def _page(browser, base: str, username: str, problems: list[str], **context):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, **context).new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


def _shoot(page, name: str, tmp_path: Path, *, full_page: bool = True) -> None:
    target = SCREENSHOTS if os.environ.get("ACCORD_SCREENSHOTS") else tmp_path
    page.screenshot(path=str(target / name), full_page=full_page)


def test_an_edit_and_the_floor_queue_reach_both_venues(scene, server, browser, tmp_path):
    live = scene
    problems: list[str] = []
    url = f"{server}/p/{live.w.process.slug}/live/{live.s.pk}/"
    minsk = _page(browser, server, live.user("participant").username, problems)
    moscow = _page(browser, server, live.user("other_participant").username, problems)
    for page in (minsk, moscow):
        page.goto(url)
        page.locator("#live-connection[data-state=connected]").wait_for()

    # The pen-holder in Minsk types; Moscow sees the change, underlined.
    target = f"#prov-{live.uid('3')} .live-prov__text"
    minsk.locator("#live-editor").wait_for()
    assert minsk.input_value("#live-editor-text") == TEXTS["3"][1]
    minsk.fill("#live-editor-text", EDITED)
    moscow.locator(f"{target} ins", has_text="on one shared text").wait_for()
    assert moscow.inner_text(target) == EDITED
    assert moscow.locator("#live-editor").is_hidden()  # no pen in Moscow
    minsk.locator("#live-editor-status", has_text="Saved").wait_for()

    # Moscow asks for the floor, then Minsk: both queues show both, in that order.
    moscow.click("#live-floor-actions [data-action='floor.request']")
    minsk.locator("#live-floor .live-queue__entry", has_text="RU").wait_for()
    minsk.click("#live-floor-actions [data-action='floor.request']")
    for page in (minsk, moscow):
        page.locator("#live-floor .live-queue__entry", has_text="BY").wait_for()
        entries = page.locator("#live-floor .live-queue__entry").all_inner_texts()
        assert [e.split()[0] for e in entries] == ["RU", "BY"]
        assert "Moscow" in entries[0]
        assert "Minsk" in entries[1]
    # Moscow may withdraw its own request; the button is its own.
    assert moscow.locator("#live-floor-actions [data-action='floor.withdraw']").count() == 1

    # Presence by venue and delegation, on both screens.
    for page in (minsk, moscow):
        page.locator("#live-presence dd", has_text="Russia delegate").wait_for()
        text = page.inner_text("#live-presence")
        assert "Minsk" in text
        assert "Moscow" in text
        assert "BY Belarus delegate" in text

    _shoot(minsk, "19-live-participant-minsk.png", tmp_path)
    _shoot(moscow, "20-live-participant-moscow.png", tmp_path)

    projector = _page(browser, server, live.user("secretariat").username, problems)
    projector.set_viewport_size({"width": 1600, "height": 900})
    projector.goto(url + "projector/")
    projector.locator("#live-connection[data-state=connected]").wait_for()
    assert projector.inner_text(f"#prov-{live.uid('3')} .live-prov__text") == EDITED
    assert projector.locator("button").count() == 0
    assert projector.locator(f"#prov-{live.uid('1')}").is_hidden()  # only the focus
    _shoot(projector, "21-live-projector.png", tmp_path, full_page=False)

    # The chair moves the focus: the projector follows.
    minsk.click(f"#prov-{live.uid('2')} [data-action=focus]")
    projector.locator(f"#prov-{live.uid('2')}").wait_for()
    assert projector.locator(f"#prov-{live.uid('3')}").is_hidden()

    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
    assert problems == []

"""Screenshots of every page of the demo into docs/screenshots/.

    uv run python scripts/screenshots.py [--out docs/screenshots] [--port 8765]

Loads the demo scenario into a throw-away data directory, serves it with
`accord serve`, and drives Debian's Chromium (/usr/bin/chromium, or
$ACCORD_CHROMIUM) through Playwright: Playwright never downloads a browser.
Each page is taken at desktop width; the document and the overview also at
phone width (390 px), and the overview with the Russian interface. The
negotiation pages of the charter draft come last: the compilation text, a
provision with its proposals and the proposal form (as a delegation), the
position matrix and the status dashboard (as the chair), and the redline.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "accord-demo-2025"
PROCESS = "eurasian-charter"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NEGOTIATION = f"/p/{PROCESS}/negotiation/eurasian-charter-draft/"
IMPORT = f"/p/{PROCESS}/documents/import/"
# An XML file declaring entities (refused), and a short statement in Markdown
# (imported: preamble paragraphs, articles, numbered paragraphs, lettered points).
ENTITIES = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc>&b;</doc></akomaNtoso>
"""
STATEMENT = b"""# Joint Statement on Connectivity in Eurasia

Recalling the consultations held in Minsk and Moscow,

Welcoming the progress made on transport corridors,

## Article 1

1. The Parties shall cooperate on the connectivity of their transport networks.
2. The Parties shall exchange information on:
   (a) planned corridors;
   (b) border crossings.

## Article 2

The Parties shall review this Statement at their next meeting.
"""


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    account: str | None  # None: not signed in
    viewport: dict[str, int]
    language: str = "en"
    full_page: bool = True
    click: str | None = None  # a link to follow from `path` (addresses the demo makes up)
    upload: tuple[str, bytes] | None = None  # a file to submit with the form of `path`


SHOTS = [
    Shot("01-processes", "/", None, DESKTOP),
    Shot("02-process-overview", f"/p/{PROCESS}/", "by-head", DESKTOP),
    Shot("03-party-belarus", f"/p/{PROCESS}/parties/belarus/", "ru-head", DESKTOP),
    Shot(
        "04-meeting-two-venues",
        f"/p/{PROCESS}/meetings/five-party-consultation-2025/",
        "by-head",
        DESKTOP,
    ),
    Shot(
        "05-document-side-by-side",
        f"/p/{PROCESS}/documents/eurasian-charter-draft/?version=1&lang=ru&compare=en",
        "by-head",
        DESKTOP,
    ),
    Shot(
        "06-document-working-copy",
        f"/p/{PROCESS}/documents/eurasian-charter-draft/",
        "secretariat",
        DESKTOP,
        full_page=False,
    ),
    Shot("07-timeline", f"/p/{PROCESS}/timeline/", None, DESKTOP),
    Shot("08-sign-in", "/accounts/login/", None, DESKTOP, full_page=False),
    Shot("09-api-tokens", "/accounts/tokens/", "by-head", DESKTOP, full_page=False),
    Shot("10-process-overview-russian", f"/p/{PROCESS}/", "ru-member", DESKTOP, language="ru"),
    Shot("11-phone-process-overview", f"/p/{PROCESS}/", None, PHONE),
    Shot(
        "12-phone-document",
        f"/p/{PROCESS}/documents/eurasian-charter-draft/?version=1&lang=en&compare=ru",
        "by-head",
        PHONE,
    ),
    Shot(
        "13-phone-meeting",
        f"/p/{PROCESS}/meetings/five-party-consultation-2025/",
        "by-head",
        PHONE,
        language="ru",
    ),
    Shot("14-compilation-text", NEGOTIATION, "by-head", DESKTOP),
    Shot(
        "15-provision-proposals",
        NEGOTIATION,
        "by-head",
        DESKTOP,
        click=".cprov__proposals a:has-text('tabled proposal')",
    ),
    Shot("16-position-matrix", NEGOTIATION + "positions/", "chair", DESKTOP),
    Shot("17-status-dashboard", NEGOTIATION + "status/", "chair", DESKTOP),
    Shot("18-redline", NEGOTIATION + "redline/", "chair", DESKTOP),
    Shot("22-import-page", IMPORT, "secretariat", DESKTOP),
    Shot("25-sign-in-throttled", "/accounts/login/", None, DESKTOP, full_page=False),
    Shot("26-two-factor-setup", "/accounts/two-factor/setup/", "by-head", DESKTOP),
    Shot("27-two-factor-code", "/accounts/two-factor/setup/", "ru-head", DESKTOP, full_page=False),
    Shot("23-import-refused", IMPORT, "secretariat", DESKTOP, upload=("entities.xml", ENTITIES)),
    Shot(
        "24-imported-document",
        IMPORT,
        "secretariat",
        DESKTOP,
        full_page=False,
        upload=("joint-statement.md", STATEMENT),
    ),
]


@contextlib.contextmanager
def demo_server(port: int) -> Iterator[str]:
    """Load the demo into a fresh data directory and serve it; yield its address."""
    data_dir = Path(tempfile.mkdtemp(prefix="accord-screenshots-"))
    # A demo: its accounts share a published password (see `accord demo`).
    env = {**os.environ, "ACCORD_DATA_DIR": str(data_dir), "ACCORD_TWO_FACTOR_ROLES": ""}
    env.pop("ACCORD_DATABASE_URL", None)
    env.pop("ACCORD_DEBUG", None)
    accord = shutil.which("accord") or str(Path(sys.executable).with_name("accord"))
    subprocess.run([accord, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [accord, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("accord serve did not answer within 20 seconds")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


def current_code(key: str) -> str:
    """What an authenticator app shows now for a base32 key (RFC 6238)."""
    import base64

    from django_otp.oath import totp

    return f"{totp(base64.b32decode(key + '=' * (-len(key) % 8))):06d}"


def sign_in(page: Page, base: str, account: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", account)
    page.fill("#id_password", PASSWORD)
    page.click("form.panel button[type=submit]")
    page.wait_for_load_state("networkidle")


def take(browser: Browser, base: str, shot: Shot, out: Path) -> Path:
    context = browser.new_context(
        viewport=shot.viewport,
        device_scale_factor=1,
        locale="ru-RU" if shot.language == "ru" else "en-GB",
        is_mobile=shot.viewport["width"] < 600,
        has_touch=shot.viewport["width"] < 600,
    )
    context.add_cookies([{"name": "django_language", "value": shot.language, "url": base}])
    page = context.new_page()
    if shot.account:
        sign_in(page, base, shot.account)
    if shot.name == "25-sign-in-throttled":
        page.goto(base + shot.path)
        while page.locator("#id_username").count():  # until the fifth failure locks it
            page.fill("#id_username", "ru-head")
            page.fill("#id_password", "not-the-password")
            page.click("form.panel button[type=submit]")
            page.wait_for_load_state("networkidle")
    elif shot.name == "27-two-factor-code":
        # Set up an app (the code computed from the key shown), sign out, sign in again.
        page.goto(base + shot.path)
        key = page.inner_text(".secret").replace(" ", "")
        page.fill("#id_code", current_code(key))
        page.click("main form.panel button[type=submit]")
        page.click(".site-nav button:has-text('Sign out')")
        page.goto(base + "/accounts/login/?next=/")
        page.fill("#id_username", shot.account or "")
        page.fill("#id_password", PASSWORD)
        page.click("form.panel button[type=submit]")
    elif shot.name == "09-api-tokens":
        page.goto(base + shot.path)
        page.fill("#id_name", "minutes export script")
        page.click("form:has(#id_name) button[type=submit]")
    else:
        page.goto(base + shot.path)
    if shot.click:
        page.click(shot.click)
    if shot.upload:
        name, data = shot.upload
        page.set_input_files("#id_uploads", files=[{"name": name, "mimeType": "", "buffer": data}])
        page.click("form.import-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    target = out / f"{shot.name}.png"
    page.screenshot(path=str(target), full_page=shot.full_page)
    context.close()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--only", help="take only the shots whose name contains this (several: comma-separated)"
    )
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print(f"screenshots: no Chromium at {chromium}", file=sys.stderr)
        return 2
    with demo_server(args.port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--font-render-hinting=none"]
        )
        for shot in SHOTS:
            if args.only and not any(part in shot.name for part in args.only.split(",")):
                continue
            print(take(browser, base, shot, out))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The concordance report through its three doors: the page, the API
endpoint and `accord check-concordance`. Each shows the same findings, hides
what the reader may not see, and costs a constant number of queries."""

from __future__ import annotations

import argparse
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.concordance_cli import add_arguments, check_concordance_command
from accord.documents.models import Document
from tests.factories import world
from tests.pages.helpers import fetch

pytestmark = pytest.mark.django_db


def _scene(extra_articles: int = 0, slug: str = "charter"):
    w = world()
    document = services.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        title={"en": "Charter", "ru": "Хартия", "fa": "منشور"},
        authentic_languages=["en", "ru", "fa"],
        working_language="en",
        slug=slug,
    )
    version = document.versions.get()

    def add(number: str, **texts: str):
        return services.add_provision(
            actor=SYSTEM,
            version=version,
            kind="article",
            number=number,
            texts={code: ("", text) for code, text in texts.items()},
        )

    add(
        "1",
        en="Within 30 days, as Article 2 provides.",
        ru="В течение 60 дней, как предусмотрено статьей 2.",
        fa="ظرف ۳۰ روز، طبق مادهٔ ۲.",
    )
    add("2", en='"Party" means a State.', ru="«Сторона» означает государство.")
    for n in range(3, 3 + extra_articles):
        add(str(n), en=f"Article {n} text.", ru=f"Текст статьи {n}.", fa=f"متن مادهٔ {n}.")
    services.publish_version(actor=SYSTEM, version=version, label="Zero draft")
    working = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.1")
    services.set_text(
        actor=SYSTEM,
        provision=working.provisions.get(number="2"),
        language="en",
        text='"Party" means a State or an organisation.',
    )
    return w, document


def _page(document: Document, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/p/{document.process.slug}/documents/{document.slug}/concordance/?{query}"


def test_the_page_lists_each_discrepancy_with_a_link_to_the_provision():
    w, document = _scene()
    client = Client()
    client.force_login(w.users["participant"])
    html = fetch(client, _page(document, left="en", right="ru"))
    assert "Concordance of language versions" in html
    assert "English and Russian in Zero draft" in html  # participants read published versions
    assert "Numbers differ" in html
    assert '<span class="value">30</span>' in html
    assert '<span class="value">60</span>' in html
    assert f"/documents/{document.slug}/?version=1&amp;lang=en&amp;compare=ru#art_1" in html
    assert "No stale translation in these two languages." in html


def test_the_page_shows_the_working_copy_and_its_stale_texts_to_the_secretariat():
    w, document = _scene()
    client = Client()
    client.force_login(w.users["secretariat"])
    html = fetch(client, _page(document, version="2", left="en", right="fa"))
    assert "English and Persian in Rev.1" in html
    assert "Missing" in html  # article 2 has no Persian text
    assert "No stale translation in these two languages." in html
    html = fetch(client, _page(document, version="2", left="en", right="ru"))
    assert "made from Zero draft; the source text changed in Rev.1" in html
    participant = Client()
    participant.force_login(w.users["participant"])
    fetch(participant, _page(document, version="2"), status=404)


def test_the_page_is_not_found_for_those_who_may_not_read_the_document():
    w, document = _scene()
    client = Client()
    client.force_login(w.users["outsider"])
    fetch(client, _page(document), status=404)


def test_the_page_costs_the_same_queries_for_a_small_and_a_large_document():
    counts = []
    for extra in (0, 40):
        w, document = _scene(extra, slug=f"charter-{extra}")
        client = Client()
        client.force_login(w.users["secretariat"])
        fetch(client, _page(document))  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            fetch(client, _page(document, left="en", right="ru"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_api_reports_the_discrepancies_and_stale_texts_of_a_version():
    w, document = _scene()
    client = Client()
    client.force_login(w.users["secretariat"])
    response = client.get(
        f"/api/v1/documents/{document.slug}/versions/2/concordance", {"right": "ru"}
    )
    assert response.status_code == 200
    body = response.json()
    rows = [(d["kind"], d["eid"], d["label"], d["left"], d["right"]) for d in body["discrepancies"]]
    assert rows == [("numbers", "art_1", "Article 1", ["30"], ["60"])]
    assert (body["left"], body["right"], body["compared"], body["concordant"]) == (
        "en",
        "ru",
        2,
        False,
    )
    assert body["counts"] == {"missing": 0, "extra": 0, "numbers": 1, "references": 0, "terms": 0}
    assert [
        (s["eid"], s["language"], s["made_from"], s["source_written_in"]) for s in body["stale"]
    ] == [("art_2", "ru", 1, 2)]
    stale = client.get(f"/api/v1/documents/{document.slug}/versions/2/stale-texts").json()
    assert [(s["eid"], s["language"]) for s in stale] == [("art_2", "ru")]


def test_the_api_refuses_unknown_languages_and_hides_what_the_reader_may_not_see():
    w, document = _scene()
    client = Client()
    client.force_login(w.users["secretariat"])
    url = f"/api/v1/documents/{document.slug}/versions/1/concordance"
    response = client.get(url, {"right": "ko"})
    assert response.status_code == 400
    assert "'ko' is not a language of this document" in response.json()["detail"]
    assert client.get(url, {"left": "ru", "right": "ru"}).status_code == 400
    participant = Client()
    participant.force_login(w.users["participant"])
    assert participant.get(url.replace("/1/", "/2/")).status_code == 404
    outsider = Client()
    outsider.force_login(w.users["outsider"])
    assert outsider.get(url).status_code == 404


def _run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    out, err = io.StringIO(), io.StringIO()
    code = check_concordance_command(parser.parse_args(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_prints_findings_and_exits_1_when_a_pair_is_discordant():
    _scene()
    code, out, _ = _run("charter", "--version", "2")
    assert code == 1
    assert out.splitlines() == [
        "charter Rev.1 (version 2)",
        "English (en) / Russian (ru): 1 discrepancies in 2 provisions compared:",
        "  [numbers] Article 1: numbers only in en: 30; only in ru: 60",
        "English (en) / Persian (fa): 1 discrepancies in 2 provisions compared:",
        "  [missing] Article 2: text in en, none in fa",
        "stale: art_2 [ru] made from Zero draft; the source text changed in Rev.1.",
    ]


def test_the_command_exits_0_when_concordant_and_2_when_it_cannot_check():
    _scene()
    assert _run("charter", "--left", "en", "--right", "en")[0] == 2
    code, out, _ = _run("charter", "--left", "ru", "--right", "en", "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert payload["pairs"][0]["counts"]["numbers"] == 1
    code, _, err = _run("nothing")
    assert (code, err) == (2, "accord check-concordance: no document with the slug 'nothing'.\n")
    code, _, err = _run("charter", "--right", "ko")
    assert code == 2
    assert "ko: not a language of charter (en, ru, fa)." in err
    concordant = _run("charter", "--version", "1", "--left", "en", "--right", "fa")
    assert concordant[0] == 1  # article 2 has no Persian text
    doc = Document.objects.get(slug="charter")
    version = doc.versions.get(number=2)
    services.set_text(
        actor=SYSTEM,
        provision=version.provisions.get(number="2"),
        language="fa",
        text="«طرف» یعنی یک دولت یا یک سازمان.",
    )
    code, out, _ = _run("charter", "--right", "fa")
    assert (code, out.splitlines()[1]) == (
        0,
        "English (en) / Persian (fa): concordant (2 provisions compared).",
    )

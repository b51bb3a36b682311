"""The document page: contents, provision tree, languages side by side, versions."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.core.actors import SYSTEM
from accord.core.enums import Visibility
from accord.documents import services
from accord.documents.models import Version
from tests.factories import VersionFactory, add_provisions, world
from tests.pages.helpers import fetch, sign_in, text_of

pytestmark = pytest.mark.django_db

URL = "/p/eur/documents/charter/"


def _charter(w, *, languages=("en", "ru"), illustrative=True, publish=True):
    """A charter with a preamble, a chapter, an article with paragraphs and a point."""
    document = services.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        slug="charter",
        symbol="EC/2025/1",
        title={"en": "Eurasian Charter", "ru": "Евразийская хартия", "fa": "منشور اوراسیا"},
        authentic_languages=list(languages),
        working_language="ru",
        visibility=Visibility.PUBLIC,
        is_illustrative=illustrative,
        first_label="Zero draft",
    )
    version = document.versions.get()

    def texts(en, ru, heading_en="", heading_ru="", fa=None):
        out = {"en": (heading_en, en), "ru": (heading_ru, ru)}
        if fa and "fa" in languages:
            out["fa"] = ("", fa)
        return out

    add = services.add_provision
    add(
        actor=SYSTEM,
        version=version,
        kind="preamble_paragraph",
        texts=texts(
            "Recognising the diversity of Eurasia,",
            "Признавая многообразие Евразии,",
            fa="با به رسمیت شناختن تنوع اوراسیا،",
        ),
    )
    chapter = add(
        actor=SYSTEM,
        version=version,
        kind="chapter",
        number="I",
        texts=texts("", "", "General provisions", "Общие положения"),
    )
    article = add(
        actor=SYSTEM,
        version=version,
        kind="article",
        number="1",
        parent=chapter,
        texts=texts("", "", "Purpose", "Цель"),
    )
    add(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="1",
        parent=article,
        texts=texts("The Parties shall cooperate.", "Стороны сотрудничают."),
    )
    para2 = add(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="2",
        parent=article,
        texts={"ru": ("", "Только по-русски.")},
    )
    add(
        actor=SYSTEM,
        version=version,
        kind="point",
        number="a",
        parent=para2,
        texts=texts("in security;", "в сфере безопасности;"),
    )
    if publish:
        services.publish_version(actor=SYSTEM, version=version, label="Zero draft")
    return document, Version.objects.get(pk=version.pk)


def test_text_in_the_interface_language_with_tree_numbers_and_headings(client: Client):
    w = world(slug="eur")
    _charter(w)
    html = fetch(client, URL)
    text = text_of(html)
    assert "EC/2025/1 · Zero draft Eurasian Charter" in text
    assert (
        "Recognising the diversity of Eurasia, Chapter I General provisions Article 1 Purpose "
        "1. The Parties shall cooperate. 2. No English text for this provision yet. "
        "(a) in security;" in text
    )
    # The tree: the article sits inside the chapter, the point inside paragraph 2.
    chapter = html.index('id="chp_I"')
    article = html.index('id="chp_I__art_1"')
    point = html.index('id="chp_I__art_1__para_2__point_a"')
    assert chapter < article < point
    assert '<div class="provision-cell" lang="en" dir="ltr">' in html


def test_table_of_contents_links_to_the_provisions(client: Client):
    w = world(slug="eur")
    _charter(w)
    html = fetch(client, URL)
    assert '<a href="#preamble__p_1">Preamble</a>' in html
    toc = text_of(html[html.index('id="toc-heading"') : html.index('id="versions-heading"')])
    assert "Contents Preamble Chapter I — General provisions Article 1 — Purpose" in toc
    assert 'href="#chp_I__art_1"' in html


def test_switching_the_text_language_keeps_the_interface_language(client: Client):
    w = world(slug="eur")
    _charter(w)
    html = fetch(client, URL + "?lang=ru")
    text = text_of(html)
    assert '<html lang="en" dir="ltr">' in html
    assert "Глава I Общие положения Статья 1 Цель 1. Стороны сотрудничают." in text
    assert "The Parties shall cooperate." not in text
    assert '<option value="ru" lang="ru" selected>Русский</option>' in html


def test_two_languages_side_by_side_aligned_by_provision(client: Client):
    w = world(slug="eur")
    _charter(w)
    html = fetch(client, URL + "?lang=en&compare=ru")
    row = html[html.index('id="chp_I__art_1__para_1"') :]
    row = row[: row.index('id="chp_I__art_1__para_2"')]
    assert text_of(row).startswith(
        'id="chp_I__art_1__para_1"> English 1. The Parties shall cooperate. '
        "Русский 1. Стороны сотрудничают."
    )
    assert '<div class="provision-cell" lang="ru" dir="ltr">' in row
    para2 = text_of(html[html.index('id="chp_I__art_1__para_2"') :])
    assert para2.startswith(
        'id="chp_I__art_1__para_2"> English 2. No English text for this provision yet. '
        "Русский 2. Только по-русски."
    )
    assert 'class="doc-sheet cols-2"' in html


def test_right_to_left_text_gets_dir_rtl(client: Client):
    w = world(slug="eur")
    _charter(w, languages=("en", "ru", "fa"))
    html = fetch(client, URL + "?lang=fa&compare=en")
    assert '<div class="provision-cell" lang="fa" dir="rtl">' in html
    assert "با به رسمیت شناختن تنوع اوراسیا،" in html
    assert '<h2 id="text-title" lang="fa" dir="rtl">منشور اوراسیا</h2>' in html
    assert '<option value="fa" lang="fa" selected>فارسی</option>' in html


def test_unknown_languages_fall_back_and_a_language_is_not_compared_with_itself(client: Client):
    w = world(slug="eur")
    _charter(w)
    html = fetch(client, URL + "?lang=xx&compare=en")
    assert 'class="doc-sheet"' in html  # one column: compare == the fallback language
    assert "The Parties shall cooperate." in html


def test_illustrative_texts_are_labelled_as_not_official(client: Client):
    w = world(slug="eur")
    _charter(w)
    text = text_of(fetch(client, URL))
    assert "Illustrative text — not an official text This text was written to demonstrate" in text
    assert text.count("Illustrative text — not an official text") == 2  # banner and sheet


def test_official_texts_carry_no_illustrative_label(client: Client):
    w = world(slug="eur")
    _charter(w, illustrative=False)
    assert "Illustrative text — not an official text" not in fetch(client, URL)


def test_versions_list_label_status_date_and_hash(client: Client):
    w = world(slug="eur")
    document, zero = _charter(w)
    working = services.start_working_copy(actor=SYSTEM, document=document, label="Rev.1")
    sign_in(client, w.users["secretariat"])
    html = fetch(client, URL)
    versions = text_of(
        html[
            html.index('id="versions-heading"') : html.index(
                "</ol>", html.index('id="versions-heading"')
            )
        ]
    )
    assert "Rev.1 (shown) Working copy not published no content hash until published" in versions
    assert f"Zero draft Published {zero.published_at:%-d %B %Y}" in versions
    assert versions.index("Rev.1") < versions.index("Zero draft")  # newest first
    assert f"SHA-256 {zero.content_hash[:16]}…" in versions
    assert f'href="/p/eur/documents/charter/?version={zero.number}&amp;lang=en"' in html
    assert "Working copy — not published; it may still change" in text_of(html)
    # The published version, by number, shows its full hash.
    html = fetch(client, URL + f"?version={zero.number}")
    assert f"Content hash (SHA-256): {zero.content_hash}" in text_of(html)
    assert working.number == zero.number + 1


def test_a_document_without_a_visible_version_says_so(client: Client):
    w = world(slug="eur")
    _charter(w, publish=False)
    text = text_of(fetch(client, URL))
    assert "No version of this document has been published yet." in text


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize(
    ("role", "query", "expected"),
    [
        ("anonymous", "", 6),
        ("participant", "?lang=ru&compare=en", 11),
        ("secretariat", "?version=1", 10),
    ],
)
def test_document_page_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int, role: str, query: str, expected: int
):
    w = world(slug="eur")
    document, _ = _charter(w)
    document.refresh_from_db()
    add_provisions(VersionFactory(document=document, number=5, label="Rev.5"), size)
    sign_in(client, w.users[role])
    with django_assert_num_queries(expected):
        html = fetch(client, URL + query)
    if "version=1" not in query:
        assert f"Text of article {size} in en." in html


def test_negotiation_markup_is_rendered_not_printed_as_notation(client):
    """Brackets, deletions and options show as such, with attributions; the
    stored notation (ids, braces) never reaches the reader."""
    from accord.core.actors import SYSTEM
    from accord.documents import services as documents
    from tests.factories import world

    w = world()
    party = w.delegations["a"].party
    party.iso_code = "BY"
    party.save()
    document = documents.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        slug="marked-up",
        title={"en": "Charter"},
        authentic_languages=["en"],
        working_language="en",
    )
    version = document.versions.get()
    documents.add_provision(
        actor=SYSTEM,
        version=version,
        kind="article",
        number="1",
        texts={"en": ("", "Hold warming [well below]{BY} 2 °C [by 2050]{delete: BY}.")},
    )
    documents.publish_version(actor=SYSTEM, version=version, label="Rev.1")
    client.force_login(w.users["participant"])
    body = client.get(f"/p/{w.process.slug}/documents/marked-up/").content.decode()
    assert 'class="br"' in body
    assert '<del class="br-del-text">by 2050</del>' in body
    assert "(BY)" in body
    assert "#b1" not in body
    assert "{delete" not in body


def test_an_article_without_heading_or_text_in_any_language_is_not_flagged_missing(client):
    w = world()
    document = services.create_document(
        actor=SYSTEM,
        process=w.process,
        kind="charter",
        slug="charter",
        title={"en": "Charter"},
        authentic_languages=["en"],
        working_language="en",
        visibility=Visibility.PUBLIC,
    )
    version = document.versions.get()
    article = services.add_provision(actor=SYSTEM, version=version, kind="article", number="1")
    services.add_provision(
        actor=SYSTEM,
        version=version,
        kind="paragraph",
        number="1",
        parent=article,
        texts={"en": ("", "The Parties shall cooperate.")},
    )
    services.publish_version(actor=SYSTEM, version=version, label="Rev.1")
    page = text_of(fetch(client, f"/p/{w.process.slug}/documents/charter/"))
    assert "Article 1 1. The Parties shall cooperate." in page
    assert "No English text" not in page

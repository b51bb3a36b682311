"""The redline page between any two versions of a document."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.core.actors import SYSTEM
from accord.documents import services as documents
from accord.documents.models import Version
from tests.factories import ROLES, add_provisions
from tests.negotiation.pages_scene import Scene, scene
from tests.pages.helpers import SEES_PARTICIPANT_MATERIAL, fetch, sign_in, text_of

pytestmark = pytest.mark.django_db


def _revise(s: Scene, *, extra: int = 0) -> Version:
    """Rev.1: Article 1 moved after Article 2 and renumbered 3; paragraph 1
    reworded; paragraph 2 removed; Article 4 added."""
    working = documents.start_working_copy(actor=SYSTEM, document=s.document, label="Rev.1")
    by_uid = {p.uid: p for p in working.provisions.all()}
    art1 = by_uid[s.provisions["art1"].uid]
    art2 = by_uid[s.provisions["art2"].uid]
    para1 = by_uid[s.provisions["para1"].uid]
    documents.move_provision(actor=SYSTEM, provision=art1, after=art2, number="3")
    documents.set_text(
        actor=SYSTEM,
        provision=para1,
        language="en",
        text="The Parties shall closely cooperate [fully]{RU}.",
    )
    documents.remove_provision(actor=SYSTEM, provision=by_uid[s.provisions["para2"].uid])
    documents.add_provision(
        actor=SYSTEM,
        version=working,
        kind="article",
        number="4",
        texts={"en": ("Review", "The Parties review this Charter."), "ru": ("Обзор", "")},
    )
    if extra:
        add_provisions(working, extra)
    return documents.publish_version(actor=SYSTEM, version=working, label="Rev.1")


def _sheet(html: str) -> str:
    return html[html.index('<article class="doc-sheet redline-sheet"') : html.index("</article>")]


def _lines(html: str) -> str:
    sheet = html[html.index('<article class="doc-sheet redline-sheet"') : html.index("</article>")]
    return text_of(sheet[sheet.index("</header>") + len("</header>") :])


def test_the_redline_labels_every_kind_of_change(client: Client):
    s = scene()
    rev = _revise(s)
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + f"redline/?from=1&to={rev.number}")
    summary = text_of(html[html.index('class="redline-summary panel"') : html.index("<article")])
    assert summary.startswith(
        'class="redline-summary panel"> From Zero draft to Rev.1 '
        "Inserted 1 Deleted 1 Text changed 1 Moved 1 Renumbered 1 Kind changed 0 Unchanged 0"
    )
    lines = _lines(html)
    assert lines.startswith(
        # Aligned by identity: the articles swapped places, one shows as moved
        # (the other kept its place relative to the rest), neither as deleted.
        "Article 2 Moved moved within the top level "
        "Principles The Parties respect diversity. "
        "Article 3 (was Article 1) Renumbered Purpose "
        "Paragraph 1 Text changed The Parties shall closely cooperate [fully] (RU). "
        "Paragraph 2 Deleted Security is {Alt 1 (RU, BY): indivisible / Alt 2 (IR): no text}. "
        "Article 4 Inserted Review The Parties review this Charter."
    )
    # Word-level: the inserted word underlined, nothing else marked in paragraph 1.
    assert "The Parties shall<ins> closely</ins> cooperate [fully] (RU)." in html
    assert "<del>Security is {Alt 1 (RU, BY): indivisible / Alt 2 (IR): no text}.</del>" in html
    assert "<ins>The Parties review this Charter.</ins>" in html
    assert 'class="rl rl--deleted rl--depth-1"' in html


def test_the_language_choice_and_the_changes_only_view(client: Client):
    s = scene()
    rev = _revise(s)
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + f"redline/?from=1&to={rev.number}&lang=ru&show=changes")
    lines = _lines(html)
    assert lines.endswith("Article 4 Inserted Обзор")
    assert '<span class="redline" lang="ru" dir="ltr">' in html
    assert "Безопасность {Alt 1 (RU, BY): неделима" in lines
    # Paragraph 1's Russian text did not change: with show=changes its line stays only
    # because the English text changed (a provision changes as a whole).
    assert "Paragraph 1 Text changed Стороны сотрудничают [в полной мере] (RU)." in lines


def test_without_parameters_the_latest_version_is_compared_with_its_base(client: Client):
    s = scene()
    rev = _revise(s)
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + "redline/")
    assert f'<option value="{rev.number}" selected>Rev.1</option>' in html
    assert '<option value="1" selected>Zero draft</option>' in html


def test_a_version_compared_with_itself_has_no_change(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + "redline/?from=1&to=1")
    assert "The two versions carry the same text." in html
    assert "<ins>" not in _sheet(html)
    assert "<del>" not in _sheet(html)


def test_a_working_copy_is_compared_only_by_those_who_see_it(client: Client):
    s = scene()
    documents.start_working_copy(actor=SYSTEM, document=s.document, label="Rev.1")
    sign_in(client, s.user("participant"))
    fetch(client, s.base + "redline/?from=1&to=2", status=404)
    sign_in(client, s.user("secretariat"))
    fetch(client, s.base + "redline/?from=1&to=2")


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_redline(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    fetch(
        client,
        s.base + "redline/",
        status=200 if role in SEES_PARTICIPANT_MATERIAL else 404,
    )


@pytest.mark.parametrize("size", [5, 60])
def test_the_redline_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int
):
    s = scene()
    rev = _revise(s, extra=size)
    sign_in(client, s.user("participant"))
    with django_assert_num_queries(13):
        html = fetch(client, s.base + f"redline/?from=1&to={rev.number}")
    assert f"<ins>Text of article {size + 4} in en.</ins>" in html

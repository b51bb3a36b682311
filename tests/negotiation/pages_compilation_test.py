"""The compilation view of a version and the secretariat's compile form."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.core.enums import Visibility
from accord.documents.models import Version
from accord.negotiation.enums import ProposalStatus
from accord.negotiation.models import Proposal
from accord.negotiation.services.proposals import table_proposal
from tests.factories import ROLES
from tests.negotiation.pages_scene import scene
from tests.pages.helpers import SEES_PARTICIPANT_MATERIAL, fetch, sign_in, text_of

pytestmark = pytest.mark.django_db


def _sheet(html: str) -> str:
    return text_of(html[html.index("<article") : html.index("</article>")])


def _row(html: str, eid: str) -> str:
    start = html.rindex("<section", 0, html.index(f'id="{eid}"'))
    return html[start : html.index("</section>", start)]


def test_full_view_shows_brackets_options_statuses_facilitator_and_counts(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base)
    assert _sheet(html) == (
        "Illustrative text — not an official text EC/2025/1 · Zero draft Eurasian Charter "
        "3 proposals tabled on this version's provisions "
        "Article 1 Purpose Status: Agreed ad referendum Proposals "
        "1. The Parties shall cooperate [fully] (RU) . Status: Agreed in informals "
        "1 tabled proposal "
        "2. Security is { Alt 1 (RU, BY) : indivisible / Alt 2 (IR) : no text } . "
        f"Status: Bracketed Facilitator: {s.user('facilitator').person} Proposals "
        "Article 2 Principles The Parties respect diversity. Status: Under discussion "
        "2 tabled proposals"
    )
    para2 = _row(html, "art_1__para_2")
    # The white / yellow / green of UN practice, always with the words.
    assert 'class="cprov cprov--white cprov--depth-1 kind-paragraph"' in para2
    assert (
        '<span class="status-label status--white" data-status="bracketed">Bracketed</span>' in para2
    )
    assert 'class="cprov cprov--yellow' in _row(html, "art_1__para_1")
    assert 'class="cprov cprov--green' in _row(html, "art_1")
    # Options are labelled and attributed through the markup renderer.
    assert (
        '<span class="opt" data-id="o1"><span class="opt-label">Alt 1</span> '
        '<span class="attr">(RU, BY)</span>: indivisible</span>'
    ) in para2
    assert '<span class="no-text">no text</span>' in para2
    # The proposal count links to the provision's page.
    art2 = s.provisions["art2"]
    assert (
        f'<a href="{s.base}provisions/{art2.uid}/?version={s.zero.number}&amp;lang=en">'
        "2 tabled proposals</a>"
    ) in _row(html, "art_2")


def test_clean_view_shows_the_agreed_text_only_from_the_same_data(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + "?view=clean")
    sheet = _sheet(html)
    assert "1. The Parties shall cooperate. Status: Agreed in informals" in sheet
    assert "2. Security is. Status: Bracketed" in sheet
    assert "fully" not in sheet
    assert "Alt 1" not in sheet
    assert "Zero draft · clean text" in sheet
    assert (
        '<a href="' + s.base + '?version=1&amp;lang=en&amp;view=clean" aria-current="page">' in html
    )


def test_language_switch_shows_the_text_and_labels_in_that_language(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    html = fetch(client, s.base + "?lang=ru")
    sheet = _sheet(html)
    assert "Евразийская хартия" in sheet
    assert "Статья 1 Цель" in sheet
    assert "1. Стороны сотрудничают [в полной мере] (RU) ." in sheet
    # The words inside markup follow the text's language ("no text" in Russian).
    assert "Безопасность { Alt 1 (RU, BY) : неделима / Alt 2 (IR) : нет текста } ." in sheet
    assert '<option value="ru" lang="ru" selected>Русский</option>' in html
    assert '<html lang="en" dir="ltr">' in html  # the interface stays English


def test_a_deletion_is_struck_through_with_its_attribution_after_compilation(client: Client):
    s = scene()
    sign_in(client, s.user("secretariat"))
    response = client.post(
        s.base + "compile/",
        {"version": s.zero.number, "proposals": [s.proposals["p2"].pk], "label": "Rev.1"},
    )
    assert response.status_code == 201
    compiled = Version.objects.get(document=s.document, label="Rev.1")
    html = fetch(client, s.base + f"?version={compiled.number}")
    para1 = _row(html, "art_1__para_1")
    assert (
        '<span class="br br-del" data-id="b2">[<del class="br-del-text">The Parties shall '
        'cooperate <span class="br" data-id="b1">[fully] <span class="attr">(RU)</span></span>.'
        '</del>] <span class="attr">(BY: delete)</span></span>'
    ) in para1
    # In the clean text, the passage proposed for deletion is not agreed text.
    clean = _row(fetch(client, s.base + f"?version={compiled.number}&view=clean"), "art_1__para_1")
    assert "Nothing of this provision is agreed yet." in text_of(clean)


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_compilation_view(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    if role not in SEES_PARTICIPANT_MATERIAL:
        fetch(client, s.base, status=404)
        return
    html = fetch(client, s.base)
    assert "The Parties respect diversity." in html
    assert ("Compile a new text from this version" in html) == (role == "secretariat")


def test_a_public_document_shows_text_and_status_but_not_proposals_to_the_public(
    client: Client,
):
    s = scene(visibility=Visibility.PUBLIC)
    html = fetch(client, s.base)
    sheet = _sheet(html)
    assert "Status: Under discussion" in sheet
    assert "tabled" not in sheet
    assert "Proposals" not in sheet
    assert "/positions/" not in html  # no position tab for the public


def test_unknown_or_unreadable_versions_answer_404(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    fetch(client, s.base + "?version=9", status=404)
    fetch(client, s.base + "?version=x", status=404)


def test_the_document_page_links_to_the_negotiation_pages(client: Client):
    s = scene()
    document_url = f"/p/{s.w.process.slug}/documents/{s.document.slug}/"
    sign_in(client, s.user("chair"))
    html = fetch(client, document_url)
    block = text_of(
        html[
            html.index('id="negotiation-heading"') : html.index(
                'aria-labelledby="downloads-heading"'
            )
        ]
    )
    assert block == (
        'id="negotiation-heading">Negotiation Compilation text Status of provisions '
        'Positions Redline Concordance of languages <nav class="panel toc"'
    )
    assert f'<a href="{s.base}?version=1&amp;lang=en">Compilation text</a>' in html
    assert f'<a href="{s.base}redline/?to=1&amp;lang=en">Redline</a>' in html
    sign_in(client, s.user("observer"))
    html = fetch(client, document_url)
    assert f'<a href="{s.base}positions/?version=1">Positions</a>' not in html


# --- Compile --------------------------------------------------------------------------------


def test_the_compile_form_lists_the_tabled_proposals_of_the_base(client: Client):
    s = scene()
    sign_in(client, s.user("secretariat"))
    html = fetch(client, s.base + "compile/")
    rows = text_of(html[html.index("<tbody>") : html.index("</tbody>")])
    assert rows == (
        "P-2 Article 1, paragraph 1 BY Delete the provision "
        "P-1 Article 2 RU, BY Replace the text: The Parties respect [cultural] (RU) diversity. "
        "P-3 Article 2 RU Bracket a span"
    )
    assert html.count('type="checkbox" name="proposals"') == 3
    assert html.count(" checked>") == 3  # all selected by default


def test_compiling_through_the_form_says_what_was_incorporated_and_where(client: Client):
    s = scene()
    sign_in(client, s.user("secretariat"))
    p1, p2, p3 = s.proposals["p1"], s.proposals["p2"], s.proposals["p3"]
    response = client.post(
        s.base + "compile/",
        {
            "version": s.zero.number,
            "proposals": [p1.pk, p2.pk, p3.pk],
            "label": "Compilation text",
        },
    )
    assert response.status_code == 201
    html = response.content.decode()
    assert "INVALID[" not in html
    compiled = Version.objects.get(document=s.document, label="Compilation text")
    assert compiled.number == 2
    assert compiled.base_id == s.zero.pk
    text = text_of(html)
    assert "Compilation text is published as version 2." in text
    assert "Built from Zero draft as version 2." in text
    assert (
        "Incorporated (3) P-1 (RU, replace the text) → Article 2 as option Alt 2 "
        "P-2 (BY, delete the provision) → Article 1, paragraph 1 as deletion bracket b2 "
        "P-3 (RU, bracket a span) → Article 2 as bracket b1"
    ) in text
    assert "Every selected proposal was incorporated." in text
    assert {p.status for p in Proposal.objects.all()} == {ProposalStatus.INCORPORATED}


def test_a_proposal_that_cannot_be_applied_is_reported_with_its_reason(client: Client):
    s = scene()
    # Two proposals bracket crossing spans: the second cannot be applied.
    crossing = table_proposal(
        actor=s.user("other_participant"),
        provision=s.provisions["art2"],
        delegation=s.w.delegations["b"],
        operation="bracket",
        language="en",
        span=(2, 8),
    )
    sign_in(client, s.user("secretariat"))
    response = client.post(
        s.base + "compile/",
        {
            "version": s.zero.number,
            "proposals": [s.proposals["p3"].pk, crossing.pk],
            "label": "Rev.1",
        },
    )
    assert response.status_code == 201
    text = text_of(response.content.decode())
    assert (
        "Could not be applied (1) P-4 (BY, bracket a span): Could not be applied in Rev.1:" in text
    )
    assert "It stays tabled." in text
    crossing.refresh_from_db()
    assert crossing.status == ProposalStatus.TABLED


def test_a_refused_compilation_shows_the_reason_and_changes_nothing(client: Client):
    s = scene()
    sign_in(client, s.user("secretariat"))
    response = client.post(
        s.base + "compile/", {"version": s.zero.number, "proposals": [], "label": "Rev.1"}
    )
    assert response.status_code == 400
    text = text_of(response.content.decode())
    assert "Nothing was changed: please correct the fields marked below." in text
    assert "Select at least one tabled proposal." in text
    assert s.document.versions.count() == 1
    assert not Proposal.objects.exclude(status=ProposalStatus.TABLED).exists()


@pytest.mark.parametrize("role", ["participant", "chair", "facilitator", "observer"])
def test_only_the_secretariat_compiles(client: Client, role: str):
    s = scene()
    sign_in(client, s.user(role))
    response = client.get(s.base + "compile/")
    assert response.status_code == 403
    assert "Only the secretariat builds compilation texts." in response.content.decode()
    response = client.post(
        s.base + "compile/",
        {"version": s.zero.number, "proposals": [s.proposals["p1"].pk], "label": "Rev.1"},
    )
    assert response.status_code == 403
    assert s.document.versions.count() == 1


def test_outsiders_get_404_on_the_compile_page(client: Client):
    s = scene()
    sign_in(client, s.user("outsider"))
    fetch(client, s.base + "compile/", status=404)


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize(
    ("role", "query", "expected"),
    [("participant", "", 13), ("secretariat", "?view=clean&lang=ru", 12), ("chair", "", 12)],
)
def test_the_compilation_view_costs_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, size: int, role: str, query: str, expected: int
):
    s = scene(extra=size)
    sign_in(client, s.user(role))
    with django_assert_num_queries(expected):
        html = fetch(client, s.base + query)
    assert f"Text of article {size + 4} in" in html


def test_the_pages_speak_russian(client: Client):
    s = scene()
    sign_in(client, s.user("participant"))
    client.cookies["django_language"] = "ru"
    html = fetch(client, s.base)
    assert '<html lang="ru" dir="ltr">' in html
    text = text_of(html)
    assert "Сводный текст" in text
    assert "Статус: Согласовано в неофициальном порядке" in text
    assert "Координатор:" in text


def test_every_string_of_the_negotiation_pages_has_a_russian_translation():
    """Read the catalogue itself: an entry of these pages that is missing,
    empty or fuzzy would show English on a Russian page."""
    from pathlib import Path

    import accord

    po = Path(accord.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")
    ours = [
        e
        for e in entries
        if any(
            f in e for f in ("negotiation/views/", "negotiation/forms.py", "negotiation/templates/")
        )
    ]
    assert len(ours) > 150
    untranslated = [
        e
        for e in ours
        if "#, fuzzy" in e or e.rstrip().endswith('msgstr ""') or 'msgstr[0] ""' in e
    ]
    assert untranslated == []

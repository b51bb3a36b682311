"""The words the exports write themselves: in the exported language where
the interface is translated into it, else in English; dates as that
language writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import override

from accord.core.actors import SYSTEM
from accord.documents import services
from accord.documents.exportwords import export_date, interface_language, markup_words
from accord.documents.models import Version
from accord.documents.pdf import layout
from accord.negotiation import markup
from tests.documents.akn_export_test import codes_process, negotiated_document


def test_the_words_are_in_the_language_of_the_file_where_the_interface_speaks_it():
    assert [interface_language(code) for code in ("en", "ru", "fa", "zh")] == [
        "en",
        "ru",
        "en",
        "en",
    ]
    assert markup_words("ru") == markup.Words(delete="исключить", no_text="нет текста", lang="ru")
    assert markup_words("fa").delete == "delete"
    assert markup_words("fa").lang == "en"


def test_a_date_is_written_in_full_with_the_month_as_the_language_declines_it():
    day = dt.date(2026, 11, 28)
    with override("en"):
        assert export_date(day) == "28 November 2026"
    with override("ru"):
        assert export_date(day) == "28 ноября 2026"


@pytest.mark.django_db
def test_the_pdf_cover_dates_a_russian_file_in_russian():
    process, _ = codes_process()
    document = negotiated_document(process)
    version = services.publish_version(actor=SYSTEM, version=document.versions.get(), label="Rev.1")
    Version.objects.filter(pk=version.pk).update(
        published_at=dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    )
    version.refresh_from_db()
    dates = {code: layout.build(version, language=code).cover.date for code in ("en", "ru", "fa")}
    assert dates == {"en": "28 November 2026", "ru": "28 ноября 2026", "fa": "28 November 2026"}

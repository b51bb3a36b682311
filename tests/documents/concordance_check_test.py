"""The concordance check: each kind of discrepancy with its exact report
entries, numbers in every script (Persian, Arabic-Indic, Burmese, Chinese),
cross-references in the languages of the platform, defined terms; on
constructed cases and on the real texts of the Universal Declaration."""

from __future__ import annotations

import pytest
from django.db import transaction

from accord.core.actors import SYSTEM
from accord.documents.akn import import_udhr
from accord.documents.akn.udhr import read
from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.concordance import (
    Discrepancy,
    Kind,
    check_concordance,
    chinese_number,
    defined_terms,
    describe,
    figure_values,
    numbers,
    plain_text,
    references,
)
from accord.documents.selectors import version_snapshot
from tests.documents.akn_export_test import UDHR, codes_process


def article(uid: str, number: str, parent: str | None = None, **texts: str) -> ProvisionSnapshot:
    kind = "paragraph" if parent else "article"
    return ProvisionSnapshot(
        uid=uid,
        kind=kind,
        parent_uid=parent,
        number=number,
        texts=tuple(TextSnapshot(code, "", text) for code, text in texts.items()),
    )


# --- Reading numbers, references and terms ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 30 days, 1,000 or 2.5 per cent", ["30", "1000", "2.5"]),
        ("в течение 30 дней, 1 000 или 2,5 процента", ["30", "1000", "2.5"]),
        ("ظرف ۳۰ روز، ۱٬۰۰۰ یا ۲٫۵ درصد", ["30", "1000", "2.5"]),  # Persian digits
        ("خلال ٣٠ يوما، ١٠٠٠ أو ٢٫٥ في المائة", ["30", "1000", "2.5"]),  # Arabic-Indic
        ("၃၀ ရက်အတွင်း ၁,၀၀၀", ["30", "1000"]),  # Burmese digits
        ("三十天内，一千九百四十八或百分之二点五", ["30", "2.5"]),
        ("３０日以内", ["30"]),  # full-width digits
        ("10 December 1948", ["12", "10", "1948"]),
        ("10 декабря 1948 года", ["12", "10", "1948"]),
        ("1948年12月10日", ["1948", "12", "10"]),
        ("一九四八年十二月十日", ["1948", "12", "10"]),
        ("10 كانون الأول / ديسمبر 1948", ["12", "10", "1948"]),  # one month, two names
        ("၁၉၄၈ ခုနှစ်၊ ဒီဇင်ဘာလ ၁၀ ရက်နေ့", ["12", "1948", "10"]),
        ("in the 21st century", ["21"]),
        ("в XXI веке", ["21"]),
        ("Chapter IV", ["4"]),
        ("This may apply to 5 may rules", ["5"]),  # "may" the verb is no month
        ("一律平等，一个国家，十分重要，万国", []),  # words, not numbers
        ("一月一日", ["1", "1"]),
    ],
)
def test_numbers_are_read_in_every_script(text, expected):
    _found, spans = references(text)
    assert numbers(text, skip=spans) == expected


def test_figures_group_thousands_and_keep_one_decimal_part():
    assert figure_values("1 000 000") == ["1000000"]
    assert figure_values("2.50") == ["2.5"]
    assert figure_values("10 1948") == ["10", "1948"]
    assert figure_values("007") == ["7"]
    assert [
        chinese_number(n) for n in ("十五", "二〇二五", "一千九百四十八", "三万五千", "一百零五")
    ] == [
        15,
        2025,
        1948,
        35000,
        105,
    ]
    assert chinese_number("人") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as provided in Article 5", ["5"]),
        ("Articles 5 and 6", ["5", "6"]),
        ("articles 5, 6 or 12", ["5", "6", "12"]),
        ("предусмотренные статьей 5", ["5"]),
        ("статьи 5 и 6", ["5", "6"]),
        ("l'article 12", ["12"]),
        ("Artikel 7", ["7"]),
        ("المادة ٥", ["5"]),
        ("مادهٔ ۱۲", ["12"]),
        ("ماده‌ی ۳", ["3"]),
        ("第五条和第六條", ["5", "6"]),
        ("제5조 및 제 12 조", ["5", "12"]),
        ("အပိုဒ် ၅", ["5"]),
        ("Article IV", ["4"]),
        ("آماده ۵", []),  # "ready": ماده inside a word is no article
    ],
)
def test_cross_references_name_the_article(text, expected):
    assert references(text)[0] == expected


def test_defined_terms_are_short_quoted_passages_in_any_quotation_marks():
    text = (
        '"Party" means; «Сторона» означает; “Charter”; „Vertrag“; 「締約国」; '
        "the Parties’ rights and ‘Depositary’; “a quotation far too long to be any "
        'defined term at all, running on”; and "x"'
    )
    assert defined_terms(text) == [
        "Party",
        "Сторона",
        "Charter",
        "Vertrag",
        "締約国",
        "Depositary",
        "x",
    ]


def test_markup_is_read_as_its_words_options_included_labels_and_codes_not():
    text = "The Parties [shall]{RU} act within {{Alt 1 (IR): 30 days || Alt 2 (KP): 60 days}}."
    words = plain_text(text)
    assert "RU" not in words
    assert "Alt" not in words
    assert numbers(words) == ["30", "60"]


# --- The check ---------------------------------------------------------------------------


def test_constructed_discrepancies_are_reported_exactly_in_document_order():
    provisions = [
        article(
            "a1", "1", en="The Parties meet every 2 years.", fa="طرف‌ها هر ۳ سال گرد هم می‌آیند."
        ),
        article(
            "a2", "2", en="Within 30 days, as Article 1 provides.", zh="三十天内，依照第二条。"
        ),
        article(
            "a3",
            "3",
            en='"Party" means a State; "Charter" means this text.',
            ru="«Сторона» означает государство.",
        ),
        article("a4", "4", en="Only in English."),
        article("a5", "5", ru="Только по-русски."),
        article("a6", "6", en="On 10 December 1948.", my="၁၉၄၈ ခုနှစ်၊ ဒီဇင်ဘာလ ၁၀ ရက်နေ့။"),
        article("a7", "7"),
        article("a7p1", "1", parent="a7", en="Paragraph 1 of Article 7.", ru="Пункт 1 статьи 8."),
    ]
    en_fa = check_concordance(provisions, left="en", right="fa")
    assert en_fa.discrepancies[0] == Discrepancy(Kind.NUMBERS, "a1", "Article 1", ("2",), ("3",))
    en_zh = check_concordance(provisions, left="en", right="zh")
    assert [d for d in en_zh.discrepancies if d.uid == "a2"] == [
        Discrepancy(Kind.REFERENCES, "a2", "Article 2", ("1",), ("2",))
    ]  # 30 days and 三十天 agree
    assert check_concordance(provisions, left="en", right="my").discrepancies == [
        Discrepancy(Kind.MISSING, "a1", "Article 1", ("text",), ()),
        Discrepancy(Kind.MISSING, "a2", "Article 2", ("text",), ()),
        Discrepancy(Kind.MISSING, "a3", "Article 3", ("text",), ()),
        Discrepancy(Kind.MISSING, "a4", "Article 4", ("text",), ()),
        Discrepancy(Kind.MISSING, "a7p1", "Article 7, paragraph 1", ("text",), ()),
    ]  # article 6 (the date, in Burmese digits and month name) is concordant
    en_ru = check_concordance(provisions, left="en", right="ru")
    assert en_ru.compared == 7
    assert en_ru.discrepancies == [
        Discrepancy(Kind.MISSING, "a1", "Article 1", ("text",), ()),
        Discrepancy(Kind.MISSING, "a2", "Article 2", ("text",), ()),
        Discrepancy(Kind.TERMS, "a3", "Article 3", ("Party", "Charter"), ("Сторона",)),
        Discrepancy(Kind.MISSING, "a4", "Article 4", ("text",), ()),
        Discrepancy(Kind.EXTRA, "a5", "Article 5", (), ("text",)),
        Discrepancy(Kind.MISSING, "a6", "Article 6", ("text",), ()),
        # "Article 7" is a cross-reference on both sides: 7 in English, 8 in Russian.
        Discrepancy(Kind.REFERENCES, "a7p1", "Article 7, paragraph 1", ("7",), ("8",)),
    ]
    assert en_ru.counts() == {"missing": 4, "extra": 1, "numbers": 0, "references": 1, "terms": 1}
    assert not en_ru.concordant
    assert describe(en_ru.discrepancies[2], left="en", right="ru") == (
        "Article 3: quoted terms differ: en has Party, Charter; ru has Сторона"
    )
    assert describe(en_ru.discrepancies[-1], left="en", right="ru") == (
        "Article 7, paragraph 1: articles cited only in en: 7; only in ru: 8"
    )


def test_a_missing_heading_is_reported_as_the_heading():
    provisions = [
        ProvisionSnapshot(
            "c1",
            "chapter",
            None,
            "I",
            (TextSnapshot("en", "General provisions", ""), TextSnapshot("ru", "", "")),
        ),
        ProvisionSnapshot(
            "a1",
            "article",
            "c1",
            "1",
            (TextSnapshot("en", "Purpose", "Text."), TextSnapshot("ru", "", "Текст.")),
        ),
    ]
    assert check_concordance(provisions, left="en", right="ru").discrepancies == [
        Discrepancy(Kind.MISSING, "c1", "Chapter I", ("heading",), ()),
        Discrepancy(Kind.MISSING, "a1", "Article 1", ("heading",), ()),
    ]


def test_numbers_in_four_scripts_agree_with_the_english_figures():
    english = "Entry into force 90 days after the 10th instrument; 2.5 per cent; Article 12."
    versions = {
        "fa": "لازم‌الاجرا شدن ۹۰ روز پس از دهمین سند؛ ۲٫۵ درصد؛ مادهٔ ۱۲. ۱۰",
        "ar": "يبدأ النفاذ بعد ٩٠ يوما من الصك ١٠؛ ٢٫٥ في المائة؛ المادة ١٢.",
        "my": "၁၀ ခုမြောက် စာချုပ်ပြီးနောက် ရက် ၉၀ တွင် အာဏာတည်သည်။ ၂.၅ ရာခိုင်နှုန်း။ အပိုဒ် ၁၂။",
        "zh": "第十份文书交存后九十天生效；百分之二点五；第十二条。",
    }
    provisions = [article("a1", "1", en=english, **versions)]
    for code in versions:
        assert check_concordance(provisions, left="en", right=code).concordant, code
    wrong = [
        article("a1", "1", en=english, zh="第十份文书交存后六十天生效；百分之二点五；第十三条。")
    ]
    assert check_concordance(wrong, left="en", right="zh").discrepancies == [
        Discrepancy(Kind.NUMBERS, "a1", "Article 1", ("90",), ("60",)),
        Discrepancy(Kind.REFERENCES, "a1", "Article 1", ("12",), ("13",)),
    ]


# --- The real texts ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def declaration(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        process, _ = codes_process()
        result = import_udhr(
            [(f.name, f.read_bytes()) for f in sorted(UDHR.glob("udhr_*.xml"))],
            actor=SYSTEM,
            process=process,
        )
        yield version_snapshot(result.document.versions.get())
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_declaration_is_concordant_but_for_the_preambles_that_do_not_line_up(declaration):
    """The 30 articles agree in every language; what the check finds is the
    known difference of the preambles (8 to 10 paragraphs per language), whose
    unmatched paragraphs have no text in the other language."""
    found = {
        code: [
            (d.kind.value, d.label, d.left, d.right)
            for d in check_concordance(declaration, left="en", right=code).discrepancies
        ]
        for code in ("ru", "fr", "ar", "fa", "zh", "ko", "my")
    }
    missing = ("missing",)
    assert found == {
        "ru": [(*missing, "Preamble paragraph 8", ("text",), ())],
        "fr": [(*missing, "Preamble paragraph 8", ("text",), ())],
        "ar": [
            (*missing, "Preamble paragraph 4", ("text",), ()),
            (*missing, "Preamble paragraph 8", ("text",), ()),
        ],
        "fa": [
            (*missing, "Preamble paragraph 8", ("text",), ()),
            (*missing, "Preamble paragraph 9", ("text",), ()),
        ],
        "zh": [
            (*missing, "Preamble paragraph 8", ("text",), ()),
            (*missing, "Preamble paragraph 9", ("text",), ()),
        ],
        "ko": [],
        "my": [
            (*missing, "Preamble paragraph 4", ("text",), ()),
            (*missing, "Preamble paragraph 7", ("text",), ()),
        ],
    }
    english_russian = check_concordance(declaration, left="en", right="ru")
    assert english_russian.compared == 60  # 10 preamble paragraphs, 30 articles, 20 paragraphs


def test_the_adoption_notes_agree_in_russian_chinese_arabic_and_burmese_numerals():
    """The notes of the Russian, Chinese, Arabic and Burmese files date the
    Declaration in Latin digits, Chinese numerals, Arabic month names and
    Burmese digits. They agree on 10 December 1948; Arabic numbers the session
    "د-3" where the others write "III", and the Burmese note does not cite
    resolution 217."""
    notes = {
        code: read((UDHR / name).read_bytes(), name=name).note.split("\n")[0]
        for code, name in (
            ("ru", "udhr_rus.xml"),
            ("zh", "udhr_cmn_hans.xml"),
            ("ar", "udhr_arb.xml"),
            ("my", "udhr_mya.xml"),
        )
    }
    provisions = [article("note", "1", **notes)]
    assert check_concordance(provisions, left="ru", right="zh").concordant
    assert check_concordance(provisions, left="ru", right="ar").discrepancies == [
        Discrepancy(Kind.NUMBERS, "note", "Article 1", (), ("3",))
    ]
    assert check_concordance(provisions, left="ru", right="my").discrepancies == [
        Discrepancy(Kind.NUMBERS, "note", "Article 1", ("217",), ())
    ]

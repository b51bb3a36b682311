# Russian, Belarusian and other non-Latin names: their letters are meant.
"""The parties and the process."""

from __future__ import annotations

from accord.demo.scenario.specs import PartySpec, ProcessSpec
from accord.processes.enums import Phase, Standing

PARTIES: tuple[PartySpec, ...] = (
    PartySpec(
        slug="belarus",
        iso_code="BY",
        names={"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"},
        formal_names={
            "en": "Republic of Belarus",
            "ru": "Республика Беларусь",
            "be": "Рэспубліка Беларусь",
        },
        languages=("be", "ru"),
        of_en="Belarus",
        of_ru="Беларуси",
    ),
    PartySpec(
        slug="russia",
        iso_code="RU",
        names={"en": "Russia", "ru": "Россия"},
        formal_names={"en": "Russian Federation", "ru": "Российская Федерация"},
        languages=("ru",),
        of_en="Russia",
        of_ru="России",
    ),
    PartySpec(
        slug="dprk",
        iso_code="KP",
        names={"en": "DPRK", "ru": "КНДР", "ko": "조선민주주의인민공화국"},
        formal_names={
            "en": "Democratic People's Republic of Korea",
            "ru": "Корейская Народно-Демократическая Республика",
            "ko": "조선민주주의인민공화국",
        },
        languages=("ko",),
        of_en="the DPRK",
        of_ru="КНДР",
    ),
    PartySpec(
        slug="iran",
        iso_code="IR",
        names={"en": "Iran", "ru": "Иран", "fa": "ایران"},
        formal_names={
            "en": "Islamic Republic of Iran",
            "ru": "Исламская Республика Иран",
            "fa": "جمهوری اسلامی ایران",
        },
        languages=("fa",),
        of_en="Iran",
        of_ru="Ирана",
    ),
    PartySpec(
        slug="myanmar",
        iso_code="MM",
        names={"en": "Myanmar", "ru": "Мьянма", "my": "မြန်မာ"},
        formal_names={
            "en": "Republic of the Union of Myanmar",
            "ru": "Республика Союз Мьянма",
            "my": "ပြည်ထောင်စု သမ္မတ မြန်မာနိုင်ငံတော်",
        },
        languages=("my",),
        of_en="Myanmar",
        of_ru="Мьянмы",
    ),
    # No observer is reported; this one exists so that the demo has one.
    PartySpec(
        slug="observer-state",
        iso_code=None,
        names={
            "en": "Observer State (illustrative)",
            "ru": "Государство-наблюдатель (иллюстративно)",
        },
        formal_names={},
        languages=(),
        of_en="the illustrative observer state",
        of_ru="иллюстративного государства-наблюдателя",
        is_illustrative=True,
    ),
)

# The reported participants, in the order public reporting names them.
PARTICIPANT_SLUGS = ("russia", "dprk", "iran", "belarus", "myanmar")
OBSERVER_SLUG = "observer-state"

PROCESS = ProcessSpec(
    slug="eurasian-charter",
    title={
        "en": "Eurasian Charter for Diversity and Multipolarity in the 21st Century",
        "ru": "Евразийская хартия многообразия и многополярности в XXI веке",
    },
    summary={
        "en": (
            "The consultation among states on a Eurasian Charter for Diversity and "
            "Multipolarity in the 21st Century. The concept was first proposed at the first "
            "Eurasian Security International Conference in Minsk in October 2023. The texts "
            "of the charter draft in this demo are illustrative."
        ),
        "ru": (
            "Консультации государств по Евразийской хартии многообразия и многополярности "
            "в XXI веке. Концепция впервые была предложена на первой Международной "
            "конференции по евразийской безопасности в Минске в октябре 2023 года. Тексты "
            "проекта хартии в этой демонстрации иллюстративны."
        ),
    },
    phase=Phase.CONSULTATION,
    standings={
        **dict.fromkeys(PARTICIPANT_SLUGS, Standing.PARTICIPANT),
        OBSERVER_SLUG: Standing.OBSERVER,
    },
)

# Russian and Belarusian texts: their Cyrillic letters are meant.
"""The three meetings: two conferences in Minsk, and the five-party
consultation held at two foreign ministries at once."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from accord.core.enums import DatePrecision, Visibility
from accord.demo.scenario.people import CHOE_SON_HUI
from accord.demo.scenario.specs import AttendanceSpec, MeetingSpec, Texts, VenueSpec
from accord.meetings.enums import MeetingKind

MINSK = zoneinfo.ZoneInfo("Europe/Minsk")

# The five-party consultation met on "a Tuesday" in 2025; the source gives no
# date. This Tuesday only orders it on the timeline: it is shown as "a Tuesday
# in 2025", never as this day.
CONSULTATION_DATE = dt.date(2025, 7, 1)

MINSK_CITY: Texts = {"en": "Minsk", "ru": "Минск", "be": "Мінск"}

FIRST_CONFERENCE = MeetingSpec(
    slug="first-eurasian-security-conference",
    kind=MeetingKind.CONFERENCE,
    title={
        "en": "First Eurasian Security International Conference",
        "ru": "Первая Международная конференция по евразийской безопасности",
    },
    date=dt.date(2023, 10, 1),
    date_precision=DatePrecision.MONTH,
    summary={
        "en": (
            "The concept of a Eurasian Charter for Diversity and Multipolarity in the "
            "21st Century was first proposed at this conference."
        ),
        "ru": (
            "На этой конференции впервые была предложена концепция Евразийской хартии "
            "многообразия и многополярности в XXI веке."
        ),
    },
    visibility=Visibility.PUBLIC,
    venues=(VenueSpec(host="belarus", city=MINSK_CITY, time_zone="Europe/Minsk"),),
)

THIRD_CONFERENCE = MeetingSpec(
    slug="third-eurasian-security-conference",
    kind=MeetingKind.CONFERENCE,
    title={
        "en": "Third Eurasian Security International Conference",
        "ru": "Третья Международная конференция по евразийской безопасности",
    },
    date=dt.date(2025, 10, 1),
    date_precision=DatePrecision.MONTH,
    summary={
        "en": "The DPRK Foreign Minister, Choe Son-hui, addressed the conference.",
        "ru": "С речью на конференции выступила министр иностранных дел КНДР Цой Сон Хи.",
    },
    visibility=Visibility.PUBLIC,
    venues=(VenueSpec(host="belarus", city=MINSK_CITY, time_zone="Europe/Minsk"),),
    # Reported: she addressed the conference, so she was there.
    attendance=(
        AttendanceSpec(venue=0, person=CHOE_SON_HUI.key, party="dprk", is_illustrative=False),
    ),
)

# Venue numbers of the five-party consultation.
AT_MINSK, AT_MOSCOW = 0, 1
FIVE_PARTY_CONSULTATION = MeetingSpec(
    slug="five-party-consultation-2025",
    kind=MeetingKind.CONSULTATION_ROUND,
    title={
        "en": "Five-party consultation on the Eurasian Charter",
        "ru": "Пятисторонние консультации по Евразийской хартии",
    },
    date=CONSULTATION_DATE,
    date_precision=DatePrecision.YEAR,
    weekday=1,  # "on a Tuesday"
    starts_at=dt.datetime.combine(CONSULTATION_DATE, dt.time(10, 0), tzinfo=MINSK),
    times_are_illustrative=True,
    summary={
        "en": (
            "Representatives of Russia, the DPRK, Iran, Belarus and Myanmar met concurrently "
            "at the foreign ministries of Belarus and Russia and collaboratively drafted the "
            "statement “Towards Diversity and Multipolarity in 21st Century Eurasia” "
            "(reported by BelTA). The source does not give the date; the times shown and "
            "the attendance per venue are illustrative."
        ),
        "ru": (
            "Представители России, КНДР, Ирана, Беларуси и Мьянмы встретились одновременно "
            "в министерствах иностранных дел Беларуси и России и совместно подготовили "
            "заявление «На пути к многообразию и многополярности в Евразии XXI века» "
            "(сообщает БелТА). Дата в источнике не указана; время и состав участников на "
            "площадках иллюстративны."
        ),
    },
    visibility=Visibility.PUBLIC,
    venues=(
        VenueSpec(
            host="belarus",
            city=MINSK_CITY,
            time_zone="Europe/Minsk",
            place={
                "en": "Ministry of Foreign Affairs of the Republic of Belarus",
                "ru": "Министерство иностранных дел Республики Беларусь",
                "be": "Міністэрства замежных спраў Рэспублікі Беларусь",
            },
        ),
        VenueSpec(
            host="russia",
            city={"en": "Moscow", "ru": "Москва"},
            time_zone="Europe/Moscow",
            place={
                "en": "Ministry of Foreign Affairs of the Russian Federation",
                "ru": "Министерство иностранных дел Российской Федерации",
            },
        ),
    ),
    agenda=(
        {
            "en": "Consultation on the Eurasian Charter for Diversity and Multipolarity "
            "in the 21st Century",
            "ru": "Консультации по Евразийской хартии многообразия и многополярности в XXI веке",
        },
        {
            "en": "Drafting of the joint statement “Towards Diversity and Multipolarity in "
            "21st Century Eurasia”",
            "ru": "Подготовка совместного заявления «На пути к многообразию и "
            "многополярности в Евразии XXI века»",
        },
        {
            "en": "Next steps in the Eurasian format (illustrative)",
            "ru": "Дальнейшие шаги в евразийском формате (иллюстративно)",
        },
    ),
    # Who sat where is not reported: every row below is illustrative.
    attendance=(
        AttendanceSpec(venue=AT_MINSK, username="chair"),
        AttendanceSpec(venue=AT_MINSK, username="by-head", party="belarus"),
        AttendanceSpec(venue=AT_MINSK, username="by-member", party="belarus"),
        AttendanceSpec(venue=AT_MINSK, username="ir-head", party="iran"),
        AttendanceSpec(venue=AT_MINSK, username="ir-member", party="iran"),
        AttendanceSpec(venue=AT_MINSK, username="mm-head", party="myanmar"),
        AttendanceSpec(venue=AT_MINSK, username="mm-member", party="myanmar"),
        AttendanceSpec(venue=AT_MOSCOW, username="secretariat"),
        AttendanceSpec(venue=AT_MOSCOW, username="ru-head", party="russia"),
        AttendanceSpec(venue=AT_MOSCOW, username="ru-member", party="russia"),
        AttendanceSpec(venue=AT_MOSCOW, username="kp-head", party="dprk"),
        AttendanceSpec(venue=AT_MOSCOW, username="kp-member", party="dprk"),
    ),
)

MEETINGS: tuple[MeetingSpec, ...] = (FIRST_CONFERENCE, THIRD_CONFERENCE, FIVE_PARTY_CONSULTATION)

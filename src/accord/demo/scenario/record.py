# Russian texts: their Cyrillic letters are meant.
"""The public record: what happened, when (no more precisely than the
sources say), and who reported it."""

from __future__ import annotations

import datetime as dt

from accord.core.enums import DatePrecision, Visibility
from accord.demo.scenario.charter import CHARTER_DRAFT
from accord.demo.scenario.documents import CONCEPT, JOINT_STATEMENT, JOINT_VISION
from accord.demo.scenario.meetings import (
    CONSULTATION_DATE,
    FIRST_CONFERENCE,
    FIVE_PARTY_CONSULTATION,
    THIRD_CONFERENCE,
)
from accord.demo.scenario.parties import PARTICIPANT_SLUGS
from accord.demo.scenario.specs import EntrySpec

# Where DESIGN.md names no agency for a fact, the entry says only that it was
# publicly reported rather than guess which agency reported it.
PUBLIC_REPORTING = "Public reporting"

ENTRIES: tuple[EntrySpec, ...] = (
    EntrySpec(
        date=dt.date(2023, 10, 1),
        date_precision=DatePrecision.MONTH,
        text={
            "en": "The concept of a Eurasian Charter for Diversity and Multipolarity in the "
            "21st Century was first proposed at the first Eurasian Security International "
            "Conference in Minsk, Belarus.",
            "ru": "Концепция Евразийской хартии многообразия и многополярности в XXI веке "
            "впервые была предложена на первой Международной конференции по евразийской "
            "безопасности в Минске (Беларусь).",
        },
        sources=(PUBLIC_REPORTING,),
        meetings=(FIRST_CONFERENCE.slug,),
        documents=(CONCEPT.slug,),
        parties=("belarus",),
    ),
    EntrySpec(
        date=dt.date(2024, 11, 1),
        date_precision=DatePrecision.MONTH,
        text={
            "en": "The Foreign Ministers of Belarus, Maxim Ryzhenkov, and Russia, Sergey "
            "Lavrov, signed the Joint Vision for the Eurasian Charter. It has four parts: "
            "perspectives on diversity and multipolarity; Eurasia's global significance and "
            "influence; principles for a new, equitable and indivisible Eurasian security "
            "structure; an action plan for realising the joint vision.",
            "ru": "Министры иностранных дел Беларуси Максим Рыженков и России Сергей Лавров "
            "подписали Совместное видение Евразийской хартии. Документ состоит из четырёх "
            "частей: взгляды на многообразие и многополярность; глобальное значение и влияние "
            "Евразии; принципы новой, равноправной и неделимой архитектуры евразийской "
            "безопасности; план действий по реализации совместного видения.",
        },
        sources=(PUBLIC_REPORTING,),
        documents=(JOINT_VISION.slug,),
        parties=("belarus", "russia"),
    ),
    EntrySpec(
        date=dt.date(2025, 8, 1),
        date_precision=DatePrecision.MONTH,
        text={
            "en": "The Minister of Foreign Affairs of Belarus, Maxim Ryzhenkov, said that "
            "many countries had expressed interest in the initiative.",
            "ru": "Министр иностранных дел Беларуси Максим Рыженков заявил, что интерес к "
            "инициативе проявили многие страны.",
        },
        sources=("TASS",),
        parties=("belarus",),
    ),
    EntrySpec(
        date=CONSULTATION_DATE,
        date_precision=DatePrecision.YEAR,
        weekday=1,
        text={
            "en": "Representatives of Russia, the DPRK, Iran, Belarus and Myanmar met "
            "concurrently at the foreign ministries of Belarus and Russia and collaboratively "
            "drafted the statement “Towards Diversity and Multipolarity in 21st Century "
            "Eurasia”. It agrees to start a comprehensive consultation process “in the "
            "Eurasian format” on the practical and procedural matters of the Charter.",
            "ru": "Представители России, КНДР, Ирана, Беларуси и Мьянмы встретились "
            "одновременно в министерствах иностранных дел Беларуси и России и совместно "
            "подготовили заявление «На пути к многообразию и многополярности в Евразии "
            "XXI века». В нём согласовано начать всеобъемлющий консультационный процесс "
            "«в евразийском формате» по практическим и процедурным вопросам Хартии.",
        },
        sources=("BelTA",),
        meetings=(FIVE_PARTY_CONSULTATION.slug,),
        documents=(JOINT_STATEMENT.slug,),
        parties=PARTICIPANT_SLUGS,
    ),
    EntrySpec(
        date=dt.date(2025, 9, 1),
        date_precision=DatePrecision.MONTH,
        text={
            "en": "Illustrative: the secretariat circulated the zero draft of the Charter to "
            "the participants.",
            "ru": "Иллюстративно: секретариат разослал участникам нулевой проект Хартии.",
        },
        sources=("Accord demo scenario (illustrative)",),
        visibility=Visibility.PARTICIPANTS,
        documents=(CHARTER_DRAFT.slug,),
        is_illustrative=True,
    ),
    EntrySpec(
        date=dt.date(2025, 10, 1),
        date_precision=DatePrecision.MONTH,
        text={
            "en": "The third Eurasian Security International Conference took place in Minsk. "
            "The DPRK Foreign Minister, Choe Son-hui, addressed it.",
            "ru": "В Минске прошла третья Международная конференция по евразийской "
            "безопасности. С речью на ней выступила министр иностранных дел КНДР Цой Сон Хи.",
        },
        sources=(PUBLIC_REPORTING,),
        meetings=(THIRD_CONFERENCE.slug,),
        parties=("belarus", "dprk"),
    ),
)

# Russian texts: their Cyrillic letters are meant.
"""The documents other than the charter: the concept, the Joint Vision, the
joint statement, and one delegation's internal notes."""

from __future__ import annotations

from accord.core.enums import Visibility
from accord.demo.scenario.meetings import FIRST_CONFERENCE, FIVE_PARTY_CONSULTATION
from accord.demo.scenario.specs import DocumentSpec, provision
from accord.documents.enums import DocumentKind, ProvisionKind

PART, PARA = ProvisionKind.PART, ProvisionKind.PARAGRAPH

CONCEPT = DocumentSpec(
    slug="eurasian-charter-concept",
    kind=DocumentKind.CONCEPT,
    title={
        "en": "Concept of the Eurasian Charter for Diversity and Multipolarity in the 21st Century",
        "ru": "Концепция Евразийской хартии многообразия и многополярности в XXI веке",
    },
    summary={
        "en": (
            "First proposed at the first Eurasian Security International Conference in Minsk "
            "in October 2023. Its text is not reproduced here."
        ),
        "ru": (
            "Впервые предложена на первой Международной конференции по евразийской "
            "безопасности в Минске в октябре 2023 года. Её текст здесь не воспроизводится."
        ),
    },
    authentic_languages=("ru", "en"),
    working_language="ru",
    visibility=Visibility.PARTICIPANTS,
    first_label="Text not reproduced",
    meeting=FIRST_CONFERENCE.slug,
)

JOINT_VISION = DocumentSpec(
    slug="joint-vision-eurasian-charter",
    kind=DocumentKind.JOINT_VISION,
    title={
        "en": "Joint Vision for the Eurasian Charter",
        "ru": "Совместное видение Евразийской хартии",
    },
    summary={
        "en": (
            "Signed in November 2024 by the Foreign Ministers of Belarus (Maxim Ryzhenkov) "
            "and Russia (Sergey Lavrov). It has four parts; their headings are given as "
            "described in public reporting (the Russian headings are translations made for "
            "this demo). The full text is not reproduced."
        ),
        "ru": (
            "Подписано в ноябре 2024 года министрами иностранных дел Беларуси (Максим "
            "Рыженков) и России (Сергей Лавров). Состоит из четырёх частей; их заголовки "
            "приведены по публичным сообщениям (русские заголовки переведены для этой "
            "демонстрации). Полный текст не воспроизводится."
        ),
    },
    authentic_languages=("ru", "en"),
    working_language="ru",
    visibility=Visibility.PUBLIC,
    first_label="Signed text",
    published_label="Signed text (headings only)",
    provisions=(
        provision(
            PART,
            "I",
            en_heading="Perspectives on diversity and multipolarity",
            ru_heading="Взгляды на многообразие и многополярность",
        ),
        provision(
            PART,
            "II",
            en_heading="Eurasia's global significance and influence",
            ru_heading="Глобальное значение и влияние Евразии",
        ),
        provision(
            PART,
            "III",
            en_heading="Principles for a new, equitable and indivisible Eurasian security "
            "structure",
            ru_heading="Принципы новой, равноправной и неделимой архитектуры евразийской "
            "безопасности",
        ),
        provision(
            PART,
            "IV",
            en_heading="An action plan for realising the joint vision",
            ru_heading="План действий по реализации совместного видения",
        ),
    ),
)

JOINT_STATEMENT = DocumentSpec(
    slug="towards-diversity-and-multipolarity",
    kind=DocumentKind.STATEMENT,
    title={
        "en": "Towards Diversity and Multipolarity in 21st Century Eurasia",
        "ru": "На пути к многообразию и многополярности в Евразии XXI века",
    },
    summary={
        "en": (
            "Drafted collaboratively by representatives of Russia, the DPRK, Iran, Belarus "
            "and Myanmar meeting concurrently at the foreign ministries of Belarus and Russia "
            "(reported by BelTA). The official text is not reproduced: the paragraph shown "
            "is illustrative wording that paraphrases the reported agreement."
        ),
        "ru": (
            "Совместно подготовлено представителями России, КНДР, Ирана, Беларуси и Мьянмы, "
            "встретившимися одновременно в министерствах иностранных дел Беларуси и России "
            "(сообщает БелТА). Официальный текст не воспроизводится: приведённый пункт — "
            "иллюстративная формулировка, пересказывающая сообщённую договорённость."
        ),
    },
    authentic_languages=("ru", "en"),
    working_language="ru",
    visibility=Visibility.PUBLIC,
    first_label="Statement",
    published_label="Statement (illustrative paraphrase)",
    meeting=FIVE_PARTY_CONSULTATION.slug,
    # The statement is real; the only text held here is ours.
    is_illustrative=True,
    provisions=(
        provision(
            PARA,
            "1",
            en="The participants agree to start a comprehensive consultation process "
            "“in the Eurasian format” on the practical and procedural matters of the "
            "Eurasian Charter for Diversity and Multipolarity in the 21st Century.",
            ru="Участники договорились начать всеобъемлющий консультационный процесс "
            "«в евразийском формате» по практическим и процедурным вопросам Евразийской "
            "хартии многообразия и многополярности в XXI веке.",
        ),
    ),
)

BRIEFING_NOTES = DocumentSpec(
    slug="belarus-delegation-briefing-notes",
    kind=DocumentKind.NOTE,
    title={
        "en": "Delegation briefing notes (illustrative)",
        "ru": "Справочные материалы делегации (иллюстративно)",
    },
    summary={
        "en": "Illustrative delegation-internal material: only the delegation of Belarus "
        "may read it.",
        "ru": "Иллюстративный внутренний материал делегации: его может читать только "
        "делегация Беларуси.",
    },
    authentic_languages=("ru", "en"),
    working_language="ru",
    visibility=Visibility.DELEGATION,
    owner_party="belarus",
    meeting=FIVE_PARTY_CONSULTATION.slug,
    first_label="Notes",
    published_label="Notes",
    is_illustrative=True,
    provisions=(
        provision(
            PARA,
            "1.",
            en="Points to raise at the next consultation round: the schedule of drafting "
            "sessions and the working language of the draft.",
            ru="Вопросы к следующему раунду консультаций: график редакционных сессий и "
            "рабочий язык проекта.",
        ),
        provision(
            PARA,
            "2.",
            en="This note is illustrative demo content.",
            ru="Эта записка — иллюстративное содержание демонстрации.",
        ),
    ),
)

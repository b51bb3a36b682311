# Russian texts: their Cyrillic letters are meant.
"""The charter draft. Every provision here was written for the demo: no
official text of the Charter is public, and none is reproduced. The document
is flagged illustrative in the data and labelled so in its summary."""

from __future__ import annotations

from accord.core.enums import Visibility
from accord.demo.scenario.parties import PROCESS
from accord.demo.scenario.specs import DocumentSpec, RevisionSpec, provision
from accord.documents.enums import DocumentKind, ProvisionKind

PP, CHP, ART, PARA, POINT = (
    ProvisionKind.PREAMBLE_PARAGRAPH,
    ProvisionKind.CHAPTER,
    ProvisionKind.ARTICLE,
    ProvisionKind.PARAGRAPH,
    ProvisionKind.POINT,
)

PREAMBLE = (
    provision(
        PP,
        en="The States Parties to this Charter, recognising the diversity of the "
        "civilisations, cultures and paths of development of the peoples of Eurasia,",
        ru="Государства — участники настоящей Хартии, признавая многообразие цивилизаций, "
        "культур и путей развития народов Евразии,",
    ),
    provision(
        PP,
        en="Convinced that a multipolar world order rests on the sovereign equality of States "
        "and on respect for their legitimate interests,",
        ru="будучи убеждены в том, что многополярный миропорядок основывается на суверенном "
        "равенстве государств и уважении их законных интересов,",
    ),
    provision(
        PP,
        en="Seeking to build a new, equitable and indivisible security structure in Eurasia, "
        "have agreed as follows:",
        ru="стремясь к созданию новой, равноправной и неделимой архитектуры безопасности "
        "в Евразии, согласились о нижеследующем:",
    ),
)

CHAPTER_I = provision(
    CHP,
    "I",
    en_heading="Purposes and principles",
    ru_heading="Цели и принципы",
    key="chapter-1",
    children=(
        provision(
            ART,
            "1",
            en_heading="Purposes",
            ru_heading="Цели",
            children=(
                provision(
                    PARA,
                    "1.",
                    en="The purposes of this Charter are:",
                    ru="Целями настоящей Хартии являются:",
                    children=(
                        provision(
                            POINT,
                            "a)",
                            en="to strengthen peace, stability and security in Eurasia;",
                            ru="укрепление мира, стабильности и безопасности в Евразии;",
                        ),
                        provision(
                            POINT,
                            "b)",
                            en="to respect and preserve the diversity of cultures and "
                            "civilisations;",
                            ru="уважение и сохранение многообразия культур и цивилизаций;",
                        ),
                        provision(
                            POINT,
                            "c)",
                            en="to develop equal and mutually beneficial cooperation among "
                            "the States Parties.",
                            ru="развитие равноправного и взаимовыгодного сотрудничества между "
                            "государствами-участниками.",
                        ),
                    ),
                ),
                provision(
                    PARA,
                    "2.",
                    en="The States Parties shall pursue these purposes in accordance with the "
                    "Charter of the United Nations and other norms of international law.",
                    ru="Государства-участники достигают этих целей в соответствии с Уставом "
                    "Организации Объединённых Наций и иными нормами международного права.",
                ),
            ),
        ),
        provision(
            ART,
            "2",
            en_heading="Principles",
            en="The States Parties shall be guided by the principles of sovereign equality, "
            "non-interference in internal affairs, the peaceful settlement of disputes and "
            "mutual respect.",
            ru_heading="Принципы",
            ru="Государства-участники руководствуются принципами суверенного равенства, "
            "невмешательства во внутренние дела, мирного разрешения споров и взаимного "
            "уважения.",
        ),
    ),
)

CHAPTER_II = provision(
    CHP,
    "II",
    en_heading="Cooperation",
    ru_heading="Сотрудничество",
    children=(
        provision(
            ART,
            "3",
            en_heading="Areas of cooperation",
            ru_heading="Области сотрудничества",
            key="areas-of-cooperation",
            children=(
                provision(
                    PARA,
                    "1.",
                    en="The States Parties shall cooperate in security, the economy, "
                    "transport, energy, science, education and culture.",
                    ru="Государства-участники сотрудничают в области безопасности, экономики, "
                    "транспорта, энергетики, науки, образования и культуры.",
                ),
                provision(
                    PARA,
                    "2.",
                    en="The States Parties shall hold regular consultations in the Eurasian "
                    "format, including at the level of Ministers of Foreign Affairs.",
                    ru="Государства-участники проводят регулярные консультации в евразийском "
                    "формате, в том числе на уровне министров иностранных дел.",
                ),
            ),
        ),
        provision(
            ART,
            "4",
            en_heading="Indivisible security",
            en="No State Party shall strengthen its security at the expense of the security "
            "of other States.",
            ru_heading="Неделимость безопасности",
            ru="Ни одно государство-участник не укрепляет свою безопасность за счёт "
            "безопасности других государств.",
            key="indivisible-security",
        ),
    ),
)

ENTRY_INTO_FORCE = {
    "en": "This Charter shall enter into force on the thirtieth day after the date on which "
    "the depositary receives the {} instrument of ratification, acceptance or approval.",
    "ru": "Настоящая Хартия вступает в силу на тридцатый день с даты получения депозитарием "
    "{} документа о ратификации, принятии или утверждении.",
}

CHAPTER_III = provision(
    CHP,
    "III",
    en_heading="Final provisions",
    ru_heading="Заключительные положения",
    children=(
        provision(
            ART,
            "5",
            en_heading="Signature",
            en="This Charter shall be open for signature by the States of Eurasia that share "
            "its purposes and principles.",
            ru_heading="Подписание",
            ru="Настоящая Хартия открыта для подписания государствами Евразии, разделяющими "
            "её цели и принципы.",
        ),
        provision(
            ART,
            "6",
            en_heading="Entry into force",
            en=ENTRY_INTO_FORCE["en"].format("third"),
            ru_heading="Вступление в силу",
            ru=ENTRY_INTO_FORCE["ru"].format("третьего"),
            key="entry-into-force",
        ),
        provision(
            ART,
            "7",
            en_heading="Authentic texts",
            en="This Charter is done in the Russian and English languages, both texts being "
            "equally authentic.",
            ru_heading="Аутентичные тексты",
            ru="Настоящая Хартия совершена на русском и английском языках, причём оба текста "
            "имеют одинаковую силу.",
        ),
    ),
)

CHARTER_DRAFT = DocumentSpec(
    slug="eurasian-charter-draft",
    kind=DocumentKind.CHARTER,
    title=PROCESS.title,
    symbol="EC/2025/DRAFT",
    summary={
        "en": (
            "Illustrative: every provision of this draft was written for the Accord demo. "
            "No official text of the Charter is reproduced here."
        ),
        "ru": (
            "Иллюстративно: все положения этого проекта написаны для демонстрации Accord. "
            "Официальный текст Хартии здесь не воспроизводится."
        ),
    },
    authentic_languages=("ru", "en"),
    working_language="ru",
    visibility=Visibility.PARTICIPANTS,
    first_label="Zero draft",
    published_label="Zero draft",
    is_illustrative=True,
    provisions=(*PREAMBLE, CHAPTER_I, CHAPTER_II, CHAPTER_III),
)

# Rev.1 is started from the compilation text of the negotiation
# (`negotiation.CHARTER_NEGOTIATION`), so it keeps the compiled brackets and
# options. It moves indivisible security from the cooperation chapter to the
# principles (Article 4 becomes Article 3, so Areas of cooperation becomes
# Article 4) and raises the ratifications needed for entry into force, a
# provision no retained proposal touched.
CHARTER_REV1 = RevisionSpec(
    document=CHARTER_DRAFT.slug,
    label="Rev.1",
    move="indivisible-security",
    move_into="chapter-1",
    move_number="3",
    renumber="areas-of-cooperation",
    renumber_to="4",
    change="entry-into-force",
    change_texts={
        "ru": ("Вступление в силу", ENTRY_INTO_FORCE["ru"].format("пятого")),
        "en": ("Entry into force", ENTRY_INTO_FORCE["en"].format("fifth")),
    },
)

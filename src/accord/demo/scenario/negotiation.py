# Russian texts: their Cyrillic letters are meant.
"""The negotiation on the charter draft. Every proposal, position, reason and
decision here was written for the demo, like the draft itself (flagged
illustrative): none reports what any delegation actually proposed or said.

The story, in the order the loader tells it:

1. On the published Zero draft the five delegations table proposals, each in
   Russian (the working language) and in English: three competing
   alternatives for Article 2 (Russia with Belarus, Iran, the DPRK), a
   bracket around one word (Myanmar), the deletion of a purpose (Iran), a new
   paragraph (Belarus, Russia joining; Russian only). The DPRK signs on to
   Iran's proposal and withdraws its co-sponsorship again; the DPRK withdraws
   its proposal on the authentic languages; the secretariat does not retain
   Iran's proposal on entry into force, and says why.
2. The secretariat builds the compilation text from every proposal still
   tabled, and closes the Zero draft to proposals at that moment.
3. Rev.1 is started from the compilation (`charter.CHARTER_REV1`): it moves
   indivisible security to the principles, as Russia's alternative for
   Article 2 argues, raises the number of ratifications, and the secretariat
   gives the English text of the paragraph Belarus proposed in Russian.
4. On the compilation text Russia asks for Myanmar's bracket to be lifted: a
   proposal still tabled, for the next compilation.
5. The delegations record positions (some for all participants, some for the
   chair and facilitators only, one for their own delegation); Iran objects to
   Article 2 with a reason. A facilitator takes the final provisions; the
   chair and the facilitator move provisions on: the preamble agreed in
   informals, Article 4 agreed, a point agreed ad referendum, Article 2 and a
   paragraph of Article 3 bracketed, Article 5 agreed ad referendum subject to
   Article 6.
"""

from __future__ import annotations

from accord.demo.scenario.charter import CHARTER_DRAFT
from accord.demo.scenario.specs import (
    NegotiationSpec,
    PositionSpec,
    ProposalSpec,
    StatusSpec,
    TranslationSpec,
)
from accord.documents.enums import ProvisionKind
from accord.negotiation.enums import Operation, PositionVisibility, ProvisionStatus, Stance

ARTICLE_2 = "chp_I__art_2"
COOPERATION_AREAS = "chp_II__art_3__para_1"
CONSULTATIONS = "chp_II__art_3__para_2"
INDIVISIBLE_SECURITY = "chp_II__art_4"
SIGNATURE, ENTRY_INTO_FORCE, AUTHENTIC_TEXTS = "chp_III__art_5", "chp_III__art_6", "chp_III__art_7"

PROPOSALS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        key="principles-indivisible-security",
        party="russia",
        cosponsors=("belarus",),
        provision=ARTICLE_2,
        operation=Operation.REPLACE_TEXT,
        texts={
            "ru": "Государства-участники руководствуются принципами суверенного равенства, "
            "неделимости безопасности, невмешательства во внутренние дела, мирного "
            "разрешения споров и взаимного уважения.",
            "en": "The States Parties shall be guided by the principles of sovereign equality, "
            "indivisible security, non-interference in internal affairs, the peaceful "
            "settlement of disputes and mutual respect.",
        },
        rationale={
            "ru": "Неделимость безопасности — принцип Хартии, а не только норма главы II.",
            "en": "Indivisible security is a principle of the Charter, not only a rule of "
            "Chapter II.",
        },
    ),
    ProposalSpec(
        key="principles-coercive-measures",
        party="iran",
        joined=("dprk",),
        left=("dprk",),
        provision=ARTICLE_2,
        operation=Operation.REPLACE_TEXT,
        texts={
            "ru": "Государства-участники руководствуются принципами суверенного равенства, "
            "территориальной целостности, невмешательства во внутренние дела, отказа от "
            "односторонних принудительных мер, мирного разрешения споров и взаимного "
            "уважения.",
            "en": "The States Parties shall be guided by the principles of sovereign equality, "
            "territorial integrity, non-interference in internal affairs, the rejection of "
            "unilateral coercive measures, the peaceful settlement of disputes and mutual "
            "respect.",
        },
        rationale={
            "ru": "Односторонние принудительные меры, противоречащие международному праву, "
            "должны быть названы среди принципов.",
            "en": "Unilateral coercive measures contrary to international law must be named "
            "among the principles.",
        },
    ),
    ProposalSpec(
        key="principles-own-path",
        party="dprk",
        provision=ARTICLE_2,
        operation=Operation.ADD_OPTION,
        texts={
            "ru": "Государства-участники уважают право каждого государства самостоятельно "
            "выбирать свою политическую, экономическую и социальную систему и путь развития.",
            "en": "The States Parties shall respect the right of each State to choose its own "
            "political, economic and social system and path of development.",
        },
        rationale={
            "ru": "Право каждого государства на выбор собственного пути развития заслуживает "
            "отдельного варианта статьи.",
            "en": "The right of each State to choose its own path of development deserves an "
            "option of its own for this article.",
        },
    ),
    ProposalSpec(
        key="bracket-security",
        party="myanmar",
        provision=COOPERATION_AREAS,
        operation=Operation.BRACKET,
        spans={"ru": "безопасности", "en": "security"},
        rationale={
            "ru": "Мьянма ожидает указаний о том, место ли сотрудничеству в области "
            "безопасности в этой статье или в статье о неделимости безопасности.",
            "en": "Myanmar awaits instructions on whether security cooperation belongs in this "
            "article or in the article on indivisible security.",
        },
    ),
    ProposalSpec(
        key="delete-cooperation-purpose",
        party="iran",
        provision="chp_I__art_1__para_1__point_c",
        operation=Operation.DELETE,
        rationale={
            "ru": "Сотрудничеству посвящена глава II; эта цель её лишь повторяет.",
            "en": "Chapter II is devoted to cooperation; this purpose only repeats it.",
        },
    ),
    ProposalSpec(
        key="annual-review",
        party="belarus",
        joined=("russia",),
        provision=CONSULTATIONS,
        operation=Operation.INSERT_AFTER,
        new_kind=ProvisionKind.PARAGRAPH,
        new_number="3.",
        texts={
            "ru": "Государства-участники ежегодно рассматривают ход выполнения настоящей "
            "Хартии на Международной конференции по евразийской безопасности в Минске.",
        },
        rationale={
            "ru": "Минская конференция, на которой Хартия была впервые предложена, — "
            "естественное место для обзора её выполнения. (English: the Minsk conference, "
            "where the Charter was first proposed, is the natural place to review its "
            "implementation.)",
        },
    ),
    ProposalSpec(
        key="korean-authentic",
        party="dprk",
        provision=AUTHENTIC_TEXTS,
        operation=Operation.REPLACE_TEXT,
        texts={
            "ru": "Настоящая Хартия совершена на русском, английском и корейском языках, "
            "причём все тексты имеют одинаковую силу.",
            "en": "This Charter is done in the Russian, English and Korean languages, all "
            "texts being equally authentic.",
        },
        rationale={
            "ru": "Корейский язык должен быть в числе аутентичных языков Хартии.",
            "en": "Korean should be among the authentic languages of the Charter.",
        },
        withdrawn={
            "ru": "Отозвано после неофициальных консультаций: аутентичные языки будут "
            "определены при принятии Хартии.",
            "en": "Withdrawn after informal consultations: the authentic languages will be "
            "settled when the Charter is adopted.",
        },
    ),
    ProposalSpec(
        key="ninety-days",
        party="iran",
        provision=ENTRY_INTO_FORCE,
        operation=Operation.REPLACE_TEXT,
        texts={
            "ru": "Настоящая Хартия вступает в силу на девяностый день с даты получения "
            "депозитарием третьего документа о ратификации, принятии или утверждении.",
            "en": "This Charter shall enter into force on the ninetieth day after the date on "
            "which the depositary receives the third instrument of ratification, acceptance "
            "or approval.",
        },
        rationale={
            "ru": "Девяносто дней оставляют время для внутригосударственных процедур после "
            "ратификации.",
            "en": "Ninety days leave time for the national procedures that follow ratification.",
        },
        not_retained={
            "ru": "Заключительные положения рассматриваются после основных глав; секретариат "
            "сохраняет это предложение для их обсуждения.",
            "en": "The final clauses are taken up after the substantive chapters; the "
            "secretariat keeps this proposal for that discussion.",
        },
    ),
    # Tabled on the compilation text: still tabled, for the next compilation.
    ProposalSpec(
        key="lift-security-bracket",
        party="russia",
        provision=COOPERATION_AREAS,
        operation=Operation.REMOVE_BRACKETS,
        lifts="bracket-security",
        on_compilation=True,
        rationale={
            "ru": "Сотрудничество в области безопасности — основа Хартии; скобки следует снять.",
            "en": "Security cooperation is at the core of the Charter; the brackets should be "
            "lifted.",
        },
    ),
)

TRANSLATIONS = (
    TranslationSpec(
        inserted_by="annual-review",
        language="en",
        text="The States Parties shall review the implementation of this Charter each year at "
        "the Eurasian Security International Conference in Minsk.",
    ),
)

P, F, D = (
    PositionVisibility.PARTICIPANTS,
    PositionVisibility.FACILITATORS,
    PositionVisibility.DELEGATION,
)

POSITIONS: tuple[PositionSpec, ...] = (
    PositionSpec(
        party="iran",
        provision=ARTICLE_2,
        stance=Stance.OBJECTION,
        visibility=P,
        reason={
            "ru": "Иран не может согласиться с перечнем принципов, в котором нет отказа от "
            "односторонних принудительных мер.",
            "en": "Iran cannot accept a list of principles that leaves out the rejection of "
            "unilateral coercive measures.",
        },
    ),
    PositionSpec(
        party="russia",
        provision=ARTICLE_2,
        stance=Stance.RESERVATION,
        visibility=F,
        reason={
            "ru": "Россия ожидает указаний о порядке перечисления принципов.",
            "en": "Russia awaits instructions on the order in which the principles are listed.",
        },
    ),
    PositionSpec(
        party="belarus",
        proposal="principles-indivisible-security",
        stance=Stance.SUPPORT,
        visibility=P,
    ),
    PositionSpec(
        party="myanmar",
        proposal="principles-indivisible-security",
        stance=Stance.CAN_LIVE_WITH,
        visibility=D,
        reason={
            "ru": "Приемлемо, если будет учтена озабоченность Ирана.",
            "en": "Acceptable if Iran's concern is met.",
        },
    ),
    PositionSpec(
        party="dprk",
        proposal="principles-coercive-measures",
        stance=Stance.SUPPORT,
        visibility=F,
        reason={
            "ru": "КНДР поддерживает формулировку, хотя более не является её соавтором.",
            "en": "The DPRK supports the wording, although it no longer co-sponsors it.",
        },
    ),
    PositionSpec(
        party="myanmar",
        provision=COOPERATION_AREAS,
        stance=Stance.RESERVATION,
        visibility=D,
        reason={
            "ru": "Ожидаются указания из столицы.",
            "en": "Instructions from the capital are awaited.",
        },
    ),
    # Belarus first could live with Article 4, then supported it: its history.
    PositionSpec(
        party="belarus", provision=INDIVISIBLE_SECURITY, stance=Stance.CAN_LIVE_WITH, visibility=D
    ),
    *(
        PositionSpec(
            party=party, provision=INDIVISIBLE_SECURITY, stance=Stance.SUPPORT, visibility=P
        )
        for party in ("belarus", "russia", "dprk", "iran", "myanmar")
    ),
    PositionSpec(party="dprk", provision=SIGNATURE, stance=Stance.SUPPORT, visibility=P),
)

S = ProvisionStatus

STATUSES: tuple[StatusSpec, ...] = (
    *(
        StatusSpec(
            provision=f"preamble__p_{n}",
            steps=(S.UNDER_DISCUSSION, S.AGREED_IN_INFORMALS),
            by="chair",
        )
        for n in (1, 2, 3)
    ),
    StatusSpec(
        provision="chp_I__art_1__para_1__point_a",
        steps=(S.UNDER_DISCUSSION, S.AGREED_AD_REFERENDUM),
        by="chair",
        note={
            "ru": "Согласовано ad referendum до подтверждения столицами.",
            "en": "Agreed ad referendum, pending confirmation by capitals.",
        },
    ),
    StatusSpec(
        provision=ARTICLE_2,
        steps=(S.UNDER_DISCUSSION, S.BRACKETED),
        by="chair",
        note={
            "ru": "Четыре варианта; возражение Ирана остаётся в силе.",
            "en": "Four options; Iran's objection stands.",
        },
    ),
    StatusSpec(provision=COOPERATION_AREAS, steps=(S.BRACKETED,), by="chair"),
    StatusSpec(
        provision=INDIVISIBLE_SECURITY,
        steps=(S.UNDER_DISCUSSION, S.AGREED_IN_INFORMALS, S.AGREED),
        by="chair",
        note={
            "ru": "Согласовано всеми делегациями.",
            "en": "Agreed by all delegations.",
        },
    ),
    StatusSpec(inserted_by="annual-review", steps=(S.UNDER_DISCUSSION,), by="chair"),
    StatusSpec(provision=ENTRY_INTO_FORCE, steps=(S.UNDER_DISCUSSION,), by="facilitator"),
    StatusSpec(
        provision=SIGNATURE,
        steps=(S.UNDER_DISCUSSION, S.AGREED_AD_REFERENDUM),
        by="facilitator",
        subject_to=ENTRY_INTO_FORCE,
        note={
            "ru": "Согласовано ad referendum при условии согласования статьи 6.",
            "en": "Agreed ad referendum, subject to Article 6 (entry into force).",
        },
    ),
    StatusSpec(
        provision=AUTHENTIC_TEXTS,
        steps=(S.UNDER_DISCUSSION, S.AGREED_IN_INFORMALS),
        by="facilitator",
    ),
)

CHARTER_NEGOTIATION = NegotiationSpec(
    document=CHARTER_DRAFT.slug,
    proposals=PROPOSALS,
    compilation_label="Compilation text",
    secretariat="secretariat",
    chair="chair",
    facilitator="facilitator",
    facilitated=("chp_III", SIGNATURE, ENTRY_INTO_FORCE, AUTHENTIC_TEXTS),
    translations=TRANSLATIONS,
    positions=POSITIONS,
    statuses=STATUSES,
)

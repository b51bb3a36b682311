# Russian, Belarusian and Korean names: their letters are meant.
"""People named in public reporting, and the demo accounts."""

from __future__ import annotations

from accord.demo.scenario.parties import OBSERVER_SLUG, PARTIES
from accord.demo.scenario.specs import AccountSpec, PartySpec, PersonSpec
from accord.processes.enums import MemberRole, ProcessRoleKind

RYZHENKOV = PersonSpec(
    key="ryzhenkov",
    names={"en": "Maxim Ryzhenkov", "ru": "Максим Рыженков", "be": "Максім Рыжанкоў"},
    position={
        "en": "Minister of Foreign Affairs of Belarus",
        "ru": "Министр иностранных дел Республики Беларусь",
        "be": "Міністр замежных спраў Рэспублікі Беларусь",
    },
    signatory_for="belarus",
)
LAVROV = PersonSpec(
    key="lavrov",
    names={"en": "Sergey Lavrov", "ru": "Сергей Лавров"},
    position={
        "en": "Minister of Foreign Affairs of Russia",
        "ru": "Министр иностранных дел Российской Федерации",
    },
    signatory_for="russia",
)
CHOE_SON_HUI = PersonSpec(
    key="choe-son-hui",
    names={"en": "Choe Son-hui", "ru": "Цой Сон Хи", "ko": "최선희"},
    position={
        "en": "Minister of Foreign Affairs of the DPRK",
        "ru": "Министр иностранных дел КНДР",
        "ko": "조선민주주의인민공화국 외무상",
    },
)
PEOPLE: tuple[PersonSpec, ...] = (RYZHENKOV, LAVROV, CHOE_SON_HUI)


def _delegation_accounts(party: PartySpec, prefix: str) -> tuple[AccountSpec, AccountSpec]:
    return (
        AccountSpec(
            username=f"{prefix}-head",
            description=f"Head of the delegation of {party.of_en} (demo account)",
            names={
                "en": f"Head of the delegation of {party.of_en} (demo account)",
                "ru": f"Глава делегации {party.of_ru} (демо-аккаунт)",
            },
            party=party.slug,
            member_role=MemberRole.HEAD,
        ),
        AccountSpec(
            username=f"{prefix}-member",
            description=f"Member of the delegation of {party.of_en} (demo account)",
            names={
                "en": f"Member of the delegation of {party.of_en} (demo account)",
                "ru": f"Член делегации {party.of_ru} (демо-аккаунт)",
            },
            party=party.slug,
            member_role=MemberRole.DELEGATE,
        ),
    )


ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        username="admin",
        description="Administrator, for the Django admin at /admin/ (demo account)",
        is_superuser=True,
    ),
    AccountSpec(
        username="secretariat",
        description="Secretariat of the consultation (demo account)",
        names={
            "en": "Secretariat officer (demo account)",
            "ru": "Сотрудник секретариата (демо-аккаунт)",
        },
        process_role=ProcessRoleKind.SECRETARIAT,
    ),
    AccountSpec(
        username="chair",
        description="Chair of the consultation (illustrative; demo account)",
        names={
            "en": "Chair of the consultation (illustrative; demo account)",
            "ru": "Председатель консультаций (иллюстративно; демо-аккаунт)",
        },
        process_role=ProcessRoleKind.CHAIR,
    ),
    AccountSpec(
        username="facilitator",
        description="Facilitator of the final provisions of the charter draft "
        "(illustrative; demo account)",
        names={
            "en": "Facilitator of the final provisions (illustrative; demo account)",
            "ru": "Координатор по заключительным положениям (иллюстративно; демо-аккаунт)",
        },
        process_role=ProcessRoleKind.FACILITATOR,
    ),
    # by-head, by-member, ru-head, ... : a head and a member of each reported party.
    *(
        account
        for party in PARTIES
        if party.iso_code
        for account in _delegation_accounts(party, party.iso_code.lower())
    ),
    AccountSpec(
        username="observer",
        description="Member of the delegation of an illustrative observer state (demo account)",
        names={
            "en": "Observer delegate (illustrative; demo account)",
            "ru": "Делегат государства-наблюдателя (иллюстративно; демо-аккаунт)",
        },
        party=OBSERVER_SLUG,
        member_role=MemberRole.DELEGATE,
    ),
)

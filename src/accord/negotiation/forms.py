"""Forms of the negotiation pages: they parse input; the services decide.

Rules a service enforces (an objection needs a reason, the transition table,
the tabling deadline) are not repeated here: the service's message is shown
on the form instead, so there is one source of truth.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core import languages
from accord.documents.enums import ProvisionKind
from accord.negotiation.enums import Operation, PositionVisibility, ProvisionStatus, Stance
from accord.processes.models import Delegation

Choices = Sequence[tuple[Any, Any]]


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": 60})


def delegation_choices(delegations: Sequence[Delegation]) -> list[tuple[str, str]]:
    return [(str(d.pk), f"{d.party.name} ({d.code})") for d in delegations]


class ProposalForm(forms.Form):
    delegation = forms.ChoiceField(label=_("On behalf of"))
    operation = forms.ChoiceField(label=_("Kind of proposal"), choices=Operation.choices)
    language = forms.ChoiceField(label=_("Language of the proposal"))
    text = forms.CharField(
        label=_("Proposed text"),
        required=False,
        widget=_textarea(4),
        help_text=_(
            "In the negotiation notation: [brackets]{RU} and "
            "{{Alt 1 (RU): … || Alt 2 (BY): no text}}. For replacing the text, "
            "inserting a provision and adding an option."
        ),
    )
    passage = forms.CharField(
        label=_("Passage to bracket"),
        required=False,
        max_length=2000,
        help_text=_("The words exactly as they appear in the agreed text shown above."),
    )
    occurrence = forms.IntegerField(
        label=_("Occurrence"),
        required=False,
        min_value=1,
        initial=1,
        help_text=_("Which occurrence of the passage, when it appears more than once."),
    )
    target_ref = forms.CharField(
        label=_("Bracket or option set"),
        required=False,
        max_length=32,
        help_text=_(
            "Its identifier, e.g. b1 (listed above when the text has brackets or options): "
            "the bracket to remove, or the option set to add an option to. Leave it empty "
            "to offer an alternative to the whole text."
        ),
    )
    new_kind = forms.ChoiceField(
        label=_("Kind of the new provision"),
        required=False,
        choices=[("", _("(same as this one)")), *ProvisionKind.choices],
    )
    new_number = forms.CharField(
        label=_("Number of the new provision"),
        required=False,
        max_length=24,
        help_text=_("Leave empty for “3 bis” after Article 3."),
    )
    rationale = forms.CharField(label=_("Rationale"), required=False, widget=_textarea(3))

    def __init__(
        self,
        *args: Any,
        delegations: Sequence[Delegation],
        language_codes: Sequence[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = delegation_choices(delegations)  # type: ignore[attr-defined]
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            (code, languages.label(code)) for code in language_codes
        ]


class NotRetainedForm(forms.Form):
    reason = forms.CharField(label=_("Why it is not retained"), widget=_textarea(2))


class StatusForm(forms.Form):
    provision = forms.ChoiceField(label=_("Provision"))
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note for the record"), required=False, widget=_textarea(2))
    override_reason = forms.CharField(
        label=_("Override of an objection"),
        required=False,
        widget=_textarea(2),
        help_text=_(
            "Only when agreeing a provision to which a delegation objects: the chair's reason."
        ),
    )
    subject_to = forms.ChoiceField(
        label=_("Agreed subject to"),
        required=False,
        help_text=_("The agreement falls back if that provision's text changes."),
    )

    def __init__(
        self,
        *args: Any,
        provisions: Choices,
        statuses: Sequence[str] | None = None,
        others: Choices = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = list(provisions)  # type: ignore[attr-defined]
        allowed = statuses if statuses is not None else ProvisionStatus.values
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, ProvisionStatus(value).label)
            for value in ProvisionStatus.values
            if value in allowed
        ]
        self.fields["subject_to"].choices = [  # type: ignore[attr-defined]
            ("", _("(no other provision)")),
            *others,
        ]


class PositionForm(forms.Form):
    delegation = forms.ChoiceField(label=_("Delegation"))
    target = forms.ChoiceField(label=_("Position on"))
    stance = forms.ChoiceField(label=_("Position"), choices=Stance.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=_textarea(3),
        help_text=_("Required for an objection."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=PositionVisibility.choices,
        initial=PositionVisibility.FACILITATORS,
    )

    def __init__(
        self,
        *args: Any,
        delegations: Sequence[Delegation],
        provisions: Choices,
        proposals: Choices,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = delegation_choices(delegations)  # type: ignore[attr-defined]
        groups: list[tuple[Any, Any]] = [(_("Provisions"), list(provisions))]
        if proposals:
            groups.append((_("Tabled proposals"), list(proposals)))
        self.fields["target"].choices = groups  # type: ignore[attr-defined]


class CompileForm(forms.Form):
    proposals = forms.MultipleChoiceField(
        label=_("Tabled proposals to compile"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    label = forms.CharField(label=_("Label of the compilation text"), max_length=80)

    def __init__(self, *args: Any, proposals: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = list(proposals)  # type: ignore[attr-defined]

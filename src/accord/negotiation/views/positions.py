"""The position matrix: provisions × delegations.

The chair and the facilitators (`negotiation.view_matrix`) see every
delegation's current position that `position_visible` lets them see. A
member of a participating delegation sees its own delegation's positions
and records new ones. Anyone else is refused (403) with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord.core.errors import AccordError
from accord.negotiation.enums import ProposalStatus, Stance
from accord.negotiation.forms import PositionForm
from accord.negotiation.models import Position, Proposal
from accord.negotiation.rules import position_visible
from accord.negotiation.selectors import position_matrix
from accord.negotiation.services.positions import record_position
from accord.negotiation.views.common import (
    STANCE_CLASS,
    Labels,
    Negotiation,
    StatusLabel,
    acting_delegations,
    crumbs,
    negotiation_for,
    page_url,
    parse_uid,
    status_label,
    tabs,
)
from accord.processes.models import Delegation


@dataclass
class MatrixRow:
    label: str
    url: str
    depth: int
    status: StatusLabel
    cells: list[Position | None]


def _proposal_positions(
    negotiation: Negotiation, columns: list[Delegation], *, own_only: bool
) -> list[Position]:
    """Current positions on proposals the reader may see (one query)."""
    ids = {d.pk for d in columns}
    return [
        p
        for p in Position.objects.filter(
            document=negotiation.document, proposal__isnull=False, superseded_at__isnull=True
        )
        .select_related("delegation__party", "proposal")
        .order_by("proposal__number", "delegation__party__slug")
        if (not own_only or p.delegation_id in ids)
        and position_visible(
            negotiation.access, visibility=p.visibility, delegation_id=p.delegation_id
        )
    ]


@require_http_methods(["GET", "POST"])
def matrix(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    negotiation = negotiation_for(request, process_slug, document_slug)
    document = negotiation.document
    source = request.POST if request.method == "POST" else request.GET
    version = negotiation.version(source.get("version"))
    number = version.number if version else None
    full = request.user.has_perm("negotiation.view_matrix", document)
    delegations = acting_delegations(negotiation.access)
    context: dict[str, Any] = {
        "negotiation": negotiation,
        "process": negotiation.process,
        "document": document,
        "version": version,
        "versions": list(reversed(negotiation.versions)),
        "full": full,
        "tabs": tabs(request, negotiation, "matrix", version=number),
        "breadcrumbs": crumbs(negotiation, (_("Positions"), None)),
    }
    if not full and not delegations:
        context["refusal"] = _(
            "Positions are shown to the chair and the facilitators; a participating "
            "delegation sees its own."
        )
        return render(request, "negotiation/matrix.html", context, status=403)
    if version is None:
        return render(request, "negotiation/matrix.html", context)

    data = position_matrix(user=request.user, version=version)
    provisions = [provision for provision, _status, _cells in data.rows]
    labels = Labels(provisions)
    if full:
        keep = list(range(len(data.delegations)))
    else:
        own = {d.pk for d in delegations}
        keep = [i for i, d in enumerate(data.delegations) if d.pk in own]
    columns = [data.delegations[i] for i in keep]
    rows = [
        MatrixRow(
            label=labels(provision),
            url=page_url("provision", negotiation, provision.uid, version=number),
            depth=min(provision.depth, 4),
            status=status_label(status),
            cells=[cells[i] for i in keep],
        )
        for provision, status, cells in data.rows
    ]
    counts = dict.fromkeys(Stance.values, 0)
    for row in rows:
        for cell in row.cells:
            if cell is not None:
                counts[cell.stance] += 1

    form = None
    status = 200
    if delegations:
        tabled = list(
            Proposal.objects.filter(document=document, status=ProposalStatus.TABLED)
            .select_related("delegation__party")
            .order_by("number")
        )
        by_uid = {p.uid: p for p in provisions}
        proposal_choices = [
            (
                f"proposal:{p.pk}",
                f"{p.label} — {labels(by_uid[p.provision_uid])} ({p.delegation.code})"
                if p.provision_uid in by_uid
                else f"{p.label} ({p.delegation.code})",
            )
            for p in tabled
        ]
        provision_choices = [(f"provision:{p.uid}", labels(p)) for p in provisions]
        form = PositionForm(
            request.POST if request.method == "POST" else None,
            delegations=delegations,
            provisions=provision_choices,
            proposals=proposal_choices,
            initial={"target": request.GET.get("target", "")},
        )
        if request.method == "POST":
            if form.is_valid():
                data_ = form.cleaned_data
                delegation = next(d for d in delegations if str(d.pk) == data_["delegation"])
                kind, _sep, key = data_["target"].partition(":")
                target: dict[str, Any] = {}
                if kind == "provision":
                    target["provision_uid"] = parse_uid(key)
                else:
                    target["proposal"] = next(p for p in tabled if str(p.pk) == key)
                try:
                    record_position(
                        actor=request.user,
                        delegation=delegation,
                        document=document,
                        stance=data_["stance"],
                        visibility=data_["visibility"],
                        reason=data_["reason"],
                        **target,
                    )
                except AccordError as error:
                    form.add_error(
                        error.field if error.field in form.fields else None, error.message
                    )
                    status = error.status_code
                else:
                    messages.success(
                        request,
                        _("The position of %(delegation)s is recorded.")
                        % {"delegation": delegation},
                    )
                    return HttpResponseRedirect(
                        page_url("matrix", negotiation, version=number) + "#matrix"
                    )
            else:
                status = 400
    elif request.method == "POST":
        status = 403
        context["refusal"] = _("Only members of a participating delegation record its positions.")

    context.update(
        {
            "columns": columns,
            "rows": rows,
            "counts": [
                {"stance": Stance(s).label, "class": STANCE_CLASS[s], "count": n}
                for s, n in counts.items()
            ],
            "stances": [
                {"label": label, "class": STANCE_CLASS[value]} for value, label in Stance.choices
            ],
            "stance_class": STANCE_CLASS,
            "on_proposals": _proposal_positions(negotiation, columns, own_only=not full),
            "form": form,
            "action": page_url("matrix", negotiation),
        }
    )
    return render(request, "negotiation/matrix.html", context, status=status)

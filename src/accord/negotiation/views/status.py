"""The status dashboard: what is left to agree, by status, per part and per
facilitator; and, for the chair and the facilitators, the form that moves a
provision along the transition table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord.core.errors import AccordError
from accord.documents.models import Translation
from accord.negotiation.enums import STATUS_TRANSITIONS, ProvisionStatus
from accord.negotiation.forms import StatusForm
from accord.negotiation.models import ProvisionState
from accord.negotiation.selectors import dashboard as dashboard_of
from accord.negotiation.selectors import states_by_uid, status_of
from accord.negotiation.services.status import change_status
from accord.negotiation.views.common import (
    Labels,
    choose_language,
    crumbs,
    negotiation_for,
    page_url,
    status_label,
    status_legend,
    tabs,
)


def _counts(by_status: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {"status": status_label(s), "count": by_status.get(s, 0)} for s in ProvisionStatus.values
    ]


@require_http_methods(["GET", "POST"])
def dashboard(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    negotiation = negotiation_for(request, process_slug, document_slug)
    document = negotiation.document
    source = request.POST if request.method == "POST" else request.GET
    version = negotiation.version(source.get("version"))
    _languages, lang = choose_language(negotiation, source.get("lang"))
    number = version.number if version else None
    context: dict[str, Any] = {
        "negotiation": negotiation,
        "process": negotiation.process,
        "document": document,
        "version": version,
        "versions": list(reversed(negotiation.versions)),
        "legend": status_legend(),
        "statuses": [status_label(s) for s in ProvisionStatus.values],
        "transitions": [
            {
                "from": status_label(s),
                "to": [
                    status_label(t) for t in ProvisionStatus.values if t in STATUS_TRANSITIONS[s]
                ],
            }
            for s in ProvisionStatus.values
        ],
        "tabs": tabs(request, negotiation, "dashboard", version=number, lang=lang),
        "breadcrumbs": crumbs(negotiation, (_("Status of provisions"), None)),
    }
    if version is None:
        return render(request, "negotiation/dashboard.html", context)

    summary = dashboard_of(version=version)
    provisions = list(version.provisions.order_by("position"))
    labels = Labels(provisions)
    tops = [part for part, _counts_ in summary.by_part]
    headings = {
        t.provision_id: t.heading
        for t in Translation.objects.filter(provision__in=tops, language=lang).exclude(heading="")
    }
    states = states_by_uid(document)
    left = []
    decidable = []
    for p in provisions:
        status = status_of(states, p.uid)
        state = states.get(p.uid) or ProvisionState(document=document, provision_uid=p.uid)
        state.document = document
        if request.user.has_perm("negotiation.decide_status", state):
            decidable.append((str(p.uid), labels(p)))
        if status != ProvisionStatus.AGREED:
            left.append(
                {
                    "label": labels(p),
                    "url": page_url("provision", negotiation, p.uid, version=number, lang=lang),
                    "status": status_label(status),
                    "facilitator": str(state.facilitator) if state.facilitator_id else "",
                    "depth": min(p.depth, 4),
                }
            )
    agreed = summary.by_status.get(ProvisionStatus.AGREED, 0)
    status_code = 200
    form = None
    if decidable:
        form = StatusForm(
            request.POST if request.method == "POST" else None,
            provisions=decidable,
            others=[(str(p.uid), labels(p)) for p in provisions],
        )
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    change_status(
                        actor=request.user,
                        document=document,
                        provision_uid=data["provision"],
                        status=data["status"],
                        note=data["note"],
                        override_reason=data["override_reason"],
                        subject_to_uid=data["subject_to"] or None,
                    )
                except AccordError as error:
                    form.add_error(
                        error.field if error.field in form.fields else None, error.message
                    )
                    status_code = error.status_code
                else:
                    label = dict(decidable)[data["provision"]]
                    messages.success(
                        request,
                        _("%(provision)s is now “%(status)s”.")
                        % {"provision": label, "status": status_label(data["status"]).label},
                    )
                    return HttpResponseRedirect(
                        page_url("dashboard", negotiation, version=number, lang=lang)
                    )
            else:
                status_code = 400
    elif request.method == "POST":
        status_code = 403
        context["refusal"] = _("Only the chair or the provision's facilitator decides its status.")

    context.update(
        {
            "summary": summary,
            "agreed": agreed,
            "left_count": summary.total - agreed,
            "counts": _counts(summary.by_status),
            "by_part": [
                {
                    "label": labels(part),
                    "heading": headings.get(part.pk, ""),
                    "url": page_url("compilation", negotiation, version=number, lang=lang)
                    + f"#{part.eid}",
                    "counts": _counts(counts),
                    "total": sum(counts.values()),
                }
                for part, counts in summary.by_part
            ],
            "by_facilitator": [
                {"who": who, "counts": _counts(counts), "total": sum(counts.values())}
                for who, counts in summary.by_facilitator
            ],
            "left": left,
            "form": form,
            "action": page_url("dashboard", negotiation),
            "lang": lang,
        }
    )
    return render(request, "negotiation/dashboard.html", context, status=status_code)

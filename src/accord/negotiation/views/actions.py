"""The actions on a provision's page: table a proposal, co-sponsor it or
stop, withdraw it, set it aside as not retained, decide the provision's status.

Each posts to its own address and calls one service. On success the page is
shown again (redirect after post, with a message); on a refusal the page is
rendered with the service's message, the error's status code, and the input
kept. Nothing is changed by a refused action: the services are atomic.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.errors import AccordError, PermissionDenied, ValidationError
from accord.negotiation.forms import NotRetainedForm, ProposalForm, StatusForm
from accord.negotiation.models import Proposal
from accord.negotiation.services import proposals as services
from accord.negotiation.services.status import change_status
from accord.negotiation.views.common import negotiation_for, status_label
from accord.negotiation.views.proposals import Page, build_page, render_page
from accord.processes.models import Delegation


def _back(page: Page, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(page.context["self_url"] + (f"#{anchor}" if anchor else ""))


def _refuse(request: HttpRequest, page: Page, error: AccordError) -> HttpResponse:
    messages.error(request, error.message)
    return render_page(request, page, status=error.status_code)


def _page_for_post(
    request: HttpRequest, process_slug: str, document_slug: str, uid: uuid.UUID
) -> Page:
    negotiation = negotiation_for(request, process_slug, document_slug)
    return build_page(
        request,
        negotiation,
        uid,
        requested_version=request.POST.get("version"),
        requested_lang=request.POST.get("lang"),
    )


def span_of(clean: str, passage: str, occurrence: int) -> tuple[int, int]:
    """Character offsets of the `occurrence`-th `passage` in the clean text."""
    start = -1
    for _n in range(occurrence):
        start = clean.find(passage, start + 1)
        if start < 0:
            raise ValidationError(
                _("That passage is not in the agreed text of this provision in that language.")
                if occurrence == 1
                else _("The agreed text holds that passage fewer times than that."),
                field="passage",
            )
    return start, start + len(passage)


@require_POST
def table(
    request: HttpRequest, process_slug: str, document_slug: str, provision_uid: uuid.UUID
) -> HttpResponse:
    page = _page_for_post(request, process_slug, document_slug, provision_uid)
    ctx = page.context
    if not ctx["sees_proposals"] or not ctx["delegations"]:
        return _refuse(
            request,
            page,
            PermissionDenied(_("Only members of a participating delegation table proposals.")),
        )
    if not page.version.is_published:
        return _refuse(
            request,
            page,
            ValidationError(_("Proposals are tabled against a published version.")),
        )
    form = ProposalForm(
        request.POST,
        delegations=ctx["delegations"],
        language_codes=page.negotiation.document.authentic_languages,
    )
    ctx["proposal_form"] = form
    if not form.is_valid():
        return render_page(request, page, status=400)
    data = form.cleaned_data
    delegation = next(d for d in ctx["delegations"] if str(d.pk) == data["delegation"])
    try:
        span = None
        if data["passage"]:
            clean = next(
                (t["clean"] for t in ctx["texts"] if t["language"] == data["language"]), ""
            )
            span = span_of(clean, data["passage"], data["occurrence"] or 1)
        proposal = services.table_proposal(
            actor=request.user,
            provision=page.provision,
            delegation=delegation,
            operation=data["operation"],
            language=data["language"],
            text=data["text"],
            rationale=data["rationale"],
            new_kind=data["new_kind"],
            new_number=data["new_number"],
            span=span,
            target_ref=data["target_ref"].strip(),
        )
    except AccordError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return render_page(request, page, status=error.status_code)
    messages.success(request, _("%(label)s is tabled.") % {"label": proposal.label})
    return _back(page, proposal.label)


def _proposal(
    request: HttpRequest, process_slug: str, document_slug: str, number: int
) -> tuple[Page, Proposal]:
    negotiation = negotiation_for(request, process_slug, document_slug)
    if not request.user.has_perm("negotiation.view_proposals", negotiation.document):
        raise Http404
    proposal = (
        Proposal.objects.filter(document=negotiation.document, number=number)
        .select_related("document__process", "delegation__party", "version")
        .first()
    )
    if proposal is None:
        raise Http404
    page = build_page(
        request,
        negotiation,
        proposal.provision_uid,
        requested_version=request.POST.get("version") or str(proposal.version.number),
        requested_lang=request.POST.get("lang"),
    )
    return page, proposal


def _chosen_delegation(request: HttpRequest, page: Page) -> Delegation | None:
    delegations: list[Delegation] = page.context["delegations"]
    wanted = request.POST.get("delegation")
    if wanted:
        return next((d for d in delegations if str(d.pk) == wanted), None)
    return delegations[0] if len(delegations) == 1 else None


@require_POST
def join(request: HttpRequest, process_slug: str, document_slug: str, number: int) -> HttpResponse:
    page, proposal = _proposal(request, process_slug, document_slug, number)
    delegation = _chosen_delegation(request, page)
    if delegation is None:
        return _refuse(
            request,
            page,
            PermissionDenied(_("Only members of a participating delegation co-sponsor proposals.")),
        )
    try:
        services.join_proposal(actor=request.user, proposal=proposal, delegation=delegation)
    except AccordError as error:
        return _refuse(request, page, error)
    messages.success(
        request,
        _("%(delegation)s co-sponsors %(label)s.")
        % {"delegation": delegation, "label": proposal.label},
    )
    return _back(page, proposal.label)


@require_POST
def leave(request: HttpRequest, process_slug: str, document_slug: str, number: int) -> HttpResponse:
    page, proposal = _proposal(request, process_slug, document_slug, number)
    delegation = _chosen_delegation(request, page)
    if delegation is None:
        return _refuse(
            request,
            page,
            PermissionDenied(
                _("Only members of the co-sponsoring delegation withdraw its support.")
            ),
        )
    try:
        services.leave_proposal(actor=request.user, proposal=proposal, delegation=delegation)
    except AccordError as error:
        return _refuse(request, page, error)
    messages.success(
        request,
        _("%(delegation)s no longer co-sponsors %(label)s.")
        % {"delegation": delegation, "label": proposal.label},
    )
    return _back(page, proposal.label)


@require_POST
def withdraw(
    request: HttpRequest, process_slug: str, document_slug: str, number: int
) -> HttpResponse:
    page, proposal = _proposal(request, process_slug, document_slug, number)
    try:
        services.withdraw_proposal(
            actor=request.user, proposal=proposal, reason=request.POST.get("reason", "")
        )
    except AccordError as error:
        return _refuse(request, page, error)
    messages.success(request, _("%(label)s is withdrawn.") % {"label": proposal.label})
    return _back(page, proposal.label)


@require_POST
def not_retained(
    request: HttpRequest, process_slug: str, document_slug: str, number: int
) -> HttpResponse:
    page, proposal = _proposal(request, process_slug, document_slug, number)
    form = NotRetainedForm(request.POST, prefix=f"p{proposal.number}")
    for item in page.context["items"]:
        if item.proposal.pk == proposal.pk and item.not_retained_form is not None:
            item.not_retained_form = form
    if not request.user.has_perm("negotiation.manage_proposals", page.negotiation.document):
        return _refuse(
            request,
            page,
            PermissionDenied(_("Only the secretariat records that a proposal is not retained.")),
        )
    if not form.is_valid():
        return render_page(request, page, status=400)
    try:
        services.not_retain_proposal(
            actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
        )
    except AccordError as error:
        form.add_error("reason" if error.field == "reason" else None, error.message)
        return _refuse(request, page, error)
    messages.success(
        request, _("%(label)s is recorded as not retained.") % {"label": proposal.label}
    )
    return _back(page, proposal.label)


@require_POST
def provision_status(
    request: HttpRequest, process_slug: str, document_slug: str, provision_uid: uuid.UUID
) -> HttpResponse:
    page = _page_for_post(request, process_slug, document_slug, provision_uid)
    ctx = page.context
    if ctx["status_form"] is None:
        return _refuse(
            request,
            page,
            PermissionDenied(
                _("Only the chair or the provision's facilitator decides its status.")
            ),
        )
    form = StatusForm(
        request.POST,
        provisions=ctx["status_form"].fields["provision"].choices,
        statuses=None,  # the service applies the transition table and says why
        others=ctx["status_form"].fields["subject_to"].choices[1:],
    )
    ctx["status_form"] = form
    if not form.is_valid():
        return render_page(request, page, status=400)
    data = form.cleaned_data
    try:
        change_status(
            actor=request.user,
            document=page.negotiation.document,
            provision_uid=provision_uid,
            status=data["status"],
            note=data["note"],
            override_reason=data["override_reason"],
            subject_to_uid=data["subject_to"] or None,
        )
    except AccordError as error:
        form.add_error(
            {
                "subject_to": "subject_to",
                "override_reason": "override_reason",
                "status": "status",
            }.get(error.field or ""),
            error.message,
        )
        return render_page(request, page, status=error.status_code)
    messages.success(
        request,
        _("%(provision)s is now “%(status)s”.")
        % {"provision": ctx["label"], "status": status_label(data["status"]).label},
    )
    return _back(page, "status")

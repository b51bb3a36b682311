"""A provision under negotiation: its text and status, the proposals tabled
against it (with co-sponsors and what became of each), the positions on it
the reader may see, and the forms to table, co-sponsor, withdraw, set aside
("not retained") and decide its status; the actions those forms post to are
in `actions`, which renders this page again when a service refuses.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accord.documents.enums import ProvisionKind
from accord.documents.models import Provision, Translation, Version
from accord.documents.services import delegation_codes
from accord.negotiation import markup
from accord.negotiation.enums import STATUS_TRANSITIONS, Operation, ProposalStatus
from accord.negotiation.forms import NotRetainedForm, ProposalForm, StatusForm
from accord.negotiation.models import Position, Proposal, ProvisionState, StatusDecision
from accord.negotiation.rules import position_visible
from accord.negotiation.selectors import proposals as proposals_of
from accord.negotiation.selectors import visible_positions
from accord.negotiation.views.common import (
    STANCE_CLASS,
    Labels,
    Negotiation,
    Renderer,
    acting_delegations,
    choose_language,
    crumbs,
    incorporated_as,
    negotiation_for,
    page_url,
    status_label,
    tabs,
)
from accord.processes.models import Delegation

PROPOSAL_CLASS: dict[str, str] = {
    ProposalStatus.TABLED: "tabled",
    ProposalStatus.WITHDRAWN: "withdrawn",
    ProposalStatus.INCORPORATED: "incorporated",
    ProposalStatus.NOT_RETAINED: "not-retained",
}


@dataclass
class Item:
    """A proposal as the provision page shows it."""

    proposal: Proposal
    status_class: str
    text: SafeString
    passage: str
    target: str
    history: list[Any]
    cosponsors: list[Delegation]
    incorporated: dict[str, str] | None
    positions: list[Position]
    new_provision: str = ""
    join_for: list[Delegation] = field(default_factory=list)
    leave_for: list[Delegation] = field(default_factory=list)
    may_withdraw: bool = False
    may_not_retain: bool = False
    not_retained_form: NotRetainedForm | None = None


@dataclass
class Page:
    """Everything the provision page renders; forms may be replaced by bound
    ones before rendering."""

    negotiation: Negotiation
    version: Version
    provision: Provision
    lang: str
    context: dict[str, Any]


def _text_in(provision: Provision, language: str) -> Translation | None:
    return next((t for t in provision.texts.all() if t.language == language), None)


def _find(
    negotiation: Negotiation, uid: uuid.UUID, requested: str | None
) -> tuple[Version, Provision]:
    """The provision in the version asked for, else in the latest published
    (else latest) version the reader may read that holds it; 404 otherwise."""
    by_pk = {v.pk: v for v in negotiation.versions}
    found = {
        p.version_id: p
        for p in Provision.objects.filter(version_id__in=list(by_pk), uid=uid).prefetch_related(
            Prefetch("texts", queryset=Translation.objects.order_by("language"))
        )
    }
    if requested:
        if not requested.isdigit():
            raise Http404
        version = next((v for v in negotiation.versions if v.number == int(requested)), None)
        if version is None or version.pk not in found:
            raise Http404
        return version, found[version.pk]
    holding = [v for v in negotiation.versions if v.pk in found]
    if not holding:
        raise Http404
    published = [v for v in holding if v.is_published]
    version = (published or holding)[-1]
    return version, found[version.pk]


def _items(
    request: HttpRequest,
    negotiation: Negotiation,
    uid: uuid.UUID,
    renderer: Renderer,
    delegations: list[Delegation],
) -> list[Item]:
    document = negotiation.document
    rows = list(
        proposals_of(document=document)
        .filter(Q(provision_uid=uid) | Q(incorporated_provision_uid=uid))
        .prefetch_related(
            Prefetch("provision__texts", queryset=Translation.objects.order_by("language"))
        )
    )
    # Where incorporated proposals went: the provisions of those versions (2 queries).
    targets: dict[tuple[int, uuid.UUID], Provision] = {}
    labels: dict[int, Labels] = {}
    incorporated = [p for p in rows if p.incorporated_version_id]
    if incorporated:
        version_ids = {p.incorporated_version_id for p in incorporated if p.incorporated_version_id}
        in_versions = list(
            Provision.objects.filter(version_id__in=version_ids).prefetch_related(
                Prefetch("texts", queryset=Translation.objects.order_by("language"))
            )
        )
        for vid in version_ids:
            labels[vid] = Labels(p for p in in_versions if p.version_id == vid)
        targets = {(p.version_id, p.uid): p for p in in_versions}
    # Current positions on these proposals that the reader may see (one query).
    on_proposals: dict[int, list[Position]] = {}
    if rows:
        for position in (
            Position.objects.filter(proposal__in=rows, superseded_at__isnull=True)
            .select_related("delegation__party")
            .order_by("recorded_at", "id")
        ):
            if position_visible(
                negotiation.access,
                visibility=position.visibility,
                delegation_id=position.delegation_id,
            ):
                on_proposals.setdefault(position.proposal_id, []).append(position)  # type: ignore[arg-type]
    user = request.user
    may_manage = user.has_perm("negotiation.manage_proposals", document)
    items = []
    for proposal in rows:
        history = list(proposal.cosponsorships.all())
        current = [c.delegation for c in history if c.withdrawn_at is None]
        current_ids = {d.pk for d in current}
        tabled = proposal.status == ProposalStatus.TABLED
        base_text = _text_in(proposal.provision, proposal.language)
        passage = ""
        if proposal.span_start is not None and proposal.span_end is not None and base_text:
            parsed = renderer.parse(base_text.text)
            if parsed is not None:
                passage = markup.clean_text(parsed)[proposal.span_start : proposal.span_end]
        where = None
        if proposal.incorporated_version_id and proposal.incorporated_version:
            target_uid = proposal.incorporated_provision_uid or proposal.provision_uid
            target = targets.get((proposal.incorporated_version_id, target_uid))
            text = _text_in(target, proposal.language) if target else None
            where = {
                "version": proposal.incorporated_version.label,
                "provision": labels[proposal.incorporated_version_id](target) if target else "",
                "ref": incorporated_as(renderer, proposal, text.text if text else ""),
                "url": page_url(
                    "compilation",
                    negotiation,
                    version=proposal.incorporated_version.number,
                    lang=proposal.language,
                )
                + (f"#{target.eid}" if target else ""),
            }
        items.append(
            Item(
                proposal=proposal,
                status_class=PROPOSAL_CLASS[proposal.status],
                text=renderer.html(proposal.text, proposal.language),
                passage=passage,
                target=proposal.target_ref,
                history=history,
                cosponsors=current,
                incorporated=where,
                positions=on_proposals.get(proposal.pk, []),
                new_provision=_new_provision(proposal),
                join_for=[
                    d
                    for d in delegations
                    if tabled and d.pk != proposal.delegation_id and d.pk not in current_ids
                ]
                if tabled
                else [],
                leave_for=[d for d in delegations if tabled and d.pk in current_ids],
                may_withdraw=tabled and any(d.pk == proposal.delegation_id for d in delegations),
                may_not_retain=tabled and may_manage,
                not_retained_form=NotRetainedForm(prefix=f"p{proposal.number}")
                if tabled and may_manage
                else None,
            )
        )
    return items


def _new_provision(proposal: Proposal) -> str:
    """ "Article 3 bis" for an insertion that names its kind or number."""
    if proposal.operation not in (Operation.INSERT_BEFORE, Operation.INSERT_AFTER):
        return ""
    kind = proposal.new_kind or proposal.provision.kind
    label = str(ProvisionKind(kind).label) if kind in ProvisionKind.values else kind
    return f"{label} {proposal.new_number}".strip()


def _state(negotiation: Negotiation, uid: uuid.UUID) -> ProvisionState:
    state = (
        ProvisionState.objects.filter(document=negotiation.document, provision_uid=uid)
        .select_related("facilitator")
        .first()
    )
    if state is None:
        state = ProvisionState(document=negotiation.document, provision_uid=uid)
    state.document = negotiation.document
    return state


def build_page(
    request: HttpRequest,
    negotiation: Negotiation,
    uid: uuid.UUID,
    *,
    requested_version: str | None,
    requested_lang: str | None,
) -> Page:
    document = negotiation.document
    version, provision = _find(negotiation, uid, requested_version)
    languages, lang = choose_language(negotiation, requested_lang)
    renderer = Renderer(delegation_codes(document))
    in_version = list(version.provisions.order_by("position"))
    labels = Labels(in_version)
    label = labels(provision)
    by_uid = {p.uid: p for p in in_version}
    text = _text_in(provision, lang)
    state = _state(negotiation, uid)
    decisions = (
        list(
            StatusDecision.objects.filter(state=state)
            .select_related("decided_by")
            .order_by("-decided_at", "-id")
        )
        if state.pk
        else []
    )
    sees_proposals = request.user.has_perm("negotiation.view_proposals", document)
    delegations = acting_delegations(negotiation.access) if sees_proposals else []
    items = _items(request, negotiation, uid, renderer, delegations) if sees_proposals else []
    positions = visible_positions(user=request.user, document=document, provision_uid=uid)

    # What the proposal form needs: the texts of this provision with their markup.
    texts = []
    for t in provision.texts.all():
        parsed = renderer.parse(t.text) if t.text else None
        texts.append(
            {
                "language": t.language,
                "clean": markup.clean_text(parsed) if parsed is not None else t.text,
                "markers": [m for m in markup.markers(parsed) if m.kind != "option"]
                if parsed is not None
                else [],
            }
        )
    may_table = bool(delegations) and version.is_published
    proposal_form = (
        ProposalForm(
            delegations=delegations,
            language_codes=document.authentic_languages,
            initial={"language": lang if lang in document.authentic_languages else None},
        )
        if may_table
        else None
    )
    may_decide = request.user.has_perm("negotiation.decide_status", state)
    status_form = (
        StatusForm(
            provisions=[(str(uid), label)],
            statuses=sorted(STATUS_TRANSITIONS[state.status]),
            others=[(str(p.uid), labels(p)) for p in in_version if p.uid != uid],
            initial={"provision": str(uid)},
        )
        if may_decide
        else None
    )
    subject = by_uid.get(state.subject_to_uid) if state.subject_to_uid else None
    context = {
        "negotiation": negotiation,
        "process": negotiation.process,
        "document": document,
        "version": version,
        "provision": provision,
        "label": label,
        "lang": lang,
        "languages": languages,
        "heading": text.heading if text else "",
        "full_html": renderer.html(text.text if text else "", lang),
        "clean_html": renderer.html(text.text if text else "", lang, clean=True),
        "has_text": bool(text and text.text),
        "texts": texts,
        "state": state,
        "status": status_label(state.status),
        "subject": labels(subject) if subject else "",
        "subject_url": page_url("provision", negotiation, subject.uid, version=version.number)
        if subject
        else "",
        "decisions": [
            {
                "decision": d,
                "from": status_label(d.from_status),
                "to": status_label(d.to_status),
                "subject": labels(by_uid[d.subject_to_uid]) if d.subject_to_uid in by_uid else "",
            }
            for d in decisions
        ],
        "sees_proposals": sees_proposals,
        "items": items,
        "positions": positions,
        "stance_class": STANCE_CLASS,
        "delegations": delegations,
        "proposal_form": proposal_form,
        "may_table": may_table,
        "status_form": status_form,
        "action": {
            "table": page_url("table", negotiation, uid),
            "status": page_url("provision_status", negotiation, uid),
        },
        "self_url": page_url("provision", negotiation, uid, version=version.number, lang=lang),
        "record_position_url": page_url(
            "matrix", negotiation, version=version.number, target=f"provision:{uid}"
        )
        + "#record",
        "compilation_url": page_url("compilation", negotiation, version=version.number, lang=lang)
        + f"#{provision.eid}",
        "tabs": tabs(request, negotiation, "", version=version.number, lang=lang),
        "breadcrumbs": crumbs(
            negotiation,
            (
                _("Compilation text"),
                page_url("compilation", negotiation, version=version.number, lang=lang),
            ),
            (label, None),
        ),
    }
    return Page(negotiation, version, provision, lang, context)


def render_page(request: HttpRequest, page: Page, *, status: int = 200) -> HttpResponse:
    return render(request, "negotiation/provision.html", page.context, status=status)


def provision(
    request: HttpRequest, process_slug: str, document_slug: str, provision_uid: uuid.UUID
) -> HttpResponse:
    negotiation = negotiation_for(request, process_slug, document_slug)
    page = build_page(
        request,
        negotiation,
        provision_uid,
        requested_version=request.GET.get("version"),
        requested_lang=request.GET.get("lang"),
    )
    return render_page(request, page)

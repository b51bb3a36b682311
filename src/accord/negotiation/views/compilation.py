"""The compilation view of a version, and the secretariat's compile form.

Query parameters of the compilation view: `version=<number>`,
`lang=<code>`, `view=full|clean`. Both views come from the same rows: the
full view renders each text's markup (brackets, attributed options,
deletions struck through), the clean view its agreed text only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_http_methods

from accord.core.errors import AccordError
from accord.documents.enums import ProvisionKind
from accord.documents.models import Provision, Translation, Version
from accord.documents.services import delegation_codes
from accord.negotiation.enums import ProposalStatus
from accord.negotiation.forms import CompileForm
from accord.negotiation.models import Cosponsorship, Proposal
from accord.negotiation.selectors import CompilationRow, compilation_rows
from accord.negotiation.services.compilation import CompilationResult, compile_text
from accord.negotiation.views.common import (
    Labels,
    Negotiation,
    Renderer,
    StatusLabel,
    choose_language,
    crumbs,
    incorporated_as,
    label_language,
    negotiation_for,
    page_url,
    status_label,
    status_legend,
    tabs,
)

HEADED = frozenset(
    {ProvisionKind.PART, ProvisionKind.CHAPTER, ProvisionKind.SECTION, ProvisionKind.ARTICLE}
)


@dataclass
class Row:
    provision: Provision
    label: str
    heading: str
    html: SafeString
    has_text: bool
    nothing_agreed: bool
    status: StatusLabel
    facilitator: str
    tabled: int
    url: str
    headed: bool


def _rows(
    negotiation: Negotiation,
    rows: list[CompilationRow],
    *,
    lang: str,
    clean: bool,
    renderer: Renderer,
    version: Version,
) -> list[Row]:
    labels = Labels(r.provision for r in rows)
    out = []
    for row in rows:
        p = row.provision
        text = next((t for t in p.texts.all() if t.language == lang), None)
        with override(label_language(lang)):
            label = labels.own(p) if p.kind in HEADED else labels(p)
        out.append(
            Row(
                provision=p,
                label=label,
                heading=text.heading if text else "",
                html=renderer.html(text.text if text else "", lang, clean=clean),
                has_text=bool(text and text.text),
                nothing_agreed=clean
                and bool(text and text.text and not renderer.clean_text(text.text)),
                status=status_label(row.status),
                facilitator=row.facilitator,
                tabled=row.tabled,
                url=page_url("provision", negotiation, p.uid, version=version.number, lang=lang),
                headed=p.kind in HEADED,
            )
        )
    return out


def compilation(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    negotiation = negotiation_for(request, process_slug, document_slug)
    document = negotiation.document
    version = negotiation.version(request.GET.get("version"))
    languages, lang = choose_language(negotiation, request.GET.get("lang"))
    clean = request.GET.get("view") == "clean"
    sees_proposals = request.user.has_perm("negotiation.view_proposals", document)
    rows: list[Row] = []
    if version is not None:
        rows = _rows(
            negotiation,
            compilation_rows(version=version),
            lang=lang,
            clean=clean,
            renderer=Renderer(delegation_codes(document)),
            version=version,
        )
    number = version.number if version else None
    view_links = [
        {
            "label": _("Full compilation"),
            "url": page_url("compilation", negotiation, version=number, lang=lang),
            "current": not clean,
        },
        {
            "label": _("Clean text (agreed text only)"),
            "url": page_url("compilation", negotiation, version=number, lang=lang, view="clean"),
            "current": clean,
        },
    ]
    return render(
        request,
        "negotiation/compilation.html",
        {
            "negotiation": negotiation,
            "process": negotiation.process,
            "document": document,
            "version": version,
            "versions": list(reversed(negotiation.versions)),
            "languages": languages,
            "lang": lang,
            "clean": clean,
            "view_links": view_links,
            "rows": rows,
            "sees_proposals": sees_proposals,
            "tabled_total": sum(r.tabled for r in rows),
            "legend": status_legend(),
            "may_compile": version is not None
            and version.is_published
            and request.user.has_perm("negotiation.compile", document),
            "compile_url": page_url("compile", negotiation, version=number),
            "tabs": tabs(request, negotiation, "compilation", version=number, lang=lang),
            "breadcrumbs": crumbs(negotiation, (_("Compilation text"), None)),
        },
    )


# --- Compile ------------------------------------------------------------------------------


@dataclass
class Candidate:
    proposal: Proposal
    provision_label: str
    sponsors: str
    text: SafeString


def _candidates(
    negotiation: Negotiation, base: Version, renderer: Renderer
) -> tuple[list[Candidate], Labels]:
    provisions = list(base.provisions.order_by("position"))
    labels = Labels(provisions)
    by_pk = labels.by_pk
    tabled = (
        Proposal.objects.filter(
            document=negotiation.document, version=base, status=ProposalStatus.TABLED
        )
        .select_related("delegation__party")
        .prefetch_related(
            Prefetch(
                "cosponsorships",
                queryset=Cosponsorship.objects.filter(withdrawn_at__isnull=True)
                .select_related("delegation__party")
                .order_by("joined_at", "id"),
            )
        )
    )
    out = []
    for proposal in sorted(
        tabled,
        key=lambda p: (by_pk[p.provision_id].position if p.provision_id in by_pk else 0, p.number),
    ):
        codes = [proposal.delegation.code] + [
            c.delegation.code for c in proposal.cosponsorships.all()
        ]
        provision = by_pk.get(proposal.provision_id)
        out.append(
            Candidate(
                proposal=proposal,
                provision_label=labels(provision) if provision else "",
                sponsors=", ".join(codes),
                text=renderer.html(proposal.text, proposal.language),
            )
        )
    return out, labels


def _result_rows(result: CompilationResult, renderer: Renderer) -> dict[str, Any]:
    version = result.version
    provisions = list(
        version.provisions.order_by("position").prefetch_related(
            Prefetch("texts", queryset=Translation.objects.order_by("language"))
        )
    )
    labels = Labels(provisions)
    by_uid = {p.uid: p for p in provisions}
    incorporated = []
    for proposal in result.incorporated:
        target = by_uid.get(proposal.incorporated_provision_uid or proposal.provision_uid)
        texts = target.texts.all() if target else []
        text = next((t.text for t in texts if t.language == proposal.language), "")
        incorporated.append(
            {
                "proposal": proposal,
                "where": labels(target) if target else "",
                "eid": target.eid if target else "",
                "ref": incorporated_as(renderer, proposal, text),
            }
        )
    return {"incorporated": incorporated, "not_applied": result.not_applied}


@require_http_methods(["GET", "POST"])
def compile_view(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    """The secretariat selects tabled proposals on a published version and
    builds a compilation text; the page then says what was incorporated where
    and what could not be applied, and why."""
    negotiation = negotiation_for(request, process_slug, document_slug)
    document = negotiation.document
    source = request.POST if request.method == "POST" else request.GET
    base = negotiation.version(source.get("version"), published_only=True)
    context: dict[str, Any] = {
        "negotiation": negotiation,
        "process": negotiation.process,
        "document": document,
        "base": base,
        "published": list(reversed(negotiation.published)),
        "tabs": tabs(request, negotiation, "compile", version=base.number if base else None),
        "breadcrumbs": crumbs(negotiation, (_("Compile"), None)),
    }
    if not request.user.has_perm("negotiation.compile", document):
        context["refusal"] = _("Only the secretariat builds compilation texts.")
        return render(request, "negotiation/compile.html", context, status=403)
    renderer = Renderer(delegation_codes(document))
    candidates: list[Candidate] = []
    if base is not None:
        candidates, _labels = _candidates(negotiation, base, renderer)
    choices = [(str(c.proposal.pk), c.proposal.label) for c in candidates]
    status = 200
    if request.method == "POST" and base is not None:
        form = CompileForm(request.POST, proposals=choices)
        if form.is_valid():
            chosen = {int(pk) for pk in form.cleaned_data["proposals"]}
            try:
                result = compile_text(
                    actor=request.user,
                    base=base,
                    proposals=[c.proposal for c in candidates if c.proposal.pk in chosen],
                    label=form.cleaned_data["label"],
                )
            except AccordError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = error.status_code
            else:
                messages.success(
                    request,
                    _("%(label)s is published as version %(number)s.")
                    % {"label": result.version.label, "number": result.version.number},
                )
                context.update(_result_rows(result, renderer))
                context["result"] = result
                context["result_url"] = page_url(
                    "compilation", negotiation, version=result.version.number
                )
                return render(request, "negotiation/compile_result.html", context, status=201)
        else:
            status = 400
    else:
        label = _("Compilation text")
        if any(v.label == label for v in negotiation.versions):
            label = f"{label} {max(v.number for v in negotiation.versions) + 1}"
        form = CompileForm(
            initial={"proposals": [pk for pk, _label in choices], "label": label},
            proposals=choices,
        )
    context.update({"form": form, "candidates": candidates})
    return render(request, "negotiation/compile.html", context, status=status)

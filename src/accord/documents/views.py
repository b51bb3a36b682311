"""The document page: table of contents, the provision tree in one language
or two side by side (aligned by provision), and the list of versions.

Query parameters: `version=<number>`, `lang=<code>`, `compare=<code>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from accord.documents.concordance import stale_texts
from accord.documents.enums import ProvisionKind
from accord.documents.exchange import EXPORT_FORMATS
from accord.documents.models import Document, Version
from accord.documents.selectors import Node, version_tree, visible_versions
from accord.documents.services import delegation_codes
from accord.processes.views import get_process, process_crumbs

# Provisions listed in the table of contents.
TOC_KINDS = frozenset(
    {ProvisionKind.PART, ProvisionKind.CHAPTER, ProvisionKind.SECTION, ProvisionKind.ARTICLE}
)


@dataclass(frozen=True)
class TocItem:
    eid: str
    kind: str
    number: str
    heading: str
    heading_lang: str
    level: int


def document_languages(document: Document) -> list[str]:
    """The authentic languages, then the working language if it is not one of them."""
    codes = list(document.authentic_languages)
    if document.working_language and document.working_language not in codes:
        codes.append(document.working_language)
    return codes


def choose_languages(
    available: list[str], *, lang: str | None, compare: str | None
) -> tuple[str, str | None]:
    """The reading language and the optional second column. Unknown codes fall
    back to the interface language, then to the first language of the document."""
    interface = (get_language() or "en").split("-")[0]
    if lang not in available:
        lang = interface if interface in available else (available[0] if available else interface)
    if compare not in available or compare == lang:
        compare = None
    return lang, compare


def toc_items(roots: list[Node], lang: str, fallback: str) -> list[TocItem]:
    """Structural provisions (parts, chapters, sections, articles) in document order."""
    items: list[TocItem] = []

    def walk(nodes: list[Node], level: int) -> None:
        for node in nodes:
            deeper = level
            if node.provision.kind in TOC_KINDS:
                text = node.texts.get(lang) or node.texts.get(fallback)
                items.append(
                    TocItem(
                        eid=node.provision.eid,
                        kind=node.provision.kind,
                        number=node.provision.number,
                        heading=text.heading if text else "",
                        heading_lang=text.language if text else lang,
                        level=min(level, 3),
                    )
                )
                deeper = level + 1
            walk(node.children, deeper)

    walk(roots, 0)
    return items


class TextRenderer:
    """Provision texts as HTML: negotiation markup (brackets, options,
    deletions) rendered, everything escaped. The process's delegation codes
    are read (one query) only if some text carries markup."""

    MARKUP_CHARACTERS = frozenset("[]{}\\")

    def __init__(self, document: Document) -> None:
        self.document = document
        self._renderer: Any = None

    def html(self, text: str, language: str) -> SafeString:
        if not self.MARKUP_CHARACTERS.intersection(text):
            return escape(text)
        if self._renderer is None:
            # Imported here: the negotiation pages build on this module.
            from accord.negotiation.views.common import Renderer

            self._renderer = Renderer(delegation_codes(self.document))
        return self._renderer.html(text, language)


def _query(**params: Any) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


@dataclass(frozen=True)
class Download:
    label: str
    url: str


def export_links(
    base: str, version: Version, versions: list[Version], lang: str, compare: str | None
) -> list[Download]:
    """The shown version as files: each format in the reading language (JSON
    holds every language), the two languages shown side by side as one PDF,
    and a Word redline from the version before it, if the reader sees one."""

    def url(fmt: str, **extra: Any) -> str:
        return base + _query(version=version.number, format=fmt, lang=lang, **extra)

    links = [
        Download(
            gettext("JSON, all languages") if fmt == "json" else f"{exporter.label} ({lang})",
            url(fmt),
        )
        for fmt, exporter in EXPORT_FORMATS.items()
    ]
    if compare:
        links.append(
            Download(
                gettext("PDF/A, %(first)s and %(second)s side by side")
                % {"first": lang, "second": compare},
                url("pdf", beside=compare),
            )
        )
    earlier = [v for v in versions if v.number < version.number]
    if earlier:
        links.append(
            Download(
                gettext("Word redline from %(label)s") % {"label": earlier[-1].label},
                url("docx", compare=earlier[-1].number),
            )
        )
    return links


def detail(request: HttpRequest, process_slug: str, document_slug: str) -> HttpResponse:
    process = get_process(process_slug)
    document = get_object_or_404(
        Document.objects.select_related("owner_delegation__party", "meeting"),
        process=process,
        slug=document_slug,
    )
    document.process = process
    if not request.user.has_perm("documents.view_document", document):
        raise Http404  # never reveal that a document exists

    versions: list[Version] = []
    for candidate in visible_versions(user=request.user, document=document):
        candidate.document = document
        if request.user.has_perm("documents.view_version", candidate):
            versions.append(candidate)
    version: Version | None = versions[-1] if versions else None
    requested = request.GET.get("version")
    if requested:
        if not requested.isdigit():
            raise Http404
        version = next((v for v in versions if v.number == int(requested)), None)
        if version is None:
            raise Http404  # unknown, or a working copy the reader may not see

    available = document_languages(document)
    lang, compare = choose_languages(
        available, lang=request.GET.get("lang"), compare=request.GET.get("compare")
    )
    columns = [lang, compare] if compare else [lang]
    roots = version_tree(version) if version else []
    base = reverse("documents:detail", args=[process.slug, document.slug])
    version_links = [
        {
            "version": v,
            "url": base + _query(version=v.number, lang=lang, compare=compare),
            "current": version is not None and v.pk == version.pk,
        }
        for v in reversed(versions)
    ]
    return render(
        request,
        "documents/detail.html",
        {
            "process": process,
            "document": document,
            "version": version,
            "version_links": version_links,
            "languages": available,
            "lang": lang,
            "compare": compare,
            "columns": columns,
            "roots": roots,
            "texts": TextRenderer(document),
            "stale_texts": stale_texts(version) if version else {},
            "downloads": (
                export_links(
                    reverse("documents:export", args=[process.slug, document.slug]),
                    version,
                    versions,
                    lang,
                    compare,
                )
                if version
                else []
            ),
            "toc": toc_items(roots, lang, document.working_language),
            "has_preamble": any(
                n.provision.kind == ProvisionKind.PREAMBLE_PARAGRAPH for n in roots
            ),
            "first_preamble": next(
                (
                    n.provision.eid
                    for n in roots
                    if n.provision.kind == ProvisionKind.PREAMBLE_PARAGRAPH
                ),
                "",
            ),
            "breadcrumbs": process_crumbs(process, (document.display_title, None)),
        },
    )

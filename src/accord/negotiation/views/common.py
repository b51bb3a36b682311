"""What every negotiation page needs: the document the reader may see, the
versions they may read, the text in a language with its markup rendered,
provision labels, and the navigation between the negotiation pages.

Pages answer 404 when the reader may not see the document (its existence is
not revealed); refused actions answer 403 with the reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accord.core import languages
from accord.documents.enums import ProvisionKind, VersionStatus
from accord.documents.exportwords import markup_words
from accord.documents.models import Document, Provision, Version
from accord.documents.selectors import visible_versions
from accord.documents.views import choose_languages, document_languages
from accord.negotiation import markup
from accord.negotiation.enums import STATUS_COLOUR, Operation, ProvisionStatus, Stance
from accord.processes.access import Access, access_for
from accord.processes.models import Delegation, Process
from accord.processes.views import get_process, process_crumbs

# Kinds whose label names the provision above them too: "Article 1, paragraph 2".
_SUBORDINATE = frozenset({ProvisionKind.PARAGRAPH, ProvisionKind.POINT})

STANCE_CLASS: dict[str, str] = {
    Stance.SUPPORT: "support",
    Stance.CAN_LIVE_WITH: "live",
    Stance.RESERVATION: "reservation",
    Stance.OBJECTION: "objection",
}


@dataclass
class Negotiation:
    """The document a page is about, as the reader may see it."""

    process: Process
    document: Document
    access: Access
    versions: list[Version]

    @property
    def published(self) -> list[Version]:
        return [v for v in self.versions if v.status == VersionStatus.PUBLISHED]

    def version(self, requested: str | None, *, published_only: bool = False) -> Version | None:
        """The version asked for by number (404 if the reader may not read
        it), else the latest published one, else the latest one."""
        candidates = self.published if published_only else self.versions
        if requested:
            if not requested.isdigit():
                raise Http404
            found = next((v for v in candidates if v.number == int(requested)), None)
            if found is None:
                raise Http404
            return found
        if self.published:
            return self.published[-1]
        return None if published_only or not self.versions else self.versions[-1]


def negotiation_for(request: HttpRequest, process_slug: str, document_slug: str) -> Negotiation:
    """The document and the versions the reader may see; 404 otherwise."""
    process = get_process(process_slug)
    document = get_object_or_404(Document, process=process, slug=document_slug)
    document.process = process
    if not request.user.has_perm("documents.view_document", document):
        raise Http404  # never reveal that a document exists
    versions = []
    for version in visible_versions(user=request.user, document=document):
        version.document = document
        if request.user.has_perm("documents.view_version", version):
            versions.append(version)
    return Negotiation(
        process=process,
        document=document,
        access=access_for(request.user, process),
        versions=versions,
    )


def acting_delegations(access: Access) -> list[Delegation]:
    """The participant delegations the reader may act for (one query, none if none)."""
    if not access.participant_delegation_ids:
        return []
    return list(
        Delegation.objects.filter(pk__in=access.participant_delegation_ids)
        .select_related("party")
        .order_by("party__slug")
    )


def query(**params: Any) -> str:
    """A query string of the non-empty parameters, '' when there are none."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


def page_url(name: str, negotiation: Negotiation, *args: Any, **params: Any) -> str:
    base = reverse(
        f"negotiation:{name}", args=[negotiation.process.slug, negotiation.document.slug, *args]
    )
    return base + query(**params)


def choose_language(negotiation: Negotiation, requested: str | None) -> tuple[list[str], str]:
    available = document_languages(negotiation.document)
    lang, _compare = choose_languages(available, lang=requested, compare=None)
    return available, lang


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    current: bool


def tabs(request: HttpRequest, negotiation: Negotiation, current: str, **params: Any) -> list[Tab]:
    """The negotiation pages of a document the reader may open."""
    user = request.user
    document = negotiation.document
    items: list[tuple[str, str]] = [
        ("compilation", gettext("Compilation text")),
        ("dashboard", gettext("Status of provisions")),
    ]
    if user.has_perm("negotiation.view_matrix", document) or (
        negotiation.access.participant_delegation_ids
    ):
        items.append(("matrix", gettext("Positions")))
    items.append(("redline", gettext("Redline")))
    if user.has_perm("negotiation.compile", document):
        items.append(("compile", gettext("Compile")))
    return [
        Tab(label, page_url(name, negotiation, **params), name == current) for name, label in items
    ]


def crumbs(negotiation: Negotiation, *tail: tuple[str, str | None]) -> list[dict[str, str | None]]:
    document = negotiation.document
    return process_crumbs(
        negotiation.process,
        (
            document.display_title,
            reverse("documents:detail", args=[negotiation.process.slug, document.slug]),
        ),
        *tail,
    )


# --- Provisions -------------------------------------------------------------------------


def provision_number(kind: str, number: str) -> str:
    """A number as a label cites it: "1" for "1.", "(a)" for a point "a)"."""
    core = number.strip().rstrip(".").strip("()").strip()
    if kind == ProvisionKind.POINT and core:
        return f"({core})"
    return core


def _number(provision: Provision) -> str:
    return provision_number(provision.kind, provision.number)


class Labels:
    """Labels of the provisions of one version ("Article 1, paragraph 2"),
    worked out from the list of its provisions, without further queries."""

    def __init__(self, provisions: Iterable[Provision]) -> None:
        self.by_pk = {p.pk: p for p in provisions}
        self._preamble: dict[int, int] = {}
        count = 0
        for p in sorted(self.by_pk.values(), key=lambda p: p.position):
            if p.kind == ProvisionKind.PREAMBLE_PARAGRAPH:
                count += 1
                self._preamble[p.pk] = count
        self._cache: dict[int, str] = {}

    def own(self, provision: Provision) -> str:
        """ "Article 1", "Preamble paragraph 2", "point (a)" (lower case)."""
        kind = str(ProvisionKind(provision.kind).label)
        number = _number(provision)
        if not number and provision.pk in self._preamble:
            number = str(self._preamble[provision.pk])
        return f"{kind} {number}".strip()

    def __call__(self, provision: Provision) -> str:
        if provision.pk in self._cache:
            return self._cache[provision.pk]
        chain = [provision]
        current = provision
        while current.kind in _SUBORDINATE and current.parent_id in self.by_pk:
            current = self.by_pk[current.parent_id]
            chain.append(current)
        parts = [self.own(p) for p in reversed(chain)]
        label = ", ".join([parts[0], *(p[:1].lower() + p[1:] for p in parts[1:])])
        self._cache[provision.pk] = label
        return label


# --- Text with markup -----------------------------------------------------------------


class Renderer:
    """Renders provision texts of one document: parses each text once with the
    delegation codes of the process and writes the full (marked-up) or the
    clean (agreed text only) view."""

    def __init__(self, codes: frozenset[str]) -> None:
        self.codes = codes
        self._words: dict[str, markup.Words] = {}
        self._parsed: dict[str, markup.Markup | None] = {}

    def parse(self, text: str) -> markup.Markup | None:
        """The markup of `text`, or None when it is not valid markup (parsed once)."""
        if text not in self._parsed:
            try:
                self._parsed[text] = markup.parse(text, delegations=self.codes)
            except markup.MarkupError:
                self._parsed[text] = None
        return self._parsed[text]

    def clean_text(self, text: str) -> str:
        parsed = self.parse(text) if text else None
        return markup.clean_text(parsed) if parsed is not None else text

    def html(self, text: str, language: str, *, clean: bool = False) -> SafeString:
        if not text:
            return mark_safe("")
        parsed = self.parse(text)
        direction = languages.direction(language)
        if parsed is None:
            # Stored before markup was checked: shown as it is, never guessed at.
            return mark_safe(
                f'<span class="markup" lang="{escape(language)}" dir="{direction}">'
                f"{escape(text)}</span>"
            )
        if clean:
            return mark_safe(
                f'<span class="markup markup--clean" lang="{escape(language)}" '
                f'dir="{direction}">{escape(markup.clean_text(parsed))}</span>'
            )
        if language not in self._words:
            self._words[language] = markup_words(language)
        # to_html escapes every piece of text it writes.
        html = markup.to_html(parsed, lang=language, words=self._words[language])
        if len(parsed.content) == 1 and isinstance(parsed.content[0], markup.OptionSet):
            # The whole text is a set of alternatives: shown one option a line.
            html = f'<span class="markup-options">{html}</span>'
        return mark_safe(html)


def interface_language() -> str:
    return (get_language() or "en").split("-")[0]


def label_language(text_language: str) -> str:
    """The language in which to write provision labels next to a text:
    the text's own when the interface speaks it, else the interface's."""
    interface = {code for code, _name in settings.LANGUAGES}
    return text_language if text_language in interface else interface_language()


# --- Status -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusLabel:
    value: str
    label: str
    colour: str


def status_label(value: str) -> StatusLabel:
    return StatusLabel(value, str(ProvisionStatus(value).label), STATUS_COLOUR[value])


def status_legend() -> list[dict[str, Any]]:
    """The three colours of UN practice and the statuses each stands for."""
    meaning = {
        "white": _("not agreed"),
        "yellow": _("agreed in informal consultations"),
        "green": _("agreed"),
    }
    return [
        {
            "colour": colour,
            "meaning": meaning[colour],
            "statuses": [
                status_label(s) for s in ProvisionStatus.values if STATUS_COLOUR[s] == colour
            ],
        }
        for colour in ("white", "yellow", "green")
    ]


def parse_uid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def describe_ref(renderer: Renderer, text: str, ref: str) -> str:
    """What carries an incorporated proposal in `text`, for people: "as option
    Alt 2", "as deletion bracket b2", "as bracket b1", "as option set s1";
    just the identifier when the text no longer holds it."""
    parsed = renderer.parse(text) if ref else None
    if parsed is None:
        return ref
    for marker in markup.markers(parsed):
        if marker.id != ref:
            continue
        if marker.kind == "option":
            return gettext("as option %(label)s") % {"label": marker.label}
        if marker.kind == "option_set":
            return gettext("as option set %(id)s") % {"id": ref}
        if marker.deletion:
            return gettext("as deletion bracket %(id)s") % {"id": ref}
        return gettext("as bracket %(id)s") % {"id": ref}
    return ref


def incorporated_as(renderer: Renderer, proposal: Any, text: str) -> str:
    """How an incorporated proposal is carried by the text it went into."""
    if proposal.operation == Operation.REMOVE_BRACKETS:
        return gettext("brackets %(id)s lifted") % {"id": proposal.target_ref}
    return describe_ref(renderer, text, proposal.incorporated_ref)

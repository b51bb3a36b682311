"""Links from other pages into the negotiation pages of a document.

{% load negotiation_tags %}
{% negotiation_links document version=version lang=lang as links %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from accord.negotiation.views.common import query
from accord.processes.access import access_for

register = template.Library()


@register.simple_tag(takes_context=True)
def negotiation_links(
    context: dict[str, Any], document: Any, *, version: Any = None, lang: str = ""
) -> list[dict[str, str]]:
    """The negotiation pages of `document` the reader may open, as
    {label, url}; no query beyond those the page made already (the reader's
    access is cached per request)."""
    user = context["request"].user
    args = [document.process.slug, document.slug]
    number = version.number if version is not None else None
    links = [
        (_("Compilation text"), "compilation", query(version=number, lang=lang)),
        (_("Status of provisions"), "dashboard", query(version=number, lang=lang)),
    ]
    if user.has_perm("negotiation.view_matrix", document) or (
        access_for(user, document.process).participant_delegation_ids
    ):
        links.append((_("Positions"), "matrix", query(version=number)))
    links.append((_("Redline"), "redline", query(to=number, lang=lang)))
    return [
        {"label": label, "url": reverse(f"negotiation:{name}", args=args) + params}
        for label, name, params in links
    ]

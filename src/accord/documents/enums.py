"""Kinds and states of documents, versions and provisions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    JOINT_VISION = "joint_vision", _("Joint vision")
    STATEMENT = "statement", _("Statement")
    CHARTER = "charter", _("Charter")
    ACTION_PLAN = "action_plan", _("Action plan")
    MINUTES = "minutes", _("Minutes")
    NOTE = "note", _("Note")


class VersionStatus(models.TextChoices):
    WORKING = "working", _("Working copy")
    PUBLISHED = "published", _("Published")


VERSION_TRANSITIONS: dict[str, frozenset[str]] = {
    VersionStatus.WORKING: frozenset({VersionStatus.PUBLISHED}),
    VersionStatus.PUBLISHED: frozenset(),
}


class ProvisionKind(models.TextChoices):
    PREAMBLE_PARAGRAPH = "preamble_paragraph", _("Preamble paragraph")
    PART = "part", _("Part")
    CHAPTER = "chapter", _("Chapter")
    SECTION = "section", _("Section")
    ARTICLE = "article", _("Article")
    PARAGRAPH = "paragraph", _("Paragraph")
    POINT = "point", _("Point")


# Akoma Ntoso eId prefixes (AKN naming convention, section 5.3).
EID_PREFIX: dict[str, str] = {
    ProvisionKind.PREAMBLE_PARAGRAPH: "preamble__p",
    ProvisionKind.PART: "part",
    ProvisionKind.CHAPTER: "chp",
    ProvisionKind.SECTION: "sec",
    ProvisionKind.ARTICLE: "art",
    ProvisionKind.PARAGRAPH: "para",
    ProvisionKind.POINT: "point",
}

# Which kinds may contain which: keeps the tree a text a lawyer would recognise.
ALLOWED_CHILDREN: dict[str | None, frozenset[str]] = {
    None: frozenset(
        {
            ProvisionKind.PREAMBLE_PARAGRAPH,
            ProvisionKind.PART,
            ProvisionKind.CHAPTER,
            ProvisionKind.SECTION,
            ProvisionKind.ARTICLE,
            ProvisionKind.PARAGRAPH,
        }
    ),
    ProvisionKind.PREAMBLE_PARAGRAPH: frozenset({ProvisionKind.POINT}),
    ProvisionKind.PART: frozenset(
        {
            ProvisionKind.CHAPTER,
            ProvisionKind.SECTION,
            ProvisionKind.ARTICLE,
            ProvisionKind.PARAGRAPH,
        }
    ),
    ProvisionKind.CHAPTER: frozenset(
        {ProvisionKind.SECTION, ProvisionKind.ARTICLE, ProvisionKind.PARAGRAPH}
    ),
    ProvisionKind.SECTION: frozenset({ProvisionKind.ARTICLE, ProvisionKind.PARAGRAPH}),
    ProvisionKind.ARTICLE: frozenset({ProvisionKind.PARAGRAPH, ProvisionKind.POINT}),
    ProvisionKind.PARAGRAPH: frozenset({ProvisionKind.POINT}),
    ProvisionKind.POINT: frozenset({ProvisionKind.POINT}),
}

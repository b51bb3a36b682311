"""Small shared model pieces."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

from accord.core import languages


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def localized(texts: dict[str, str] | None, language: str | None = None) -> str:
    """The text of a {language: text} field in the active (or given) language."""
    return languages.pick(texts, language or get_language() or "en")


class Slugged(models.Model):
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        abstract = True

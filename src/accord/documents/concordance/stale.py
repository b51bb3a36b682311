"""Stale translations (a selector): texts whose working-language source
changed after they were made."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass

from accord.documents.models import Translation, Version


@dataclass(frozen=True)
class StaleText:
    """A text whose working-language source changed after it was made."""

    translation_id: int
    uid: uuid.UUID
    eid: str
    language: str
    made_from: str  # label of the version it was made from
    made_from_number: int
    source_written_in: str  # label of the version the current source text was written in
    source_written_in_number: int | None


def _same(a: tuple[str, str], b: tuple[str, str]) -> bool:
    def norm(value: str) -> str:
        return " ".join(unicodedata.normalize("NFC", value).split())

    return norm(a[0]) == norm(b[0]) and norm(a[1]) == norm(b[1])


def stale_texts(version: Version) -> dict[int, StaleText]:
    """The stale texts of `version` (see the module docstring), by translation
    id, in document order. Two queries, whatever the size of the document."""
    working = version.document.working_language
    texts = list(
        Translation.objects.filter(provision__version=version)
        .select_related("provision", "source_version")
        .order_by("provision__position", "language")
    )
    current = {t.provision.uid: t for t in texts if t.language == working}
    candidates = [
        t
        for t in texts
        if t.language != working and t.source_version is not None and t.provision.uid in current
    ]
    source_ids = {t.source_version_id for t in candidates if t.source_version_id} - {version.pk}
    before: dict[tuple[int, uuid.UUID], tuple[str, str]] = {}
    if source_ids:
        before = {
            (version_id, uid): (heading, text)
            for version_id, uid, heading, text in Translation.objects.filter(
                language=working, provision__version_id__in=source_ids
            ).values_list("provision__version_id", "provision__uid", "heading", "text")
        }
    stale: dict[int, StaleText] = {}
    for text in candidates:
        source = text.source_version
        assert source is not None
        now = current[text.provision.uid]
        written_in = now.source_version
        if source.pk == version.pk:
            continue
        then = before.get((source.pk, text.provision.uid))
        if then is not None:
            changed = not _same(then, (now.heading, now.text))
        else:
            changed = written_in is not None and written_in.number > source.number
        if changed:
            stale[text.pk] = StaleText(
                translation_id=text.pk,
                uid=text.provision.uid,
                eid=text.provision.eid,
                language=text.language,
                made_from=source.label,
                made_from_number=source.number,
                source_written_in=written_in.label if written_in else "",
                source_written_in_number=written_in.number if written_in else None,
            )
    return stale

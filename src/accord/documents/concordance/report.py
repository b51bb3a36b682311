"""The concordance report of a version (a selector): the check with what
pages and the API need beside it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.concordance.check import Report, check_concordance
from accord.documents.concordance.stale import StaleText, stale_texts
from accord.documents.models import Translation, Version


@dataclass
class VersionReport:
    """The concordance report of two languages of a version, with what pages
    and the API need beside it: each provision's eId, and the stale texts in
    those two languages."""

    report: Report
    eids: dict[str, str]
    stale: list[StaleText]


def version_report(version: Version, *, left: str, right: str) -> VersionReport:
    """Check `left` against `right` in `version`. Four queries, whatever its size."""
    provisions = list(
        version.provisions.order_by("position").prefetch_related(
            Prefetch("texts", queryset=Translation.objects.order_by("language"))
        )
    )
    uid_of = {p.pk: str(p.uid) for p in provisions}
    snapshot = [
        ProvisionSnapshot(
            uid=str(p.uid),
            kind=p.kind,
            parent_uid=uid_of.get(p.parent_id) if p.parent_id else None,
            number=p.number,
            texts=tuple(TextSnapshot(t.language, t.heading, t.text) for t in p.texts.all()),
        )
        for p in provisions
    ]
    stale = [s for s in stale_texts(version).values() if s.language in (left, right)]
    return VersionReport(
        report=check_concordance(snapshot, left=left, right=right),
        eids={str(p.uid): p.eid for p in provisions},
        stale=stale,
    )

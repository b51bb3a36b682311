"""Akoma Ntoso files as a new document.

`import_akn` reads one Akoma Ntoso document, and optionally other language
expressions of the same work, checks everything and only then writes the
document, its working copy and its provisions through the documents
services in one transaction: a refused file writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.core import languages
from accord.core.errors import ValidationError
from accord.processes.models import Party, Process

from . import safexml
from .drafts import Draft, DraftDocument, ImportResult, Warnings, write
from .reader import Expression, Reader


def process_codes(process: Process) -> frozenset[str]:
    """The delegation codes attributions may name in `process`."""
    return frozenset(p.code for p in Party.objects.filter(delegations__process=process))


def read_expression(
    data: bytes, *, codes: frozenset[str], warnings: Warnings, name: str = "The file"
) -> Expression:
    """One Akoma Ntoso file, read (nothing written)."""
    root = safexml.parse(data, name=name)
    return Reader(root, codes=codes, warnings=warnings).read()


def merge(primary: Expression, others: Sequence[Expression], warnings: Warnings) -> DraftDocument:
    """The document the expressions make together: the structure of the
    first, with the texts of the others lined up by identity (the GUID an
    Accord export gives, else the eId)."""
    seen = {primary.language}
    drafts = [d for top in primary.provisions for d in top.walk()]
    for other in others:
        if other.work and primary.work and other.work != primary.work:
            raise ValidationError(
                f"The files are expressions of different works ({primary.work} and "
                f"{other.work}); import them one at a time.",
                field="file",
            )
        if other.language in seen:
            raise ValidationError(
                f"Two files are in the same language ({other.language}).", field="file"
            )
        seen.add(other.language)
        index: dict[str, Draft] = {d.key: d for top in other.provisions for d in top.walk()}
        for draft in drafts:
            match = index.pop(draft.key, None)
            if match is not None and other.language in match.texts:
                draft.texts[other.language] = match.texts[other.language]
        extra = [d for d in index.values() if any(any(pair) for pair in d.texts.values())]
        if extra:
            warnings.add(
                f"{len(extra)} provision(s) of the {other.language} file have no counterpart "
                f"in the {primary.language} file and were not imported"
            )
    meta = primary.meta
    imported = [primary.language, *(o.language for o in others)]
    authentic = list(imported)
    working = primary.language
    if meta is not None:
        declared = [c for c in meta.authentic_languages if languages.is_known(c)]
        authentic = [*declared, *(c for c in imported if c not in declared)]
        if meta.working_language in authentic:
            working = meta.working_language
        if meta.statuses:
            warnings.add(
                "provision statuses in the file ("
                + ", ".join(sorted(meta.statuses))
                + ") were not imported: the new document starts its negotiation afresh"
            )
        missing = [c for c in authentic if c not in imported]
        if missing:
            warnings.add(
                f"the document's authentic languages {', '.join(missing)} were not in the "
                "files imported: their texts are missing"
            )
    return DraftDocument(
        kind=primary.kind,
        title={
            e.language: e.title
            for e in (primary, *others)
            if e.title and languages.is_known(e.language)
        },
        languages=authentic,
        working_language=working,
        provisions=primary.provisions,
        symbol=primary.symbol,
        is_illustrative=meta.illustrative if meta is not None else False,
        label=(meta.label if meta is not None else "") or "Imported",
        slug=meta.slug if meta is not None else "",
    )


def import_akn(
    data: bytes,
    *,
    actor: Any,
    process: Process,
    slug: str | None = None,
    translations: Sequence[bytes] = (),
    kind: str | None = None,
) -> ImportResult:
    """Import an Akoma Ntoso document into `process` as a new document with
    a working copy.

    `translations` are further language expressions of the same work (for
    example the other files of an Accord export), lined up with the first by
    provision identity. Hostile or broken files (too large, a DOCTYPE or
    entities, not well-formed, not Akoma Ntoso 3.0, a language Accord does not
    know) raise ValidationError and nothing is written. What could not be
    imported as it was is listed in the result's warnings. `kind` overrides
    the document kind the file gives.
    """
    warnings = Warnings()
    codes = process_codes(process)
    primary = read_expression(data, codes=codes, warnings=warnings)
    others = [
        read_expression(extra, codes=codes, warnings=warnings, name=f"Translation {n}")
        for n, extra in enumerate(translations, 1)
    ]
    draft = merge(primary, others, warnings)
    return write(draft, actor=actor, process=process, slug=slug, warnings=warnings, kind=kind)

"""Load the demo documents: create each one, build its provision tree with
its texts in every language, publish it, and open the revisions.

A document that already exists is left exactly as it is, whoever changed it
since: its parts are only written together with it, in the loader's single
transaction, so an existing document is a complete one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from accord.core.actors import SYSTEM
from accord.demo import scenario
from accord.documents import services as documents
from accord.documents.models import Document, Provision, Version
from accord.meetings.models import Meeting
from accord.processes.models import Delegation, Process

Tally = Callable[[], None]


def load_document(
    spec: scenario.DocumentSpec,
    *,
    process: Process,
    delegations: dict[str, Delegation],
    tally: Tally,
) -> Document:
    """The document of `spec`, created with its first version if it is missing."""
    existing = Document.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    document = documents.create_document(
        actor=SYSTEM,
        process=process,
        slug=spec.slug,
        kind=spec.kind,
        title=spec.title,
        summary=spec.summary,
        symbol=spec.symbol,
        authentic_languages=list(spec.authentic_languages),
        working_language=spec.working_language,
        visibility=spec.visibility,
        owner_delegation=delegations[spec.owner_party] if spec.owner_party else None,
        is_illustrative=spec.is_illustrative,
        first_label=spec.first_label,
        meeting=Meeting.objects.get(slug=spec.meeting) if spec.meeting else None,
    )
    tally()
    first = document.versions.get(number=1)
    _build(first, None, spec.provisions, tally)
    if spec.published_label is not None:
        documents.publish_version(actor=SYSTEM, version=first, label=spec.published_label)
        tally()
    return document


def _build(
    version: Version,
    parent: Provision | None,
    specs: Sequence[scenario.ProvisionSpec],
    tally: Tally,
) -> None:
    for spec in specs:
        provision = documents.add_provision(
            actor=SYSTEM, version=version, kind=spec.kind, number=spec.number, parent=parent
        )
        tally()
        for language, (heading, text) in spec.texts.items():
            documents.set_text(
                actor=SYSTEM,
                provision=provision,
                language=language,
                heading=heading,
                text=text,
                expected_revision=0,
            )
            tally()
        _build(version, provision, spec.children, tally)


def _keyed(
    version: Version, parent: Provision | None, specs: Sequence[scenario.ProvisionSpec]
) -> dict[str, Provision]:
    """The provisions of `version` that the keyed specs describe, matched by
    their place in the tree."""
    found: dict[str, Provision] = {}
    existing = version.provisions.filter(parent=parent).order_by("position")
    for spec, provision in zip(specs, existing, strict=True):
        if spec.key:
            found[spec.key] = provision
        found.update(_keyed(version, provision, spec.children))
    return found


def load_revision(
    spec: scenario.RevisionSpec,
    *,
    document: Document,
    tree: Sequence[scenario.ProvisionSpec],
    tally: Tally,
) -> Version:
    """Open the revision's working copy from the latest published version
    (the compilation text, when the document is negotiated), if the document
    has no version of that label yet, and make its changes there."""
    existing = document.versions.filter(label=spec.label).first()
    if existing is not None:
        return existing
    uids = {key: p.uid for key, p in _keyed(document.versions.get(number=1), None, tree).items()}
    version = documents.start_working_copy(actor=SYSTEM, document=document, label=spec.label)
    tally()

    def get(key: str) -> Provision:
        return version.provisions.get(uid=uids[key])

    documents.move_provision(
        actor=SYSTEM,
        provision=get(spec.move),
        parent=get(spec.move_into),
        number=spec.move_number,
    )
    tally()
    renumbered = get(spec.renumber)
    # Moving a provision to the end of its own parent renumbers it in place,
    # since it is the last child there (see RevisionSpec).
    documents.move_provision(
        actor=SYSTEM, provision=renumbered, parent=renumbered.parent, number=spec.renumber_to
    )
    tally()
    changed = get(spec.change)
    for language, (heading, text) in spec.change_texts.items():
        documents.set_text(
            actor=SYSTEM,
            provision=changed,
            language=language,
            heading=heading,
            text=text,
            expected_revision=changed.texts.get(language=language).revision,
        )
        tally()
    return version

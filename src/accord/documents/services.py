"""Writes to documents, versions, provisions and their texts.

A version is a working copy until it is published; after that nothing in it
changes. Text edits carry the revision the writer read, so two writers never
overwrite each other silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from accord.core import languages
from accord.core.actors import require
from accord.core.enums import Visibility
from accord.core.errors import Conflict, ValidationError
from accord.documents.canonical import content_hash
from accord.documents.enums import ALLOWED_CHILDREN, DocumentKind, ProvisionKind, VersionStatus
from accord.documents.models import Document, Provision, Translation, Version
from accord.documents.selectors import version_snapshot
from accord.documents.tree import children_map, relayout
from accord.meetings.models import Meeting
from accord.negotiation import markup
from accord.processes.models import Delegation, Process
from accord.record.audit import record_event

MAX_TEXT_LENGTH = 20_000
RESERVED_SLUGS = frozenset({"import"})
"""Addresses under a process's documents/ that are pages, not documents."""
CHANGE_REFUSED = (
    "Only the secretariat edits this document (a delegation edits only its own internal material)."
)


def _lock_working(version: Version) -> Version:
    # Lock the version row only, and without blocking foreign-key checks: the
    # audit event's key to the process takes KEY SHARE on the process row, so a
    # FOR UPDATE reaching the process would deadlock against writers that
    # already hold the chain head.
    locked = (
        Version.objects.select_for_update(no_key=True, of=("self",))
        .select_related("document__process")
        .get(pk=version.pk)
    )
    if locked.status != VersionStatus.WORKING:
        raise Conflict(f"{locked.label} is published and can no longer change.")
    return locked


def create_document(
    *,
    actor: Any,
    process: Process,
    kind: str,
    title: dict[str, str],
    authentic_languages: list[str],
    working_language: str,
    symbol: str = "",
    summary: dict[str, str] | None = None,
    visibility: str = Visibility.PARTICIPANTS,
    owner_delegation: Delegation | None = None,
    is_illustrative: bool = False,
    first_label: str = "Zero draft",
    slug: str | None = None,
    meeting: Meeting | None = None,
) -> Document:
    """Create a document with an empty working copy. Records `document.created`."""
    if owner_delegation is not None:
        require(
            actor,
            "documents.create_delegation_document",
            owner_delegation,
            message="Only members of that delegation create its internal material.",
        )
    else:
        require(
            actor,
            "documents.create_document",
            process,
            message="Only the secretariat creates the process's documents.",
        )
    if kind not in DocumentKind.values:
        raise ValidationError(f"Unknown document kind {kind!r}.", field="kind")
    if visibility not in Visibility.values:
        raise ValidationError(f"Unknown visibility {visibility!r}.", field="visibility")
    title = languages.validate_texts(title, field="title")
    summary = languages.validate_texts(summary or {}, field="summary", required=False)
    if not authentic_languages:
        raise ValidationError("Name at least one authentic language.", field="authentic_languages")
    for code in authentic_languages:
        if not languages.is_known(code):
            raise ValidationError(f"Unknown language code {code!r}.", field="authentic_languages")
    if len(set(authentic_languages)) != len(authentic_languages):
        raise ValidationError("A language is listed twice.", field="authentic_languages")
    if working_language not in authentic_languages:
        raise ValidationError(
            "The working language must be one of the authentic languages.",
            field="working_language",
        )
    if (visibility == Visibility.DELEGATION) != (owner_delegation is not None):
        raise ValidationError(
            "Delegation-internal documents, and only they, name their delegation.",
            field="owner_delegation",
        )
    if meeting is not None and meeting.process_id != process.pk:
        raise ValidationError("That meeting is in another process.", field="meeting")
    if owner_delegation is not None and owner_delegation.process_id != process.pk:
        raise ValidationError("That delegation is not in this process.", field="owner_delegation")
    slug = slug or slugify(f"{process.slug}-{title.get('en') or next(iter(title.values()))}")[:80]
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"{slug!r} is reserved: choose another slug.", field="slug")
    with transaction.atomic():
        if Document.objects.filter(slug=slug).exists():
            raise Conflict(f"A document with the slug {slug!r} already exists.", field="slug")
        document = Document.objects.create(
            process=process,
            slug=slug,
            kind=kind,
            title=title,
            symbol=symbol,
            summary=summary,
            authentic_languages=list(authentic_languages),
            working_language=working_language,
            visibility=visibility,
            owner_delegation=owner_delegation,
            is_illustrative=is_illustrative,
            meeting=meeting,
        )
        Version.objects.create(document=document, number=1, label=first_label)
        record_event(
            actor=actor,
            kind="document.created",
            process=process,
            subject=document,
            payload={
                "meeting": meeting.slug if meeting else None,
                "slug": slug,
                "kind": kind,
                "title": title,
                "languages": authentic_languages,
                "visibility": visibility,
            },
        )
    return document


def _validate_texts(
    document: Document, texts: dict[str, tuple[str, str]] | None
) -> dict[str, tuple[str, str]]:
    cleaned: dict[str, tuple[str, str]] = {}
    for code, pair in (texts or {}).items():
        if code not in document.authentic_languages:
            raise ValidationError(
                f"{code!r} is not an authentic language of this document "
                f"({', '.join(document.authentic_languages)}).",
                field="texts",
            )
        heading, text = pair
        if len(text) > MAX_TEXT_LENGTH or len(heading) > 500:
            raise ValidationError(
                f"The {code} text is too long (at most {MAX_TEXT_LENGTH} characters).",
                field="texts",
            )
        if "\x00" in heading or "\x00" in text:
            # PostgreSQL cannot store it; refuse it on every database alike.
            raise ValidationError(
                f"The {code} text contains a NUL character; remove it.", field="texts"
            )
        cleaned[code] = (heading.strip(), canonical_markup(document, text.strip(), language=code))
    return cleaned


def delegation_codes(document: Document) -> frozenset[str]:
    """The codes negotiators may use in attributions in this document's process."""
    from accord.processes.models import Party

    return frozenset(
        code or slug.upper().replace("-", "")[:12]
        for code, slug in Party.objects.filter(
            delegations__process_id=document.process_id
        ).values_list("iso_code", "slug")
    )


def canonical_markup(document: Document, text: str, *, language: str) -> str:
    """Validate a text's negotiation markup and return its canonical notation
    (with identities), so that what is stored always parses back to the same
    structure. Invalid markup is refused with its position and reason."""
    if not any(c in text for c in "[]{}\\"):
        return text  # no markup: nothing to check, stored as typed
    try:
        return markup.render(markup.parse(text, delegations=delegation_codes(document)))
    except markup.MarkupError as exc:
        raise ValidationError(
            f"The {language} text has invalid negotiation markup: {exc.message}", field="text"
        ) from exc


def add_provision(
    *,
    actor: Any,
    version: Version,
    kind: str,
    number: str = "",
    parent: Provision | None = None,
    after: Provision | None = None,
    texts: dict[str, tuple[str, str]] | None = None,
) -> Provision:
    """Insert a provision into a working copy: as the last child of `parent`
    (or of the document), or right after its sibling `after`. `texts` maps a
    language to (heading, text). Records `provision.added`."""
    require(actor, "documents.change_document", version.document, message=CHANGE_REFUSED)
    if kind not in ProvisionKind.values:
        raise ValidationError(f"Unknown provision kind {kind!r}.", field="kind")
    with transaction.atomic():
        version = _lock_working(version)
        document = version.document
        cleaned = _validate_texts(document, texts)
        provisions = list(version.provisions.all())
        by_id = {p.pk: p for p in provisions}
        # Read places from the locked rows, not from the caller's (maybe stale) objects.
        if after is not None:
            if after.pk not in by_id:
                raise ValidationError("`after` is in another version.", field="after")
            parent_id = by_id[after.pk].parent_id
        else:
            if parent is not None and parent.pk not in by_id:
                raise ValidationError("The parent is in another version.", field="parent")
            parent_id = parent.pk if parent is not None else None
        parent_kind = by_id[parent_id].kind if parent_id is not None else None
        if kind not in ALLOWED_CHILDREN[parent_kind]:
            where = by_id[parent_id].get_kind_display().lower() if parent_id else "the document"
            raise ValidationError(
                f"A {ProvisionKind(kind).label.lower()} cannot be placed in {where}.", field="kind"
            )
        provision = Provision.objects.create(
            version=version,
            kind=kind,
            parent_id=parent_id,
            number=number.strip(),
            position=len(provisions) + 1_000_000,
            eid=f"tmp-{len(provisions)}",
        )
        children = children_map(provisions)
        siblings = children[parent_id]
        index = siblings.index(by_id[after.pk]) + 1 if after is not None else len(siblings)
        siblings.insert(index, provision)
        ordered = relayout(children)
        Provision.objects.bulk_update(ordered, ["position", "depth", "eid"])
        Translation.objects.bulk_create(
            Translation(
                provision=provision, language=code, heading=h, text=t, source_version=version
            )
            for code, (h, t) in cleaned.items()
        )
        record_event(
            actor=actor,
            kind="provision.added",
            process=document.process,
            subject=provision,
            payload={
                "version": version.pk,
                "uid": provision.uid,
                "eid": provision.eid,
                "kind": kind,
            },
        )
    return provision


@dataclass
class NewProvision:
    """A provision for `add_provisions`: kind, number, texts per language as
    (heading, text), and its own sub-provisions."""

    kind: str
    number: str = ""
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    children: list[NewProvision] = field(default_factory=list)


def add_provisions(
    *,
    actor: Any,
    version: Version,
    items: Sequence[NewProvision],
    parent: Provision | None = None,
) -> list[Provision]:
    """Insert a whole tree of provisions at the end of a working copy (or as
    the last children of `parent`) in one pass: every kind is checked against
    its parent, every text as `add_provision` checks it, the version is
    renumbered once. Returns the new provisions in document order. Records
    one `provisions.added` event. For imports: `add_provision` renumbers the
    whole version on every call."""
    require(actor, "documents.change_document", version.document, message=CHANGE_REFUSED)
    with transaction.atomic():
        version = _lock_working(version)
        document = version.document
        existing = list(version.provisions.all())
        by_id = {p.pk: p for p in existing}
        if parent is not None and parent.pk not in by_id:
            raise ValidationError("The parent is in another version.", field="parent")
        parent_kind = by_id[parent.pk].kind if parent is not None else None
        flat: list[tuple[NewProvision, int | None, dict[str, tuple[str, str]]]] = []

        def check(nodes: Sequence[NewProvision], kind_above: str | None, above: int | None) -> None:
            for node in nodes:
                if node.kind not in ProvisionKind.values:
                    raise ValidationError(f"Unknown provision kind {node.kind!r}.", field="kind")
                if node.kind not in ALLOWED_CHILDREN[kind_above]:
                    where = (
                        ProvisionKind(kind_above).label.lower() if kind_above else "the document"
                    )
                    raise ValidationError(
                        f"A {ProvisionKind(node.kind).label.lower()} cannot be placed in {where}.",
                        field="kind",
                    )
                flat.append((node, above, _validate_texts(document, node.texts)))
                check(node.children, node.kind, len(flat) - 1)

        check(items, parent_kind, None)
        if not flat:
            return []
        start = max((p.position for p in existing), default=0) + 1_000_000
        created = Provision.objects.bulk_create(
            Provision(
                version=version,
                kind=node.kind,
                number=node.number.strip(),
                position=start + index,
                eid=f"tmp-{start + index}",
            )
            for index, (node, _, _) in enumerate(flat)
        )
        if not connection_returns_ids():
            created = list(version.provisions.filter(position__gte=start).order_by("position"))
        for provision, (_, above, _) in zip(created, flat, strict=True):
            if above is not None:
                provision.parent_id = created[above].pk
            else:
                provision.parent_id = parent.pk if parent is not None else None
        children = children_map([*existing, *created])
        ordered = relayout(children)
        Provision.objects.bulk_update(ordered, ["position", "depth", "eid", "parent"])
        Translation.objects.bulk_create(
            Translation(
                provision=provision, language=code, heading=h, text=t, source_version=version
            )
            for provision, (_, _, cleaned) in zip(created, flat, strict=True)
            for code, (h, t) in cleaned.items()
        )
        kinds: dict[str, int] = {}
        for node, _, _ in flat:
            kinds[node.kind] = kinds.get(node.kind, 0) + 1
        record_event(
            actor=actor,
            kind="provisions.added",
            process=document.process,
            subject=version,
            payload={
                "version": version.pk,
                "parent": str(by_id[parent.pk].uid) if parent is not None else None,
                "count": len(flat),
                "kinds": kinds,
            },
        )
    return created


def move_provision(
    *,
    actor: Any,
    provision: Provision,
    parent: Provision | None = None,
    after: Provision | None = None,
    number: str | None = None,
) -> Provision:
    """Move a provision (with its subtree) and optionally renumber it. Its
    identity (uid) is kept; its eId follows its new place. Records `provision.moved`."""
    version = provision.version
    require(actor, "documents.change_document", version.document, message=CHANGE_REFUSED)
    with transaction.atomic():
        version = _lock_working(version)
        provisions = list(version.provisions.all())
        by_id = {p.pk: p for p in provisions}
        node = by_id[provision.pk]
        if after is not None and after.pk not in by_id:
            raise ValidationError("`after` is in another version.", field="after")
        if parent is not None and parent.pk not in by_id:
            raise ValidationError("The parent is in another version.", field="parent")
        if after is not None and after.pk == node.pk:
            raise ValidationError("A provision cannot be placed after itself.", field="after")
        target_parent_id = (
            by_id[after.pk].parent_id if after is not None else (parent.pk if parent else None)
        )
        # A provision cannot move inside itself.
        cursor = target_parent_id
        while cursor is not None:
            if cursor == node.pk:
                raise ValidationError("A provision cannot move inside itself.", field="parent")
            cursor = by_id[cursor].parent_id
        parent_kind = by_id[target_parent_id].kind if target_parent_id else None
        if node.kind not in ALLOWED_CHILDREN[parent_kind]:
            raise ValidationError(
                f"A {node.get_kind_display().lower()} cannot be placed there.", field="parent"
            )
        old_eid = node.eid
        children = children_map(provisions)
        children[node.parent_id].remove(node)
        node.parent_id = target_parent_id
        if number is not None:
            node.number = number.strip()
        siblings = children[target_parent_id]
        index = siblings.index(by_id[after.pk]) + 1 if after is not None else len(siblings)
        siblings.insert(index, node)
        ordered = relayout(children)
        Provision.objects.bulk_update(ordered, ["position", "depth", "eid", "parent", "number"])
        record_event(
            actor=actor,
            kind="provision.moved",
            process=version.document.process,
            subject=node,
            payload={"uid": node.uid, "from": old_eid, "to": node.eid},
        )
    return node


def remove_provision(*, actor: Any, provision: Provision) -> None:
    """Delete a provision and its subtree from a working copy. Records `provision.removed`."""
    version = provision.version
    require(actor, "documents.change_document", version.document, message=CHANGE_REFUSED)
    with transaction.atomic():
        version = _lock_working(version)
        uid, eid = provision.uid, provision.eid
        Provision.objects.filter(pk=provision.pk).delete()
        ordered = relayout(children_map(list(version.provisions.all())))
        Provision.objects.bulk_update(ordered, ["position", "depth", "eid"])
        fallen = _conditions_fallen(version.document)
        record_event(
            actor=actor,
            kind="provision.removed",
            process=version.document.process,
            subject=version,
            payload={"uid": uid, "eid": eid, "conditions_fallen": fallen},
        )


def _conditions_fallen(document: Document) -> list[str]:
    """Provisions agreed subject to one whose text just changed fall back
    (negotiation.services.status); their uids go into the caller's event."""
    from accord.negotiation.services.status import fall_back_changed_conditions

    return [str(uid) for uid in fall_back_changed_conditions(document=document)]


def set_text(
    *,
    actor: Any,
    provision: Provision,
    language: str,
    text: str,
    heading: str = "",
    expected_revision: int | None = None,
    source_version: Version | None = None,
) -> Translation:
    """Write a provision's heading and text in one language of a working copy.

    `expected_revision` is the revision the writer read (0 when there was no
    text yet); if someone else wrote in between, Conflict carries the current
    text instead of overwriting it. Records `provision.text_set`.
    """
    document = provision.version.document
    require(actor, "documents.change_document", document, message=CHANGE_REFUSED)
    ((language, (heading, text)),) = _validate_texts(document, {language: (heading, text)}).items()
    with transaction.atomic():
        version = _lock_working(provision.version)
        if source_version is not None and source_version.document_id != document.pk:
            raise ValidationError(
                "The source version is of another document.", field="source_version"
            )
        current = (
            Translation.objects.select_for_update(no_key=True)
            .filter(provision=provision, language=language)
            .first()
        )
        current_revision = current.revision if current else 0
        if expected_revision is not None and expected_revision != current_revision:
            raise Conflict(
                f"The {language} text changed since you read it (now revision "
                f"{current_revision}): {current.text if current else ''}"
            )
        if current is None:
            current = Translation.objects.create(
                provision=provision,
                language=language,
                heading=heading,
                text=text,
                source_version=source_version or version,
            )
        else:
            current.heading, current.text = heading, text
            current.source_version = source_version or version
            current.revision = current_revision + 1
            current.save(update_fields=["heading", "text", "source_version", "revision"])
        fallen = _conditions_fallen(document)
        record_event(
            actor=actor,
            kind="provision.text_set",
            process=document.process,
            subject=current,
            payload={
                "uid": provision.uid,
                "language": language,
                "revision": current.revision,
                "conditions_fallen": fallen,
            },
        )
    return current


def publish_version(*, actor: Any, version: Version, label: str | None = None) -> Version:
    """Freeze a working copy: it gets its label and content hash and never
    changes again. Records `version.published`."""
    require(actor, "documents.change_document", version.document, message=CHANGE_REFUSED)
    with transaction.atomic():
        version = _lock_working(version)
        if label is not None:
            if not label.strip():
                raise ValidationError("A published version needs a label.", field="label")
            version.label = label.strip()
        version.content_hash = content_hash(version_snapshot(version))
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save(
            update_fields=["label", "content_hash", "status", "published_at", "updated_at"]
        )
        record_event(
            actor=actor,
            kind="version.published",
            process=version.document.process,
            subject=version,
            payload={
                "document": version.document.slug,
                "label": version.label,
                "content_hash": version.content_hash,
            },
        )
    return version


def start_working_copy(*, actor: Any, document: Document, label: str) -> Version:
    """Open a new working copy from the latest published version, keeping every
    provision's identity and every text with its source version. Records
    `version.started`."""
    require(actor, "documents.change_document", document, message=CHANGE_REFUSED)
    if not label.strip():
        raise ValidationError("Give the new working copy a label.", field="label")
    with transaction.atomic():
        Document.objects.select_for_update(no_key=True).get(pk=document.pk)
        if document.versions.filter(status=VersionStatus.WORKING).exists():
            raise Conflict("This document already has a working copy; publish it first.")
        base = document.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
        number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = Version.objects.create(
            document=document, number=number, label=label.strip(), base=base
        )
        if base is not None:
            copy_tree(base, version)
        record_event(
            actor=actor,
            kind="version.started",
            process=document.process,
            subject=version,
            payload={
                "document": document.slug,
                "label": version.label,
                "base": base.pk if base else None,
            },
        )
    return version


def copy_tree(source: Version, target: Version) -> tuple[list[Provision], list[Translation]]:
    """Copy `source`'s provisions (keeping their uids) and texts into `target`;
    return the new provisions in document order and the new texts."""
    old = list(source.provisions.order_by("position"))
    clones = [
        Provision(
            version=target,
            uid=p.uid,
            kind=p.kind,
            position=p.position,
            depth=p.depth,
            number=p.number,
            eid=p.eid,
        )
        for p in old
    ]
    Provision.objects.bulk_create(clones)
    if not connection_returns_ids():
        clones = list(target.provisions.order_by("position"))
    new_by_old = {o.pk: c for o, c in zip(old, clones, strict=True)}
    for o, c in zip(old, clones, strict=True):
        c.parent_id = new_by_old[o.parent_id].pk if o.parent_id else None
    Provision.objects.bulk_update(clones, ["parent"])
    texts = Translation.objects.bulk_create(
        Translation(
            provision=new_by_old[t.provision_id],
            language=t.language,
            heading=t.heading,
            text=t.text,
            source_version=t.source_version,
            revision=1,
        )
        for t in Translation.objects.filter(provision__version=source)
    )
    return clones, texts


def connection_returns_ids() -> bool:
    from django.db import connection

    return bool(connection.features.can_return_rows_from_bulk_insert)

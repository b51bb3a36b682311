"""Building a compilation text from a base version and tabled proposals.

Competing proposals on the same text become attributed options; proposed
deletions become deletion brackets (shown struck through) with attribution;
insertions become new, bracketed, attributed provisions; bracketing and
un-bracketing proposals act on the spans they name. Every selected proposal
ends either incorporated, with the version, provision and markup node that
carry it, or still tabled with a reason saying why it could not be applied.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from accord.core.actors import require
from accord.core.errors import Conflict, ValidationError
from accord.documents.canonical import content_hash
from accord.documents.enums import VersionStatus
from accord.documents.models import Document, Provision, Translation, Version
from accord.documents.selectors import version_snapshot
from accord.documents.services import copy_tree, delegation_codes
from accord.documents.tree import children_map, relayout
from accord.negotiation import markup
from accord.negotiation.enums import Operation, ProposalStatus
from accord.negotiation.models import Cosponsorship, Proposal
from accord.negotiation.services.status import fall_back_changed_conditions
from accord.record.audit import record_event

LATIN_ORDINALS = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies")


@dataclass
class CompilationResult:
    version: Version
    incorporated: list[Proposal] = field(default_factory=list)
    not_applied: list[Proposal] = field(default_factory=list)


def attribution_of(proposal: Proposal) -> tuple[str, ...]:
    """The proposing delegation, then its current co-sponsors in the order they joined."""
    codes = [proposal.delegation.code]
    for row in proposal.cosponsorships.all():
        if row.withdrawn_at is None and row.delegation.code not in codes:
            codes.append(row.delegation.code)
    return tuple(codes)


def _merge(groups: list[tuple[str, ...]]) -> tuple[str, ...]:
    merged: dict[str, None] = {}
    for codes in groups:
        merged.update(dict.fromkeys(codes))
    return tuple(merged)


@dataclass
class _Group:
    """Proposals asking for the same thing: one option or bracket, joint attribution."""

    proposals: list[Proposal]

    @property
    def attribution(self) -> tuple[str, ...]:
        return _merge([attribution_of(p) for p in self.proposals])

    @property
    def first(self) -> Proposal:
        return self.proposals[0]


def _group(proposals: list[Proposal], key: Any) -> list[_Group]:
    groups: dict[Any, _Group] = {}
    for proposal in sorted(proposals, key=lambda p: p.number):
        groups.setdefault(key(proposal), _Group([])).proposals.append(proposal)
    return list(groups.values())


class _Text:
    """The markup of one provision in one language while it is being compiled."""

    def __init__(self, text: str, codes: frozenset[str]) -> None:
        self.markup = markup.parse(text, delegations=codes)
        self.codes = codes

    def new_ids(self, before: markup.Markup) -> set[str]:
        return set(self.markup.ids - before.ids)


def _apply_brackets(
    text: _Text, groups: list[_Group], done: dict[int, str], failed: dict[int, str]
) -> None:
    # Later spans first, inner before outer: earlier offsets in the clean text
    # stay valid, and an outer span then wraps the inner bracket whole.
    ordered = sorted(groups, key=lambda g: (-(g.first.span_start or 0), (g.first.span_end or 0)))
    applied: list[tuple[int, int]] = []
    for group in ordered:
        start, end = group.first.span_start or 0, group.first.span_end or 0
        crossing = [a for a in applied if a[0] < start < a[1] < end or start < a[0] < end < a[1]]
        if crossing:
            for p in group.proposals:
                failed[p.pk] = "its span crosses another proposal's brackets"
            continue
        inside = sum(b - a for a, b in applied if start <= a and b <= end)
        before = text.markup
        try:
            text.markup = markup.bracket(
                text.markup, start, end - inside, attribution=group.attribution
            )
        except markup.MarkupError as exc:
            for p in group.proposals:
                failed[p.pk] = exc.message
            continue
        applied.append((start, end))
        (ref,) = text.new_ids(before)
        for p in group.proposals:
            done[p.pk] = ref


def _apply_simple(
    text: _Text, groups: list[_Group], done: dict[int, str], failed: dict[int, str], apply: Any
) -> None:
    for group in groups:
        before = text.markup
        try:
            text.markup, ref = apply(text.markup, group)
        except markup.MarkupError as exc:
            text.markup = before
            for p in group.proposals:
                failed[p.pk] = exc.message
            continue
        for p in group.proposals:
            done[p.pk] = ref


def _content(text: _Text, proposal: Proposal) -> markup.Markup:
    return markup.parse(proposal.text, delegations=text.codes)


def _alternatives(
    text: _Text, groups: list[_Group], done: dict[int, str], failed: dict[int, str]
) -> None:
    """Replacement texts (and new options for the whole text) become options."""
    if not groups:
        return
    m = text.markup
    if not m.content:
        # Nothing to replace: competing insertions, each in its own bracket.
        parts = [
            "["
            + markup.render(_content(text, g.first), with_ids=False)
            + "]{"
            + ", ".join(g.attribution)
            + "}"
            for g in groups
        ]
        text.markup = markup.parse(" ".join(parts), delegations=text.codes)
        refs = [n.id for n in text.markup.content if isinstance(n, markup.Bracket)]
        for group, ref in zip(groups, refs, strict=True):
            for p in group.proposals:
                done[p.pk] = ref
        return
    pending = list(groups)
    if not (len(m.content) == 1 and isinstance(m.content[0], markup.OptionSet)):
        first = pending.pop(0)
        length = len(markup.clean_text(m))
        try:
            m2 = markup.add_alternative(
                m,
                0,
                length,
                content=_content(text, first.first),
                attribution=first.attribution,
            )
        except markup.MarkupError as exc:
            for group in groups:
                for p in group.proposals:
                    failed[p.pk] = exc.message
            return
        option_set = next(n for n in m2.content if isinstance(n, markup.OptionSet))
        text.markup = m2
        for p in first.proposals:
            done[p.pk] = option_set.options[-1].id
    target = next(n for n in text.markup.content if isinstance(n, markup.OptionSet))

    def add(current: markup.Markup, group: _Group) -> tuple[markup.Markup, str]:
        result = markup.add_option(
            current,
            target.id,
            content=_content(text, group.first),
            attribution=group.attribution,
        )
        added = [
            n
            for n in markup.walk(result)
            if isinstance(n, markup.Option)
            and n.id not in current.ids
            and n.attribution == group.attribution
        ]
        return result, added[0].id

    _apply_simple(text, pending, done, failed, add)


def compile_text(
    *,
    actor: Any,
    base: Version,
    proposals: list[Proposal],
    label: str = "Compilation text",
) -> CompilationResult:
    """Build and publish a compilation text from `base` and the selected
    tabled `proposals` (all tabled against `base`). Records `version.compiled`.

    Two compilations of one document never run at once (the document row is
    locked), and a proposal already incorporated, withdrawn or not retained
    cannot be compiled again: the second compilation gets a Conflict naming it.
    """
    document = base.document
    require(actor, "negotiation.compile", document)
    if not base.is_published:
        raise Conflict("A compilation starts from a published version.")
    if not label.strip():
        raise ValidationError("Give the compilation text a label.", field="label")
    if not proposals:
        raise ValidationError("Select at least one tabled proposal.", field="proposals")
    with transaction.atomic():
        Document.objects.select_for_update(no_key=True).get(pk=document.pk)
        locked = list(
            Proposal.objects.select_for_update(no_key=True, of=("self",))
            .filter(pk__in=[p.pk for p in proposals])
            .select_related("delegation__party")
            .prefetch_related(
                Prefetch(
                    "cosponsorships",
                    queryset=Cosponsorship.objects.select_related("delegation__party").order_by(
                        "joined_at", "id"
                    ),
                )
            )
            .order_by("number")
        )
        stale = [p.label for p in locked if p.status != ProposalStatus.TABLED]
        if stale:
            raise Conflict(f"No longer tabled: {', '.join(stale)}. Reload and select again.")
        other = [p.label for p in locked if p.version_id != base.pk]
        if other:
            raise ValidationError(f"Tabled against another version: {', '.join(other)}.")
        number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = Version.objects.create(
            document=document,
            number=number,
            label=label.strip(),
            base=base,
            status=VersionStatus.PUBLISHED,
            content_hash="pending",
            published_at=timezone.now(),
        )
        provisions, texts = copy_tree(base, version)
        if any(t.pk is None for t in texts):
            texts = list(Translation.objects.filter(provision__version=version))
        done, failed, placed = _build(document, version, provisions, texts, locked)
        version.content_hash = content_hash(version_snapshot(version))
        version.save(update_fields=["content_hash"])
        fallen = [str(uid) for uid in fall_back_changed_conditions(document=document)]
        result = CompilationResult(version=version)
        for p in locked:
            if p.pk in done:
                p.status = ProposalStatus.INCORPORATED
                p.incorporated_version = version
                p.incorporated_provision_uid = placed.get(p.pk, p.provision_uid)
                p.incorporated_ref = done[p.pk]
                p.status_reason = ""
                result.incorporated.append(p)
            else:
                p.status_reason = (
                    f"Could not be applied in {version.label}: {failed.get(p.pk, 'unknown')}."
                )
                result.not_applied.append(p)
        Proposal.objects.bulk_update(
            locked,
            [
                "status",
                "incorporated_version",
                "incorporated_provision_uid",
                "incorporated_ref",
                "status_reason",
                "updated_at",
            ],
        )
        record_event(
            actor=actor,
            kind="version.compiled",
            process=document.process,
            subject=version,
            payload={
                "document": document.slug,
                "label": version.label,
                "base": base.label,
                "content_hash": version.content_hash,
                "incorporated": [p.number for p in result.incorporated],
                "not_applied": [p.number for p in result.not_applied],
            },
        )
    return result


def _build(
    document: Document,
    version: Version,
    provisions: list[Provision],
    texts: list[Translation],
    proposals: list[Proposal],
) -> tuple[dict[int, str], dict[int, str], dict[int, uuid.UUID]]:
    codes = delegation_codes(document)
    by_uid = {p.uid: p for p in provisions}
    text_of: dict[tuple[uuid.UUID, str], Translation] = {}
    uid_of_pk = {p.pk: p.uid for p in provisions}
    for t in texts:
        text_of[(uid_of_pk[t.provision_id], t.language)] = t
    done: dict[int, str] = {}
    failed: dict[int, str] = {}
    placed: dict[int, uuid.UUID] = {}
    changed: list[Translation] = []
    created: list[Translation] = []

    targets: dict[tuple[uuid.UUID, str], list[Proposal]] = defaultdict(list)
    inserts: list[Proposal] = []
    for p in proposals:
        if p.operation in (Operation.INSERT_BEFORE, Operation.INSERT_AFTER):
            inserts.append(p)
        else:
            targets[(p.provision_uid, p.language)].append(p)

    for (uid, language), group in targets.items():
        row = text_of.get((uid, language))
        text = _Text(row.text if row else "", codes)
        by_op: dict[str, list[Proposal]] = defaultdict(list)
        for p in group:
            by_op[p.operation].append(p)
        _apply_brackets(
            text,
            _group(by_op[Operation.BRACKET], lambda p: (p.span_start, p.span_end)),
            done,
            failed,
        )
        _apply_simple(
            text,
            _group(by_op[Operation.REMOVE_BRACKETS], lambda p: p.target_ref),
            done,
            failed,
            lambda m, g: (markup.remove_brackets(m, g.first.target_ref), g.first.target_ref),
        )

        def option(m: markup.Markup, g: _Group, text: _Text = text) -> tuple[markup.Markup, str]:
            result = markup.add_option(
                m, g.first.target_ref, content=_content(text, g.first), attribution=g.attribution
            )
            added = [
                n
                for n in markup.walk(result)
                if isinstance(n, markup.Option)
                and n.id not in m.ids
                and n.attribution == g.attribution
            ]
            return result, added[0].id

        _apply_simple(
            text,
            _group(
                [p for p in by_op[Operation.ADD_OPTION] if p.target_ref],
                lambda p: (p.target_ref, p.text),
            ),
            done,
            failed,
            option,
        )
        _alternatives(
            text,
            _group(
                by_op[Operation.REPLACE_TEXT]
                + [p for p in by_op[Operation.ADD_OPTION] if not p.target_ref],
                lambda p: p.text,
            ),
            done,
            failed,
        )
        if by_op[Operation.DELETE]:
            deleting = _Group(sorted(by_op[Operation.DELETE], key=lambda p: p.number))
            before = text.markup
            try:
                text.markup = markup.mark_deletion(text.markup, attribution=deleting.attribution)
                outer = text.markup.content[0]
                assert isinstance(outer, markup.Bracket)
                for p in deleting.proposals:
                    done[p.pk] = outer.id
            except markup.MarkupError as exc:
                text.markup = before
                for p in deleting.proposals:
                    failed[p.pk] = exc.message
        rendered = markup.render(text.markup)
        if row is not None:
            if rendered != row.text:
                row.text = rendered
                row.source_version = version
                changed.append(row)
        elif rendered:
            created.append(
                Translation(
                    provision=by_uid[uid], language=language, text=rendered, source_version=version
                )
            )

    if inserts:
        _insert(version, provisions, inserts, codes, done, failed, placed, created)
    Translation.objects.bulk_update(changed, ["text", "source_version"])
    Translation.objects.bulk_create(created)
    return done, failed, placed


def _insert(
    version: Version,
    provisions: list[Provision],
    inserts: list[Proposal],
    codes: frozenset[str],
    done: dict[int, str],
    failed: dict[int, str],
    placed: dict[int, uuid.UUID],
    created: list[Translation],
) -> None:
    """New provisions, each bracketed and attributed, next to their target."""
    by_uid = {p.uid: p for p in provisions}
    children = children_map(provisions)
    groups = _group(
        inserts,
        lambda p: (p.provision_uid, p.operation, p.language, p.text, p.new_kind, p.new_number),
    )
    after_count: dict[uuid.UUID, int] = defaultdict(int)
    before_count: dict[uuid.UUID, int] = defaultdict(int)
    for group in groups:
        first = group.first
        target = by_uid[first.provision_uid]
        text = _Text("", codes)
        try:
            content = markup.render(_content(text, first), with_ids=False)
            bracketed = markup.parse(
                "[" + content + "]{" + ", ".join(group.attribution) + "}", delegations=codes
            )
        except markup.MarkupError as exc:
            for p in group.proposals:
                failed[p.pk] = exc.message
            continue
        siblings = children[target.parent_id]
        index = siblings.index(target)
        if first.operation == Operation.INSERT_AFTER:
            after_count[target.uid] += 1
            index += after_count[target.uid]
            suffix = LATIN_ORDINALS[min(after_count[target.uid], len(LATIN_ORDINALS)) - 1]
        else:
            before_count[target.uid] += 1
            suffix = f"pre{before_count[target.uid]}"
        # A new provision keeps its neighbours' numbers intact: "3 bis" after 3.
        number = first.new_number or (f"{target.number} {suffix}" if target.number else "")
        node = Provision.objects.create(
            version=version,
            kind=first.new_kind or target.kind,
            parent_id=target.parent_id,
            number=number,
            position=10_000_000 + len(provisions),
            eid=f"tmp-{first.pk}",
        )
        provisions.append(node)
        siblings.insert(index, node)
        created.append(
            Translation(
                provision=node,
                language=first.language,
                text=markup.render(bracketed),
                source_version=version,
            )
        )
        outer = bracketed.content[0]
        assert isinstance(outer, markup.Bracket)
        for p in group.proposals:
            done[p.pk] = outer.id
            placed[p.pk] = node.uid
    ordered = relayout(children)
    Provision.objects.bulk_update(ordered, ["position", "depth", "eid"])

"""Building a compilation text from a base version and tabled proposals.

Competing proposals on the same text become attributed options; proposed
deletions become deletion brackets (shown struck through) with attribution;
insertions become new, bracketed, attributed provisions; bracketing and
un-bracketing proposals act on the spans they name. Every selected proposal
ends either incorporated, with the version, provision and markup node that
carry it, or still tabled with a reason saying why it could not be applied.
A proposal to remove brackets has no node left to point at once the brackets
are lifted: its `incorporated_ref` is empty. Of two bracket spans that
cross, the one tabled first is applied.
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
from accord.documents.tree import children_map, eid_number, relayout
from accord.negotiation import markup
from accord.negotiation.enums import Operation, ProposalStatus
from accord.negotiation.markup.views import clean_projection, full_projection
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


def _clean_to_full(m: markup.Markup) -> list[int]:
    """For each character of `clean_text(m)`, its offset in `full_text(m)`.

    Proposals name spans in the clean text of the base; once one bracket is
    added, the clean text loses its words (and the whitespace tidied around
    them), so later spans are applied in the full text instead, where
    adding a bracket only inserts marks that can be counted."""
    where: dict[tuple[int, int], int] = {}
    for start, length, container, index, offset in full_projection(m).segments:
        if container is None:
            for k in range(length):
                where[(index, offset + k)] = start + k
    return [
        where[(index, offset + k)]
        for start, length, container, index, offset in clean_projection(m).segments
        for k in range(length)
    ]


def _apply_brackets(
    text: _Text, groups: list[_Group], done: dict[int, str], failed: dict[int, str]
) -> None:
    to_full = _clean_to_full(text.markup)
    # Of two spans that cross, the one tabled first is taken (groups come in
    # the order of their first proposal); nested and separate spans all are.
    accepted: list[_Group] = []
    for group in groups:
        start, end = group.first.span_start or 0, group.first.span_end or 0
        reason = ""
        if not 0 <= start < end <= len(to_full):
            reason = "its span is outside the text"
        for other in accepted:
            a = (other.first.span_start or 0, other.first.span_end or 0)
            if a[0] < start < a[1] < end or start < a[0] < end < a[1]:
                reason = f"its span crosses the brackets of {other.first.label}"
                break
        if reason:
            for p in group.proposals:
                failed[p.pk] = reason
        else:
            accepted.append(group)
    # Later spans first, inner before outer: an outer span then wraps the
    # inner bracket whole, and a span further left is not moved by it.
    ordered = sorted(accepted, key=lambda g: (-(g.first.span_start or 0), (g.first.span_end or 0)))
    shifts: list[tuple[int, int]] = []  # (full end in the base, marks added there)
    for group in ordered:
        start, end = group.first.span_start or 0, group.first.span_end or 0
        full_start, full_end = to_full[start], to_full[end - 1] + 1
        # Spans applied so far lie right of this one or inside it: only the
        # marks of those inside (ending before this one ends) move its end.
        moved = sum(added for at, added in shifts if at <= full_end)
        before = text.markup
        try:
            text.markup = markup.bracket(
                before, full_start, full_end + moved, view="full", attribution=group.attribution
            )
        except markup.MarkupError as exc:
            for p in group.proposals:
                failed[p.pk] = exc.message
            continue
        shifts.append(
            (full_end, len(markup.full_text(text.markup)) - len(markup.full_text(before)))
        )
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


def _whole(m: markup.Markup) -> tuple[int, int]:
    """The span of the whole text in the full view: it encloses every bracket
    and option set, even one at the very start or end (which a span of the
    clean text would only touch, and so leave out)."""
    return 0, len(markup.full_text(m))


def _bracketed(content: markup.Markup, attribution: tuple[str, ...]) -> markup.Markup:
    """`content` whole in one new bracket attributed to `attribution`."""
    start, end = _whole(content)
    return markup.bracket(content, start, end, view="full", attribution=attribution)


def _add_option(
    m: markup.Markup, option_set_id: str, content: markup.Markup, attribution: tuple[str, ...]
) -> tuple[markup.Markup, str]:
    """`m` with `content` as a new last option of the set; and that option's id."""
    result = markup.add_option(m, option_set_id, content=content, attribution=attribution)
    option_set = next(
        n for n in markup.walk(result) if isinstance(n, markup.OptionSet) and n.id == option_set_id
    )
    return result, option_set.options[-1].id


def _alternatives(
    text: _Text, groups: list[_Group], done: dict[int, str], failed: dict[int, str]
) -> None:
    """Replacement texts (and new options for the whole text) become options."""
    if not groups:
        return
    m = text.markup
    if not m.content:
        # Nothing to replace: competing insertions, each in its own bracket.
        try:
            parts = [
                markup.render(_bracketed(_content(text, g.first), g.attribution), with_ids=False)
                for g in groups
            ]
        except markup.MarkupError as exc:
            for group in groups:
                for p in group.proposals:
                    failed[p.pk] = exc.message
            return
        text.markup = markup.parse(" ".join(parts), delegations=text.codes)
        refs = [n.id for n in text.markup.content if isinstance(n, markup.Bracket)]
        for group, ref in zip(groups, refs, strict=True):
            for p in group.proposals:
                done[p.pk] = ref
        return
    pending = list(groups)
    if not (len(m.content) == 1 and isinstance(m.content[0], markup.OptionSet)):
        first = pending.pop(0)
        start, end = _whole(m)
        try:
            m2 = markup.add_alternative(
                m,
                start,
                end,
                view="full",
                content=_content(text, first.first),
                attribution=first.attribution,
            )
        except markup.MarkupError as exc:
            for group in groups:
                for p in group.proposals:
                    failed[p.pk] = exc.message
            return
        (option_set,) = m2.content
        assert isinstance(option_set, markup.OptionSet)
        text.markup = m2
        for p in first.proposals:
            done[p.pk] = option_set.options[-1].id
    target = text.markup.content[0]
    assert isinstance(target, markup.OptionSet)

    def add(current: markup.Markup, group: _Group) -> tuple[markup.Markup, str]:
        return _add_option(current, target.id, _content(text, group.first), group.attribution)

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
    if not label.strip():
        raise ValidationError("Give the compilation text a label.", field="label")
    if not proposals:
        raise ValidationError("Select at least one tabled proposal.", field="proposals")
    with transaction.atomic():
        Document.objects.select_for_update(no_key=True).get(pk=document.pk)
        if not Version.objects.get(pk=base.pk).is_published:
            raise Conflict("A compilation starts from a published version.")
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
        now = timezone.now()
        for p in locked:
            p.updated_at = now  # bulk_update does not touch auto_now fields
            if p.pk in done:
                p.status = ProposalStatus.INCORPORATED
                p.incorporated_version = version
                p.incorporated_provision_uid = placed.get(p.pk, p.provision_uid)
                p.incorporated_ref = done[p.pk]
                p.status_reason = ""
                result.incorporated.append(p)
            else:
                why = failed.get(p.pk, "unknown").rstrip(".")
                p.status_reason = f"Could not be applied in {version.label}: {why}."
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
                "conditions_fallen": fallen,
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
            # The brackets are lifted and their words stay where they were:
            # no node is left to point at (and a later bracket may reuse the id).
            lambda m, g: (markup.remove_brackets(m, g.first.target_ref), ""),
        )

        def option(m: markup.Markup, g: _Group, text: _Text = text) -> tuple[markup.Markup, str]:
            return _add_option(m, g.first.target_ref, _content(text, g.first), g.attribution)

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


def _eids_clash(siblings: list[Provision]) -> bool:
    """Whether two of these siblings would get one eId (as `relayout` names them)."""
    counters: dict[str, int] = defaultdict(int)
    seen: set[tuple[str, str]] = set()
    for child in siblings:
        counters[child.kind] += 1
        part = (child.kind, eid_number(child.number, counters[child.kind]))
        if part in seen:
            return True
        seen.add(part)
    return False


def _free_number(
    siblings: list[Provision], node: Provision, target: Provision, proposal: Proposal
) -> str | None:
    """The number of a new provision already placed among `siblings`: the
    one proposed, else one that keeps every neighbour's number intact ("3 bis"
    after 3, "3 pre1" before it, the first suffix still free); None when the
    number proposed is taken."""
    if proposal.new_number:
        candidates = [proposal.new_number]
    else:
        after = proposal.operation == Operation.INSERT_AFTER
        anchor = target if target.kind == node.kind and target.number else None
        if anchor is None:
            # Another kind, or no number: follow the nearest numbered provision
            # of the new one's kind before it, else precede the one after it.
            index = siblings.index(node)
            same = [s for s in siblings if s.kind == node.kind and s.number and s is not node]
            before = [s for s in same if siblings.index(s) < index]
            after = bool(before)
            anchor = before[-1] if before else (same[0] if same else None)
        if anchor is None:
            candidates = [""]
        else:
            suffixes = (
                [*LATIN_ORDINALS, *(str(n) for n in range(len(LATIN_ORDINALS) + 1, 100))]
                if after
                else [f"pre{n}" for n in range(1, 100)]
            )
            candidates = [f"{anchor.number} {suffix}" for suffix in suffixes]
    for number in candidates:
        node.number = number
        if not _eids_clash(siblings):
            return number
    return None


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
    for group in groups:
        first = group.first
        target = by_uid[first.provision_uid]
        kind = first.new_kind or target.kind
        try:
            bracketed = _bracketed(_content(_Text("", codes), first), group.attribution)
        except markup.MarkupError as exc:
            for p in group.proposals:
                failed[p.pk] = exc.message
            continue
        siblings = children[target.parent_id]
        index = siblings.index(target)
        if first.operation == Operation.INSERT_AFTER:
            index += after_count[target.uid] + 1
        node = Provision(
            version=version,
            kind=kind,
            parent_id=target.parent_id,
            position=10_000_000 + len(provisions),
            eid=f"tmp-{first.pk}",
        )
        siblings.insert(index, node)
        number = _free_number(siblings, node, target, first)
        if number is None:
            siblings.remove(node)
            for p in group.proposals:
                failed[p.pk] = (
                    f"there is already a provision numbered {first.new_number} there"
                    if first.new_number
                    else "no free number for it next to its target"
                )
            continue
        if first.operation == Operation.INSERT_AFTER:
            after_count[target.uid] += 1
        node.number = number
        node.save()
        provisions.append(node)
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

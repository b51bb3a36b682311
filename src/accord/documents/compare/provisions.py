"""Align two versions of a document provision by provision, by identity.

Provisions are matched by their stable `uid`, never by position, so a
provision that was moved or renumbered is reported as such and not as a
deletion plus an insertion. For each provision the redline says which of
these apply (none: unchanged):

- inserted / deleted: present in only one of the versions;
- changed: a heading or a text differs in some language (a language added or
  removed counts as inserted or deleted text);
- moved: it has another parent, or another place among the siblings it kept.
  Only real moves count: among the siblings present in both versions, the
  longest run that kept its relative order stays put and the others moved, so
  moving one article does not make all the articles it jumped over look moved;
- renumbered: its number changed;
- retyped: its kind changed (for instance a paragraph became an article).

The result lists provisions in the order of the new version, each deleted
provision where it was: after the nearest earlier sibling that is still
there and did not move (and after that sibling's own sub-provisions), or
first under its parent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from accord.documents.canonical import ProvisionSnapshot, TextSnapshot
from accord.documents.compare.words import Op, Segment, diff_text, longest_increasing


class Change(StrEnum):
    INSERTED = "inserted"
    DELETED = "deleted"
    CHANGED = "changed"
    MOVED = "moved"
    RENUMBERED = "renumbered"
    RETYPED = "retyped"


class TextStatus(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class TextDiff:
    """A provision's heading and text in one language, old against new.

    For an unchanged text the segments are a single equal segment (none when
    empty), so that every text renders the same way.
    """

    language: str
    status: TextStatus
    heading: tuple[Segment, ...]
    text: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class ProvisionDiff:
    """One provision of the redline: what it was, what it is, what changed."""

    uid: str
    old: ProvisionSnapshot | None
    new: ProvisionSnapshot | None
    changes: frozenset[Change]
    texts: tuple[TextDiff, ...]
    depth: int
    """Nesting level in the redline's tree, 0 for a top-level provision."""

    @property
    def kind(self) -> str:
        return self.new.kind if self.new else self.old.kind if self.old else ""

    @property
    def number(self) -> str:
        return self.new.number if self.new else self.old.number if self.old else ""

    @property
    def old_number(self) -> str | None:
        return self.old.number if self.old else None

    @property
    def unchanged(self) -> bool:
        return not self.changes

    def text_in(self, language: str) -> TextDiff | None:
        return next((t for t in self.texts if t.language == language), None)


@dataclass(frozen=True, slots=True)
class Redline:
    provisions: tuple[ProvisionDiff, ...]

    @property
    def changed(self) -> bool:
        """True when the two versions differ in anything."""
        return any(p.changes for p in self.provisions)

    def counts(self) -> dict[Change, int]:
        """How many provisions show each kind of change."""
        counts = dict.fromkeys(Change, 0)
        for provision in self.provisions:
            for change in provision.changes:
                counts[change] += 1
        return counts


def compare_versions(old: Sequence[ProvisionSnapshot], new: Sequence[ProvisionSnapshot]) -> Redline:
    """The redline from `old` to `new`, both lists of provisions in document order."""
    old_by_uid = {p.uid: p for p in old}
    new_by_uid = {p.uid: p for p in new}
    moved = _moved(old, new, old_by_uid)

    def diff(uid: str, depth: int) -> ProvisionDiff:
        before, after = old_by_uid.get(uid), new_by_uid.get(uid)
        changes: set[Change] = set()
        if before is None or after is None:
            changes.add(Change.INSERTED if before is None else Change.DELETED)
            texts = _texts(before.texts if before else (), after.texts if after else ())
        else:
            texts = _texts(before.texts, after.texts)
            if any(t.status != TextStatus.UNCHANGED for t in texts):
                changes.add(Change.CHANGED)
            if uid in moved:
                changes.add(Change.MOVED)
            if before.number != after.number:
                changes.add(Change.RENUMBERED)
            if before.kind != after.kind:
                changes.add(Change.RETYPED)
        return ProvisionDiff(uid, before, after, frozenset(changes), texts, depth)

    order = _merged_order(old, new, new_by_uid, moved)
    return Redline(tuple(diff(uid, depth) for uid, depth in order))


def _moved(
    old: Sequence[ProvisionSnapshot],
    new: Sequence[ProvisionSnapshot],
    old_by_uid: dict[str, ProvisionSnapshot],
) -> set[str]:
    """The uids of the provisions kept in both versions that changed place."""
    old_rank = {p.uid: rank for rank, p in enumerate(old)}
    moved: set[str] = set()
    siblings: dict[str | None, list[str]] = defaultdict(list)
    for p in new:
        before = old_by_uid.get(p.uid)
        if before is None:
            continue
        if before.parent_uid != p.parent_uid:
            moved.add(p.uid)
        else:
            siblings[p.parent_uid].append(p.uid)
    for uids in siblings.values():
        if len(uids) < 2:
            continue
        ranks = [old_rank[uid] for uid in uids]
        kept = longest_increasing(ranks)
        if len(kept) < len(uids):
            stay = {uids[i] for i in kept}
            moved.update(uid for uid in uids if uid not in stay)
    return moved


def _merged_order(
    old: Sequence[ProvisionSnapshot],
    new: Sequence[ProvisionSnapshot],
    new_by_uid: dict[str, ProvisionSnapshot],
    moved: set[str],
) -> list[tuple[str, int]]:
    """(uid, depth) of every provision of either version, in redline order."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for p in new:
        parent = p.parent_uid if p.parent_uid in new_by_uid else None
        children[parent].append(p.uid)
    # Deleted provisions go back under their old parent (kept or deleted),
    # after the nearest earlier sibling that is still a child of that parent
    # and did not move.
    deleted_after: dict[str | None, dict[str | None, list[str]]] = defaultdict(dict)
    anchor: dict[str | None, str | None] = {}
    for p in old:
        parent = p.parent_uid
        kept = new_by_uid.get(p.uid)
        if kept is not None:
            if kept.parent_uid == parent and p.uid not in moved:
                anchor[parent] = p.uid
            continue
        deleted_after[parent].setdefault(anchor.get(parent), []).append(p.uid)
    for parent, after in deleted_after.items():
        merged = list(after.get(None, ()))
        for uid in children[parent]:
            merged.append(uid)
            merged.extend(after.get(uid, ()))
        children[parent] = merged

    order: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack: list[tuple[str, int]] = [(uid, 0) for uid in reversed(children[None])]
    while stack:
        uid, depth = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        order.append((uid, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(uid, ())))
    # Provisions whose parent is missing from both versions (inconsistent input).
    for p in (*new, *old):
        if p.uid not in seen:
            seen.add(p.uid)
            order.append((p.uid, 0))
    return order


def _texts(old: Sequence[TextSnapshot], new: Sequence[TextSnapshot]) -> tuple[TextDiff, ...]:
    """Per-language diffs, in the order the languages appear in new, then old."""
    if old == new:  # most provisions: no need to look language by language
        return tuple(
            TextDiff(
                t.language,
                TextStatus.UNCHANGED,
                _whole(Op.EQUAL, t.heading),
                _whole(Op.EQUAL, t.text),
            )
            for t in new
        )
    before = {t.language: t for t in old}
    after = {t.language: t for t in new}
    diffs: list[TextDiff] = []
    for language in dict.fromkeys([*after, *before]):
        b, a = before.get(language), after.get(language)
        if a is None and b is not None:
            status = TextStatus.DELETED
            heading = _whole(Op.DELETE, b.heading)
            text = _whole(Op.DELETE, b.text)
        elif b is None and a is not None:
            status = TextStatus.INSERTED
            heading = _whole(Op.INSERT, a.heading)
            text = _whole(Op.INSERT, a.text)
        elif a is not None and b is not None:
            heading = tuple(diff_text(b.heading, a.heading))
            text = tuple(diff_text(b.text, a.text))
            same = b.heading == a.heading and b.text == a.text
            status = TextStatus.UNCHANGED if same else TextStatus.CHANGED
        else:  # pragma: no cover - each language comes from one side or the other
            continue
        diffs.append(TextDiff(language, status, heading, text))
    return tuple(diffs)


def _whole(op: Op, text: str) -> tuple[Segment, ...]:
    return (Segment(op, text),) if text else ()

"""Order, depth and Akoma Ntoso eIds of a version's provision tree.

The tree is held as sibling lists; after any structural change the whole
version is renumbered depth-first in memory and written back in one bulk
update, so positions and eIds are always consistent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from accord.core.errors import ValidationError
from accord.documents.enums import EID_PREFIX, ProvisionKind
from accord.documents.models import Provision

_NUM_CLEAN = re.compile(r"[^0-9A-Za-z\u00C0-\uFFFF]+")


def eid_number(number: str, fallback: int) -> str:
    """'1.' → '1', 'a)' → 'a', 'IV' → 'IV'; unnumbered provisions count by position."""
    cleaned = _NUM_CLEAN.sub("", number.replace(" ", ""))
    return cleaned or str(fallback)


def children_map(provisions: Sequence[Provision]) -> dict[int | None, list[Provision]]:
    children: dict[int | None, list[Provision]] = defaultdict(list)
    for p in sorted(provisions, key=lambda p: p.position):
        children[p.parent_id].append(p)
    return children


def relayout(children: dict[int | None, list[Provision]]) -> list[Provision]:
    """Assign position, depth and eid depth-first; return provisions in order."""
    ordered: list[Provision] = []

    def walk(parent: Provision | None, depth: int, prefix: str) -> None:
        counters: dict[str, int] = defaultdict(int)
        seen: set[str] = set()
        for child in children.get(parent.pk if parent else None, []):
            counters[child.kind] += 1
            part = f"{EID_PREFIX[child.kind]}_{eid_number(child.number, counters[child.kind])}"
            if child.kind == ProvisionKind.PREAMBLE_PARAGRAPH:
                eid = part
            else:
                eid = f"{prefix}__{part}" if prefix else part
            if eid in seen:
                raise ValidationError(
                    f"Two provisions would share the identifier {eid}: "
                    f"give {child.get_kind_display().lower()} {child.number or ''} another number.",
                    field="number",
                )
            seen.add(eid)
            child.eid = eid
            child.depth = depth
            child.position = len(ordered)
            ordered.append(child)
            walk(child, depth + 1, eid)

    walk(None, 0, "")
    return ordered

"""Who may read and write the public record."""

from __future__ import annotations

from typing import Any

import rules

from accord.processes.access import access_for, visibility_allows
from accord.processes.rules import is_process_secretariat


@rules.predicate
def can_view_entry(user: Any, entry: Any) -> bool:
    if entry is None:
        return False
    return visibility_allows(access_for(user, entry.process), entry.visibility, area="record")


rules.add_perm("record.view_entry", can_view_entry)
rules.add_perm("record.create_entry", is_process_secretariat)

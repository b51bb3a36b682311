"""Who may do what with processes, parties and delegations."""

from __future__ import annotations

from typing import Any

import rules

from accord.processes.access import access_for


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def is_process_secretariat(user: Any, process: Any) -> bool:
    return process is not None and access_for(user, process).is_secretariat


@rules.predicate
def is_process_member(user: Any, process: Any) -> bool:
    """Officer, participant or observer of the process."""
    if process is None:
        return False
    access = access_for(user, process)
    return access.is_officer or access.is_participant or access.is_observer


@rules.predicate
def delegation_in_member_process(user: Any, delegation: Any) -> bool:
    return delegation is not None and bool(is_process_member(user, delegation.process))


rules.add_perm("processes.view_process", rules.always_allow)
rules.add_perm("processes.create_process", is_superuser)
rules.add_perm("processes.create_party", is_superuser)
rules.add_perm("processes.manage_process", is_process_secretariat | is_superuser)
rules.add_perm("processes.view_process_people", is_process_member | is_superuser)
rules.add_perm("processes.view_delegation_members", delegation_in_member_process | is_superuser)

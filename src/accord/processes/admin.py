"""Parties, processes, people and roles in the admin: read-only (see
accord.core.admin for why)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accord.core.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline
from accord.processes.models import (
    Delegation,
    DelegationMember,
    Participation,
    Party,
    Person,
    Process,
    ProcessRole,
)


@admin.register(Party)
class PartyAdmin(ReadOnlyModelAdmin):
    list_display = ("slug", "name", "iso_code", "kind", "is_illustrative")
    list_filter = ("kind", "is_illustrative")
    search_fields = ("slug", "iso_code", "names", "formal_names")


class ParticipationInline(ReadOnlyTabularInline):
    model = Participation
    fields = ("party", "standing", "since", "until")


class ProcessRoleInline(ReadOnlyTabularInline):
    model = ProcessRole
    fields = ("person", "role")


@admin.register(Process)
class ProcessAdmin(ReadOnlyModelAdmin):
    list_display = (
        "slug",
        "display_title",
        "phase",
        "observers_see_documents",
        "observers_see_meetings",
    )
    list_filter = ("phase",)
    search_fields = ("slug", "title")
    inlines = (ParticipationInline, ProcessRoleInline)

    @admin.display(description=_("title"))
    def display_title(self, obj: Process) -> str:
        return obj.display_title


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyModelAdmin):
    list_display = ("party", "process", "standing", "since", "until")
    list_filter = ("standing", "process")
    list_select_related = ("party", "process")
    search_fields = ("party__slug", "party__iso_code", "party__names")


class DelegationMemberInline(ReadOnlyTabularInline):
    model = DelegationMember
    fields = ("person", "role", "since", "until")


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyModelAdmin):
    list_display = ("party", "process", "member_count")
    list_filter = ("process",)
    list_select_related = ("party", "process")
    search_fields = ("party__slug", "party__iso_code", "party__names")
    inlines = (DelegationMemberInline,)

    @admin.display(description=_("members"))
    def member_count(self, obj: Delegation) -> int:
        return obj.members.count()


@admin.register(DelegationMember)
class DelegationMemberAdmin(ReadOnlyModelAdmin):
    list_display = ("person", "role", "delegation", "since", "until")
    list_filter = ("role", "delegation__process")
    list_select_related = ("person", "delegation__party")
    search_fields = ("person__names", "person__user__username", "delegation__party__slug")


@admin.register(Person)
class PersonAdmin(ReadOnlyModelAdmin):
    list_display = ("name", "display_position", "user", "is_demo_account")
    list_filter = ("is_demo_account",)
    list_select_related = ("user",)
    search_fields = ("names", "position", "user__username")

    @admin.display(description=_("position"))
    def display_position(self, obj: Person) -> str:
        return obj.display_position


@admin.register(ProcessRole)
class ProcessRoleAdmin(ReadOnlyModelAdmin):
    list_display = ("person", "role", "process")
    list_filter = ("role", "process")
    list_select_related = ("person", "process")
    search_fields = ("person__names", "person__user__username")

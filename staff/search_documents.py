"""Staff members in the site search: found by name, title and window, linking to
their center's board. Registered into search.registry from StaffConfig.ready(),
with the signals that keep the entries current."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page

from core.sections import SectionKind
from pages.models import SectionPage, ServiceCenterPage
from search import registry, service
from search.backends.base import SearchDocument
from search.indexing import is_public, object_key, text

from .models import StaffMember

PREFIX = "staff:"
# Whereabouts are live data, not indexed text: a status change re-indexes nothing.
STATUS_ONLY_FIELDS = frozenset({"status", "status_note", "status_until", "status_since"})


def staff_key(member_id: int) -> str:
    return object_key(PREFIX, member_id)


def staff_document(member: StaffMember) -> SearchDocument | None:
    """A staff member by name, title and window, linking to the center's board."""
    if not member.active:
        return None
    center = member.center
    if not center.live:
        return None
    board = SectionPage.of_kind(center, SectionKind.STAFF).live().first()
    if board is None or not is_public(board):
        return None
    window = str(member.window) if member.window_id else ""
    department = member.department.name if member.department_id else ""
    return SearchDocument(
        key=staff_key(member.pk),
        kind="staff",
        title=f"{member.name}（{member.title or '工作人员'}）",
        body=text(member.name, member.title, center.official_name),
        context=text(window, department, "去向"),
        url=board.url or "",
        center=center.official_name,
        place=center.official_name,
        window=member.window.name if member.window_id else "",
        boost=0.9,
    )


def build(pk: int) -> SearchDocument | None:
    member = (
        StaffMember.objects.select_related("center", "window", "department").filter(pk=pk).first()
    )
    return staff_document(member) if member else None


def all_ids():
    return StaffMember.objects.filter(active=True).values_list("pk", flat=True).iterator()


def ids_under(page: Page):
    centers = ServiceCenterPage.objects.descendant_of(page, inclusive=True).values("pk")
    return StaffMember.objects.filter(center__in=centers).values_list("pk", flat=True)


def index_saved_member(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= STATUS_ONLY_FIELDS:
        return
    service.update([staff_key(instance.pk)])


def unindex_deleted_member(sender, instance, **kwargs):
    service.remove([staff_key(instance.pk)])


def register() -> None:
    registry.register_object_source(
        registry.ObjectSource(prefix=PREFIX, build=build, all_ids=all_ids, ids_under=ids_under)
    )
    post_save.connect(index_saved_member, sender=StaffMember, dispatch_uid="search-staff-save")
    post_delete.connect(
        unindex_deleted_member, sender=StaffMember, dispatch_uid="search-staff-delete"
    )

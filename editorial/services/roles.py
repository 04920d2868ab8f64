"""Roles per center, created automatically, and the questions the admin asks of them.

Adding a township is one step: creating its center page gives it an editor
group (编辑), a reviewer group (审核, the director), a collection for its
documents and images, and a workflow in which the reviewers approve what the
editors submit. Permissions hang on the center page (and its translations),
so they cover everything beneath it and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from editorial.models import CenterWorkspace, GatedGroupApprovalTask
from pages.models import ServiceCenterPage
from pages.services.localized import in_default_locale

COUNTY_ADMIN_GROUP = "县级管理员"
EDITOR = "editor"
REVIEWER = "reviewer"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COUNTY_PAGE_PERMISSIONS = REVIEWER_PAGE_PERMISSIONS + ("bulk_delete_page",)
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
)
# Model permissions both center roles hold; which rows they reach is narrowed
# to their own center by editorial.scoping. Deleting windows, departments or
# staff records is left to the county (staff who leave are marked 不在职); a
# center's own name aliases are its to delete.
CENTER_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "pages.add_department",
    "pages.change_department",
    "pages.add_servicewindow",
    "pages.change_servicewindow",
    "pages.add_namealias",
    "pages.change_namealias",
    "pages.delete_namealias",
    "staff.add_staffmember",
    "staff.change_staffmember",
    "wagtail_localize.submit_translation",
)
# Model permissions that apps above this one add to both center roles (their rows
# are scoped to the center by editorial.scoping too): see center_permission().
_CONTRIBUTED_PERMISSIONS: list[str] = []


# Called with (center, workspace) at the end of ensure_workspace: an app above this one
# gives every center a role of its own (the 信息公开 officers), see workspace_extension().
_WORKSPACE_EXTENSIONS: list = []


def workspace_extension(extend) -> None:
    """Register `extend(center, workspace)`, run whenever a center's workspace is ensured
    (so for new centers and, idempotently, for existing ones); from AppConfig.ready."""
    if extend not in _WORKSPACE_EXTENSIONS:
        _WORKSPACE_EXTENSIONS.append(extend)


def center_permission(*names: str) -> None:
    """Grant these model permissions ("app_label.codename") to every center's editors
    and reviewers, from the app that owns the model (its AppConfig.ready)."""
    _CONTRIBUTED_PERMISSIONS.extend(n for n in names if n not in _CONTRIBUTED_PERMISSIONS)


# App *labels* (documents and search have prefixed ones), whose every model the
# county administrators may change.
COUNTY_APPS = (
    "core",  # 设置 → 节假日与调休 (the working-day calendar's overrides)
    "pages",
    "staff",
    "portal_documents",
    "portal_search",
    "printing",
    "interaction",
    "scanner",
    "editorial",
    "wagtaildocs",
    "wagtailimages",
    "wagtail_localize",
    "wagtailredirects",
)


def _permissions(names: Iterable[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=codename
    )


def source_center(center: Page) -> Page:
    """The center page in the default locale, which owns the workspace."""
    return in_default_locale(center)


def unique_group_name(name: str) -> str:
    candidate, n = name, 2
    while Group.objects.filter(name=candidate).exists():
        candidate, n = f"{name}（{n}）", n + 1
    return candidate


def _grant_pages(group: Group, pages: Iterable[Page], codenames: Iterable[str]) -> None:
    for page in pages:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_page_permission(codename)
            )


def _grant_collection(group: Group, collection: Collection) -> None:
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


@transaction.atomic
def ensure_workspace(center: Page):
    """Create (or complete) a center's groups, collection and workflow. Idempotent."""
    center = source_center(center).specific
    workspace = CenterWorkspace.objects.filter(center=center).first()
    if workspace is None:
        editor = Group.objects.create(name=unique_group_name(f"{center.title}·编辑"))
        reviewer = Group.objects.create(name=unique_group_name(f"{center.title}·审核"))
        collection = Collection.get_first_root_node().add_child(name=center.title)
        task = GatedGroupApprovalTask.objects.create(name=f"{center.title}中心主任审核")
        task.groups.set([reviewer])
        workflow = Workflow.objects.create(name=f"{center.title}发布审核")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        workspace = CenterWorkspace.objects.create(
            center=center,
            editor_group=editor,
            reviewer_group=reviewer,
            collection=collection,
            workflow=workflow,
        )
    editor, reviewer = workspace.editor_group, workspace.reviewer_group
    models = _permissions((*CENTER_MODEL_PERMISSIONS, *_CONTRIBUTED_PERMISSIONS))
    editor.permissions.add(*models)
    reviewer.permissions.add(*models)
    pages = list(center.get_translations(inclusive=True))
    _grant_pages(editor, pages, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(reviewer, pages, REVIEWER_PAGE_PERMISSIONS)
    _grant_collection(editor, workspace.collection)
    _grant_collection(reviewer, workspace.collection)
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workspace.workflow})
    for extend in _WORKSPACE_EXTENSIONS:
        extend(center, workspace)
    return workspace


@transaction.atomic
def ensure_county_admin_group() -> Group:
    """管理员: every page in every locale, every collection, every content model."""
    group, _ = Group.objects.get_or_create(name=COUNTY_ADMIN_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=COUNTY_APPS),
        *_permissions(["wagtailadmin.access_admin"]),
        *Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=["add_workflow", "change_workflow", "add_task", "change_task"],
        ),
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["add_user", "change_user"]
        ),
        # 设置 → 登录锁定: lifting a login lockout (core.views).
        *Permission.objects.filter(
            content_type__app_label="axes",
            codename__in=["view_accessattempt", "delete_accessattempt"],
        ),
    )
    _grant_pages(group, [Page.get_first_root_node()], COUNTY_PAGE_PERMISSIONS)
    _grant_collection(group, Collection.get_first_root_node())
    return group


def ensure_all_workspaces() -> int:
    ensure_county_admin_group()
    centers = ServiceCenterPage.objects.filter(locale=Locale.get_default())
    for center in centers:
        ensure_workspace(center)
    return centers.count()


def is_county_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.groups.filter(name=COUNTY_ADMIN_GROUP).exists()


def user_cache(user, name: str) -> dict:
    """A dict kept on the user object: request.user is loaded afresh for every
    request, so what is cached here lasts one request."""
    cache = getattr(user, name, None)
    if cache is None:
        cache = {}
        setattr(user, name, cache)
    return cache


def center_ids_for(user, role: str | None = None) -> set[int]:
    """Source-locale ids of the centers where `user` holds a role (any, or the one named)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = user_cache(user, "_center_ids_cache")
    if role not in cache:
        group_ids = list(user.groups.values_list("pk", flat=True))
        q = Q()
        if role in (None, EDITOR):
            q |= Q(editor_group_id__in=group_ids)
        if role in (None, REVIEWER):
            q |= Q(reviewer_group_id__in=group_ids)
        cache[role] = set(CenterWorkspace.objects.filter(q).values_list("center_id", flat=True))
    return cache[role]


def center_pages_for(user) -> list[Page]:
    """Every center page (all locales) the user works on."""
    ids = center_ids_for(user)
    if not ids:
        return []
    keys = Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True)
    return list(Page.objects.filter(translation_key__in=list(keys)).order_by("path"))


def workspace_collection_for(center: Page) -> Collection | None:
    workspace = CenterWorkspace.objects.filter(center_id=source_center(center).pk).first()
    return workspace.collection if workspace else None

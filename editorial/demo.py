"""Demo logins for trying the boundaries: an editor and a director per center."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import Locale

from staff.demo import DEMO_STAFF_PASSWORD, DemoAccount

from .services.roles import ensure_all_workspaces


def load_roles(home) -> list[DemoAccount]:
    """`<center slug>-editor` (编辑) and `<center slug>-director` (审核) for each demo
    center; the director's login is also the director's staff record, so the same
    person approves content and manages the whereabouts board."""
    from pages.models import ServiceCenterPage
    from staff.models import StaffMember

    ensure_all_workspaces()
    accounts: list[DemoAccount] = []
    user_model = get_user_model()
    centers = ServiceCenterPage.objects.child_of(home).filter(locale=Locale.get_default())
    for center in centers.select_related("workspace"):
        workspace = center.workspace
        roles = (
            ("editor", workspace.editor_group, f"{center.township_name}宣传干事"),
            ("director", workspace.reviewer_group, center.director_name),
        )
        for role, group, name in roles:
            username = f"{center.slug}-{role}"
            if user_model.objects.filter(username=username).exists():
                continue
            password = DEMO_STAFF_PASSWORD if settings.DEBUG else secrets.token_urlsafe(12)
            user = user_model.objects.create_user(
                username, f"{username}@example.invalid", password, first_name=name
            )
            user.groups.add(group)
            if role == "director":
                StaffMember.objects.filter(
                    center=center, name=center.director_name, user__isnull=True
                ).update(user=user)
            accounts.append(DemoAccount(username, name, password))
    return accounts

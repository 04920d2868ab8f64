"""Demo logins for trying the boundaries: an editor and a director per center."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from demo.staff import DEMO_STAFF_PASSWORD, DemoAccount
from editorial.services.roles import ensure_all_workspaces
from pages.models import ServiceCenterPage
from staff.models import StaffMember


def load_roles(home) -> list[DemoAccount]:
    """`<center slug>-editor` (编辑) and `<center slug>-director` (审核) for each demo
    center; the director's login is also the director's staff record, so the same
    person approves content and manages the whereabouts board."""
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


# English for the demo's translated pages, keyed by the Chinese source string.
# Strings not listed stay in Chinese (wagtail-localize's fallback) until an
# editor translates them in the admin.
DEMO_ENGLISH = {
    "青石县政务服务网": "Qingshi County Government Services",
    "青石县人民政府政务服务中心": "Government Service Center of Qingshi County",
    "青石县城关街道人民路 66 号县政务服务大厅": "County Service Hall, 66 Renmin Road, Chengguan",
    "云溪镇便民服务中心": "Yunxi Town Convenience Service Center",
    "青石县云溪镇便民服务中心": "Yunxi Town Convenience Service Center, Qingshi County",
    "云溪镇": "Yunxi Town",
}


def load_translations(home) -> list[str]:
    """Create the Locale of every configured content language and, where English
    is one of them, translate the county home and 云溪镇's center page into it
    (create-only), so the language switcher has something to show."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return []
    done = []
    yunxi = ServiceCenterPage.objects.child_of(home).filter(slug="yunxi").first()
    for page in [home, yunxi]:
        if page is None or page.has_translation(english):
            continue
        source, _created = TranslationSource.get_or_create_from_instance(page)
        Translation.objects.get_or_create(source=source, target_locale=english)
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            text = DEMO_ENGLISH.get(segment.string.data)
            if text:
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=english,
                    context=segment.context,
                    defaults={"data": text},
                )
        with transaction.atomic():
            source.create_or_update_translation(
                english, publish=False, copy_parent_pages=True, fallback=True
            )
        page.get_translation(english).get_latest_revision().publish()
        done.append(page.title)
    return done

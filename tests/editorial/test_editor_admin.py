"""The admin as a center's editor and director meet it (issue 15, item 12)."""

import json
import re

from wagtail.models import Locale, Page

from pages.models import LifeEvent, ServiceGuidePage
from tests.admin_forms import post_page_form
from tests.factories import StaffMemberFactory, make_guide, make_window


def sidebar_items(client) -> str:
    """The admin menu's props (JSON, non-ASCII escaped), decoded to readable text."""
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert props is not None
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def test_explorer_opens_at_own_center_also_once_it_is_translated(towns):
    """With an English translation the editor's pages share only Root; the explorer still
    opens at their center."""
    from editorial.services.roles import ensure_workspace

    a, _ = towns
    english = Locale.objects.get_or_create(language_code="en")[0]
    a.center.get_parent().copy_for_translation(english)
    a.center.copy_for_translation(english)
    ensure_workspace(a.center)

    menu = sidebar_items(a.client("editor"))
    assert f'"url": "/admin/pages/{a.center.pk}/"}}, {a.center.pk}]' in menu
    assert f"}}, {Page.get_first_root_node().pk}]" not in menu


def test_my_whereabouts_menu_only_for_accounts_with_a_staff_record(towns):
    a, _ = towns
    StaffMemberFactory(center=a.center, name="甲镇主任", user=a.director)
    assert "更新我的去向" not in sidebar_items(a.client("editor"))
    assert "更新我的去向" in sidebar_items(a.client("director"))


def test_guides_section_offers_only_guides(towns):
    """Adding a page to 办事指南 goes straight to the guide form (the only type offered)."""
    a, _ = towns
    response = a.client("editor").get(f"/admin/pages/{a.guides.pk}/add_subpage/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/add/pages/serviceguidepage/{a.guides.pk}/")


def test_new_guide_shortcut_on_admin_home_and_center_listing(towns):
    a, b = towns
    url = f"/admin/pages/add/pages/serviceguidepage/{a.guides.pk}/"
    home = a.client("editor").get("/admin/").content.decode()
    assert url in home and "新建办事指南" in home
    listing = a.client("editor").get(f"/admin/pages/{a.center.pk}/").content.decode()
    assert url in listing
    assert url not in b.client("editor").get("/admin/").content.decode()


def test_new_guide_slug_comes_from_its_item_code_and_themes_are_checkboxes(towns):
    a, _ = towns
    window = make_window(a.center)
    LifeEvent.objects.create(name="养老", slug="elderly")
    url = f"/admin/pages/add/pages/serviceguidepage/{a.guides.pk}/"
    form = a.client("editor").get(url).content.decode()
    assert re.search(r'<input type="checkbox" name="themes"[^>]*>', form)
    changes = {
        "title": "高龄津贴申请",
        "slug": "高龄津贴申请",  # what the browser fills in from the title
        "item_code": "520123-XK-0042",
        "item_type": "payment",
        "window": str(window.pk),
    }
    response = post_page_form(a.client("editor"), url, changes, action="")
    assert response.status_code == 302, response.content.decode()[:2000]
    guide = ServiceGuidePage.objects.get(title="高龄津贴申请")
    assert guide.slug == "520123-xk-0042"
    response = post_page_form(
        a.client("editor"), url, {**changes, "title": "高龄津贴续领"}, action=""
    )
    assert ServiceGuidePage.objects.get(title="高龄津贴续领").slug == "520123-xk-0042-2"


def test_approving_asks_for_confirmation(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    task = a.workspace.workflow.tasks.get().specific
    actions = task.get_actions(guide, a.director)
    approvals = [(label, modal) for name, label, modal in actions if name == "approve"]
    assert approvals == [("批准发布", True)]


def test_no_autosave_saved_badge_beside_a_validation_failure(towns):
    """A guide missing 八公开 fails validation; no autosave says 已保存 ✓ beside it."""
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, conditions="")
    url = f"/admin/pages/{guide.pk}/edit/"
    response = post_page_form(a.client("editor"), url, {}, action="action-submit")
    html = response.content.decode()
    assert "受理条件" in html
    # The indicator only turns to 已保存 when the form runs Wagtail's autosave controller.
    assert "data-w-autosave-interval-value" not in html
    assert "data-w-autosave-interval-value" not in a.client("editor").get(url).content.decode()

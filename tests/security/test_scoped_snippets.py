"""Scoped snippet screens (windows, departments, staff records) and the page chooser,
over HTTP with two centers' real logins: history and search work for center staff,
and nothing of the other center shows up."""

import pytest

from tests.editorial import conftest as editorial_fixtures
from tests.factories import StaffMemberFactory, make_guide, make_window

towns = editorial_fixtures.towns  # the two-center fixture, shared with tests/editorial

SNIPPETS = {
    "servicewindow": "pages/servicewindow",
    "department": "pages/department",
    "staffmember": "staff/staffmember",
}


def body(response) -> str:
    """The page, or the HTML inside a chooser's JSON."""
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html", "")
    return response.content.decode()


@pytest.fixture
def rows(towns):
    """Each center gets a window, a department and a staff record with telling names."""
    a, b = towns
    made = {}
    for town, tag in ((a, "甲镇"), (b, "乙镇")):
        window = make_window(town.center, name=f"{tag}婚姻登记窗口", department=f"{tag}民政办")
        member = StaffMemberFactory(center=town.center, name=f"{tag}张三丰", window=window)
        made[tag] = {
            "servicewindow": window,
            "department": window.departments.get(),
            "staffmember": member,
        }
    return made


QUERIES = {"servicewindow": "婚姻登记", "department": "民政办", "staffmember": "张三丰"}


def _names(rows, tag):
    return [row.name for row in rows[tag].values()]


@pytest.mark.parametrize("who", ["editor", "director"])
@pytest.mark.parametrize("kind", sorted(SNIPPETS))
def test_history_of_own_rows_works_and_others_are_404(towns, rows, who, kind):
    a, b = towns
    url = f"/admin/snippets/{SNIPPETS[kind]}/history/"
    own, other = rows["甲镇"][kind], rows["乙镇"][kind]
    client = a.client(who)
    response = client.get(f"{url}{own.pk}/")
    assert response.status_code == 200
    assert client.get(f"{url}{other.pk}/").status_code == 404
    # filtered, as the history screen's filters do
    filtered = client.get(f"{url}{own.pk}/", {"action": "wagtail.edit"})
    assert filtered.status_code == 200
    assert str(other) not in filtered.content.decode()


@pytest.mark.parametrize("who", ["editor", "director"])
@pytest.mark.parametrize("kind", sorted(SNIPPETS))
def test_search_in_listings_and_choosers_finds_only_own_rows(towns, rows, who, kind):
    a, b = towns
    client = b.client(who)
    query = QUERIES[kind]
    own_name, other_name = rows["乙镇"][kind].name, rows["甲镇"][kind].name
    urls = [
        f"/admin/snippets/{SNIPPETS[kind]}/",
        f"/admin/snippets/{SNIPPETS[kind]}/results/",
        f"/admin/snippets/choose/{SNIPPETS[kind]}/",
        f"/admin/snippets/choose/{SNIPPETS[kind]}/results/",
    ]
    for url in urls:
        for q in (query, "zhang", own_name):
            response = client.get(url, {"q": q})
            assert response.status_code == 200, (url, q)
            html = body(response)
            assert other_name not in html, (url, q)
            for name in _names(rows, "甲镇"):
                assert name not in html, (url, q, name)
        assert own_name in body(client.get(url, {"q": query})), url


def test_county_admin_still_searches_every_center(towns, rows):
    from django.test import Client

    from editorial.services.roles import ensure_county_admin_group
    from tests.factories import make_user

    admin = make_user("county-searcher")
    admin.groups.add(ensure_county_admin_group())
    client = Client()
    client.force_login(admin)
    html = body(client.get("/admin/snippets/staff/staffmember/", {"q": "张三丰"}))
    assert "甲镇张三丰" in html and "乙镇张三丰" in html
    member = rows["甲镇"]["staffmember"]
    assert client.get(f"/admin/snippets/staff/staffmember/history/{member.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["editor", "director"])
def test_page_chooser_never_reveals_another_centers_draft_titles(towns, who):
    a, b = towns
    window = make_window(a.center)
    draft = make_guide(a.guides, window, publish_it=False, title="甲镇机密草稿标题")
    live = make_guide(a.guides, window, title="甲镇公开指南")
    # a live page with an unpublished draft title: the draft title is the secret
    revision = live.get_latest_revision_as_object()
    revision.title = "甲镇未发布的新标题"
    revision.save_revision()
    client = b.client(who)
    secrets = ("甲镇机密草稿标题", "甲镇未发布的新标题")
    urls = [
        ("/admin/choose-page/", {}),
        (f"/admin/choose-page/{a.guides.pk}/", {}),
        (f"/admin/choose-page/{a.center.pk}/", {}),
        (f"/admin/choose-page/{draft.pk}/", {}),
        ("/admin/choose-page/search/", {"q": "甲镇"}),
        ("/admin/choose-page/search/", {"q": "机密草稿"}),
        ("/admin/choose-page/search/", {"q": "未发布"}),
        ("/admin/choose-page/search/", {"q": "甲镇公开指南"}),
        ("/admin/choose-page/search/", {"q": "guide"}),
    ]
    for url, params in urls:
        response = client.get(url, params)
        assert response.status_code in (200, 302, 403, 404), url
        html = body(response)
        for secret in secrets:
            assert secret not in html, (url, params, secret)
    # the live page itself may be chosen, under its public title
    found = body(client.get("/admin/choose-page/search/", {"q": "甲镇公开指南"}))
    assert "甲镇公开指南" in found
    # its own center still sees its drafts and draft titles
    own = a.client(who)
    assert "甲镇机密草稿标题" in body(own.get("/admin/choose-page/search/", {"q": "机密草稿"}))
    assert "甲镇未发布的新标题" in body(own.get(f"/admin/choose-page/{a.guides.pk}/"))


@pytest.mark.parametrize("who", ["editor", "director"])
def test_page_chooser_cannot_browse_or_confirm_another_centers_drafts(towns, who):
    a, b = towns
    window = make_window(a.center)
    draft = make_guide(a.guides, window, publish_it=False, title="甲镇机密草稿标题")
    live = make_guide(a.guides, window, title="甲镇公开指南")
    revision = live.get_latest_revision_as_object()
    revision.title = "甲镇未发布的新标题"
    revision.save_revision()
    client = b.client(who)
    browse = client.get(f"/admin/choose-page/{draft.pk}/")
    assert browse.status_code == 404 or "甲镇机密草稿标题" not in body(browse)
    chosen = "/admin/choose-page/chosen-multiple/"
    confirmed = client.get(chosen, {"id": [draft.pk, live.pk]}).json()["result"]
    # the live page may be chosen under its public title; the draft not at all
    assert [(item["id"], item["adminTitle"]) for item in confirmed] == [(live.pk, "甲镇公开指南")]
    own = a.client(who).get(chosen, {"id": [draft.pk, live.pk]}).json()["result"]
    assert {item["adminTitle"] for item in own} == {"甲镇机密草稿标题", "甲镇未发布的新标题"}

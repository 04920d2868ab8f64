"""The admin API and document downloads, with two centers' real logins: nothing of
one center's images, documents or drafts reaches the other, and a document is
public only once a live, public page links to it."""

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest

from tests.editorial import conftest as editorial_fixtures
from tests.factories import make_guide, make_image_file, make_window, publish

towns = editorial_fixtures.towns  # the two-center fixture, shared with tests/editorial

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def a_content(towns):
    """Town A's image, unattached upload and draft guide, with telling names."""
    a, _ = towns
    image = get_image_model().objects.create(
        title="甲镇内部照片", collection=a.workspace.collection, file=make_image_file("jia.png")
    )
    document = get_document_model().objects.create(
        title="甲镇未公开文件",
        collection=a.workspace.collection,
        file=ContentFile(b"secret draft", "jia-draft.txt"),
    )
    draft = make_guide(a.guides, make_window(a.center), publish_it=False, title="甲镇草稿指南")
    return {"image": image, "document": document, "draft": draft}


def _secrets(content) -> list[str]:
    return [
        "甲镇内部照片",
        "甲镇未公开文件",
        "甲镇草稿指南",
        content["image"].file.name,
        content["document"].file.name,
        content["document"].url,
    ]


def _endpoints():
    from wagtail.admin.api.urls import admin_api

    return sorted(admin_api._endpoints)


def test_every_admin_api_endpoint_hides_the_other_centers_content(towns, a_content):
    a, b = towns
    names = _endpoints()
    assert {"pages", "images", "documents"} <= set(names)
    ids = {
        "pages": a_content["draft"].pk,
        "images": a_content["image"].pk,
        "documents": a_content["document"].pk,
    }
    for who in ("editor", "director"):
        client = b.client(who)
        for name in names:
            base = f"/admin/api/main/{name}/"
            for params in ({}, {"search": "甲镇"}, {"limit": 20}, {"order": "-id"}):
                response = client.get(base, params)
                assert response.status_code == 200, (who, name, params)
                text = response.content.decode()
                for secret in _secrets(a_content):
                    assert secret not in text, (who, name, params, secret)
                    assert secret not in str(response.json()), (who, name, params, secret)
            if name in ids:
                detail = client.get(f"{base}{ids[name]}/")
                assert detail.status_code == 404, (who, name)
    # town A's own people still find their content through the API
    own = a.client("editor")
    assert "甲镇内部照片" in own.get("/admin/api/main/images/").content.decode()
    assert "甲镇未公开文件" in own.get("/admin/api/main/documents/").content.decode()
    assert own.get(f"/admin/api/main/images/{a_content['image'].pk}/").status_code == 200
    assert own.get(f"/admin/api/main/documents/{a_content['document'].pk}/").status_code == 200
    assert (
        "甲镇草稿指南"
        in own.get("/admin/api/main/pages/", {"child_of": a.guides.pk}).content.decode()
    )


def test_pages_endpoint_filters_cannot_reach_the_other_center(towns, a_content):
    a, b = towns
    client = b.client("editor")
    for params in (
        {"child_of": a.guides.pk},
        {"descendant_of": a.center.pk},
        {"for_explorer": 1, "child_of": a.guides.pk},
        {"search": "草稿"},
        {"type": "pages.ServiceGuidePage"},
        {"id": a_content["draft"].pk},
    ):
        response = client.get("/admin/api/main/pages/", params)
        assert response.status_code in (200, 400, 404), params
        assert "甲镇草稿指南" not in response.content.decode(), params


def test_an_unattached_upload_is_not_public(towns, a_content):
    a, b = towns
    url = a_content["document"].url
    assert Client().get(url).status_code in (302, 403, 404)
    assert b.client("editor").get(url).status_code in (302, 403, 404)
    assert b.client("director").get(url).status_code in (302, 403, 404)
    # the center's own people may open it (to check it before linking it)
    for who in ("editor", "director"):
        response = a.client(who).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"secret draft"


def test_a_document_becomes_public_when_a_live_page_links_it(
    towns,
    a_content,
    settings,
    django_capture_on_commit_callbacks,
):
    """Wagtail's reference index (kept by its background tasks) says which pages link it."""
    from pages.models import GuideMaterial

    settings.TASKS = IMMEDIATE_TASKS
    a, _ = towns
    document = a_content["document"]
    anonymous = Client()
    with django_capture_on_commit_callbacks(execute=True):
        guide = make_guide(
            a.guides,
            make_window(a.center, number=2, name="甲镇二号窗口", department=None),
            publish_it=False,
            title="甲镇待发布指南",
            materials=[GuideMaterial(name="申请表", blank_form=document, sort_order=0)],
        )
    # linked from a draft only: still private
    assert anonymous.get(document.url).status_code in (302, 403, 404)
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide)
    response = anonymous.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"secret draft"
    # unpublished again: private again
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert anonymous.get(document.url).status_code in (302, 403, 404)


def test_a_document_linked_only_from_a_private_page_stays_private(
    towns,
    a_content,
    settings,
    django_capture_on_commit_callbacks,
):
    from wagtail.models import PageViewRestriction

    from pages.models import GuideMaterial

    settings.TASKS = IMMEDIATE_TASKS
    a, _ = towns
    document = a_content["document"]
    with django_capture_on_commit_callbacks(execute=True):
        guide = make_guide(
            a.guides,
            make_window(a.center, number=3, name="甲镇三号窗口", department=None),
            title="甲镇内部指南",
            materials=[GuideMaterial(name="申请表", blank_form=document, sort_order=0)],
        )
    PageViewRestriction.objects.create(page=guide, restriction_type="login")
    assert Client().get(document.url).status_code in (302, 403, 404)
    assert a.client("editor").get(document.url).status_code == 200


def test_a_link_in_an_unpublished_draft_of_a_live_page_does_not_publish_the_file(
    towns,
    a_content,
    settings,
    django_capture_on_commit_callbacks,
):
    """The live page is public, its pending draft is not: the draft's new link waits."""
    from pages.models import GuideMaterial

    settings.TASKS = IMMEDIATE_TASKS
    a, _ = towns
    document = a_content["document"]
    with django_capture_on_commit_callbacks(execute=True):
        guide = make_guide(
            a.guides, make_window(a.center, number=4, name="甲镇四号窗口", department=None)
        )
        draft = guide.get_latest_revision_as_object()
        draft.materials.add(GuideMaterial(name="新申请表", blank_form=document, sort_order=9))
        draft.save_revision(user=a.editor)
    assert Client().get(document.url).status_code in (302, 403, 404)

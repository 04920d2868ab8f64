"""The 政府信息公开 column: the same entries in the same order for every center and the county."""

import re

from django.contrib.auth.models import Group

from disclosure.models import DisclosureGuidePage, DisclosureOffice, DisclosureRequest
from disclosure.sections import ensure_column

from .conftest import VALID

ENTRIES = [
    "政府信息公开指南",
    "政府信息公开制度",
    "法定主动公开内容",
    "政府信息公开年报",
    "依申请公开",
]


def _entries(html: str) -> list[str]:
    return re.findall(r'<li class="og-column__entry">\s*<(?:a [^>]*|span)>([^<]+)<', html)


def test_every_center_and_the_county_show_the_same_column(towns, client):
    home = towns[0].center.get_parent().specific
    ensure_column(home)
    for url in (f"{towns[0].center.url}open-government/", f"{towns[1].center.url}open-government/",
                "/open-government/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert _entries(response.content.decode()) == ENTRIES, url
    assert ensure_column(home).pk == ensure_column(home).pk  # once


def test_the_guide_has_the_required_elements_filled_from_the_center(towns, client):
    page = DisclosureGuidePage.objects.descendant_of(towns[0].center).get()
    text = client.get(page.url).content.decode()
    for label in (
        "主动公开",
        "受理机构",
        "办公地址",
        "办公时间",
        "联系电话",
        "办理时限",
        "监督和救济",
    ):
        assert label in text
    assert towns[0].center.specific.address in text


def test_each_center_has_its_officer_group_created_with_it(towns):
    office = DisclosureOffice.objects.get(unit=towns[0].center)  # made with the workspace
    assert office.group.name == f"{towns[0].center.title}·信息公开"
    assert Group.objects.filter(name__endswith="·信息公开").count() >= 2
    assert office.group.permissions.filter(codename="change_disclosurerequest").exists()


def test_the_county_takes_applications_too(towns, client):
    ensure_column(towns[0].center.get_parent().specific)
    response = client.post("/open-government/apply/", VALID)
    assert response.status_code == 200
    case = DisclosureRequest.objects.get()
    assert case.center_id == towns[0].center.get_parent().pk

"""What helps a citizen find and finish things on a guide page (issue 15, item 5)."""

import itertools

from bs4 import BeautifulSoup

from pages.models import GuideMaterial, SectionPage
from tests.factories import make_guide, make_window

_window_numbers = itertools.count(1)


def _guide_page(client, tree, **overrides):
    section = SectionPage.objects.child_of(tree["center"]).get(kind="guides")
    guide = make_guide(
        section,
        make_window(
            tree["center"], number=(n := next(_window_numbers)), name=f"{n}号窗口", department=""
        ),
        **overrides,
    )
    return BeautifulSoup(client.get(guide.url).content.decode(), "html.parser")


def test_online_channel_is_a_link_when_it_is_an_address(client, tree):
    soup = _guide_page(client, tree, online_channel="https://zwfw.example.gov.cn/item/42")
    link = soup.find("a", string="https://zwfw.example.gov.cn/item/42")
    assert link is not None and link["href"] == "https://zwfw.example.gov.cn/item/42"


def test_online_channel_that_is_not_an_address_stays_text(client, tree):
    soup = _guide_page(client, tree, online_channel="贵州政务服务网")
    assert "贵州政务服务网" in soup.text
    assert soup.find("a", string="贵州政务服务网") is None


def test_downloadable_form_without_a_file_says_where_to_get_it(client, tree):
    materials = [GuideMaterial(name="申请表", source="可在网上下载", sort_order=0)]
    soup = _guide_page(client, tree, materials=materials)
    assert "表格请到办理窗口领取" in soup.text
    soup = _guide_page(
        client,
        tree,
        materials=[GuideMaterial(name="申请表", source="网站下载", sort_order=0)],
        online_channel="https://zwfw.example.gov.cn/",
    )
    assert soup.find("a", string="到网上办理平台下载表格")["href"] == "https://zwfw.example.gov.cn/"


def test_every_page_names_a_favicon(client, tree):
    soup = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    icon = soup.find("link", rel="icon")
    assert icon is not None and icon["href"].endswith("favicon.svg")

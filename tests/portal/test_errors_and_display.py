"""Chinese error pages, and the elder-friendly display mode that persists across pages."""

from django.conf import settings

import pytest
from bs4 import BeautifulSoup

from pages.models import ServiceCenterPage


def test_unknown_url_gives_the_chinese_404_page(client, tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.h1.get_text(strip=True) == "抱歉，您访问的页面不存在"
    assert soup.html["lang"] == "zh-CN"
    assert "政务服务热线" in soup.select_one("footer").get_text()


def test_server_error_gives_the_chinese_500_page_without_traceback(client, tree, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(ServiceCenterPage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get(tree["center"].url)
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统繁忙，请稍后再试" in html
    assert "database on fire" not in html and "Traceback" not in html


def test_elder_mode_persists_across_pages(client, tree):
    assert 'class="mode-elder"' not in client.get("/").content.decode()
    response = client.get("/display/", {"mode": "elder", "next": tree["center"].url})
    assert response.status_code == 302 and response["Location"] == tree["center"].url
    cookie = response.cookies[settings.PORTAL_DISPLAY_COOKIE]
    assert cookie.value == "elder" and cookie["max-age"] == 31536000
    for url in ("/", tree["center"].url, tree["station"].url):
        assert 'class="mode-elder"' in client.get(url).content.decode()
    assert "返回标准模式" in client.get("/").content.decode()
    client.get("/display/", {"mode": "standard", "next": "/"})
    assert 'class="mode-elder"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_display_switch_never_redirects_off_site(client, target):
    response = client.get("/display/", {"mode": "elder", "next": target})
    assert response["Location"] == "/"


def test_unknown_display_mode_falls_back_to_standard(client, tree):
    client.cookies[settings.PORTAL_DISPLAY_COOKIE] = "<script>"
    html = client.get("/").content.decode()
    assert "<script>" not in html and 'class="mode-elder"' not in html

"""The English site as an English reader meets it: every link stays under /en/
(except the switch back to Chinese), the switcher marks English, and a page not
yet translated says so in English around its Chinese content."""

from collections import deque
from urllib.parse import urlsplit

from django.test import Client

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from pages.models import SectionPage
from tests.factories import make_guide, make_window, publish

# Addresses outside the page tree that are the same in every language: files,
# feeds, the display-mode switch (which returns to the page it came from).
NOT_PAGES = ("/static/", "/media/", "/documents/", "/feeds/", "/display/")


@pytest.fixture
def english_tree(tree):
    """The tree's home, center and guides section in English; one guide left in Chinese."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    center = tree["center"]
    guides = SectionPage.objects.child_of(center).get(kind="guides")
    guide = make_guide(guides, make_window(center), title="未翻译的指南")
    for page, title in (
        (tree["home"], "Qingshi County"),
        (center, "Yunxi Town Center"),
        (guides, "Service guides"),
    ):
        copy = page.copy_for_translation(english)
        copy.title = title
        publish(copy)
    return {**tree, "guides": guides, "guide": guide}


def _soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def _leaks(soup) -> list[str]:
    """Internal links of a page that leave /en/, the language switcher aside."""
    switcher = soup.select("nav.language-switch a")
    leaks = []
    for link in soup.find_all("a", href=True):
        href = link["href"]
        parts = urlsplit(href)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            continue  # tel:, mailto:, another site
        if not parts.path or link in switcher or parts.path.startswith(NOT_PAGES):
            continue  # "#main", "?page=2" stay on the page
        if not parts.path.startswith("/en/"):
            leaks.append(href)
    return leaks


def test_links_inside_english_pages_stay_in_english(english_tree):
    client = Client()
    seen, queue, leaks = set(), deque(["/en/"]), {}
    while queue and len(seen) < 40:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        soup = _soup(client, url)
        if found := _leaks(soup):
            leaks[url] = found
        for link in soup.find_all("a", href=True):
            path = urlsplit(link["href"]).path
            if path.startswith("/en/") and not link.find_parent("nav", class_="language-switch"):
                queue.append(path)
    assert f"/en{english_tree['guide'].url}" in seen  # the crawl reached the untranslated guide
    assert "/en/search/" not in leaks
    assert leaks == {}


def test_search_form_and_results_stay_in_english(english_tree):
    client = Client()
    home = _soup(client, "/en/")
    assert home.select_one("form[role=search]")["action"] == "/en/search/"
    results = _soup(client, "/en/search/?q=未翻译")
    assert results.find("html")["lang"] == "en"
    hits = [a["href"] for a in results.select(".hit__title a")]
    assert hits == [f"/en{english_tree['guide'].url}"]


def test_switcher_marks_the_language_read(english_tree):
    client = Client()
    guide_url = english_tree["guide"].url
    for url, current in (("/", "简体中文"), ("/en/", "English"), (f"/en{guide_url}", "English")):
        marked = _soup(client, url).select("nav.language-switch a[aria-current]")
        assert [a.get_text(strip=True) for a in marked] == [current], url
    chinese = _soup(client, f"/en{guide_url}").select_one("nav.language-switch a[hreflang=zh-Hans]")
    assert chinese["href"] == guide_url


def test_fallback_notice_is_in_english_around_the_chinese_page(english_tree):
    soup = _soup(Client(), f"/en{english_tree['guide'].url}")
    assert soup.find("html")["lang"] == "en"
    notice = soup.select_one(".translation-fallback").get_text(" ", strip=True)
    assert notice == (
        "This page is not yet available in English; the Chinese original is shown below."
    )
    main = soup.select_one("main")
    assert main["lang"] == "zh-CN" and "未翻译的指南" in main.get_text()
    assert soup.select_one("form[role=search] button").get_text(strip=True) == "Search"


def test_search_results_offer_the_same_search_in_the_other_language(english_tree):
    """Search is a view, not a page: its switcher keeps the query and marks the language."""
    client = Client()
    for url, current, other in (
        ("/search/?q=%E4%BD%8E%E4%BF%9D", "简体中文", "/en/search/?q=%E4%BD%8E%E4%BF%9D"),
        ("/en/search/?q=%E4%BD%8E%E4%BF%9D", "English", "/search/?q=%E4%BD%8E%E4%BF%9D"),
    ):
        switch = _soup(client, url).select("nav.language-switch a")
        assert [a.get_text(strip=True) for a in switch if a.get("aria-current")] == [current]
        assert other in [a["href"] for a in switch], url

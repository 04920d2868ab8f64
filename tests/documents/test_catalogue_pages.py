"""The catalogue and the feed at any size: one page of documents with page links an
elderly reader can use, in the same queries for a few documents or many."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from documents.models import IssuingOrganisation, PolicyDocumentPage
from documents.services.document_list import PER_PAGE
from pages.models import SectionPage


@pytest.fixture
def section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="documents")


def _documents(section, count, start=0):
    """`count` live documents, each from an organisation of its own."""
    for n in range(start, start + count):
        org = IssuingOrganisation.objects.create(name=f"青石县第{n}局", code=f"QSX{n:03d}")
        page = PolicyDocumentPage(
            title=f"第{n:02d}号通知",
            slug=f"doc-{n}",
            publish_date=dt.date(2020 + n % 3, 3, 1) + dt.timedelta(days=n),
            topic="labour",
            body="<p>正文。</p>",
        )
        page.organisations = [org]
        section.add_child(instance=page)
        page.save_revision().publish()


def _get(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def test_catalogue_pages_are_numbered_and_keep_the_filters(client, section):
    _documents(section, 2)
    _html, few = _get(client, section.url, {"topic": "labour"})
    _documents(section, 2 * PER_PAGE + 1, start=2)
    html, many = _get(client, section.url, {"topic": "labour"})
    assert many == few
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select(".catalogue-table tbody tr")) == PER_PAGE
    nav = soup.select_one("nav.pagination")
    assert nav.select_one(".pagination__status").get_text(strip=True) == "第 1 页 / 共 3 页"
    links = {a.get_text(strip=True): a["href"] for a in nav.select("a")}
    assert links["下一页"] == "?topic=labour&sort=new&page=2"
    assert links["3"] == "?topic=labour&sort=new&page=3"
    assert nav.select_one("a[aria-current=page]")["aria-label"] == "第 1 页"
    # Every year counted once, by the database, with the other filters applied.
    years = {o.get_text(strip=True) for o in soup.select("select[name=year] option")}
    assert years == {"全部", "2020（15）", "2021（14）", "2022（14）"}  # 43 documents


def test_the_feed_names_each_organisation_in_the_same_queries(client, section):
    _documents(section, 2)
    _xml, few = _get(client, "/feeds/documents/")
    _documents(section, 10, start=2)
    xml, many = _get(client, "/feeds/documents/")
    assert many == few
    assert "发布机构：青石县第11局" in xml

"""Policy documents: 索引号 generated once, catalogue filters, feed, the page itself."""

import datetime as dt
import threading

from django.db import connection
from django.test import Client

import pytest
from bs4 import BeautifulSoup

from documents.models import IssuingOrganisation, PolicyDocumentPage, PolicyInterpretationPage
from documents.services.document_list import build_catalogue
from pages.models import SectionPage


@pytest.fixture
def section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="documents")


@pytest.fixture
def org(db):
    return IssuingOrganisation.objects.create(name="青石县人民政府办公室", code="QSX001")


def make_document(section, org, slug, live=True, **fields):
    values = {
        "title": "关于做好便民服务工作的通知",
        "document_number": "青府办发〔2026〕1号",
        "written_date": dt.date(2026, 3, 2),
        "publish_date": dt.date(2026, 3, 5),
        "body": "<p>各乡镇：</p><h2>一、总体要求</h2><p>正文。</p>",
    }
    values.update(fields)
    page = PolicyDocumentPage(slug=slug, live=live, **values)
    if org is not None:
        page.organisations = [org]
    section.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def test_index_number_is_generated_once_and_never_changes(section, org):
    first = make_document(section, org, "a")
    second = make_document(section, org, "b")
    assert first.index_number == "QSX001/2026-00001"
    assert second.index_number == "QSX001/2026-00002"
    first.title = "关于做好便民服务工作的通知（修改）"
    first.save_revision().publish()
    first.move(section.get_parent(), pos="last-child")  # moved out of the section and back
    first.refresh_from_db()
    first.move(section, pos="last-child")
    first.refresh_from_db()
    assert first.index_number == "QSX001/2026-00001"
    # an old revision (saved before the number existed) does not wipe it either
    first.revisions.order_by("created_at").first().publish()
    first.refresh_from_db()
    assert first.index_number == "QSX001/2026-00001"


def test_imported_number_is_kept_and_serials_continue_after_it(section, org):
    imported = make_document(section, org, "old", index_number="QSX001/2026-00307")
    assert imported.index_number == "QSX001/2026-00307"
    assert make_document(section, org, "new").index_number == "QSX001/2026-00308"


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_never_duplicates():
    """Eight threads taking numbers at once (PostgreSQL row locks; SQLite serialises)."""
    from documents.models.organisations import next_index_number

    if connection.vendor == "sqlite":
        pytest.skip("SQLite in-memory test database is per-connection; covered on PostgreSQL")
    organisation = IssuingOrganisation.objects.create(name="并发测试机构", code="CONC01")
    numbers, errors = [], []

    def take():
        try:
            for _ in range(5):
                numbers.append(next_index_number(organisation, 2026))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(numbers) == 40 and len(set(numbers)) == 40
    assert max(numbers) == "CONC01/2026-00040"


def test_document_page_shows_the_metadata_table_and_links(client, section, org):
    new = make_document(section, org, "new", title="农村住房安全保障实施方案", topic="housing")
    old = make_document(
        section,
        org,
        "old",
        title="2019年农村危房改造实施方案",
        document_number="青府办发〔2019〕5号",
        validity="repealed",
        validity_date=dt.date(2026, 3, 5),
        replaced_by=new,
    )
    interpretation = PolicyInterpretationPage(
        title="《农村住房安全保障实施方案》政策解读", slug="jiedu", document=new, body="<p>解读</p>"
    )
    section.add_child(instance=interpretation)
    interpretation.save_revision().publish()

    html = client.get(new.url).content.decode()
    for label in ("索引号", "发布机构", "成文日期", "发布日期", "文号", "主题分类", "公开方式"):
        assert label in html
    assert new.index_number in html and "青石县人民政府办公室" in html
    assert interpretation.url in html  # document → interpretation
    assert new.url in client.get(interpretation.url).content.decode()  # and back
    old_html = client.get(old.url).content.decode()
    assert "已废止" in old_html and new.url in old_html


def test_catalogue_filters_sort_and_shareable_urls(client, section, org):
    other = IssuingOrganisation.objects.create(name="云溪镇人民政府", code="QSX101")
    make_document(
        section,
        org,
        "a",
        title="甲通知",
        topic="housing",
        written_date=dt.date(2025, 4, 28),
        publish_date=dt.date(2025, 5, 1),
    )
    make_document(section, other, "b", title="乙方案", topic="labour")
    make_document(
        section, org, "c", title="丙通知", validity="repealed", validity_date=dt.date(2026, 4, 1)
    )
    make_document(section, org, "d", title="丁草稿", live=False)

    def titles(**params):
        html = client.get(section.url, params).content.decode()
        return [t for t in ("甲通知", "乙方案", "丙通知", "丁草稿") if t in html]

    assert titles() == ["甲通知", "乙方案", "丙通知"]
    assert titles(org=str(other.pk)) == ["乙方案"]
    assert titles(topic="housing") == ["甲通知"]
    assert titles(year="2025") == ["甲通知"]
    assert titles(validity="repealed") == ["丙通知"]
    assert titles(type="plan") == ["乙方案"]
    assert titles(org="nonsense", topic="<script>") == ["甲通知", "乙方案", "丙通知"]
    html = client.get(section.url, {"sort": "old"}).content.decode()
    assert html.index("甲通知") < html.index("乙方案")
    html = client.get(section.url, {"sort": "new"}).content.decode()
    assert html.index("乙方案") < html.index("甲通知")
    county = client.get("/catalogue/", {"validity": "repealed"}).content.decode()
    assert "丙通知" in county and "甲通知" not in county


def test_feed_lists_new_documents_escaped(client, section, org):
    make_document(section, org, "x", title="关于<b>加强</b>管理的通知")
    make_document(section, org, "y", title="草稿文件", live=False)
    response = client.get("/feeds/documents/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "&lt;b&gt;加强&lt;/b&gt;" in body and "<b>" not in body
    assert "草稿文件" not in body
    assert "QSX001/2026-00001" in body
    assert client.get(f"/feeds/documents/{section.pk}/").status_code == 200


def test_demo_has_documents_a_repealed_one_and_an_interpretation(demo):
    assert PolicyDocumentPage.objects.live().count() >= 5
    repealed = PolicyDocumentPage.objects.get(slug="housing-2019")
    assert repealed.validity == "repealed" and repealed.replaced_by is not None
    interpretation = PolicyInterpretationPage.objects.get()
    assert interpretation.document.slug == "housing-2026"
    numbers = list(PolicyDocumentPage.objects.values_list("index_number", flat=True))
    assert all(numbers) and len(set(numbers)) == len(numbers)
    assert Client().get("/catalogue/").status_code == 200


def test_documents_are_found_by_chinese_search_with_their_validity(client, section, org):
    make_document(
        section,
        org,
        "s",
        title="农村低收入群体住房安全保障实施方案",
        keywords="危房改造",
        validity="amended",
        validity_date=dt.date(2026, 5, 1),
    )
    html = client.get("/search/", {"q": "危房"}).content.decode()
    assert "农村低收入群体住房安全保障实施方案" in html and "已修订" in html


def test_catalogue_pages_keep_their_filters(client, section, org):
    from documents.services.document_list import PER_PAGE

    for n in range(PER_PAGE + 1):
        make_document(
            section, org, f"p{n}", title=f"第{n}号通知", document_number="", topic="labour"
        )
    first = client.get(section.url, {"topic": "labour", "sort": "old"}).content.decode()
    assert 'href="?topic=labour&amp;sort=old&amp;page=2"' in first
    second = client.get(
        section.url, {"topic": "labour", "sort": "old", "page": "2"}
    ).content.decode()
    # Page 1 is the list's own address, without a page number.
    assert 'href="?topic=labour&amp;sort=old" rel="prev"' in second


def test_documents_section_lists_each_interpretation_under_its_document(client, section, org):
    """A reader who finds a document in the list finds its 政策解读 beside it."""
    explained = make_document(section, org, "explained", title="农村住房安全保障实施方案")
    plain = make_document(section, org, "plain", title="关于做好防汛工作的通知")
    interpretation = PolicyInterpretationPage(
        title="《农村住房安全保障实施方案》政策解读",
        slug="jd",
        document=explained,
        body="<p>解读</p>",
    )
    section.add_child(instance=interpretation)
    interpretation.save_revision().publish()
    draft = PolicyInterpretationPage(
        title="未发布的解读", slug="jd2", document=plain, body="<p>草稿</p>", live=False
    )
    section.add_child(instance=draft)
    draft.save_revision()
    for url in (section.url, "/catalogue/"):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        rows = {
            tr.a.get_text(strip=True): [a["href"] for a in tr.select("td:first-child li a")]
            for tr in soup.select(".catalogue-table tbody tr")
        }
        assert rows[explained.title] == [interpretation.url], url
        assert rows[plain.title] == [], url


def test_each_facet_value_is_counted_once_over_all_its_documents(section, org):
    """The page queries' default ordering once leaked into the facets' GROUP BY: every
    document made its own "有效（1）" entry instead of one "有效（3）"."""
    for slug in ("a", "b", "c"):
        make_document(section, org, slug, title=f"{slug}通知", topic="housing")
    make_document(
        section,
        org,
        "d",
        title="丁通知",
        topic="housing",
        validity="repealed",
        validity_date=dt.date(2026, 4, 1),
    )

    facets = build_catalogue(section, {}).facets

    counted = {name: [(v.label, v.count) for v in values] for name, values in facets.items()}
    assert counted["validity"] == [("有效", 3), ("已废止", 1)]  # in the choices' order
    assert counted["topic"] == [("城乡建设、住房", 4)]
    assert counted["org"] == [("青石县人民政府办公室", 4)]
    assert counted["year"] == [("2026", 4)]
    assert counted["type"] == [("通知", 4)]

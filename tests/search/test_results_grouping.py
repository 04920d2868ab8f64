"""Search returns things, not copies (issue #15): one result per item with its
places, window-name matches after content matches, readable snippets, and the
content's own dates."""

import datetime as dt

from django.utils import timezone

from wagtail.models import Revision

import pytest
from bs4 import BeautifulSoup

from pages.models import SectionPage, ServiceGuidePage
from search import service
from search.backends.base import Term
from search.highlight import snippet
from tests.factories import VillageStationPageFactory, make_guide, make_window, publish

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def guides_section(tree):
    return SectionPage.objects.child_of(tree["center"]).get(kind="guides")


# --- one result per item -------------------------------------------------


def test_an_item_offered_at_several_places_is_one_result_naming_them(tree, guides_section):
    second = publish(VillageStationPageFactory(parent=tree["center"]))
    copies = [
        make_guide(parent, title="户籍证明代办", item_code="QS-DB-002")
        for parent in (tree["station"], second, guides_section)
    ]
    answer = service.search("户籍证明")
    assert answer.results.total == 1
    hit = answer.results.hits[0]
    assert hit.place_count == 3
    assert {p.name for p in hit.places} == {
        tree["station"].official_name,
        second.official_name,
        tree["center"].official_name,
    }
    assert {p.url for p in hit.places} == {c.url for c in copies}


def test_without_an_item_code_copies_are_grouped_by_their_title(tree, guides_section):
    make_guide(tree["station"], title="临时救助申请", item_code="")
    make_guide(guides_section, title="临时救助 申请", item_code="")
    make_guide(guides_section, title="临时救助金发放", item_code="")
    hits = service.search("临时救助").results.hits
    assert sorted(h.place_count for h in hits) == [1, 2]


def test_the_results_page_says_where_an_item_can_be_had(shared_demo, client):
    stations = ServiceGuidePage.objects.live().filter(item_code="QS-DB-001")
    page = soup(client, "/search/?q=医保缴费代办")
    hits = page.select(".hit")
    titles = [h.select_one(".hit__title").get_text() for h in hits]
    assert titles.count("城乡居民医保缴费代办") == 1
    hit = hits[titles.index("城乡居民医保缴费代办")]
    assert f"可在 {stations.count()} 个地点办理" in hit.select_one(".hit__places").get_text()
    links = {a.get_text(): a["href"] for a in hit.select(".hit__place-list a")}
    assert set(links.values()) == {g.url for g in stations}
    assert set(links) == {g.get_parent().specific.official_name for g in stations}


def test_a_single_result_names_its_place(shared_demo, client):
    page = soup(client, "/search/?q=低保&center=青石县云溪镇便民服务中心&kind=guide")
    hit = page.select_one(".hit")
    assert hit.select_one(".hit__place").get_text() == "青石县云溪镇便民服务中心"
    assert hit.select_one(".hit__places") is None


# --- ranking: the content before the window's name -----------------------


def test_a_window_name_match_ranks_after_title_and_body_matches(shared_demo):
    hits = service.search("社保", per_page=50).results.hits
    titles = [h.title for h in hits]
    # 高龄津贴申领 asks for a 社保卡 (its materials); staff match only through
    # their window's or department's name (人力资源和社会保障…).
    first_staff = next(i for i, h in enumerate(hits) if h.kind == "staff")
    assert titles.index("高龄津贴申领") < first_staff


def test_a_guide_found_only_by_its_window_ranks_last(tree, guides_section):
    window = make_window(tree["center"], number=2, name="民政社保窗口", department="社保所")
    make_guide(guides_section, window, title="临时救助申请", item_code="A-1")
    make_guide(guides_section, title="社保卡补办", item_code="A-2", conditions="丢失的。")
    make_guide(guides_section, title="医保参保", item_code="A-3", conditions="已办理社保卡的居民。")
    titles = [h.title for h in service.search("社保").results.hits]
    assert titles[-1] == "临时救助申请"
    assert set(titles[:2]) == {"社保卡补办", "医保参保"}


# --- snippets ------------------------------------------------------------


def test_snippets_are_sentences_of_the_content_not_field_dumps(shared_demo, client):
    page = soup(client, "/search/?q=低保")
    text = page.select_one(".hit__snippet").get_text()
    for dump in ("QS-MZ-001", "行政给付", "上报件", "民政救助窗口", "民政办"):
        assert dump not in text
    assert text.startswith("持有本县户籍")


def test_snippet_skips_codes_and_labels_and_marks_the_match():
    body = "QS-MZ-001\n行政给付\n承诺件\n持有本县户籍，家庭收入低于最低生活保障标准。\n0851-1234"
    html = str(snippet(body, [Term(("最低生活保障",))]))
    assert html == "持有本县户籍，家庭收入低于<mark>最低生活保障</mark>标准。"


def test_snippet_starts_at_the_sentence_with_the_match():
    body = "第一句没有关键词的说明文字。第二句说明申请低保的条件。第三句。"
    html = str(snippet(body, [Term(("低保",))]))
    assert html.startswith("…第二句说明申请<mark>低保</mark>的条件。")


# --- dates ---------------------------------------------------------------


def test_a_guide_shows_when_its_content_changed_not_when_it_was_republished(tree, guides_section):
    guide = make_guide(guides_section, title="残疾人证办理", item_code="C-1")
    written = timezone.make_aware(dt.datetime(2024, 5, 6, 9, 0))
    Revision.objects.filter(object_id=str(guide.pk)).update(created_at=written)
    publish(guide)  # published again, unchanged (a re-run import, a demo repair)
    assert service.search("残疾人证").results.hits[0].date == dt.date(2024, 5, 6)

    guide.conditions = "持有残疾人证的本县居民。"
    publish(guide)  # a real change
    assert service.search("残疾人证").results.hits[0].date == timezone.localdate()


def test_places_carry_no_load_date(tree):
    hits = service.search(tree["center"].official_name).results.hits
    center = next(h for h in hits if h.kind == "center")
    assert center.date is None

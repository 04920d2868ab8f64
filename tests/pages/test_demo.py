"""`manage.py load_demo` builds the demo county and is safe to run twice."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Site

from pages.models import (
    CountyHomePage,
    SectionPage,
    ServiceCenterPage,
    VillageAgent,
    VillageStationPage,
)


def _counts():
    return (
        Page.objects.count(),
        ServiceCenterPage.objects.live().count(),
        VillageStationPage.objects.live().count(),
        VillageAgent.objects.count(),
        SectionPage.objects.count(),
    )


def test_load_demo_twice_creates_nothing_the_second_time(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    assert first[1] >= 3 and first[2] >= 6
    assert "Admin login:  admin / " in out.getvalue()

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == first
    assert "0 created, 0 updated" in out.getvalue()
    assert "existing account, password unchanged" in out.getvalue()


def test_demo_county_is_the_default_site_and_renders(client, demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, CountyHomePage)
    html = client.get("/").content.decode()
    for center in ServiceCenterPage.objects.filter(locale__language_code="zh-hans"):
        assert center.official_name in html
    songlin = ServiceCenterPage.objects.get(slug="songlin")
    assert songlin.market_day_rule.describe() == "农历逢三、六、九"
    assert client.get(songlin.url).status_code == 200


def test_demo_content_is_valid(demo):
    """Demo pages pass the same validation an editor's pages do."""
    for model in (CountyHomePage, ServiceCenterPage, VillageStationPage):
        for page in model.objects.all():
            page.full_clean()
    for agent in VillageAgent.objects.all():
        agent.full_clean()


def test_load_demo_repairs_an_edited_page(db, demo):
    yunxi = ServiceCenterPage.objects.filter(slug="yunxi", locale__language_code="zh-hans")
    yunxi.update(consultation_phone="0859-0000000")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert yunxi.get().consultation_phone == "0859-6621001"
    assert "1 updated" in out.getvalue()

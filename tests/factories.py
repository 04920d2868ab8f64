"""Factories for the page tree; every test builds its content from these."""

from wagtail.models import Page, Site

import factory
import wagtail_factories

from pages.models import (
    CountyHomePage,
    SectionPage,
    ServiceCenterPage,
    VillageAgent,
    VillageStationPage,
)


class CountyHomePageFactory(wagtail_factories.PageFactory):
    title = "测试县政务服务网"
    slug = factory.Sequence(lambda n: f"county-{n}")
    official_name = "测试县人民政府政务服务中心"
    hotline = "12345"
    supervision_phone = "0851-88880000"

    class Meta:
        model = CountyHomePage


class ServiceCenterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"测试{n}镇便民服务中心")
    slug = factory.Sequence(lambda n: f"center-{n}")
    official_name = factory.LazyAttribute(lambda o: f"测试县{o.title}")
    township_name = factory.Sequence(lambda n: f"测试{n}镇")
    address = "测试县测试镇人民路 1 号"
    opening_hours = "周一至周五 上午 8:30—12:00\n周一至周五 下午 14:00—17:30"
    consultation_phone = "0851-88881111"
    complaint_phone = "0851-88882222"
    director_name = "李四"
    market_day_calendar = "solar"
    market_day_numbers = "1,4,7"

    class Meta:
        model = ServiceCenterPage


class VillageStationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"测试{n}村便民服务站")
    slug = factory.Sequence(lambda n: f"station-{n}")
    official_name = factory.LazyAttribute(lambda o: f"测试县测试镇{o.title}")
    village_name = factory.Sequence(lambda n: f"测试{n}村")
    address = "测试村村委会"
    opening_hours = "周一至周五 上午 9:00—12:00"
    phone = "0851-88883333"

    class Meta:
        model = VillageStationPage


class VillageAgentFactory(factory.django.DjangoModelFactory):
    name = "王五"
    phone = "13900000000"
    center_weekdays = "2,5"
    on_market_days = True

    class Meta:
        model = VillageAgent


class SectionPageFactory(wagtail_factories.PageFactory):
    title = "其他栏目"
    slug = factory.Sequence(lambda n: f"section-{n}")
    kind = "general"

    class Meta:
        model = SectionPage


def publish(page: Page) -> Page:
    """Publish through a revision, as the admin does, so that signals fire."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_site_tree() -> dict:
    """A county with one published center and one station, served as the default site."""
    root = Page.get_first_root_node()
    home = CountyHomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": home.title},
    )
    center = publish(ServiceCenterPageFactory(parent=home))
    station = VillageStationPageFactory(parent=center)
    VillageAgentFactory(station=station)
    publish(station)
    return {"home": home, "center": center, "station": station}

"""Factories for the page tree; every test builds its content from these."""

import itertools

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


_guide_numbers = itertools.count(1)


def make_window(unit, number=1, name="民政救助窗口", department="民政办"):
    from pages.models import Department, ServiceWindow

    window = ServiceWindow.objects.create(
        unit=unit, number=number, name=name, phone="0851-88884444"
    )
    if department:
        window.departments.add(Department.objects.create(center=unit.specific, name=department))
    return window


def make_guide(parent, window=None, publish_it=True, **overrides):
    """A guide with all eight 八公开 elements unless `overrides` take some away."""
    from pages.models import GuideLegalBasis, GuideMaterial, GuideStep, ServiceGuidePage

    values = {
        "title": "最低生活保障申请",
        "slug": f"guide-{next(_guide_numbers)}",
        "item_code": "T-001",
        "item_type": "payment",
        "handling_mode": "promised",
        "window": window,
        "department": window.departments.first() if window else None,
        "conditions": "本县户籍困难家庭。",
        "promised_limit_days": 20,
        "statutory_limit_days": 30,
        "legal_bases": [GuideLegalBasis(law="社会救助暂行办法", articles="第九条")],
        "materials": [
            GuideMaterial(name="居民身份证", original_or_copy="both", sort_order=0),
            GuideMaterial(name="残疾人证", required=False, condition="有残疾的", sort_order=1),
        ],
        "steps": [GuideStep(title="申请", sort_order=0), GuideStep(title="审批", sort_order=1)],
    }
    values.update(overrides)
    guide = ServiceGuidePage(live=publish_it, **values)
    parent.add_child(instance=guide)
    if publish_it:
        publish(guide)
    else:
        guide.save_revision()
    return guide


class LifeEventFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"主题{n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = "pages.LifeEvent"


class StaffMemberFactory(factory.django.DjangoModelFactory):
    """A member of a center's staff; pass `status="下村走访"` to set a status by name."""

    name = factory.Sequence(lambda n: f"职员{n}")
    title = "窗口经办人"
    work_number = factory.Sequence(lambda n: f"T-{n:04d}")
    office_phone = "0851-88885555"
    mobile = factory.Sequence(lambda n: f"1370000{n:04d}")

    class Meta:
        model = "staff.StaffMember"
        skip_postgeneration_save = True

    @factory.post_generation
    def status(obj, create, extracted, **kwargs):
        from staff.models import WhereaboutsStatus

        obj.status = WhereaboutsStatus.objects.get(name=extracted or "在岗")
        if create:
            obj.save(update_fields=["status"])


def make_user(username: str, staff_member=None, password: str = "Test-pass-2026"):  # noqa: S107
    """A login, optionally linked to a staff member (so it may set that person's status)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username, password=password)
    if staff_member is not None:
        staff_member.user = user
        staff_member.save(update_fields=["user"])
    return user


def make_image_file(name: str = "photo.png"):
    """A small real PNG, as an upload would bring."""
    import io

    from django.core.files.images import ImageFile

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (24, 32), "#1d4ed8").save(buffer, format="PNG")
    return ImageFile(buffer, name=name)

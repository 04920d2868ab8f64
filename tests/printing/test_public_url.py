"""QR codes and links in print use the public host; while it is local the print
menu and `check --deploy` warn and no QR code is printed."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from wagtail.models import Site

import pytest

from pages.models import ServiceCenterPage
from printing.checks import check_public_url
from printing.leaflets import guide_leaflet
from printing.products import center_guides


@pytest.fixture
def yunxi(shared_demo):
    return ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")


@pytest.fixture
def local_site(shared_demo, settings):
    settings.PORTAL_PUBLIC_URL = ""
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=8000)


@pytest.fixture
def guide(yunxi):
    return center_guides(yunxi).get(title="最低生活保障申请")


def test_public_url_setting_is_printed_in_the_qr_code(yunxi, guide, settings):
    settings.PORTAL_PUBLIC_URL = "https://bmfw.qingshi.gov.cn/"
    html = guide_leaflet(yunxi, guide).html()
    assert "data:image/svg+xml;base64," in html
    assert check_public_url() == []


def test_site_hostname_is_used_without_the_setting(yunxi, guide, settings):
    settings.PORTAL_PUBLIC_URL = ""
    Site.objects.filter(is_default_site=True).update(hostname="bmfw.qingshi.gov.cn", port=443)
    assert "data:image/svg+xml;base64," in guide_leaflet(yunxi, guide).html()


def test_local_host_prints_no_qr_and_warns(yunxi, guide, local_site, client):
    assert "data:image/svg+xml" not in guide_leaflet(yunxi, guide).html()

    user = get_user_model().objects.create_superuser("qr", "q@example.org", "x-pass-2026")
    client.force_login(user)
    page = client.get(f"/admin/print/{yunxi.pk}/").content.decode()
    assert "对外网址仍是本机地址" in page and "localhost" in page

    assert [w.id for w in check_public_url()] == ["printing.W001"]
    with pytest.raises(SystemCheckError, match="printing.W001"):
        call_command("check", deploy=True, fail_level="WARNING")

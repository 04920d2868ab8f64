"""Give every unit its 政府信息公开 column and officer group (for sites that existed
before the column did; new centers get both when created)."""

from django.core.management.base import BaseCommand

from wagtail.models import Locale

from disclosure.sections import ensure_column
from pages.models import CountyHomePage, ServiceCenterPage


class Command(BaseCommand):
    help = "为县级和每个便民服务中心建立“政府信息公开”栏目及信息公开工作人员组"

    def handle(self, *args, **options):
        default = Locale.get_default()
        units = [
            *CountyHomePage.objects.filter(locale=default),
            *ServiceCenterPage.objects.filter(locale=default).order_by("path"),
        ]
        for n, unit in enumerate(units, start=1):
            ensure_column(unit)
            self.stdout.write(f"[{n}/{len(units)}] {unit.title}")

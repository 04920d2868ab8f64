"""Purge every cached public page, on every app server (after a deployment)."""

from django.core.management.base import BaseCommand

from core import pagecache


class Command(BaseCommand):
    help = "Purge every cached public page (core.pagecache), e.g. after deploying new templates."

    def handle(self, *args, **options):
        pagecache.invalidate_all()
        self.stdout.write("page cache purged")

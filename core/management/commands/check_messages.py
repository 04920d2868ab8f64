"""CI: fail when makemessages finds a new, untranslated or unused interface string."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.translations import check_catalogue


class Command(BaseCommand):
    help = "Check that locale/<lang>/LC_MESSAGES/django.po translates every interface string."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        failures = []
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue  # the source language
            problems = check_catalogue(root, code)
            if problems:
                failures.append(f"locale/{code}:\n{problems.report()}")
        if failures:
            raise CommandError(
                "\n".join(failures)
                + "\nUpdate with: manage.py makemessages -l <lang> --no-location"
                + " --ignore=tests --ignore=benchmarks --ignore=var, then translate."
            )
        self.stdout.write("Interface translations complete.")

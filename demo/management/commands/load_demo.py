"""`manage.py load_demo`: the fictional 青石县 with its centers and stations."""

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Create or refresh the demo county (safe to run again)."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(f"  · {message}")

        # The address this installation answers at (scripts/cluster.sh sets its nginx's).
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write("Loading the demo county…")
        result = load_demo(progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged."
            )
        )
        self.stdout.write(f"Public site:  {base}{result.home.url or '/'}")
        self.stdout.write(f"Admin:        {base}/admin/")
        if result.admin_password:
            self.stdout.write(f"Admin login:  {result.admin_username} / {result.admin_password}")
        else:
            self.stdout.write(
                f"Admin login:  {result.admin_username} (existing account, password unchanged; "
                "reset it with `manage.py changepassword admin`)"
            )
        for account in result.staff_accounts:
            where = (
                f"{base}/admin/"
                if account.username.endswith(("-editor", "-director", "-gongkai"))
                else f"{base}/staff/me/"
            )
            self.stdout.write(
                f"Demo login:   {account.username} / {account.password}  ({account.name}, {where})"
            )

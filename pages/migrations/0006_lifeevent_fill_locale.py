"""Give existing life-event themes the default locale and a translation key."""

from django.db import migrations

from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_lifeevent_bootstrap_translatable"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [BootstrapTranslatableModel("pages.LifeEvent")]

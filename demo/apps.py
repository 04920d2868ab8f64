from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional 青石县 demo county: it loads every app's demo content, so it
    sits on top of them all and nothing imports it."""

    name = "demo"
    verbose_name = "演示数据"

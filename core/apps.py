from django.apps import AppConfig

from . import checks  # noqa: F401 - registers the deployment checks


class CoreConfig(AppConfig):
    """The bottom layer: database tuning, security middleware, deployment checks,
    Chinese text utilities (core.text) and the working-day calendar (core.workdays)."""

    name = "core"
    verbose_name = "基础设施"

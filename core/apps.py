from django.apps import AppConfig

from . import checks  # noqa: F401 - registers the deployment checks


class CoreConfig(AppConfig):
    """The bottom layer: database tuning, security middleware, deployment checks,
    Chinese text utilities (core.text), the working-day calendar (core.workdays)
    and the public page cache's purge registry (core.pagecache)."""

    name = "core"
    verbose_name = "基础设施"

    def ready(self):
        # app registry: the purge wiring imports models, so it loads once they are ready
        from . import pagecache_signals

        pagecache_signals.register()

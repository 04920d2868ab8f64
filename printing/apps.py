from django.apps import AppConfig


class PrintingConfig(AppConfig):
    """Every print product a hall hangs or hands out (signage, badges, boards,
    forms, leaflets, rule boards), and the bounded WeasyPrint engine behind them."""

    name = "printing"
    verbose_name = "打印制作"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # app registry not ready at import: both read models (checks register on import)
        from . import cache_dependencies, checks, products  # noqa: F401

        products.register()
        cache_dependencies.register()

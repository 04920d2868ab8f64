"""URLs: admin and documents first, then the display preference, then Wagtail's page tree."""

from functools import update_wrapper

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from documents.feeds import DocumentFeed
from editorial import chooser as editorial_chooser
from themes import views as theme_views


def _admin_view(view):
    """Wrapped as Wagtail wraps its own admin views (admin access, never cached),
    keeping the view's attributes so a test can see which view a URL reaches."""
    return never_cache(update_wrapper(require_admin_access(view), view))


urlpatterns = [
    # The page chooser, with other centers' drafts and draft titles hidden
    # (editorial.chooser). Wagtail routes its chooser ahead of every
    # register_admin_urls hook and offers no hook for the titles, so these take
    # its paths here; tests/security/test_guarded_routes.py checks that
    # Wagtail's chooser URL names still land on them.
    path("admin/choose-page/", _admin_view(editorial_chooser.BrowseView.as_view())),
    path(
        "admin/choose-page/<int:parent_page_id>/",
        _admin_view(editorial_chooser.BrowseView.as_view()),
    ),
    path("admin/choose-page/search/", _admin_view(editorial_chooser.SearchView.as_view())),
    path(
        "admin/choose-page/chosen-multiple/",
        _admin_view(editorial_chooser.ChosenMultipleView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include("documents.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
    path("display/", theme_views.set_display_mode, name="set_display_mode"),
    path("feeds/documents/", DocumentFeed(), name="document_feed"),
    path("feeds/documents/<int:page_id>/", DocumentFeed(), name="document_feed_for"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Search and the staff pages read in the visitor's language: /search/ in
    # Chinese, /en/search/ in English.
    path("", include("staff.urls")),
    path("", include("search.urls")),
    path("", include("interaction.urls")),
    path("", include("disclosure.urls")),
    re_path(r"^((?:[\w\-]+/)*)$", theme_views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "themes.views.page_not_found"
handler500 = "themes.views.server_error"

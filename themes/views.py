"""Thin views owned by the theme: the display-mode switch and the error pages."""

import copy

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

ONE_YEAR = 60 * 60 * 24 * 365


def serve_page(request, path):
    """Wagtail's page view, falling back to the Chinese original.

    A page not (yet) translated into the requested language is served in
    Chinese under the same address, with a notice saying so, rather than a
    404: a visitor following the language switcher never hits a dead end.
    Only the routing is done in Chinese: the frame, the notice and the links
    stay in the requested language, so the reader stays under its prefix.
    """
    requested = translation.get_language()
    if requested != settings.LANGUAGE_CODE:
        # Wagtail caches a request's route on the request, with no public way
        # to drop it: the look in the requested language goes through a copy
        # (sharing the site already found), so that the fallback below can
        # route afresh in Chinese. It costs a second routing of pages that do
        # exist in the requested language.
        Site.find_for_request(request)
        route = Page.route_for_request(copy.copy(request), path)
        if route is None or route[0].locale.language_code != requested:
            request.translation_fallback = {
                "code": requested,
                "name": dict(settings.LANGUAGES).get(requested, requested),
            }
            with translation.override(settings.LANGUAGE_CODE):
                # Routed in Chinese and cached on the request, which Wagtail's
                # serve() below then uses.
                Page.route_for_request(request, path)
    return wagtail_views.serve(request, path)


def set_display_mode(request):
    """Switch between the standard and the elder-friendly (长辈) mode, then go back.

    A plain link, so it works without JavaScript and from the keyboard; the
    choice persists in a cookie. Only same-site `next` targets are followed.
    """
    mode = request.GET.get("mode", "standard")
    if mode not in settings.PORTAL_DISPLAY_MODES:
        mode = "standard"
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.PORTAL_DISPLAY_COOKIE,
        mode,
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@requires_csrf_token
def page_not_found(request, exception=None):
    """The Chinese 404 page, inside the site's frame so that the reader can go on."""
    template = loader.get_template("404.html")
    return HttpResponse(template.render({"request_path": request.path}, request), status=404)


@requires_csrf_token
def server_error(request):
    """The Chinese 500 page: standalone (no database, no context processors), no traceback."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)

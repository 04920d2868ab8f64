"""Template context every public page needs."""

from django.conf import settings

from .identity import current


def display_preferences(request):
    """The reader's display mode (标准 / 长辈模式), kept in a cookie across pages."""
    mode = request.COOKIES.get(settings.PORTAL_DISPLAY_COOKIE, "standard")
    if mode not in settings.PORTAL_DISPLAY_MODES:
        mode = "standard"
    return {"display_mode": mode}


def visual_identity(request):
    """The county's colours and logo (themes.identity), for the web pages."""
    return {"identity": current()}

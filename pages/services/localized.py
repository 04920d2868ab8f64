"""Listings on translated pages: every item, in the reader's language where it exists.

Translations are made page by page, so a translated center may have only
some of its stations translated. Its lists still show all of them: the
translation where one is live, the Chinese original otherwise (which the
language switcher's fallback serves too).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page


def in_reading_language(path: str, language: str | None) -> str:
    """`path` (a page's address) under the prefix of the language being read.

    A Chinese page linked from an English page keeps the reader in English:
    its address under /en/ serves the translation where there is one and the
    Chinese original with a notice otherwise (themes.views.serve_page). An
    address already under a language prefix is left as it is.
    """
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    if language == settings.LANGUAGE_CODE or language not in codes or not path.startswith("/"):
        return path
    if any(path.startswith(f"/{code}/") for code in codes if code != settings.LANGUAGE_CODE):
        return path
    return f"/{language}{path}"


class StaysInLanguageMixin:
    """Page links on a page read under a language prefix keep that prefix.

    Only links rendered for such a request (Wagtail's pageurl passes it) in
    its language: the admin, the search index and feeds keep each page's own
    address, and so does a link rendered under translation.override() (the
    switcher's link back to Chinese).
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)  # type: ignore[misc]
        if request is None or parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, in_reading_language(page_path, reading_language(request))


def reading_language(request) -> str | None:
    """The language of the address being served (its prefix, set by LocaleMiddleware)
    while it is the active language; None otherwise."""
    language = getattr(request, "LANGUAGE_CODE", None)
    return language if language == translation.get_language() else None


def in_default_locale(page: Page) -> Page:
    """`page` in the default (Chinese) locale; itself when it is that or has none."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def source_of(page: Page) -> Page:
    """in_default_locale() for a page being served: a page served in Chinese is
    its own source, which saves a query per page view."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return page
    return in_default_locale(page)


def localized(pages: list[Page], locale_id: int) -> list[Page]:
    """Swap each page for its live translation in `locale_id`, keeping the order
    and any attributes set on the originals' listing (e.g. listed_stations)."""
    if not pages:
        return pages
    translations = {
        p.translation_key: p
        for p in type(pages[0])
        .objects.live()
        .filter(locale_id=locale_id, translation_key__in=[p.translation_key for p in pages])
    }
    result = []
    for page in pages:
        translated = translations.get(page.translation_key)
        if translated is not None:
            translated.__dict__.update(
                {k: v for k, v in page.__dict__.items() if k.startswith("listed_")}
            )
        result.append(translated or page)
    return result
